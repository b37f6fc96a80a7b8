import { gaussian, seededRandom } from '../random';
import { multiply, multiplyTransposed, SparseRows } from './sparse';

/** gram = mᵀm (k×k) for a row-major n×k matrix. */
function gram(m: Float64Array, n: number, k: number): Float64Array {
  const g = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let a = 0; a < k; a++) {
      const va = m[o + a];
      if (va === 0) continue;
      const ga = a * k;
      for (let b = a; b < k; b++) g[ga + b] += va * m[o + b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) g[a * k + b] = g[b * k + a];
  return g;
}

/** Lower Cholesky factor of a symmetric positive (semi)definite matrix, with a small ridge for rank deficiency. */
function cholesky(g: Float64Array, k: number): Float64Array {
  let trace = 0;
  for (let a = 0; a < k; a++) trace += g[a * k + a];
  const ridge = Math.max(trace / k, 1e-12) * 1e-10;
  const l = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      let sum = g[a * k + b] + (a === b ? ridge : 0);
      for (let c = 0; c < b; c++) sum -= l[a * k + c] * l[b * k + c];
      l[a * k + b] = a === b ? Math.sqrt(Math.max(sum, ridge)) : sum / l[b * k + b];
    }
  }
  return l;
}

/** Orthonormal columns spanning m's (CholeskyQR, twice for accuracy), in place. */
function orthonormalize(m: Float64Array, n: number, k: number, passes = 2): void {
  for (let pass = 0; pass < passes; pass++) {
    const l = cholesky(gram(m, n, k), k);
    for (let i = 0; i < n; i++) {
      const o = i * k;
      // Solve q·Lᵀ = row, i.e. L·qᵀ = rowᵀ by forward substitution.
      for (let a = 0; a < k; a++) {
        let sum = m[o + a];
        for (let c = 0; c < a; c++) sum -= l[a * k + c] * m[o + c];
        m[o + a] = sum / l[a * k + a];
      }
    }
  }
}

/** Eigen-decomposition of a symmetric k×k matrix (cyclic Jacobi); eigenvalues descending, vectors as columns. */
function symmetricEigen(input: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p * k + q] * a[p * k + q];
    if (off < 1e-22) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q] - a[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p];
          const arq = a[r * k + q];
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r];
          const aqr = a[q * k + r];
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p];
          const vrq = v[r * k + q];
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => a[y * k + y] - a[x * k + x] || x - y);
  const values = new Float64Array(k);
  const vectors = new Float64Array(k * k);
  order.forEach((from, to) => {
    values[to] = a[from * k + from];
    for (let r = 0; r < k; r++) vectors[r * k + to] = v[r * k + from];
  });
  return { values, vectors };
}

/**
 * Latent semantic analysis: the complaints' coordinates on the top `rank` singular directions of the term
 * matrix (randomized SVD, Halko et al. 2011). Words used in the same contexts ("late", "delayed", "hours")
 * load on the same directions, so complaints that say the same thing in different words end up close.
 * Returns rows×rank, row-major, each row of unit length (zero for complaints without terms).
 */
export function lsaEmbed(a: SparseRows, rank: number, seed: number, powerIterations = 1): { embedding: Float64Array; dims: number } {
  const k = Math.max(1, Math.min(rank + 8, a.cols, a.rows));
  const dims = Math.min(rank, k);
  const random = seededRandom(seed);
  const omega = new Float64Array(a.cols * k);
  for (let i = 0; i < omega.length; i++) omega[i] = gaussian(random);
  const y = multiply(a, omega, k);
  // Intermediate bases only need to keep the columns apart; the last one must be orthonormal.
  orthonormalize(y, a.rows, k, 1);
  let q = y;
  for (let it = 0; it < powerIterations; it++) {
    const z = multiplyTransposed(a, q, k);
    orthonormalize(z, a.cols, k, 1);
    q = multiply(a, z, k);
    orthonormalize(q, a.rows, k);
  }
  const bt = multiplyTransposed(a, q, k);
  const { values, vectors } = symmetricEigen(gram(bt, a.cols, k), k);
  const embedding = new Float64Array(a.rows * dims);
  const mean = new Float64Array(dims);
  let live = 0;
  for (let i = 0; i < a.rows; i++) {
    const o = i * k;
    const e = i * dims;
    if (a.rowPtr[i + 1] === a.rowPtr[i]) continue;
    live++;
    for (let c = 0; c < dims; c++) {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += q[o + j] * vectors[j * k + c];
      embedding[e + c] = sum * Math.sqrt(Math.max(values[c], 0));
    }
    let norm = 0;
    for (let c = 0; c < dims; c++) norm += embedding[e + c] * embedding[e + c];
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let c = 0; c < dims; c++) mean[c] += embedding[e + c] * inv;
  }
  // Centering removes what all complaints share (the domain, the genre of a long narrative), which otherwise
  // dominates cosine similarity and draws everything into one group.
  for (let c = 0; c < dims; c++) mean[c] = live > 0 ? mean[c] / live : 0;
  for (let i = 0; i < a.rows; i++) {
    const e = i * dims;
    if (a.rowPtr[i + 1] === a.rowPtr[i]) continue;
    let norm = 0;
    for (let c = 0; c < dims; c++) norm += embedding[e + c] * embedding[e + c];
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let c = 0; c < dims; c++) embedding[e + c] = embedding[e + c] * inv - mean[c];
    norm = 0;
    for (let c = 0; c < dims; c++) norm += embedding[e + c] * embedding[e + c];
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let c = 0; c < dims; c++) embedding[e + c] *= inv;
    }
  }
  return { embedding, dims };
}
