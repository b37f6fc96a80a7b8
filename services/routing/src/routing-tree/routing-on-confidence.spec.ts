import { readFileSync } from 'node:fs';
import { analyzedFixture as analyzed } from '../testing/analyzed-fixture';
import { evaluateRoutingTree } from './evaluate-routing-tree';
import { parseRoutingTree, RoutingTreeError } from './parse-routing-tree';

const fired = (tree: ReturnType<typeof parseRoutingTree>, event: ReturnType<typeof analyzed>) =>
  evaluateRoutingTree(tree, event).map((m) => [m.receiver, m.rulePath.join('/')]);

describe('routing on the analyzer confidence', () => {
  const tree = parseRoutingTree(`
route:
  routes:
    - { name: sure-negative, match: { sentiment: negative, confidence: { gte: 0.8 } }, receiver: page-now }
    - { name: unsure, match: { confidence: { lt: 0.55 } }, receiver: review-queue }
    - { name: between, match: { confidence: { gt: 0.55, lte: 0.7 } }, receiver: digest }
`);

  it.each([
    [
      'a confident negative pages',
      { label: 'negative' as const, confidence: 0.8 },
      [['page-now', 'root/sure-negative']],
    ],
    ['an unsure negative does not', { label: 'negative' as const, confidence: 0.79 }, []],
    ['lt on confidence', { label: 'neutral' as const, confidence: 0.5 }, [['review-queue', 'root/unsure']]],
    ['gt and lte together', { label: 'positive' as const, confidence: 0.7 }, [['digest', 'root/between']]],
  ])('%s', (_name, over, expected) => {
    expect(fired(tree, analyzed(over))).toEqual(expected);
  });

  it('records the confidence it matched on', () => {
    expect(evaluateRoutingTree(tree, analyzed({ label: 'negative', confidence: 0.91 }))[0].matched).toEqual({
      sentiment: 'negative',
      confidence: 0.91,
    });
  });

  it('rejects a non-numeric threshold with its path', () => {
    let problems: string[] = [];
    try {
      parseRoutingTree(
        'route:\n  routes:\n    - name: x\n      receiver: a\n      match: { confidence: { gte: high } }',
      );
    } catch (error) {
      problems = (error as RoutingTreeError).problems;
    }
    expect(problems).toEqual(['route.routes[0].match.confidence.gte: expected a number']);
  });
});

describe('the shipped default tree', () => {
  const tree = parseRoutingTree(readFileSync(`${__dirname}/../../config/routing.yaml`, 'utf8'));

  it.each([
    [
      'a confident negative chat pages support',
      { channel: 'chat' as const, label: 'negative' as const, score: -0.7, confidence: 0.85 },
      [['cx-support', 'root/negative-support']],
    ],
    [
      'a confident negative ticket pages support',
      { channel: 'support_ticket' as const, label: 'negative' as const, score: -0.9, confidence: 0.95 },
      [['cx-support', 'root/negative-support']],
    ],
    [
      'an unsure negative chat does not page',
      { channel: 'chat' as const, label: 'negative' as const, score: -0.9, confidence: 0.6 },
      [],
    ],
    [
      'a detractor pages whatever the text says',
      { nps: 3, label: 'neutral' as const, confidence: 0.5 },
      [['cx-detractors', 'root/detractors']],
    ],
    [
      'a bad rating pages the review team',
      { channel: 'review' as const, rating: 1, label: 'neutral' as const, confidence: 0.4 },
      [['cx-reviews', 'root/unhappy-reviews']],
    ],
    [
      'a passive with a mild comment does not page',
      { nps: 8, label: 'positive' as const, confidence: 0.9 },
      [],
    ],
  ])('%s', (_name, over, expected) => {
    expect(fired(tree, analyzed(over))).toEqual(expected);
  });
});
