import { distinctiveTerms, distinctiveVector, TermStats, vectorCosine } from './label';
import { dot, normalizeRows, sphericalKMeans } from './kmeans';
import { lsaEmbed } from './lsa';
import { SparseRows } from './sparse';
import { complaintTerms, ComplaintTerms } from './tokens';
import type { CandidateTheme, Complaint } from './types';

/** The method's settings; the defaults were chosen on development data (scripts/evaluate-discovery.ts). */
export interface DiscoveryTuning {
  /**
   * k-means looks for ⌈√n / clusterDivisor⌉ groups, at most maxClusters: a frequent cause (a third of all
   * complaints) must not be shattered into groups that each hold a small share of it.
   */
  clusterDivisor: number;
  maxClusters: number;
  /** Dimensions of the latent semantic space. */
  lsaRank: number;
  /** Groups whose centroids (in the latent space) are more similar than this are merged. */
  centroidMerge: number;
  /** Groups whose distinctive-term vectors are more similar than this are merged. */
  termMerge: number;
}

export const DEFAULT_TUNING: DiscoveryTuning = { clusterDivisor: 2, maxClusters: 20, lsaRank: 48, centroidMerge: 0.4, termMerge: 0.4 };

export interface DiscoveryOptions {
  /** Candidates returned, best first (default 50). */
  maxCandidates?: number;
  /** Seed of the randomized steps; the same input and seed always give the same candidates. */
  seed?: number;
  tuning?: Partial<DiscoveryTuning>;
}

const DEFAULT_SEED = 0x10095;
const MAX_VOCABULARY = 6000;
const EXAMPLES = 3;
const EXAMPLE_CHARS = 280;

/** How many groups k-means looks for: enough to separate causes, few enough that one cause is not shattered. */
export function initialClusterCount(n: number, tuning: DiscoveryTuning = DEFAULT_TUNING): number {
  return Math.max(2, Math.min(tuning.maxClusters, Math.ceil(Math.sqrt(n) / tuning.clusterDivisor)));
}

/** k-means restarts (the best-fitting run is kept): cheap on small inputs, where one unlucky start matters most. */
function restartsFor(n: number): number {
  return n <= 2000 ? 5 : n <= 5000 ? 2 : 1;
}

interface Vocabulary {
  index: Map<string, number>;
  stats: TermStats;
}

function buildVocabulary(docs: ComplaintTerms[]): Vocabulary {
  const df = new Map<string, number>();
  for (const doc of docs) for (const key of doc.keys) df.set(key, (df.get(key) ?? 0) + 1);
  const n = docs.length;
  const minDf = Math.max(2, Math.ceil(n * 0.0015));
  const kept = [...df]
    .filter(([, count]) => count >= minDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_VOCABULARY);
  const index = new Map(kept.map(([key], i) => [key, i]));
  // The label shows each term as customers most often wrote it.
  const surfaceCounts = kept.map(() => new Map<string, number>());
  for (const doc of docs) {
    doc.keys.forEach((key, i) => {
      const t = index.get(key);
      if (t === undefined) return;
      const counts = surfaceCounts[t];
      counts.set(doc.surfaces[i], (counts.get(doc.surfaces[i]) ?? 0) + 1);
    });
  }
  const surfaces = surfaceCounts.map((counts) => [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]);
  return { index, stats: { df: Int32Array.from(kept.map(([, c]) => c)), total: n, keys: kept.map(([k]) => k), surfaces } };
}

/** TF-IDF rows (binary term frequency: a complaint repeating a word is not more about it), unit length. */
function termMatrix(docTerms: Int32Array[], vocabulary: Vocabulary): SparseRows {
  const n = docTerms.length;
  const idf = Array.from(vocabulary.stats.df, (count) => Math.log((n + 1) / (count + 1)) + 1);
  const rowPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i] + docTerms[i].length;
  const colIdx = new Int32Array(rowPtr[n]);
  const values = new Float64Array(rowPtr[n]);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    docTerms[i].forEach((t, j) => {
      colIdx[rowPtr[i] + j] = t;
      values[rowPtr[i] + j] = idf[t];
      norm += idf[t] * idf[t];
    });
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) values[p] *= inv;
  }
  return { rows: n, cols: vocabulary.stats.keys.length, rowPtr, colIdx, values };
}

interface Group {
  members: number[];
  centroid: Float64Array;
}

function centroidOf(members: number[], points: Float64Array, dims: number): Float64Array {
  const c = new Float64Array(dims);
  for (const r of members) for (let d = 0; d < dims; d++) c[d] += points[r * dims + d];
  normalizeRows(c, 1, dims);
  return c;
}

/** Agglomerative merging of k-means groups whose centroids point the same way (one cause split in two). */
function mergeByCentroids(groups: Group[], points: Float64Array, dims: number, threshold: number): Group[] {
  const live = [...groups];
  for (;;) {
    let best = threshold;
    let pair: [number, number] | undefined;
    for (let a = 0; a < live.length; a++) {
      for (let b = a + 1; b < live.length; b++) {
        const s = dot(live[a].centroid, 0, live[b].centroid, 0, dims);
        if (s > best) [best, pair] = [s, [a, b]];
      }
    }
    if (!pair) return live;
    const members = [...live[pair[0]].members, ...live[pair[1]].members].sort((x, y) => x - y);
    live[pair[0]] = { members, centroid: centroidOf(members, points, dims) };
    live.splice(pair[1], 1);
  }
}

/**
 * Groups whose distinctive terms overlap ("delayed / hours" and "delay / late / hours") are one cause said two
 * ways: merged, most similar pair first, the merged group's terms recomputed.
 */
function mergeByTerms(groups: Group[], docTerms: Int32Array[], stats: TermStats, points: Float64Array, dims: number, threshold: number): Group[] {
  const live = groups.map((g) => ({ ...g, vector: distinctiveVector(g.members.map((r) => docTerms[r]), stats) }));
  for (;;) {
    let best = threshold;
    let pair: [number, number] | undefined;
    for (let a = 0; a < live.length; a++) {
      for (let b = a + 1; b < live.length; b++) {
        const s = vectorCosine(live[a].vector, live[b].vector);
        if (s > best) [best, pair] = [s, [a, b]];
      }
    }
    if (!pair) return live;
    const members = [...live[pair[0]].members, ...live[pair[1]].members].sort((x, y) => x - y);
    live[pair[0]] = { members, centroid: centroidOf(members, points, dims), vector: distinctiveVector(members.map((r) => docTerms[r]), stats) };
    live.splice(pair[1], 1);
  }
}

/**
 * Root causes discovered from what customers say. Complaints become stems and two-word phrases (per-language
 * stopwords and light stemming merge inflections), weighted by TF-IDF; latent semantic analysis puts words used
 * in the same contexts on the same axes (synonyms merge); spherical k-means groups the complaints, groups with
 * similar centroids or overlapping distinctive terms are merged, and each group is named by its most
 * distinctive phrases.
 * Candidates come best (largest) first. Deterministic for the same input.
 */
export function discoverThemes(complaints: Complaint[], options: DiscoveryOptions = {}): CandidateTheme[] {
  const seed = options.seed ?? DEFAULT_SEED;
  const maxCandidates = options.maxCandidates ?? 50;
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  if (complaints.length < 2) return [];
  const docs = complaints.map((c) => complaintTerms(c.text, c.language));
  const vocabulary = buildVocabulary(docs);
  if (vocabulary.stats.keys.length < 2) return [];
  const docTerms = docs.map((doc) => {
    const ids: number[] = [];
    for (const key of doc.keys) {
      const t = vocabulary.index.get(key);
      if (t !== undefined) ids.push(t);
    }
    return Int32Array.from(ids);
  });
  const matrix = termMatrix(docTerms, vocabulary);
  const { embedding, dims } = lsaEmbed(matrix, Math.min(tuning.lsaRank, matrix.cols - 1), seed);
  const k = initialClusterCount(complaints.length, tuning);
  let clustering = sphericalKMeans(embedding, complaints.length, dims, k, seed);
  for (let restart = 1; restart < restartsFor(complaints.length); restart++) {
    const other = sphericalKMeans(embedding, complaints.length, dims, k, seed + restart);
    if (other.fit > clustering.fit) clustering = other;
  }
  const byCluster = Array.from({ length: clustering.clusters }, () => [] as number[]);
  clustering.assignment.forEach((c, r) => c >= 0 && byCluster[c].push(r));
  const kmeansGroups = byCluster.filter((m) => m.length > 0).map((members) => ({ members, centroid: centroidOf(members, embedding, dims) }));
  const groups = mergeByTerms(
    mergeByCentroids(kmeansGroups, embedding, dims, tuning.centroidMerge),
    docTerms,
    vocabulary.stats,
    embedding,
    dims,
    tuning.termMerge,
  );
  const minSize = Math.max(2, Math.ceil(complaints.length * 0.002));
  return groups
    .filter((g) => g.members.length >= minSize)
    .map((g) => toCandidate(g, complaints, docTerms, vocabulary, embedding, dims))
    .filter((c) => c.terms.length > 0)
    .sort((a, b) => b.size - a.size || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .slice(0, maxCandidates);
}

function toCandidate(group: Group, complaints: Complaint[], docTerms: Int32Array[], vocabulary: Vocabulary, points: Float64Array, dims: number): CandidateTheme {
  const { terms, label } = distinctiveTerms(
    group.members.map((r) => docTerms[r]),
    vocabulary.stats,
  );
  const typical = group.members
    .map((r) => ({ r, s: dot(points, r * dims, group.centroid, 0, dims) }))
    .sort((a, b) => b.s - a.s || a.r - b.r)
    .slice(0, EXAMPLES)
    .map(({ r }) => complaints[r].text.slice(0, EXAMPLE_CHARS));
  const touchpointCounts = new Map<string, number>();
  for (const r of group.members) {
    const t = complaints[r].touchpoint;
    if (t) touchpointCounts.set(t, (touchpointCounts.get(t) ?? 0) + 1);
  }
  return {
    label,
    terms,
    itemIds: group.members.map((r) => complaints[r].id),
    size: group.members.length,
    touchpoints: [...touchpointCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t),
    examples: typical,
  };
}
