import { BusinessHours } from '../routing-tree/routing-tree.types';

const MINUTE = 60_000;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

interface LocalTime {
  weekday: number;
  /** Minutes since local midnight. */
  minuteOfDay: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localTime(at: Date, timeZone: string): LocalTime {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { weekday: WEEKDAYS[parts.weekday], minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute), second: Number(parts.second) };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/**
 * The instant an SLA of `minutes` started at `from` falls due. Without business hours that is plain
 * wall time; with them, only minutes inside the tenant's working hours (in its time zone) count, so a
 * case opened on Friday evening is due on Monday, not Saturday. Walks opening windows, a few steps a day.
 */
export function slaDueAt(from: Date, minutes: number, hours?: BusinessHours): Date {
  if (!hours) return new Date(from.getTime() + minutes * MINUTE);
  const open = toMinutes(hours.start);
  const close = toMinutes(hours.end);
  let at = new Date(Math.ceil(from.getTime() / MINUTE) * MINUTE);
  let left = minutes;
  // Bounded: at most two steps per calendar day, and a year of days covers any sane SLA.
  for (let step = 0; step < 800; step++) {
    const local = localTime(at, hours.timeZone);
    const workday = hours.days.includes(local.weekday);
    if (workday && local.minuteOfDay >= open && local.minuteOfDay < close) {
      const available = close - local.minuteOfDay;
      if (left <= available) return new Date(at.getTime() + left * MINUTE);
      left -= available;
      at = new Date(at.getTime() + available * MINUTE);
    } else {
      // Jump to the next opening: later today if before opening on a workday, else the next local midnight.
      const jump = workday && local.minuteOfDay < open ? open - local.minuteOfDay : 24 * 60 - local.minuteOfDay;
      at = new Date(at.getTime() + jump * MINUTE - local.second * 1000);
    }
  }
  throw new Error('businessHours: no working minutes found within a year');
}
