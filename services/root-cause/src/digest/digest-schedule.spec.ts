import { duePeriod } from './digest-schedule';

describe('digest schedule', () => {
  it('a daily digest covers the day that ended at the latest scheduled hour', () => {
    expect(duePeriod({ cadence: 'daily', weekday: 1, hourUtc: 8 }, new Date('2026-11-25T09:30:00Z'))).toEqual({
      from: new Date('2026-11-24T08:00:00Z'),
      to: new Date('2026-11-25T08:00:00Z'),
    });
    // Before today's hour the newest due period ended yesterday.
    expect(duePeriod({ cadence: 'daily', weekday: 1, hourUtc: 8 }, new Date('2026-11-25T07:59:59Z')).to).toEqual(new Date('2026-11-24T08:00:00Z'));
    // Exactly at the hour it is due.
    expect(duePeriod({ cadence: 'daily', weekday: 1, hourUtc: 8 }, new Date('2026-11-25T08:00:00Z')).to).toEqual(new Date('2026-11-25T08:00:00Z'));
  });

  it('a weekly digest covers the week that ended at the latest scheduled weekday and hour', () => {
    // 2026-11-25 is a Wednesday; Monday 08:00 is the 23rd.
    expect(duePeriod({ cadence: 'weekly', weekday: 1, hourUtc: 8 }, new Date('2026-11-25T12:00:00Z'))).toEqual({
      from: new Date('2026-11-16T08:00:00Z'),
      to: new Date('2026-11-23T08:00:00Z'),
    });
    // On the scheduled Wednesday after its hour: today.
    expect(duePeriod({ cadence: 'weekly', weekday: 3, hourUtc: 6 }, new Date('2026-11-25T12:00:00Z')).to).toEqual(new Date('2026-11-25T06:00:00Z'));
    // On the scheduled Wednesday before its hour: a week ago.
    expect(duePeriod({ cadence: 'weekly', weekday: 3, hourUtc: 18 }, new Date('2026-11-25T12:00:00Z')).to).toEqual(new Date('2026-11-18T18:00:00Z'));
    // Sunday = 7.
    expect(duePeriod({ cadence: 'weekly', weekday: 7, hourUtc: 0 }, new Date('2026-11-25T12:00:00Z')).to).toEqual(new Date('2026-11-22T00:00:00Z'));
  });
});
