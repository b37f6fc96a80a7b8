import { narrowToView, Principal } from '@loops/auth';
import { ReportQuery } from './report-query.dto';

/**
 * Narrows a report's filters to what a department's key may see, before the report runs: a touchpoint
 * owner's report is filtered to their touchpoint (the one asked for, or their only one), a theme owner's
 * to their theme. Asking for something outside the view is a 403; a key with several values must choose
 * one (400). Whole-tenant keys pass through unchanged.
 */
export function narrowReportToView(principal: Principal, q: ReportQuery, applies: { touchpoints?: boolean; themes?: boolean }): void {
  if (applies.touchpoints) q.touchpoint = narrowToView(principal, 'touchpoints', q.touchpoint);
  if (applies.themes) q.theme = narrowToView(principal, 'themes', q.theme);
}
