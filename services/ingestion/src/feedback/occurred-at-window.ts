import { FieldError } from '@loops/contracts';

/**
 * The span of `occurredAt` ingestion believes. A far-future date (`9999-12-31`) would write rollups for
 * buckets no one will reach and let one item close every open incident; a date before the floor is a
 * default value from a broken exporter, not feedback. Both are refused at the door, per item.
 */
export class OccurredAtWindow {
  constructor(
    /** How far ahead of this server's clock an item may be dated (clock skew of the source). */
    readonly maxFutureSkewMs: number,
    /** Earliest date accepted. */
    readonly floor: Date,
  ) {}

  static fromEnv(env: { OCCURRED_AT_MAX_FUTURE_SKEW_MINUTES: number; OCCURRED_AT_FLOOR: string }): OccurredAtWindow {
    return new OccurredAtWindow(env.OCCURRED_AT_MAX_FUTURE_SKEW_MINUTES * 60_000, new Date(env.OCCURRED_AT_FLOOR));
  }

  /** A field error for `occurredAt` outside the window, judged against `now` (the receipt time). */
  check(occurredAt: Date, now: Date): FieldError | undefined {
    if (Number.isNaN(occurredAt.getTime())) return { field: 'occurredAt', messages: ['occurredAt is not a valid date'] };
    const latest = new Date(now.getTime() + this.maxFutureSkewMs);
    if (occurredAt > latest) {
      return {
        field: 'occurredAt',
        messages: [`occurredAt ${occurredAt.toISOString()} is in the future: at most ${this.maxFutureSkewMs / 60_000} minutes ahead of the server clock (${latest.toISOString()}) is accepted`],
      };
    }
    if (occurredAt < this.floor) {
      return { field: 'occurredAt', messages: [`occurredAt ${occurredAt.toISOString()} is before the earliest accepted date ${this.floor.toISOString()}`] };
    }
    return undefined;
  }
}
