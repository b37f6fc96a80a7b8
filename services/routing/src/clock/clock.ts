/**
 * Where "now" comes from. Cases, SLAs and escalation read time only through this, so tests (and the
 * admin clock endpoint) can move time instead of sleeping.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
