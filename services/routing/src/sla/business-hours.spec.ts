import { slaDueAt } from './business-hours';

const JAKARTA = { timeZone: 'Asia/Jakarta', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' };
const NEW_YORK = { timeZone: 'America/New_York', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

describe('slaDueAt', () => {
  it.each([
    // [case, from (UTC), SLA minutes, business hours, due (UTC)]
    ['no business hours: plain wall time', '2026-11-20T10:00:00Z', 240, undefined, '2026-11-20T14:00:00Z'],
    ['inside hours, same day (Jakarta is UTC+7)', '2026-11-19T03:00:00Z', 120, JAKARTA, '2026-11-19T05:00:00Z'],
    ['runs past closing into the next morning', '2026-11-19T10:00:00Z', 90, JAKARTA, '2026-11-20T02:30:00Z'],
    ['opened before opening: clock starts at 09:00 local', '2026-11-19T00:00:00Z', 30, JAKARTA, '2026-11-19T02:30:00Z'],
    ['Friday evening waits for Monday', '2026-11-20T12:00:00Z', 60, JAKARTA, '2026-11-23T03:00:00Z'],
    ['a whole working day is 9 hours', '2026-11-23T02:00:00Z', 540, JAKARTA, '2026-11-23T11:00:00Z'],
    ['across a DST change (New York, 2026-11-01)', '2026-10-30T20:00:00Z', 120, NEW_YORK, '2026-11-02T15:00:00Z'],
  ])('%s', (_name, from, minutes, hours, due) => {
    expect(slaDueAt(new Date(from), minutes, hours).toISOString()).toBe(new Date(due).toISOString());
  });
});
