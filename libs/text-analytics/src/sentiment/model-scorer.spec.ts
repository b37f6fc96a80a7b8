import { calibratedDistribution } from './model-scorer';

describe('calibratedDistribution', () => {
  it('divides logits by the temperature before the softmax (label unchanged, confidence softer)', () => {
    const labels = ['negative', 'neutral', 'positive'];
    const sharp = calibratedDistribution([0, 0, 2], labels, 1);
    const soft = calibratedDistribution([0, 0, 2], labels, 2);
    expect(sharp.positive).toBeCloseTo(Math.exp(2) / (2 + Math.exp(2)), 6);
    expect(soft.positive).toBeCloseTo(Math.exp(1) / (2 + Math.exp(1)), 6);
    expect(soft.positive).toBeLessThan(sharp.positive);
    expect(soft.positive).toBeGreaterThan(soft.neutral);
  });

  it('turns a binary margin into three classes: neutral near zero, and P(pos)/(P(pos)+P(neg)) stays sigmoid(z)', () => {
    const labels = ['negative', 'positive'];
    const undecided = calibratedDistribution([0, 0.1], labels, 1);
    expect(undecided.neutral).toBeGreaterThan(Math.max(undecided.negative, undecided.positive));
    const clear = calibratedDistribution([1.5, -1.5], labels, 1);
    expect(clear.negative).toBeGreaterThan(0.9);
    const z = 1.2;
    const d = calibratedDistribution([0, z * 2], labels, 2);
    expect(d.positive / (d.positive + d.negative)).toBeCloseTo(1 / (1 + Math.exp(-z)), 6);
    expect(d.negative + d.neutral + d.positive).toBeCloseTo(1, 9);
  });
});
