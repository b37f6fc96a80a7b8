/** The logging a periodic task needs (a pino logger fits). */
export interface PeriodicTaskLogger {
  warn(fields: object, message: string): void;
}

export interface PeriodicTaskOptions<T> {
  /** Named in every log line about the task. */
  name: string;
  /** Pause between the end of one pass and the start of the next; 0 or less: never on a timer (runNow only). */
  everyMs: number;
  /** One pass. Its result is handed to whoever asked for it with runNow(). */
  run: () => Promise<T>;
  logger: PeriodicTaskLogger;
}

/**
 * Runs an async pass every `everyMs`, never two at once: the next pass is scheduled when the previous
 * one has finished, so a slow pass delays the next instead of piling up. A failed timer pass is logged
 * with the task's name and the schedule goes on. `runNow()` runs a pass early (after the one in flight)
 * for a caller that needs it done. `stop()` cancels the next timer pass and waits for the pass in
 * flight, so a service's store and producer are still open while it finishes.
 */
export class PeriodicTask<T = unknown> {
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private stopped = false;
  /** Settles when every pass asked for so far has finished; never rejects. */
  private tail: Promise<unknown> = Promise.resolve();
  /** A pass asked for but not yet begun: later askers share it, since it will see their work too. */
  private queued: Promise<T> | undefined;

  constructor(private readonly options: PeriodicTaskOptions<T>) {}

  get name(): string {
    return this.options.name;
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.scheduleNext();
  }

  /**
   * Runs a pass as soon as the one in flight (if any) has finished and resolves with its result; a failure
   * rejects for the caller to handle. Still works after stop() (a consumer finishing its batch may need it).
   */
  runNow(): Promise<T> {
    if (this.queued) return this.queued;
    const pass = this.tail.then(() => {
      this.queued = undefined;
      return this.options.run();
    });
    this.queued = pass;
    this.tail = pass.catch(() => undefined);
    return pass;
  }

  /** Cancels the next timer pass and resolves when the pass in flight (and any asked for) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.tail;
  }

  private scheduleNext(): void {
    if (this.stopped || this.options.everyMs <= 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runNow()
        .catch((err: unknown) => this.options.logger.warn({ err, task: this.options.name }, `${this.options.name} failed; retrying next pass`))
        .finally(() => this.scheduleNext());
    }, this.options.everyMs);
  }
}
