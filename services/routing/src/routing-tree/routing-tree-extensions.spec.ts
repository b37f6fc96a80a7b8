import { analyzedFixture as analyzed } from '../testing/analyzed-fixture';
import { evaluateRoutingTree, receiversOf } from './evaluate-routing-tree';
import { explainRoutingTree } from './explain-routing-tree';
import { parseRoutingTree, RoutingTreeError } from './parse-routing-tree';

function problems(yaml: string): string[] {
  try {
    parseRoutingTree(yaml);
  } catch (error) {
    return (error as RoutingTreeError).problems;
  }
  return [];
}

describe('matchers on any analyzed field', () => {
  const tree = parseRoutingTree(`
route:
  routes:
    - { name: premium, match: { tier: premium, sentiment: negative }, receiver: premium-care, continue: true }
    - { name: app-product, match: { product: { regex: 'app-.*' } }, receiver: app-team, continue: true }
    - { name: no-score, match: { nps: { exists: false }, csat: { exists: false }, sentimentScore: { lt: -0.8 } }, receiver: unscored }
    - { name: gold-plan, match: { feedback.attributes.plan: gold, language: { in: [id, th] } }, receiver: gold-care }
    - { name: not-survey, match: { channel: { notIn: [survey] } }, receiver: channels }
`);
  it.each([
    ['customer tier and sentiment label', analyzed({ tier: 'premium', label: 'negative', nps: 9 }), ['premium-care']],
    ['product by regex (anchored)', analyzed({ product: 'app-ios', nps: 9 }), ['app-team']],
    ['regex is anchored: no partial match', analyzed({ product: 'web-app-x', nps: 9 }), []],
    ['exists: false on missing scores', analyzed({ score: -0.9 }), ['unscored']],
    ['notIn on channel', analyzed({ channel: 'chat', nps: 9 }), ['channels']],
    ['any attribute by path, with language', analyzed({ nps: 9, attributes: { plan: 'gold' }, language: 'th' }), ['gold-care']],
    ['the attribute alone is not enough', analyzed({ nps: 9, attributes: { plan: 'gold' }, language: 'en' }), []],
    ['continue fans out across several receivers', analyzed({ tier: 'premium', label: 'negative', product: 'app-ios', score: -0.9 }), ['premium-care', 'app-team', 'unscored']],
  ])('%s', (_name, event, receivers) => {
    expect(evaluateRoutingTree(tree, event).map((m) => m.receiver)).toEqual(receivers);
  });
});

describe('escalation, grouping, business hours and webhook receivers', () => {
  const tree = parseRoutingTree(`
route:
  escalation: [team-lead]
  routes:
    - name: detractors
      match: { nps: { lte: 6 } }
      receiver: cx-detractors
      escalation: [team-lead, cx-head]
    - name: reviews
      match: { rating: { lte: 2 } }
      receiver: cx-reviews
groupWindowMinutes: 30
repeatIntervalMinutes: 120
businessHours: { timeZone: Asia/Jakarta, days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }
receivers:
  cx-reviews: { webhook: { url: 'http://127.0.0.1:9/hook', secretEnv: REVIEWS_SECRET } }
`);

  it('gives each match the escalation chain of its closest route (inherited otherwise)', () => {
    expect(evaluateRoutingTree(tree, analyzed({ nps: 2 }))[0].escalation).toEqual(['team-lead', 'cx-head']);
    expect(evaluateRoutingTree(tree, analyzed({ rating: 1, nps: 9 }))[0].escalation).toEqual(['team-lead']);
  });

  it('reads the storm-control windows, business hours and webhooks', () => {
    expect(tree).toMatchObject({
      groupWindowMinutes: 30,
      repeatIntervalMinutes: 120,
      businessHours: { timeZone: 'Asia/Jakarta', days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
      webhooks: { 'cx-reviews': { url: 'http://127.0.0.1:9/hook', secretEnv: 'REVIEWS_SECRET' } },
    });
  });

  it('lists escalation receivers among the receivers (their topics are created too)', () => {
    expect(receiversOf(tree).sort()).toEqual(['cx-detractors', 'cx-head', 'cx-reviews', 'team-lead']);
  });

  it('reports every problem in the new sections with its path', () => {
    expect(
      problems(`
route:
  routes:
    - { name: a, receiver: a, escalation: [Bad_Name] }
    - { name: b, receiver: b, escalation: [] }
groupWindowMinutes: -5
repeatIntervalMinutes: soon
businessHours: { timeZone: Mars/Olympus, days: [0, 8], start: '9am', end: '18:00', lunch: '12:00' }
receivers:
  hook: { webhook: { url: 'ftp://x', secretEnv: lower } }
  other: {}
`),
    ).toEqual([
      'route.routes[0].escalation[0]: must be a receiver name of lowercase letters, digits and dashes',
      'route.routes[1].escalation: expected a non-empty list of receiver names',
      'groupWindowMinutes: expected a whole number of minutes (0 or more)',
      'repeatIntervalMinutes: expected a whole number of minutes (0 or more)',
      'businessHours.lunch: unknown key',
      'businessHours.timeZone: expected an IANA time zone such as Asia/Jakarta',
      'businessHours.days: expected a non-empty list of weekdays 1 (Monday) to 7 (Sunday)',
      'businessHours.start: expected HH:MM',
      'receivers.hook.webhook.url: expected an http(s) URL',
      'receivers.hook.webhook.secretEnv: expected the name of an environment variable holding the signing secret',
      'receivers.other: expected at least one of webhook, email, slack, teams',
    ]);
  });
});

describe('explain trace', () => {
  const tree = parseRoutingTree(`
route:
  routes:
    - name: detractors
      match: { nps: { lte: 6 } }
      receiver: cx-detractors
      routes:
        - { name: vip, match: { customerValue: { gte: 50000 } }, receiver: key-accounts }
    - { name: delivery, match: { touchpoint: delivery }, receiver: logistics }
`);

  it('shows every matcher with the value it saw, what fired, and what was not tried', () => {
    const trace = explainRoutingTree(tree, analyzed({ nps: 3, value: 1000 }));
    expect(trace.children).toEqual([
      {
        path: 'root/detractors',
        result: 'matched',
        matchers: [{ field: 'nps', op: 'lte', expected: 6, actual: 3, passed: true }],
        fired: 'cx-detractors',
        continue: false,
        children: [
          {
            path: 'root/detractors/vip',
            result: 'not-matched',
            matchers: [{ field: 'customerValue', op: 'gte', expected: 50000, actual: 1000, passed: false }],
            continue: false,
            children: [],
          },
        ],
      },
      { path: 'root/delivery', result: 'not-tried', matchers: [], continue: false, children: [] },
    ]);
  });

  it('agrees with the evaluator on what fires', () => {
    for (const event of [analyzed({ nps: 3 }), analyzed({ nps: 3, value: 90000 }), analyzed({ nps: 9 }), analyzed({ nps: 9, touchpoint: 'x' })]) {
      const fired: string[] = [];
      const collect = (t: ReturnType<typeof explainRoutingTree>) => {
        if (t.fired) fired.push(t.fired);
        t.children.forEach(collect);
      };
      collect(explainRoutingTree(tree, event));
      expect(fired.sort()).toEqual(evaluateRoutingTree(tree, event).map((m) => m.receiver).sort());
    }
  });
});
