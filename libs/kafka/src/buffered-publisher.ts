import { KafkaRecord } from '@loops/contracts';
import { EventProducer } from './event-producer';

interface Pending {
  topic: string;
  records: KafkaRecord[];
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface BufferedPublisherOptions {
  /** Flush once this many records are waiting. */
  maxRecords: number;
  /** Flush at the latest this long after the first record arrived. */
  lingerMs: number;
}

/**
 * Groups publishes from many concurrent callers (HTTP requests) into one `sendBatch`. Each caller's
 * promise settles when its own records are acknowledged, so a request answers 202 only once durable.
 */
export class BufferedPublisher {
  private pending: Pending[] = [];
  private pendingCount = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly producer: EventProducer,
    private readonly options: BufferedPublisherOptions = { maxRecords: 1000, lingerMs: 5 },
  ) {}

  publish(topic: string, records: KafkaRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ topic, records, resolve, reject });
      this.pendingCount += records.length;
      if (this.pendingCount >= this.options.maxRecords) this.flushSoon(0);
      else if (!this.timer) this.flushSoon(this.options.lingerMs);
    });
  }

  /** Sends everything waiting and resolves when it is acknowledged (used at shutdown). */
  async flush(): Promise<void> {
    this.clearTimer();
    this.inFlight = this.inFlight.then(() => this.sendPending());
    await this.inFlight;
  }

  private flushSoon(delayMs: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delayMs);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async sendPending(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.pendingCount = 0;
    if (batch.length === 0) return;
    const byTopic = new Map<string, KafkaRecord[]>();
    for (const p of batch) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), ...p.records]);
    try {
      await this.producer.publish([...byTopic].map(([topic, records]) => ({ topic, records })));
      batch.forEach((p) => p.resolve());
    } catch (error) {
      batch.forEach((p) => p.reject(error as Error));
    }
  }
}
