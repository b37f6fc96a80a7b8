import { npsCategory } from '@loops/contracts';
import { FeedbackFact } from '../facts/feedback-fact';

export const BUCKET_SIZES = ['hour', 'day', 'week'] as const;
export type BucketSize = (typeof BUCKET_SIZES)[number];

/** The "all themes" row of a bucket; each item also counts once in the row of every theme it mentions. */
export const ALL_THEMES = '*';

export interface RollupKey {
  tenantId: string;
  bucketSize: BucketSize;
  bucketStart: string;
  touchpoint: string;
  channel: string;
  segment: string;
  theme: string;
}

export interface RollupCounts {
  count: number;
  npsCount: number;
  promoters: number;
  passives: number;
  detractors: number;
  csatCount: number;
  csatSum: number;
  csatTop2: number;
  cesCount: number;
  cesSum: number;
  sentimentCount: number;
  sentimentSum: number;
  negativeCount: number;
}

/** Start of the UTC hour, day or ISO week (Monday) containing the instant. */
export function bucketStart(at: Date, size: BucketSize): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), size === 'hour' ? at.getUTCHours() : 0));
  if (size === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString();
}

export function countsOf(fact: FeedbackFact): RollupCounts {
  const category = npsCategory(fact.nps ?? undefined);
  return {
    count: 1,
    npsCount: fact.nps === null ? 0 : 1,
    promoters: category === 'promoter' ? 1 : 0,
    passives: category === 'passive' ? 1 : 0,
    detractors: category === 'detractor' ? 1 : 0,
    csatCount: fact.csat === null ? 0 : 1,
    csatSum: fact.csat ?? 0,
    csatTop2: fact.csat !== null && fact.csat >= 4 ? 1 : 0,
    cesCount: fact.ces === null ? 0 : 1,
    cesSum: fact.ces ?? 0,
    sentimentCount: 1,
    sentimentSum: fact.sentimentScore,
    negativeCount: fact.sentimentLabel === 'negative' ? 1 : 0,
  };
}

/** Every rollup row one item contributes to: 3 bucket sizes × (all themes + each theme it mentions). */
export function contributionKeys(fact: FeedbackFact): RollupKey[] {
  const themes = [ALL_THEMES, ...fact.themes];
  return BUCKET_SIZES.flatMap((bucketSize) =>
    themes.map((theme) => ({
      tenantId: fact.tenantId,
      bucketSize,
      bucketStart: bucketStart(fact.occurredAt, bucketSize),
      touchpoint: fact.touchpoint,
      channel: fact.channel,
      segment: fact.segment,
      theme,
    })),
  );
}

export function keyString(k: RollupKey): string {
  return [k.tenantId, k.bucketSize, k.bucketStart, k.touchpoint, k.channel, k.segment, k.theme].join('\u0000');
}

export function addCounts(a: RollupCounts, b: RollupCounts): RollupCounts {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof RollupCounts)[]) out[k] += b[k];
  return out;
}

/** Folds a batch into one delta per rollup row, sorted so concurrent writers lock rows in the same order. */
export function aggregate(facts: FeedbackFact[]): { key: RollupKey; counts: RollupCounts }[] {
  const rows = new Map<string, { key: RollupKey; counts: RollupCounts }>();
  for (const fact of facts) {
    const counts = countsOf(fact);
    for (const key of contributionKeys(fact)) {
      const id = keyString(key);
      const row = rows.get(id);
      rows.set(id, row ? { key, counts: addCounts(row.counts, counts) } : { key, counts });
    }
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
