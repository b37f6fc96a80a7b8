import { FeedbackAnalyzedV2 } from '@loops/contracts';
import { read, testMatcher, withThemeIds } from '../routing-tree/evaluate-routing-tree';
import { LinearPattern } from '../routing-tree/linear-pattern';
import { Matcher, RoutingTree } from '../routing-tree/routing-tree.types';

export interface ActiveSilence {
  silenceId: string;
  matchers: Matcher[];
  startsAt: Date;
  endsAt: Date;
  author: string;
  reason: string;
}

/** An emerging issue the outer loop reported for a touchpoint and theme, still open. */
export interface OpenIncident {
  incidentId: string;
  touchpoint: string;
  theme: string;
}

export type AlertOutcome =
  | { kind: 'page' }
  | { kind: 'silenced'; silenceId: string; reason: string }
  | { kind: 'inhibited'; incidentId: string; touchpoint: string; theme: string };

export interface MatcherCheck {
  field: string;
  op: string;
  expected: unknown;
  actual: unknown;
  passed: boolean;
}

/** Each matcher of a silence against the event: the same matchers and operators as routes. */
export function checkMatchers(matchers: Matcher[], analyzed: FeedbackAnalyzedV2): MatcherCheck[] {
  const event = withThemeIds(analyzed);
  return matchers.map((m) => {
    const actual = read(event, m.path);
    const expected = m.value instanceof LinearPattern ? m.value.source : m.value;
    return { field: m.field, op: m.op, expected, actual, passed: testMatcher(m, actual) };
  });
}

export function silenceApplies(s: ActiveSilence, analyzed: FeedbackAnalyzedV2, now: Date): boolean {
  return s.startsAt <= now && now < s.endsAt && checkMatchers(s.matchers, analyzed).every((c) => c.passed);
}

export function incidentApplies(i: OpenIncident, analyzed: FeedbackAnalyzedV2): boolean {
  return analyzed.feedback.touchpoint?.journey === i.touchpoint && analyzed.analysis.themes.some((t) => t.id === i.theme);
}

/**
 * Whether a matched route pages. Silences win first (an operator said so), then inhibition (the outer
 * loop already has an incident for this touchpoint and theme, so the alert joins it instead of paging).
 */
export function alertOutcome(
  analyzed: FeedbackAnalyzedV2,
  silences: ActiveSilence[],
  incidents: OpenIncident[],
  now: Date,
): AlertOutcome {
  const silence = silences.find((s) => silenceApplies(s, analyzed, now));
  if (silence) return { kind: 'silenced', silenceId: silence.silenceId, reason: silence.reason };
  const incident = incidents.find((i) => incidentApplies(i, analyzed));
  if (incident) return { kind: 'inhibited', incidentId: incident.incidentId, touchpoint: incident.touchpoint, theme: incident.theme };
  return { kind: 'page' };
}

/** The customer's latest case as the writer sees it: open, or the most recently resolved one. */
export interface ExistingCase {
  caseId: string;
  status: 'open' | 'acknowledged' | 'resolved';
  lastAlertAt: Date;
  resolvedAt?: Date;
}

/**
 * What new unhappy feedback does to a customer's case:
 * - `open`: no case, or the last one was resolved before the grouping window: a new case, paged.
 * - `reopen`: resolved inside the grouping window (the customer came back angry): reopened and paged.
 * - `page-again`: open, but the last page is older than the repeat interval: the same case pages again.
 * - `throttle`: open and paged recently: the feedback is attached quietly, no page.
 */
export type CaseDisposition = 'open' | 'reopen' | 'page-again' | 'throttle';

export function caseDisposition(existing: ExistingCase | undefined, now: Date, tree: Pick<RoutingTree, 'groupWindowMinutes' | 'repeatIntervalMinutes'>): CaseDisposition {
  if (!existing) return 'open';
  const minutesSince = (d: Date) => (now.getTime() - d.getTime()) / 60_000;
  if (existing.status === 'resolved') {
    return existing.resolvedAt && minutesSince(existing.resolvedAt) < tree.groupWindowMinutes ? 'reopen' : 'open';
  }
  return minutesSince(existing.lastAlertAt) < tree.repeatIntervalMinutes ? 'throttle' : 'page-again';
}
