/** When an owner's digest goes out: every day, or one day a week, at an hour (UTC). */
export interface DigestSchedule {
  cadence: 'daily' | 'weekly';
  /** ISO weekday, Monday = 1 ... Sunday = 7; weekly digests only. */
  weekday: number;
  /** 0-23, UTC. */
  hourUtc: number;
}

export interface DigestPeriod {
  from: Date;
  to: Date;
}

const DAY = 86_400_000;

/**
 * The newest period whose digest is due at `now`: it ends at the latest scheduled instant at or before
 * `now` and spans one day or one week before it. A new subscription therefore gets the period that has just
 * ended at once, and the next one at the next scheduled instant; a service that was down sends the newest
 * missed digest when it is back (not every missed one: an owner wants the current picture).
 */
export function duePeriod(schedule: DigestSchedule, now: Date): DigestPeriod {
  const todayAtHour = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), schedule.hourUtc);
  let end = todayAtHour <= now.getTime() ? todayAtHour : todayAtHour - DAY;
  if (schedule.cadence === 'weekly') {
    const isoWeekday = ((new Date(end).getUTCDay() + 6) % 7) + 1;
    end -= ((isoWeekday - schedule.weekday + 7) % 7) * DAY;
  }
  return { from: new Date(end - (schedule.cadence === 'weekly' ? 7 : 1) * DAY), to: new Date(end) };
}
