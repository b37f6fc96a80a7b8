import { BadRequestException } from '@nestjs/common';

const PAGING = ['limit', 'offset', 'format'];

/**
 * The filters each report applies. A filter a report does not apply is refused with 400 naming it,
 * never accepted and silently ignored (the caller would read unfiltered figures as filtered ones).
 */
export const REPORT_FILTERS = {
  metrics: ['from', 'to', 'bucket', 'theme', 'touchpoint', 'channel', 'segment'],
  drivers: ['from', 'to', 'touchpoint'],
  'revenue-at-risk': ['from', 'to', 'touchpoint'],
  insights: ['from', 'to', 'touchpoint', 'theme'],
  'emerging-issues': ['touchpoint', 'theme', 'status'],
  'candidate-themes': ['from', 'to', 'touchpoint'],
  cases: ['status', 'pastSla'],
  'root-causes': ['from', 'to'],
} as const satisfies Record<string, readonly string[]>;

export type ReportName = keyof typeof REPORT_FILTERS;

export function refuseUnappliedFilters(report: ReportName, rawQuery: Record<string, unknown>): void {
  const applied = new Set<string>([...REPORT_FILTERS[report], ...PAGING]);
  const unapplied = Object.keys(rawQuery).filter((name) => !applied.has(name));
  if (unapplied.length === 0) return;
  throw new BadRequestException({
    error: 'unsupported_filter',
    errors: unapplied.map((field) => ({
      field,
      messages: [`${field} is not a filter of /v1/reports/${report} (it applies: ${[...REPORT_FILTERS[report], ...PAGING].join(', ')})`],
    })),
  });
}
