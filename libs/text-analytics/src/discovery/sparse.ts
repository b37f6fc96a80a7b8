/** Compressed sparse rows: one row per complaint, one column per term. */
export interface SparseRows {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float64Array;
}

/** out (rows×k, row-major) = A · m (cols×k, row-major). */
export function multiply(a: SparseRows, m: Float64Array, k: number): Float64Array {
  const out = new Float64Array(a.rows * k);
  for (let i = 0; i < a.rows; i++) {
    const o = i * k;
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
      const v = a.values[p];
      const mo = a.colIdx[p] * k;
      for (let c = 0; c < k; c++) out[o + c] += v * m[mo + c];
    }
  }
  return out;
}

/** out (cols×k, row-major) = Aᵀ · m (rows×k, row-major). */
export function multiplyTransposed(a: SparseRows, m: Float64Array, k: number): Float64Array {
  const out = new Float64Array(a.cols * k);
  for (let i = 0; i < a.rows; i++) {
    const mo = i * k;
    for (let p = a.rowPtr[i]; p < a.rowPtr[i + 1]; p++) {
      const v = a.values[p];
      const o = a.colIdx[p] * k;
      for (let c = 0; c < k; c++) out[o + c] += v * m[mo + c];
    }
  }
  return out;
}
