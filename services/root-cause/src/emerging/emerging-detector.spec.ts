import { ewma, judgeBucket, poissonUpperTail } from './emerging-detector';

describe('emerging-issue detector', () => {
  it('computes the EWMA oldest first', () => {
    expect(ewma([10, 0], 0.5)).toBe(5);
    expect(ewma([2, 2, 2], 0.3)).toBeCloseTo(2);
  });

  it('computes the Poisson upper tail', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2));
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * (1 + 1 + 0.5));
  });

  it.each([
    ['a spike far above a quiet baseline opens', [1, 1, 2, 1, 1, 1], 12, true],
    ['normal volume does not', [3, 4, 2, 3, 5, 3], 5, false],
    ['a small count never opens, however quiet the past', [0, 0, 0, 0], 4, false],
    ['a busy theme needs a proportionally bigger spike', [40, 42, 38, 41], 52, false],
  ])('%s', (_name, history, observed, significant) => {
    expect(judgeBucket(history as number[], observed as number).significant).toBe(significant);
  });

  it('calls a bucket back near the baseline subsided', () => {
    const verdict = judgeBucket([1, 1, 1, 20], 1);
    expect(verdict.subsided).toBe(true);
    expect(verdict.significant).toBe(false);
  });
});
