import { decodeModel, encodeModel } from './model-file';
import type { LinearModelData } from './linear-model';

describe('model file', () => {
  it('round-trips through int8 quantization within one quantization step', () => {
    const weights = new Float32Array((1 << 8) * 3);
    weights[3] = 1.27;
    weights[4] = -0.5;
    weights[100] = 0.004;
    const model: LinearModelData = { name: 't', labels: ['a', 'b', 'c'], features: { bits: 8, wordBigrams: true, charMin: 3, charMax: 4 }, weights, bias: Float32Array.from([0.1, 0, -0.1]), meta: { note: 'x' } };
    const decoded = decodeModel(encodeModel(model));
    expect(decoded.labels).toEqual(['a', 'b', 'c']);
    expect(decoded.features).toEqual(model.features);
    expect(decoded.meta).toEqual({ note: 'x' });
    expect(decoded.weights[3]).toBeCloseTo(1.27, 2);
    expect(decoded.weights[4]).toBeCloseTo(-0.5, 1);
    expect(decoded.weights[100]).toBe(0); // below half a step: pruned
    expect(Array.from(decoded.bias)).toEqual([expect.closeTo(0.1, 5), 0, expect.closeTo(-0.1, 5)]);
  });
});
