import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { TopicRecords } from '@loops/kafka';
import { outboxSampler, PipelineMetrics } from '@loops/observability';
import type { PeriodicTask, PeriodicTaskLogger } from '../periodic/periodic-task';
import type { PeriodicTasks } from '../periodic/periodic-tasks';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * An outbox is a table whose rows are staged with the transaction that caused them and carry
 * `published_at`, set once Kafka has acknowledged them. Every name here is fixed SQL from code, never input.
 */
export interface OutboxDefinition<Item, Row = Record<string, unknown>> {
  /** Label of the depth/age metrics and part of the relay task's name, e.g. `feedback`. */
  name: string;
  table: string;
  /** The row's key column and its SQL type (rows are marked sent by `id = ANY($1::type[])`). */
  id: { column: string; type: 'uuid' | 'text' };
  /** When the row was staged: the relay sends the oldest first and waits `relayAfterMs` past it. */
  since: string;
  /** The select list the relay reads to rebuild an item, e.g. `event` or `*`. */
  select: string;
  fromRow(row: Row): Item;
  idOf(item: Item): string;
  /** The records of the items, in order (keys decide partitions), on one topic or several. */
  toRecords(items: Item[]): TopicRecords[];
  /** Extra assignments made when rows are marked sent, e.g. `customer_pseudonym = NULL`. */
  onSent?: string;
  /** Called once the items are on Kafka (counters). */
  afterSent?(items: Item[]): void;
}

/** How a service wires an outbox: where it sends and how often the relay runs. */
export interface OutboxOptions {
  /** Pause between relay passes; 0 or less: no timer (publishPending/runNow only). */
  relayEveryMs: number;
  /** The relay leaves rows younger than this to the inline publish that is normally still under way. */
  relayAfterMs: number;
  /** Rows claimed per relay round; a pass takes rounds until the backlog is empty. */
  batchSize?: number;
  /** Sends the inline publishes (default: the shared EventProducer, as the relay); ingestion groups its HTTP requests' sends here. */
  sendInline?: (batches: TopicRecords[]) => Promise<void>;
}

export interface OutboxDeps {
  dataSource: DataSource;
  send: (batches: TopicRecords[]) => Promise<void>;
  tasks: PeriodicTasks;
  metrics: PipelineMetrics;
  logger: PeriodicTaskLogger & { info(fields: object, message: string): void };
}

/** Which unpublished rows a claim takes: all, or those whose `column` is one of `values`. */
export interface OutboxScope {
  column: string;
  values: string[];
  type: 'uuid' | 'text';
}

/**
 * The one outbox of every service. `stage` happens inside the caller's transaction (the table's own
 * data-access code inserts the rows); after commit `publish` sends what the caller has in hand and marks
 * it; a relay on a PeriodicTask claims what is left (a crash or a broker outage between commit and
 * publish) with FOR UPDATE SKIP LOCKED, so several instances never send the same rows at once, sends it
 * and marks it in the same transaction. A row is marked only after Kafka acknowledged it: nothing is lost,
 * and a row sent twice (a crash between send and mark) is absorbed by the consumers' idempotent writes.
 */
export class Outbox<Item, Row = Record<string, unknown>> {
  private readonly relayTask: PeriodicTask<number>;
  private readonly batchSize: number;

  constructor(
    private readonly definition: OutboxDefinition<Item, Row>,
    private readonly deps: OutboxDeps,
    private readonly options: OutboxOptions,
  ) {
    for (const name of [definition.table, definition.id.column, definition.since]) {
      if (!IDENTIFIER.test(name)) throw new Error(`outbox ${definition.name}: bad identifier "${name}"`);
    }
    this.batchSize = options.batchSize ?? 1000;
    this.relayTask = deps.tasks.schedule({
      name: `${definition.name} outbox relay`,
      everyMs: options.relayEveryMs,
      run: () => this.relayPass(),
      logger: deps.logger,
    });
    // Depth and age of what still waits for Kafka, read once per scrape (see ScrapeSamplers).
    deps.metrics.samplers.add(
      `outbox:${definition.name}`,
      outboxSampler((sql, params) => deps.dataSource.query(sql, params), [{ outbox: definition.name, table: definition.table, since: definition.since }], {
        depth: deps.metrics.outboxDepth,
        oldestAge: deps.metrics.outboxOldestAge,
      }),
    );
  }

  get name(): string {
    return this.definition.name;
  }

  /** Sends items the caller has just committed (no read-back) and marks them; a failure rejects. */
  async publish(items: Item[]): Promise<void> {
    await Outbox.publishTogether([this.with(items)]);
  }

  /** Like publish, but a failure is logged and the rows are left to the relay; resolves whether they went. */
  async publishOrLeave(items: Item[]): Promise<boolean> {
    try {
      await this.publish(items);
      return true;
    } catch (err) {
      this.deps.logger.warn({ err, outbox: this.definition.name, count: items.length }, 'publish failed; left to the outbox relay');
      return false;
    }
  }

  /** Pairs items with this outbox for publishTogether. */
  with(items: Item[]): OutboxItems {
    return new OutboxItems(this as Outbox<unknown, unknown>, items);
  }

  /**
   * Sends the items of several outboxes in one producer call (one request on the hot path), then marks
   * each outbox's rows. All outboxes must share one sender.
   */
  static async publishTogether(parts: OutboxItems[]): Promise<void> {
    const nonEmpty = parts.filter((p) => p.items.length > 0);
    if (nonEmpty.length === 0) return;
    const send = nonEmpty[0].outbox.options.sendInline ?? nonEmpty[0].outbox.deps.send;
    await send(nonEmpty.flatMap((p) => p.outbox.definition.toRecords(p.items)));
    for (const p of nonEmpty) p.outbox.definition.afterSent?.(p.items);
    for (const p of nonEmpty) await p.outbox.markSent(p.outbox.deps.dataSource.manager, p.items.map((i) => p.outbox.definition.idOf(i)));
  }

  /** Claims, sends and marks every unpublished row now, serialised with the relay's passes; returns how many went. */
  publishPending(): Promise<number> {
    this.takeAllNextPass = true;
    return this.relayTask.runNow();
  }

  /** Claims, sends and marks the unpublished rows in `scope` now; returns the items that went. */
  async publishMatching(scope: OutboxScope): Promise<Item[]> {
    if (scope.values.length === 0) return [];
    return this.claimAndSend(0, scope);
  }

  /** One relay pass over rows older than relayAfterMs (the periodic task's body); exposed for tests and CLIs. */
  relayOnce(olderThanMs = this.options.relayAfterMs): Promise<number> {
    return this.drain(olderThanMs);
  }

  /** Set by publishPending: the next pass takes young rows too (a timer pass leaves them to the inline publish). */
  private takeAllNextPass = false;

  private async relayPass(): Promise<number> {
    const all = this.takeAllNextPass;
    this.takeAllNextPass = false;
    const sent = await this.drain(all ? 0 : this.options.relayAfterMs);
    // Rows a timer pass finds were left behind (a crash, a broker outage): worth a line in the log.
    if (!all && sent > 0) this.deps.logger.info({ outbox: this.definition.name, count: sent }, 'relayed unpublished rows');
    return sent;
  }

  private async drain(olderThanMs: number): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = (await this.claimAndSend(olderThanMs)).length;
      total += sent;
      if (sent < this.batchSize) break;
    }
    return total;
  }

  private async claimAndSend(olderThanMs: number, scope?: OutboxScope): Promise<Item[]> {
    const d = this.definition;
    if (scope && !IDENTIFIER.test(scope.column)) throw new Error(`outbox ${d.name}: bad scope column "${scope.column}"`);
    return this.deps.dataSource.transaction(async (m) => {
      const params: unknown[] = [this.batchSize];
      let where = 'published_at IS NULL';
      // Only the timer's pass waits for rows to age: anything else takes every row, also one stamped with a
      // business time ahead of the database clock (an escalation run for a given instant).
      if (olderThanMs > 0) {
        params.push(olderThanMs);
        where += ` AND ${d.since} <= now() - ($${params.length}::int * interval '1 millisecond')`;
      }
      if (scope) {
        params.push(scope.values);
        where += ` AND ${scope.column} = ANY($${params.length}::${scope.type}[])`;
      }
      const rows = (await m.query(`SELECT ${d.select} FROM ${d.table} WHERE ${where} ORDER BY ${d.since} LIMIT $1 FOR UPDATE SKIP LOCKED`, params)) as Row[];
      if (rows.length === 0) return [];
      const items = rows.map((r) => d.fromRow(r));
      await this.deps.send(d.toRecords(items));
      d.afterSent?.(items);
      await this.markSent(m, items.map((i) => d.idOf(i)));
      return items;
    });
  }

  private async markSent(m: EntityManager, ids: string[]): Promise<void> {
    const d = this.definition;
    const extra = d.onSent ? `, ${d.onSent}` : '';
    await m.query(`UPDATE ${d.table} SET published_at = now()${extra} WHERE ${d.id.column} = ANY($1::${d.id.type}[]) AND published_at IS NULL`, [ids]);
  }
}

/** Items bound to their outbox, for Outbox.publishTogether. */
export class OutboxItems {
  constructor(
    readonly outbox: Outbox<unknown, unknown>,
    readonly items: unknown[],
  ) {}
}
