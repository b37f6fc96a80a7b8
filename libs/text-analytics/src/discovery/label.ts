import { isFeelingTerm } from './discovery-stopwords';

/** How distinctive each term is for one group of complaints, and the phrases that name the group. */

export interface TermStats {
  /** Complaints (of all) that contain each vocabulary term. */
  df: Int32Array;
  total: number;
  keys: string[];
  surfaces: string[];
}

const MAX_TERMS = 8;
const LABEL_TERMS = 3;
/** A phrase replaces its single word in the label when it covers at least this share of that word's uses. */
const PHRASE_SHARE = 0.4;

/**
 * Ranks terms by their contribution to the KL divergence between the group and all complaints,
 * p(t|group)·log(p(t|group)/p(t)): frequent in the group and rare elsewhere. Domain words ("flight" in
 * an airline's feedback) are frequent everywhere and fall back; a phrase ("money back") takes the place
 * of its word ("back") when it carries most of the word's uses.
 */
export function distinctiveTerms(memberTerms: Int32Array[], stats: TermStats): { terms: string[]; label: string; strength: number } {
  const size = memberTerms.length;
  const counts = new Map<number, number>();
  for (const terms of memberTerms) for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  const minCount = Math.max(2, Math.ceil(size * 0.03));
  const scored: { term: number; share: number; score: number }[] = [];
  for (const [term, count] of counts) {
    if (count < minCount) continue;
    const share = count / size;
    const overall = stats.df[term] / stats.total;
    // A group that is all of the complaints (or says only what every complaint says) has no distinctive
    // term; it is then named by its most frequent ones.
    scored.push({ term, share, score: share > overall ? share * Math.log(share / overall) : 0 });
  }
  const distinctive = scored.filter((c) => c.score > 0);
  if (distinctive.length > 0) scored.splice(0, scored.length, ...distinctive);
  else for (const c of scored) c.score = c.share;
  scored.sort((a, b) => b.score - a.score || (stats.keys[a.term] < stats.keys[b.term] ? -1 : 1));
  const chosen: { term: number; share: number; score: number }[] = [];
  for (const candidate of scored) {
    if (chosen.length >= MAX_TERMS) break;
    const key = stats.keys[candidate.term];
    const parts = key.split(' ');
    if (parts.length === 1) {
      if (chosen.some((c) => stats.keys[c.term].split(' ').includes(key))) continue;
      chosen.push(candidate);
      continue;
    }
    const replaced = chosen.findIndex((c) => parts.includes(stats.keys[c.term]) && candidate.share >= PHRASE_SHARE * c.share);
    if (replaced >= 0) {
      chosen[replaced] = candidate;
      // The phrase may also contain a second chosen word.
      for (let i = chosen.length - 1; i > replaced; i--) if (parts.includes(stats.keys[chosen[i].term])) chosen.splice(i, 1);
    } else chosen.push(candidate);
  }
  // Causes before feelings: "voucher diskon / kecewa", not "kecewa / voucher diskon".
  const surfaces = [...new Set(chosen.map((c) => stats.surfaces[c.term]))];
  const causes = surfaces.filter((t) => !isFeelingTerm(t));
  const terms = [...causes, ...surfaces.filter((t) => isFeelingTerm(t))];
  return { terms, label: (causes.length > 0 ? causes : terms).slice(0, LABEL_TERMS).join(' / '), strength: chosen.reduce((sum, c) => sum + c.score, 0) };
}

/** A group's distinctive-term vector: each term's p(t|group)·log(p(t|group)/p(t)) where positive, unit length. */
export function distinctiveVector(memberTerms: Int32Array[], stats: TermStats): Map<number, number> {
  const size = memberTerms.length;
  const counts = new Map<number, number>();
  for (const terms of memberTerms) for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  const vector = new Map<number, number>();
  let norm = 0;
  for (const [term, count] of counts) {
    if (count < 2) continue;
    const share = count / size;
    const overall = stats.df[term] / stats.total;
    if (share <= overall) continue;
    const w = share * Math.log(share / overall);
    vector.set(term, w);
    norm += w * w;
  }
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const [term, w] of vector) vector.set(term, w * inv);
  return vector;
}

export function vectorCosine(a: Map<number, number>, b: Map<number, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, w] of small) {
    const v = large.get(term);
    if (v !== undefined) sum += w * v;
  }
  return sum;
}
