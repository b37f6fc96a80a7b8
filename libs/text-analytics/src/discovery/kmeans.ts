import { seededRandom } from '../random';

export interface Clustering {
  /** assignment[i] is the cluster of point i, or -1 for points without coordinates. */
  assignment: Int32Array;
  /** similarity[i] is the cosine of point i to its cluster's centroid. */
  similarity: Float64Array;
  clusters: number;
  /** Sum of the points' similarities to their centroids: higher is a tighter clustering. */
  fit: number;
}

function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, dims: number): number {
  let sum = 0;
  for (let c = 0; c < dims; c++) sum += x[xo + c] * y[yo + c];
  return sum;
}

function normalizeRows(m: Float64Array, rows: number, dims: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * dims;
    const norm = Math.sqrt(dot(m, o, m, o, dims));
    if (norm > 0) for (let c = 0; c < dims; c++) m[o + c] /= norm;
  }
}

/** k-means++ seeding on cosine distance, from a seeded generator so that runs repeat exactly. */
function seedCentroids(points: Float64Array, live: number[], dims: number, k: number, random: () => number): Float64Array {
  const centroids = new Float64Array(k * dims);
  const nearest = new Float64Array(live.length).fill(Infinity);
  let pick = live[Math.floor(random() * live.length)];
  for (let c = 0; c < k; c++) {
    centroids.set(points.subarray(pick * dims, pick * dims + dims), c * dims);
    let total = 0;
    for (let j = 0; j < live.length; j++) {
      const d = Math.max(0, 1 - dot(points, live[j] * dims, centroids, c * dims, dims));
      if (d * d < nearest[j]) nearest[j] = d * d;
      total += nearest[j];
    }
    if (total <= 0) break;
    let target = random() * total;
    pick = live[live.length - 1];
    for (let j = 0; j < live.length; j++) {
      target -= nearest[j];
      if (target <= 0) {
        pick = live[j];
        break;
      }
    }
  }
  return centroids;
}

/**
 * Spherical k-means (cosine) over unit rows. Rows of zeros (complaints with no usable term) stay unassigned.
 */
export function sphericalKMeans(points: Float64Array, rows: number, dims: number, k: number, seed: number, maxIterations = 25): Clustering {
  const live: number[] = [];
  for (let r = 0; r < rows; r++) if (dot(points, r * dims, points, r * dims, dims) > 0) live.push(r);
  const assignment = new Int32Array(rows).fill(-1);
  const similarity = new Float64Array(rows);
  const clusters = Math.max(1, Math.min(k, live.length));
  if (live.length === 0) return { assignment, similarity, clusters: 0, fit: 0 };
  const random = seededRandom(seed);
  const centroids = seedCentroids(points, live, dims, clusters, random);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = 0;
    for (const r of live) {
      let best = 0;
      let bestSim = -Infinity;
      for (let c = 0; c < clusters; c++) {
        const s = dot(points, r * dims, centroids, c * dims, dims);
        if (s > bestSim) {
          bestSim = s;
          best = c;
        }
      }
      if (assignment[r] !== best) changed++;
      assignment[r] = best;
      similarity[r] = bestSim;
    }
    // Stop when almost nothing moves: the last few reassignments do not change what a group is about.
    if (changed <= live.length * 0.002) break;
    centroids.fill(0);
    const sizes = new Int32Array(clusters);
    for (const r of live) {
      const c = assignment[r];
      sizes[c]++;
      for (let d = 0; d < dims; d++) centroids[c * dims + d] += points[r * dims + d];
    }
    // An emptied cluster restarts at the point its old centroid fit worst, so k stays k.
    for (let c = 0; c < clusters; c++) {
      if (sizes[c] > 0) continue;
      let worst = live[0];
      for (const r of live) if (similarity[r] < similarity[worst]) worst = r;
      centroids.set(points.subarray(worst * dims, worst * dims + dims), c * dims);
      similarity[worst] = Infinity;
    }
    normalizeRows(centroids, clusters, dims);
  }
  let fit = 0;
  for (const r of live) fit += Number.isFinite(similarity[r]) ? similarity[r] : 1;
  return { assignment, similarity, clusters, fit };
}

export { dot, normalizeRows };
