import { context as otelContext } from '@opentelemetry/api';
import { ClassConstructor } from 'class-transformer';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import {
  CloudEvent,
  contractValidator,
  ContractValidator,
  describeErrors,
  EnvelopeError,
  findUnsafeJson,
  isWellFormedText,
  fromKafkaRecord,
  RawHeaders,
  Topics,
} from '@loops/contracts';
import type { Logger, PipelineMetrics } from '@loops/observability';
import { backoffDelay, waitWithHeartbeat } from './backoff';
import { DeadLetter, toDeadLetterRecord } from './dead-letter';
import { NonRetryableError } from './errors';
import { isTransientError } from './transient';
import { EventProducer } from './event-producer';
import { endProcessSpan, ItemTrace, startProcessSpan } from './message-spans';
import { tracingActive } from './trace-headers';

export interface ConsumedEvent<T> {
  event: CloudEvent<T>;
  data: T;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  message: KafkaMessage;
  /**
   * This item's processing span (tracing on only), child of the trace its headers carry. Handlers put
   * `trace.carrier` on what the item produces (records, outbox rows) so the item stays one trace.
   */
  trace?: ItemTrace;
}

export interface BatchContext {
  /** Call during long work so the group coordinator does not think this member died. */
  heartbeat(): Promise<void>;
  topic: string;
  partition: number;
}

/**
 * Applies the effects of a batch durably (store writes, produced events) and only then returns.
 * Must be idempotent: after a crash the same messages arrive again.
 */
export type BatchHandler<T> = (events: ConsumedEvent<T>[], context: BatchContext) => Promise<void>;

export interface BatchConsumerOptions<T extends object> {
  service: string;
  groupId: string;
  topic: string;
  contract: ClassConstructor<T>;
  handler: BatchHandler<T>;
  logger: Logger;
  metrics: PipelineMetrics;
  /** Attempts for the whole batch before poison messages are isolated one by one. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  dlqTopic?: string;
  /** Partitions processed in parallel by one member; ordering still holds within each partition. */
  partitionsConsumedConcurrently?: number;
  /** Decodes a message into its contract data; the default reads a CloudEvent and validates its data. */
  decode?: (message: KafkaMessage) => { event: CloudEvent<unknown>; plain: unknown };
}

type Decoded<T> = { ok: true; value: ConsumedEvent<T> } | { ok: false; letter: DeadLetter };

/**
 * The consumer every service uses: `eachBatch`, validation of every message against its contract class,
 * bounded retries with backoff, poison isolation into the DLQ, offsets committed only after the
 * handler's effects are durable. A poison message never blocks its partition and is never dropped.
 */
export class BatchConsumer<T extends object> {
  private readonly consumer: Consumer;
  private readonly maxAttempts: number;
  private readonly dlqTopic: string;
  private readonly log: Logger;
  /** Compiled once per consumer: the JSON Schema validator for Loops' own events (see `contractValidator`). */
  private readonly validate: ContractValidator<T>;
  /** Partitions whose lag this member has reported (see `recordLag`). */
  private readonly reportedPartitions = new Set<number>();

  constructor(
    kafka: Kafka,
    private readonly producer: EventProducer,
    private readonly options: BatchConsumerOptions<T>,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: 4 * 1024 * 1024,
    });
    this.maxAttempts = options.maxAttempts ?? 3;
    this.dlqTopic = options.dlqTopic ?? Topics.feedbackDlq;
    this.log = options.logger.child({ component: 'batch-consumer', topic: options.topic, groupId: options.groupId });
    this.validate = contractValidator(options.contract);
  }

  async start(): Promise<void> {
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) =>
      this.forgetRevoked(payload.memberAssignment[this.options.topic] ?? []),
    );
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.options.topic], fromBeginning: true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.processBatch(payload),
    });
    this.log.info('consumer started');
  }

  /** Graceful: kafkajs lets the running batch finish, commits resolved offsets, then leaves the group. */
  async stop(): Promise<void> {
    await this.consumer.disconnect();
    this.log.info('consumer stopped');
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat, resolveOffset, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    if (batch.messages.length === 0) return;
    const labels = { topic: batch.topic };
    const stopTimer = this.options.metrics.batchSeconds.startTimer(labels);
    this.options.metrics.consumed.inc(labels, batch.messages.length);
    this.options.metrics.batchSize.observe(labels, batch.messages.length);

    const traced = tracingActive();
    const decoded = batch.messages.map((m) => this.decode(batch.topic, batch.partition, m, traced));
    const valid = decoded.flatMap((d) => (d.ok ? [d.value] : []));
    const letters = decoded.flatMap((d) => (d.ok ? [] : [d.letter]));
    const context: BatchContext = { heartbeat, topic: batch.topic, partition: batch.partition };
    let outcome: 'done' | 'revoked' | 'failed' = 'failed';
    try {
      if (valid.length > 0) {
        const failedBatch = await this.runWithRetries(valid, context, isRunning, isStale);
        if (failedBatch === 'stale') {
          outcome = 'revoked'; // a rebalance took the partition; its new owner re-reads it
          return;
        }
        if (failedBatch) letters.push(...(await this.isolatePoison(valid, context)));
      }

      if (letters.length > 0) await this.deadLetter(letters);
      // Effects and DLQ records are durable: now, and only now, the offsets may move.
      resolveOffset(batch.lastOffset());
      await heartbeat();
      await commitOffsetsIfNecessary();
      outcome = 'done';
      this.recordLag(batch.topic, batch.partition, Number(batch.highWatermark) - Number(batch.lastOffset()) - 1);
      stopTimer();
    } finally {
      if (traced) endItemTraces(valid, letters, outcome);
    }
  }

  /**
   * A batch of one runs inside its item's span, so what the handler logs and starts belongs to that trace;
   * a larger batch spans many traces and runs in none (handlers use each event's `trace`).
   */
  private invoke(events: ConsumedEvent<T>[], context: BatchContext): Promise<void> {
    const only = events.length === 1 ? events[0].trace : undefined;
    return only ? otelContext.with(only.context, () => this.options.handler(events, context)) : this.options.handler(events, context);
  }

  /**
   * Returns false on success, true when every attempt failed, 'stale' when the batch was taken away.
   * Transient infrastructure errors do not use up attempts: the partition waits for the database or
   * broker to return instead of dead-lettering good messages during an outage.
   */
  private async runWithRetries(
    events: ConsumedEvent<T>[],
    context: BatchContext,
    isRunning: () => boolean,
    isStale: () => boolean,
  ): Promise<boolean | 'stale'> {
    let attempt = 0;
    let outageWaits = 0;
    while (attempt < this.maxAttempts) {
      if (!isRunning() || isStale()) return 'stale';
      try {
        await this.invoke(events, context);
        return false;
      } catch (error) {
        if (error instanceof NonRetryableError) return true;
        const transient = isTransientError(error);
        this.options.metrics.failed.inc({ topic: context.topic, kind: transient ? 'transient' : 'retry' });
        if (transient) outageWaits++;
        else attempt++;
        if (attempt >= this.maxAttempts) break;
        const delay = transient
          ? backoffDelay(outageWaits, 500, 10000)
          : backoffDelay(attempt, this.options.backoffBaseMs ?? 200, this.options.backoffMaxMs ?? 5000);
        this.log.warn(
          { err: error, attempt, outageWaits, transient, size: events.length, delayMs: delay },
          transient ? 'infrastructure unavailable, waiting' : 'batch failed, backing off',
        );
        await waitWithHeartbeat(delay, context.heartbeat);
      }
    }
    return true;
  }

  /**
   * The batch kept failing: run each message alone so one poison message cannot hold back the good
   * ones. A message that still fails goes to the DLQ with the handler's error as its reason.
   */
  private async isolatePoison(events: ConsumedEvent<T>[], context: BatchContext): Promise<DeadLetter[]> {
    const letters: DeadLetter[] = [];
    for (const event of events) {
      try {
        await this.invoke([event], context);
      } catch (error) {
        // An outage that began during isolation is not this message's fault: give the batch back
        // uncommitted; it will be redelivered once the infrastructure is back.
        if (isTransientError(error)) throw error;
        this.options.metrics.failed.inc({ topic: context.topic, kind: 'processing' });
        // Logged inside the item's span, so the line carries the item's trace id.
        const logIt = () => this.log.error({ err: error, offset: event.offset, partition: event.partition }, 'message sent to DLQ');
        if (event.trace) otelContext.with(event.trace.context, logIt);
        else logIt();
        letters.push({
          sourceTopic: event.topic,
          partition: event.partition,
          message: event.message,
          reasonKind: 'processing',
          reason: (error as Error).message ?? String(error),
          attempts: this.maxAttempts + 1,
        });
      }
      await context.heartbeat();
    }
    return letters;
  }

  /**
   * Lag from the batch's own high watermark: no admin round trip per batch or per scrape. Only partitions
   * this member owns are reported; `forgetRevoked` drops the others on each rebalance so two members never
   * both report one partition.
   */
  private recordLag(topic: string, partition: number, lag: number): void {
    const labels = { group: this.options.groupId, topic, partition: String(partition) };
    this.options.metrics.consumerLag.set(labels, Math.max(0, lag));
    this.options.metrics.consumerLastBatch.set(labels, Date.now() / 1000);
    this.reportedPartitions.add(partition);
  }

  private forgetRevoked(assigned: number[]): void {
    const owned = new Set(assigned);
    for (const partition of this.reportedPartitions) {
      if (owned.has(partition)) continue;
      const labels = { group: this.options.groupId, topic: this.options.topic, partition: String(partition) };
      this.options.metrics.consumerLag.remove(labels);
      this.options.metrics.consumerLastBatch.remove(labels);
      this.reportedPartitions.delete(partition);
    }
  }

  private async deadLetter(letters: DeadLetter[]): Promise<void> {
    const records = letters.map((l) => toDeadLetterRecord(this.options.service, l));
    // If the DLQ itself is unreachable this throws: the batch is not committed and will be redelivered,
    // because dropping a message silently is worse than reprocessing it.
    await this.producer.publish([{ topic: this.dlqTopic, records }]);
    for (const l of letters) this.options.metrics.deadLettered.inc({ topic: l.sourceTopic, kind: l.reasonKind });
  }

  private decode(topic: string, partition: number, message: KafkaMessage, traced: boolean): Decoded<T> {
    const ref = () => ({ topic, partition, offset: message.offset, groupId: this.options.groupId, headers: message.headers as RawHeaders });
    const reject = (reasonKind: DeadLetter['reasonKind'], reason: string): Decoded<T> => {
      this.options.metrics.failed.inc({ topic, kind: reasonKind });
      // The rejected item's trace still shows where it ended: a process span marked dead-lettered.
      if (traced) endProcessSpan(startProcessSpan(ref()), { error: reason, attributes: { 'loops.dead_lettered': true, 'loops.dlq.reason_kind': reasonKind } });
      return { ok: false, letter: { sourceTopic: topic, partition, message, reasonKind, reason, attempts: 1 } };
    };
    let event: CloudEvent<unknown>;
    let plain: unknown;
    try {
      if (this.options.decode) ({ event, plain } = this.options.decode(message));
      else {
        event = fromKafkaRecord(message.value, message.headers as RawHeaders, message.timestamp);
        plain = event.data;
      }
    } catch (error) {
      return reject('envelope', error instanceof EnvelopeError ? error.message : String(error));
    }
    const badAttribute = unsafeEnvelopeAttribute(event);
    if (badAttribute) return reject('envelope', badAttribute);
    // What PostgreSQL cannot store (NUL, lone surrogates) or no handler expects (prototype keys, depth)
    // is refused here with its path, instead of failing the handler and burning retries.
    const unsafe = findUnsafeJson(plain, { rejectNull: false, rejectNulInStrings: true });
    if (unsafe) return reject('validation', describeErrors([unsafe]));
    const result = this.validate(plain);
    if (!result.ok) return reject('validation', describeErrors(result.errors));
    return {
      ok: true,
      value: {
        event: { ...event, data: result.value },
        data: result.value,
        topic,
        partition,
        offset: message.offset,
        key: message.key?.toString('utf8') ?? null,
        message,
        trace: traced ? startProcessSpan({ ...ref(), eventId: event.id, eventType: event.type }) : undefined,
      },
    };
  }
}

/** Ends each item's processing span: dead-lettered items and batches left for redelivery are marked. */
function endItemTraces<T>(events: ConsumedEvent<T>[], letters: DeadLetter[], outcome: 'done' | 'revoked' | 'failed'): void {
  const deadLettered = new Map(letters.map((l) => [l.message.offset, l]));
  for (const e of events) {
    const letter = deadLettered.get(e.offset);
    if (letter) endProcessSpan(e.trace, { error: letter.reason, attributes: { 'loops.dead_lettered': true, 'loops.dlq.reason_kind': letter.reasonKind } });
    else if (outcome === 'failed') endProcessSpan(e.trace, { error: 'batch failed; left uncommitted for redelivery' });
    else endProcessSpan(e.trace, outcome === 'revoked' ? { attributes: { 'loops.partition_revoked': true } } : {});
  }
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F]/;

/** CloudEvents attributes end up in logs, ids and rows: control characters in them are refused. */
function unsafeEnvelopeAttribute(event: CloudEvent<unknown>): string | undefined {
  for (const name of ['id', 'source', 'type', 'subject', 'correlationid'] as const) {
    const value = event[name];
    if (typeof value === 'string' && (CONTROL.test(value) || !isWellFormedText(value))) return `ce_${name} contains control characters or invalid Unicode`;
  }
  return undefined;
}
