import { FeedbackAnalyzed, npsCategory } from '@loops/contracts';

export const BUCKET_SIZES = ['hour', 'day', 'week'] as const;
export type BucketSize = (typeof BUCKET_SIZES)[number];

/** The "all themes" row of a bucket; each item also counts once in the row of every theme it mentions. */
export const ALL_THEMES = '*';
/** Dimension value when the feedback does not carry it. */
export const UNKNOWN = '-';

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

export function countsOf(item: FeedbackAnalyzed): RollupCounts {
  const { scores } = item.feedback;
  const category = npsCategory(scores.nps);
  const csat = scores.csat;
  return {
    count: 1,
    npsCount: scores.nps === undefined ? 0 : 1,
    promoters: category === 'promoter' ? 1 : 0,
    passives: category === 'passive' ? 1 : 0,
    detractors: category === 'detractor' ? 1 : 0,
    csatCount: csat === undefined ? 0 : 1,
    csatSum: csat ?? 0,
    csatTop2: csat !== undefined && csat >= 4 ? 1 : 0,
    cesCount: scores.ces === undefined ? 0 : 1,
    cesSum: scores.ces ?? 0,
    sentimentCount: 1,
    sentimentSum: item.analysis.sentiment.score,
    negativeCount: item.analysis.sentiment.label === 'negative' ? 1 : 0,
  };
}

/** Every rollup row one analyzed item contributes to: 3 bucket sizes × (all themes + each theme). */
export function contributionKeys(item: FeedbackAnalyzed): RollupKey[] {
  const f = item.feedback;
  const occurred = new Date(f.occurredAt);
  const themes = [ALL_THEMES, ...new Set(item.analysis.themes.map((t) => t.id))];
  return BUCKET_SIZES.flatMap((bucketSize) =>
    themes.map((theme) => ({
      tenantId: f.tenantId,
      bucketSize,
      bucketStart: bucketStart(occurred, bucketSize),
      touchpoint: f.touchpoint?.journey ?? UNKNOWN,
      channel: f.channel,
      segment: f.customer?.segment ?? f.customer?.tier ?? UNKNOWN,
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
export function aggregate(items: FeedbackAnalyzed[]): { key: RollupKey; counts: RollupCounts }[] {
  const rows = new Map<string, { key: RollupKey; counts: RollupCounts }>();
  for (const item of items) {
    const counts = countsOf(item);
    for (const key of contributionKeys(item)) {
      const id = keyString(key);
      const row = rows.get(id);
      rows.set(id, row ? { key, counts: addCounts(row.counts, counts) } : { key, counts });
    }
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
