import { retryDelayMs } from './webhook.dispatcher';

describe('webhook retry delay: exponential backoff with full jitter', () => {
  it('draws uniformly below base·2^(attempt-1)', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1000, () => 0.999999))).toEqual([999, 1999, 3999, 7999]);
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1000, () => 0))).toEqual([0, 0, 0, 0]);
    expect(retryDelayMs(3, 1000, () => 0.5)).toBe(2000);
  });

  it('caps the ceiling at six hours', () => {
    expect(retryDelayMs(40, 5000, () => 0.5)).toBe(3 * 3600_000);
  });

  it('spreads deliveries that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(5, 5000)));
    expect(delays.size).toBeGreaterThan(40);
    for (const d of delays) expect(d).toBeLessThan(80_000);
  });
});
