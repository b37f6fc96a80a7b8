import { Counter, Histogram, Registry } from 'prom-client';

/** A cheap read of current state (a count, an age) that sets gauges; run once per scrape, not per message. */
export type Sampler = () => Promise<void>;

/**
 * Samplers run when Prometheus scrapes (every 15 s or so), so state that lives in the store costs one small
 * query per scrape and nothing on the hot path. A sampler that fails or hangs never fails the scrape: its
 * gauges keep their last value and the failure is counted, because a /metrics that answers 500 while the
 * database is down would hide every other series exactly when they matter.
 */
export class ScrapeSamplers {
  private readonly samplers = new Map<string, Sampler>();
  readonly failures: Counter<'sampler'>;
  readonly seconds: Histogram<'sampler'>;

  constructor(
    registry: Registry,
    private readonly timeoutMs = 2000,
  ) {
    this.failures = new Counter({
      name: 'loops_metric_sampler_failures_total',
      help: 'Scrape-time samplers (outbox, SLA queries) that failed or timed out; their gauges kept the last value.',
      labelNames: ['sampler'],
      registers: [registry],
    });
    this.seconds = new Histogram({
      name: 'loops_metric_sampler_duration_seconds',
      help: 'Time a scrape-time sampler took.',
      labelNames: ['sampler'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2],
      registers: [registry],
    });
  }

  add(name: string, sampler: Sampler): void {
    if (this.samplers.has(name)) throw new Error(`metric sampler ${name} registered twice`);
    this.samplers.set(name, sampler);
  }

  /** Runs every sampler in parallel, each bounded by the timeout; never rejects. */
  async runAll(): Promise<void> {
    await Promise.all([...this.samplers].map(([name, sampler]) => this.runOne(name, sampler)));
  }

  private async runOne(name: string, sampler: Sampler): Promise<void> {
    const stop = this.seconds.startTimer({ sampler: name });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`sampler ${name} timed out`)), this.timeoutMs);
    });
    try {
      await Promise.race([sampler(), timeout]);
    } catch {
      this.failures.inc({ sampler: name });
    } finally {
      clearTimeout(timer);
      stop();
    }
  }
}
