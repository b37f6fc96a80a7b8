import { Digest } from './digest';
import { digestHtml, digestMessage, digestSubject } from './digest-render';

const digest = (over: Partial<Digest> = {}): Digest => ({
  tenantId: 't',
  owner: 'checkout-team',
  period: { from: new Date('2026-11-16T08:00:00Z'), to: new Date('2026-11-23T08:00:00Z') },
  view: { touchpoints: ['checkout'], themes: [] },
  goals: [
    { goalId: 'g', name: 'NPS <script>alert(1)</script>', metric: 'nps', target: 30, direction: 'at_least', value: 12.5, ci95: [4.1, 20.9], status: 'behind', trendPerWeek: 2.25, periodEnd: '2026-12-31T00:00:00.000Z' },
  ],
  emergingIssues: [],
  drivers: [{ touchpoint: 'checkout', theme: 'billing', themeLabel: 'Billing & payment', impact: 7.5, ci95: [2, 13], mentions: 40, significant: true }],
  actionsDue: [{ actionId: 'a', change: 'Fix *bold* <retry>', status: 'in_progress', dueAt: '2026-11-20T00:00:00.000Z', overdue: true }],
  casesPastSla: { total: 0, oldest: [] },
  ...over,
});

describe('digest rendering', () => {
  it('says what each figure means, and what an empty section means', () => {
    const { text } = digestMessage(digest(), 'https://loops.example.com/digests/tok');
    expect(text).toContain('- NPS <script>alert(1)</script>: nps 12.5 (95% 4.1 to 20.9) against a target of at least 30: behind (the whole interval misses the target), trend +2.3 a week; ends 2026-12-31');
    expect(text).toContain('- Billing & payment at checkout: costs 7.5 NPS points (95% 2.0 to 13.0), 40 mentions');
    expect(text).toContain('- OVERDUE Fix *bold* <retry>: due 2026-11-20 (in progress)');
    expect(text).toContain('No new emerging issue in this period.');
    expect(text).toContain('No open case is past its SLA.');
    expect(text).toContain('Read it as a page: https://loops.example.com/digests/tok');
  });

  it('escapes people\'s words for HTML and Slack, and keeps them as plain text runs in Teams', () => {
    const message = digestMessage(digest(), 'https://loops.example.com/digests/tok');
    expect(message.html).toContain('NPS &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(message.html).not.toContain('<script>');
    expect(digestHtml(digest(), 'u', true)).toMatch(/^<!doctype html>/);
    const slack = JSON.stringify(message.slack);
    expect(slack).toContain('&lt;retry&gt;');
    expect(slack).not.toContain('<retry>');
    const teams = JSON.stringify(message.teams);
    expect(teams).toContain('"type":"TextRun"');
    expect(teams).toContain('Fix *bold* <retry>');
  });

  it('summarises the digest in a one-line subject', () => {
    expect(digestSubject(digest())).toBe('Loops digest for checkout-team, 2026-11-16 to 2026-11-23: 1 goal (1 behind), 0 new issues, 1 action due');
    expect(digestSubject(digest({ owner: 'evil\r\nBcc: x@example.com' }))).not.toMatch(/[\r\n]/);
  });
});
