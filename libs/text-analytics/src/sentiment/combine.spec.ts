import { combineEvidence } from './combine';
import type { Polarity } from './polarity';

const flat: Polarity = { negative: 0.05, neutral: 0.9, positive: 0.05 };
const glowing: Polarity = { negative: 0.02, neutral: 0.03, positive: 0.95 };

describe('combineEvidence', () => {
  it('keeps the text decision when there are no scores', () => {
    expect(combineEvidence(glowing, undefined)).toEqual({ label: 'positive', score: 0.95 - 0.02, confidence: 0.95 });
  });
  it('lets a detractor score decide a flat comment', () => {
    for (const nps of [0, 2, 4, 6]) expect(combineEvidence(flat, { nps }).label).toBe('negative');
  });
  it('treats passives as neutral-to-positive, promoters as positive', () => {
    expect(combineEvidence(flat, { nps: 7 }).label).toBe('neutral');
    expect(combineEvidence(flat, { nps: 9 }).label).toBe('positive');
  });
  it('lets glowing text and a bad score cancel to neutral rather than flip', () => {
    expect(combineEvidence(glowing, { nps: 3 }).label).toBe('neutral');
  });
  it('clamps out-of-range scores and ignores non-numbers', () => {
    expect(combineEvidence(flat, { nps: -5 }).label).toBe('negative');
    expect(combineEvidence(flat, { csat: 99 }).label).toBe('positive');
    expect(combineEvidence(flat, { nps: Number.NaN }).label).toBe('neutral');
  });
  it('keeps score and confidence in range', () => {
    const result = combineEvidence(flat, { nps: 0, csat: 1, ces: 1 });
    expect(result.score).toBeGreaterThanOrEqual(-1);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.confidence).toBeGreaterThanOrEqual(0.5);
  });
});
