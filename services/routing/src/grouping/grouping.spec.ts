import { analyzedFixture } from '../testing/analyzed-fixture';
import { evaluateRoutingTree } from '../routing-tree/evaluate-routing-tree';
import { parseRoutingTree, RoutingTreeError } from '../routing-tree/parse-routing-tree';
import { formatDuration, parseDuration } from './duration';
import { explainGrouping } from './explain-grouping';
import { groupIdentity } from './group-key';

const TREE = `
route:
  routes:
    - name: detractors
      match: { nps: { lte: 6 } }
      group_by: [touchpoint]
      group_wait: 1m
      routes:
        - { name: vip, match: { customerValue: { gte: 50000 } }, receiver: key-accounts, group_wait: 10s }
        - { name: rest, receiver: cx-slack }
    - { name: reviews, match: { rating: { lte: 2 } }, receiver: cx-slack }
receivers:
  cx-slack: { slack: { urlEnv: CX_SLACK_WEBHOOK_URL } }
  key-accounts: { email: { to: [kam@example.com], from: loops@example.com } }
`;

function problems(yaml: string): string[] {
  try {
    parseRoutingTree(yaml);
    return [];
  } catch (error) {
    return (error as RoutingTreeError).problems;
  }
}

describe('durations', () => {
  it('reads Prometheus-style durations and writes them back', () => {
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('5 minutes')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
    expect(formatDuration(5_400_000)).toBe('1h30m');
    expect(formatDuration(0)).toBe('0s');
  });
});

describe('route grouping', () => {
  const tree = parseRoutingTree(TREE);

  it('is inherited field by field and carried by the match', () => {
    const [vip] = evaluateRoutingTree(tree, analyzedFixture({ nps: 2, value: 90000 }));
    expect(vip.grouping).toMatchObject({ groupBy: ['touchpoint'], groupWaitMs: 10_000, groupIntervalMs: 300_000, repeatIntervalMs: 14_400_000 });
    const [rest] = evaluateRoutingTree(tree, analyzedFixture({ nps: 2 }));
    expect(rest.grouping).toMatchObject({ groupBy: ['touchpoint'], groupWaitMs: 60_000 });
  });

  it('puts alerts with the same group_by values in one group, per receiver and route', () => {
    const a = analyzedFixture({ nps: 2, customerId: 'a', touchpoint: 'checkout' });
    const b = analyzedFixture({ nps: 1, customerId: 'b', touchpoint: 'checkout' });
    const c = analyzedFixture({ nps: 1, customerId: 'c', touchpoint: 'delivery' });
    const id = (e: typeof a) => {
      const [m] = evaluateRoutingTree(tree, e);
      return groupIdentity('t1', m.receiver, m.rulePath, e.feedback.eventId, m.grouping, e);
    };
    expect(id(a).groupId).toBe(id(b).groupId);
    expect(id(a).labels).toEqual({ touchpoint: 'checkout' });
    expect(id(c).groupId).not.toBe(id(a).groupId);
  });

  it('leaves routes without group_by ungrouped: one group per alert', () => {
    const e = analyzedFixture({ rating: 1, nps: undefined });
    const [m] = evaluateRoutingTree(tree, e);
    expect(m.grouping).toBeUndefined();
    expect(groupIdentity('t1', m.receiver, m.rulePath, 'alert-1', m.grouping, e).groupKey).toBe('alert:alert-1');
  });

  it('refuses bad grouping with the path of each problem', () => {
    expect(
      problems(`
route:
  group_by: touchpoint
  routes:
    - { name: a, receiver: x, group_by: [nope], group_wait: 5 }
    - { name: b, receiver: x, group_by: [channel], group_interval: 0s }
    - { name: c, receiver: x, repeat_interval: 1h }
    - { name: d, receiver: x, group_by: [channel, channel], group_interval: 1h, repeat_interval: 30m }
`),
    ).toEqual([
      'route.group_by: expected a list of fields, e.g. [touchpoint] or [touchpoint, channel] ([] puts every alert of the route in one group)',
      'route.routes[0].group_by: unknown field "nope" (use an alias such as touchpoint, channel, theme, or a path under feedback. or analysis.)',
      'route.routes[0].group_wait: expected a duration such as 30s, 5m, 4h or 1h30m',
      'route.routes[1].group_interval: must be between 1s and 30d',
      'route.routes[2].repeat_interval: only applies with group_by on this route or a parent',
      'route.routes[3].group_by: a field is listed twice',
      'route.routes[3].repeat_interval: must not be shorter than group_interval',
    ]);
  });
});

describe('explain grouping', () => {
  const tree = parseRoutingTree(TREE);
  const event = analyzedFixture({ nps: 2, touchpoint: 'checkout' });
  const [match] = evaluateRoutingTree(tree, event);
  const now = new Date('2026-11-25T10:00:00.000Z');

  it('says a first alert starts a group sent after group_wait', () => {
    expect(explainGrouping('t1', match, 'a1', event, tree, now, undefined)).toMatchObject({
      notifies: ['slack'],
      grouped: true,
      joins: 'new group',
      labels: { touchpoint: 'checkout' },
      groupWait: '1m',
      sendsAt: '2026-11-25T10:01:00.000Z',
    });
  });

  it('says a later alert joins the waiting ones, or the next group_interval update', () => {
    const waiting = { nextFlushAt: new Date('2026-11-25T10:00:40.000Z'), lastFlushedAt: null, pending: 12, size: 12 };
    expect(explainGrouping('t1', match, 'a1', event, tree, now, waiting)).toMatchObject({ joins: 'existing group', waiting: 12, sendsAt: '2026-11-25T10:00:40.000Z' });
    const notified = { nextFlushAt: new Date('2026-11-25T14:00:00.000Z'), lastFlushedAt: new Date('2026-11-25T09:58:00.000Z'), pending: 0, size: 50 };
    expect(explainGrouping('t1', match, 'a1', event, tree, now, notified)).toMatchObject({ joins: 'existing group', groupSize: 50, sendsAt: '2026-11-25T10:03:00.000Z' });
  });

  it('is null for a receiver that notifies nobody directly', () => {
    const plain = parseRoutingTree('route: { receiver: cx-inbox }');
    const [m] = evaluateRoutingTree(plain, event);
    expect(explainGrouping('t1', m, 'a1', event, plain, now, undefined)).toBeNull();
  });
});
