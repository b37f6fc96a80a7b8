import { analyzedFixture as analyzed } from '../testing/analyzed-fixture';
import { evaluateRoutingTree } from './evaluate-routing-tree';
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

describe('tree regexes run in linear time (re2js)', () => {
  // `(a+)+$` is the classic catastrophic pattern: a backtracking engine needs 2^n steps on "aaaa…!".
  const tree = parseRoutingTree(`
route:
  routes:
    - { name: nested, match: { product: { regex: '(a+)+' } }, receiver: nested-team }
`);
  const hostile = `${'a'.repeat(20_000)}!`;

  it('evaluates the nested quantifier on a long non-matching text and answers "no match"', () => {
    expect(evaluateRoutingTree(tree, analyzed({ product: hostile, nps: 9 }))).toEqual([]);
  });

  it('still matches what the pattern means, anchored to the whole value', () => {
    expect(evaluateRoutingTree(tree, analyzed({ product: 'a'.repeat(20_000), nps: 9 })).map((m) => m.receiver)).toEqual(['nested-team']);
    expect(evaluateRoutingTree(tree, analyzed({ product: 'baa', nps: 9 }))).toEqual([]);
  });

  it('explain on the hostile text reports the matcher with the pattern as written', () => {
    const trace = explainRoutingTree(tree, analyzed({ product: hostile, nps: 9 }));
    expect(trace.children[0].matchers).toEqual([{ field: 'product', op: 'regex', expected: '(a+)+', actual: hostile, passed: false }]);
    expect(trace.children[0].result).toBe('not-matched');
  });

  it('refuses backreferences and lookaround with the matcher path', () => {
    const found = problems(`
route:
  routes:
    - { name: backref, match: { product: { regex: '(a)\\1' } }, receiver: x }
    - { name: lookahead, match: { theme: { regex: 'late(?=ly)' } }, receiver: y }
`);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^route\.routes\[0\]\.match\.product\.regex: not a linear-time regular expression \(RE2 syntax: no backreferences or lookaround\)/);
    expect(found[1]).toMatch(/^route\.routes\[1\]\.match\.theme\.regex: not a linear-time regular expression/);
  });

  it('refuses an overlong or blown-up pattern', () => {
    expect(problems(`route: { routes: [ { name: long, match: { product: { regex: '${'a'.repeat(1001)}' } }, receiver: x } ] }`)).toEqual([
      'route.routes[0].match.product.regex: regular expression longer than 1000 characters',
    ]);
    expect(problems(`route: { routes: [ { name: big, match: { product: { regex: '(x{1000}){1000}' } }, receiver: x } ] }`)[0]).toMatch(
      /^route\.routes\[0\]\.match\.product\.regex: /,
    );
  });
});
