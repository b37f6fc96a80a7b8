import { analyzedFixture as analyzed } from '../testing/analyzed-fixture';
import { evaluateRoutingTree, receiversOf } from './evaluate-routing-tree';
import { parseRoutingTree, RoutingTreeError } from './parse-routing-tree';

const TREE = parseRoutingTree(`
route:
  routes:
    - name: detractors
      match: { nps: { lte: 6 } }
      receiver: cx-detractors
      severity: high
      routes:
        - name: vip
          match: { customerValue: { gte: 50000 } }
          receiver: key-accounts
          severity: critical
    - name: delivery-theme
      match: { theme: delivery }
      receiver: logistics
      continue: true
    - name: negative-any
      match: { sentiment: negative, sentimentScore: { lte: -0.5 } }
      receiver: cx-negative
    - name: thai
      match: { language: { in: [th] } }
      receiver: th-team
`);

describe('routing tree semantics', () => {
  it.each([
    ['a passive customer matches nothing', analyzed({ nps: 8 }), []],
    ['a detractor goes to the detractor receiver', analyzed({ nps: 3 }), [['cx-detractors', 'root/detractors']]],
    ['a valuable detractor is routed by the nested route only', analyzed({ nps: 3, value: 90000 }), [['key-accounts', 'root/detractors/vip']]],
    ['continue fans out to the next sibling', analyzed({ themes: ['delivery'], label: 'negative', score: -0.9 }), [['logistics', 'root/delivery-theme'], ['cx-negative', 'root/negative-any']]],
    ['without continue the first match stops the search', analyzed({ nps: 2, label: 'negative', score: -0.9 }), [['cx-detractors', 'root/detractors']]],
    ['all matchers of a route must hold', analyzed({ label: 'negative', score: -0.2 }), []],
    ['in matches a list of values', analyzed({ language: 'th' }), [['th-team', 'root/thai']]],
  ])('%s', (_name, event, expected) => {
    expect(evaluateRoutingTree(TREE, event).map((m) => [m.receiver, m.rulePath.join('/')])).toEqual(expected);
  });

  it('records the values the matchers saw along the path', () => {
    const [m] = evaluateRoutingTree(TREE, analyzed({ nps: 1, value: 75000 }));
    expect(m.matched).toEqual({ nps: 1, customerValue: 75000 });
    expect(m.severity).toBe('critical');
  });

  it('a default route (no matchers, last) catches what nothing else did', () => {
    const tree = parseRoutingTree(`
route:
  routes:
    - name: detractors
      match: { nps: { lte: 6 } }
      receiver: a
    - name: default
      receiver: b
`);
    expect(evaluateRoutingTree(tree, analyzed({ nps: 9 })).map((m) => m.receiver)).toEqual(['b']);
    expect(evaluateRoutingTree(tree, analyzed({ nps: 2 })).map((m) => m.receiver)).toEqual(['a']);
  });

  it('lists every receiver so their topics can be created', () => {
    expect(receiversOf(TREE).sort()).toEqual(['cx-detractors', 'cx-negative', 'key-accounts', 'logistics', 'th-team']);
  });
});

describe('routing tree validation', () => {
  function problems(yaml: string): string[] {
    try {
      parseRoutingTree(yaml);
    } catch (error) {
      return (error as RoutingTreeError).problems;
    }
    return [];
  }

  it('reports every problem with its path', () => {
    expect(
      problems(`
route:
  routes:
    - name: bad ops
      match: { nps: { lt3: 4 }, shoeSize: 42 }
      receiver: Not_Valid
      severity: urgent
    - name: leaf-without-receiver
sla: { p9: 10 }
`),
    ).toEqual([
      'route.routes[0].name: required, 1-64 characters of letters, digits, _ . -',
      'route.routes[0].receiver: must be a receiver name of lowercase letters, digits and dashes',
      'route.routes[0].severity: must be one of low, medium, high, critical',
      'route.routes[0].match.nps.lt3: unknown operator "lt3" (expected one of eq, ne, in, notIn, lt, lte, gt, gte, regex, exists, contains)',
      'route.routes[0].match.shoeSize: unknown field (use an alias such as nps, sentiment, theme, or a path under feedback. or analysis.)',
      'route.routes[1]: a route without child routes needs a receiver',
      'sla.p9: unknown priority (p1-p4)',
    ]);
  });

  it('rejects malformed YAML and wrong value types', () => {
    expect(problems('route: [')[0]).toMatch(/^yaml: /);
    expect(problems('route:\n  routes:\n    - name: x\n      receiver: a\n      match: { nps: { lte: "six" } }')).toEqual([
      'route.routes[0].match.nps.lte: expected a number',
    ]);
  });

  it('accepts the shipped default tree', () => {
     
    const { readFileSync } = require('node:fs');
    expect(() => parseRoutingTree(readFileSync(`${__dirname}/../../config/routing.yaml`, 'utf8'))).not.toThrow();
  });
});
