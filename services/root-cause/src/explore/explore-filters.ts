import { BadRequestException } from '@nestjs/common';

const WINDOW = ['from', 'to'];
const DIMENSIONS = ['touchpoint', 'channel', 'segment', 'language'];
const PAGING = ['limit', 'offset'];

/**
 * The parameters each `/v1/explore` read applies. Anything else is refused with a 400 naming it, never ignored
 * (an analyst would read unfiltered figures as filtered ones).
 */
export const EXPLORE_FILTERS = {
  filters: [...WINDOW],
  trends: [...WINDOW, 'bucket', ...DIMENSIONS],
  drivers: [...WINDOW, ...DIMENSIONS, ...PAGING],
  themes: [...WINDOW, ...DIMENSIONS],
  verbatims: [...WINDOW, ...DIMENSIONS, 'theme', 'sentiment', 'issueId', 'feedbackEventId', ...PAGING],
  'emerging-issues': [...WINDOW, 'touchpoint', 'status', ...PAGING],
} as const satisfies Record<string, readonly string[]>;

export type ExploreRead = keyof typeof EXPLORE_FILTERS;

export function refuseUnappliedExploreFilters(read: ExploreRead, rawQuery: Record<string, unknown>): void {
  const applied: readonly string[] = EXPLORE_FILTERS[read];
  const unapplied = Object.keys(rawQuery).filter((name) => !applied.includes(name));
  if (unapplied.length === 0) return;
  throw new BadRequestException({
    error: 'unsupported_filter',
    errors: unapplied.map((field) => ({ field, messages: [`${field} is not a parameter of /v1/explore/${read} (it takes: ${applied.join(', ') || 'nothing'})`] })),
  });
}

/** At most this many buckets in one trend: an hourly trend over a quarter is refused, not truncated. */
export const MAX_TREND_BUCKETS = 1000;
const BUCKET_MS = { hour: 3600_000, day: 86400_000, week: 7 * 86400_000 } as const;

export function refuseOversizedTrend(from: Date, to: Date, bucket: keyof typeof BUCKET_MS): void {
  if (to.getTime() <= from.getTime()) {
    throw new BadRequestException({ error: 'validation_failed', errors: [{ field: 'to', messages: ['to must be after from'] }] });
  }
  const buckets = Math.ceil((to.getTime() - from.getTime()) / BUCKET_MS[bucket]);
  if (buckets > MAX_TREND_BUCKETS) {
    throw new BadRequestException({
      error: 'validation_failed',
      errors: [{ field: 'bucket', messages: [`the window holds ${buckets} ${bucket} buckets, at most ${MAX_TREND_BUCKETS}: choose a longer bucket or a shorter window`] }],
    });
  }
}
