import { parseMatchObject } from '../routing-tree/parse-routing-tree';
import { analyzedFixture as analyzed } from '../testing/analyzed-fixture';
import { ActiveSilence, alertOutcome, caseDisposition, ExistingCase, OpenIncident } from './routing-decision';

const NOW = new Date('2026-11-20T12:00:00Z');
const minutesAgo = (n: number) => new Date(NOW.getTime() - n * 60_000);

function silence(id: string, match: Record<string, unknown>, startsAt = minutesAgo(10), endsAt = new Date(NOW.getTime() + 3600_000)): ActiveSilence {
  const problems: string[] = [];
  const matchers = parseMatchObject(match, 'matchers', problems);
  if (problems.length) throw new Error(problems.join('; '));
  return { silenceId: id, matchers, startsAt, endsAt, author: 'ops', reason: 'maintenance' };
}

const INCIDENT: OpenIncident = { incidentId: 'inc-1', touchpoint: 'delivery', theme: 'late-delivery' };

describe('silences and inhibition', () => {
  it.each([
    ['no silence, no incident: pages', [], [], analyzed({ nps: 2 }), 'page'],
    ['a matching active silence silences', [silence('s1', { touchpoint: 'delivery' })], [], analyzed({ nps: 2 }), 'silenced:s1'],
    ['every matcher of a silence must hold', [silence('s1', { touchpoint: 'delivery', nps: { lte: 1 } })], [], analyzed({ nps: 2 }), 'page'],
    ['a silence on another touchpoint does not apply', [silence('s1', { touchpoint: 'billing' })], [], analyzed({ nps: 2 }), 'page'],
    ['a silence not yet started does not apply', [silence('s1', { touchpoint: 'delivery' }, new Date(NOW.getTime() + 60_000))], [], analyzed({ nps: 2 }), 'page'],
    ['an ended silence does not apply', [silence('s1', { touchpoint: 'delivery' }, minutesAgo(60), minutesAgo(1))], [], analyzed({ nps: 2 }), 'page'],
    ['silences match themes too', [silence('s2', { theme: 'late-delivery' })], [], analyzed({ themes: ['late-delivery'] }), 'silenced:s2'],
    ['an incident on the same touchpoint and theme inhibits', [], [INCIDENT], analyzed({ nps: 2, themes: ['late-delivery'] }), 'inhibited:inc-1'],
    ['an incident needs the theme as well', [], [INCIDENT], analyzed({ nps: 2, themes: ['rude-courier'] }), 'page'],
    ['an incident needs the touchpoint as well', [], [INCIDENT], analyzed({ nps: 2, themes: ['late-delivery'], touchpoint: 'checkout' }), 'page'],
    ['a silence wins over an incident', [silence('s1', { touchpoint: 'delivery' })], [INCIDENT], analyzed({ themes: ['late-delivery'] }), 'silenced:s1'],
  ])('%s', (_name, silences, incidents, event, expected) => {
    const outcome = alertOutcome(event, silences, incidents, NOW);
    const id = outcome.kind === 'silenced' ? outcome.silenceId : outcome.kind === 'inhibited' ? outcome.incidentId : undefined;
    expect(id ? `${outcome.kind}:${id}` : outcome.kind).toBe(expected);
  });
});

describe('grouping and throttling', () => {
  const tree = { groupWindowMinutes: 60, repeatIntervalMinutes: 240 };
  const open = (lastAlertMinutesAgo: number, status: ExistingCase['status'] = 'open'): ExistingCase => ({ caseId: 'c1', status, lastAlertAt: minutesAgo(lastAlertMinutesAgo) });
  const resolved = (resolvedMinutesAgo: number): ExistingCase => ({ caseId: 'c1', status: 'resolved', lastAlertAt: minutesAgo(600), resolvedAt: minutesAgo(resolvedMinutesAgo) });

  it.each([
    ['no case yet: opens one', undefined, 'open'],
    ['open case paged 5 minutes ago: throttled (joins quietly)', open(5), 'throttle'],
    ['acknowledged case paged recently: throttled too', open(30, 'acknowledged'), 'throttle'],
    ['open case paged just inside the repeat interval: throttled', open(239), 'throttle'],
    ['open case paged longer ago than the repeat interval: pages again', open(240), 'page-again'],
    ['resolved 10 minutes ago (inside the grouping window): reopens', resolved(10), 'reopen'],
    ['resolved 2 hours ago (outside the window): a new case', resolved(120), 'open'],
  ])('%s', (_name, existing, expected) => {
    expect(caseDisposition(existing, NOW, tree)).toBe(expected);
  });
});
