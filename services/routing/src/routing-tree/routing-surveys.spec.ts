import { readFileSync } from 'node:fs';
import { analyzedFixture as analyzed, FixtureOptions } from '../testing/analyzed-fixture';
import { evaluateRoutingTree } from './evaluate-routing-tree';
import { resolveField } from './field-aliases';
import { parseRoutingTree } from './parse-routing-tree';

const tree = parseRoutingTree(readFileSync(`${__dirname}/../../config/routing.yaml`, 'utf8'));
const fired = (over: FixtureOptions) => evaluateRoutingTree(tree, analyzed(over)).map((m) => [m.receiver, m.rulePath.join('/')]);

describe('the shipped default tree routes CSAT, CES and eNPS surveys', () => {
  it.each([
    ['csat 1 of 5 is dissatisfied', { csat: 1 }, [['cx-surveys', 'root/dissatisfied-csat']]],
    ['csat 2 of 5 is dissatisfied', { csat: 2 }, [['cx-surveys', 'root/dissatisfied-csat']]],
    ['csat 3 of 5 is not paged', { csat: 3 }, []],
    ['csat 5 of 5 is not paged', { csat: 5 }, []],
    ['ces 1 of 7 is hard effort', { ces: 1 }, [['cx-surveys', 'root/hard-effort-ces']]],
    ['ces 2 of 7 is hard effort', { ces: 2 }, [['cx-surveys', 'root/hard-effort-ces']]],
    ['ces 3 of 7 is not paged', { ces: 3 }, []],
    ['ces 7 of 7 (very easy) is not paged', { ces: 7 }, []],
    ['enps 0 is a detractor', { enps: 0 }, [['people-team', 'root/enps-detractors']]],
    ['enps 6 is a detractor', { enps: 6 }, [['people-team', 'root/enps-detractors']]],
    ['enps 7 (passive) is not paged', { enps: 7 }, []],
    ['enps 10 (promoter) is not paged', { enps: 10 }, []],
    ['a bad csat and a bad ces page once, on the first route', { csat: 1, ces: 1 }, [['cx-surveys', 'root/dissatisfied-csat']]],
    ['an NPS detractor keeps its route when the csat is bad too', { nps: 2, csat: 1, ces: 2 }, [['cx-detractors', 'root/detractors']]],
    ['a bad rating keeps the review route', { rating: 1, csat: 1 }, [['cx-reviews', 'root/unhappy-reviews']]],
    [
      'a bad csat on a confident negative ticket pages the survey owners first',
      { csat: 2, channel: 'support_ticket' as const, label: 'negative' as const, confidence: 0.95 },
      [['cx-surveys', 'root/dissatisfied-csat']],
    ],
  ])('%s', (_name, over, expected) => {
    expect(fired(over)).toEqual(expected);
  });

  it('records the score it matched on', () => {
    expect(evaluateRoutingTree(tree, analyzed({ ces: 2 }))[0].matched).toEqual({ ces: 2 });
  });

  it.each([
    ['csat', ['feedback', 'scores', 'csat']],
    ['ces', ['feedback', 'scores', 'ces']],
    ['enps', ['feedback', 'scores', 'enps']],
  ])('the alias %s resolves to the score field', (alias, path) => {
    expect(resolveField(alias)).toEqual(path);
  });
});
