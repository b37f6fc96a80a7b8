import { FeedbackAnalyzedV2 } from '@loops/contracts';
import { MatcherCheck } from '../inner-loop/routing-decision';
import { read, testMatcher, withThemeIds } from './evaluate-routing-tree';
import { LinearPattern } from './linear-pattern';
import { Route, RoutingTree } from './routing-tree.types';

export interface RouteTrace {
  path: string;
  /** `matched`, `not-matched`, or `not-tried` (an earlier sibling matched without `continue`). */
  result: 'matched' | 'not-matched' | 'not-tried';
  matchers: MatcherCheck[];
  /** The receiver this route fired (a matched route none of whose children matched). */
  fired?: string;
  continue: boolean;
  children: RouteTrace[];
}

/**
 * The whole walk of the tree for one event, for the explain endpoint and CLI: every route tried, each
 * matcher with the value it saw and whether it passed, and why later siblings were not tried. Mirrors
 * evaluateRoutingTree, which stays the one the hot path runs.
 */
export function explainRoutingTree(tree: RoutingTree, analyzed: FeedbackAnalyzedV2): RouteTrace {
  const event = withThemeIds(analyzed);
  const walk = (route: Route, parent: string): RouteTrace => {
    const path = parent ? `${parent}/${route.name}` : route.name;
    const matchers = route.matchers.map((m) => {
      const actual = read(event, m.path);
      return { field: m.field, op: m.op, expected: m.value instanceof LinearPattern ? m.value.source : m.value, actual, passed: testMatcher(m, actual) };
    });
    const trace: RouteTrace = { path, result: 'not-matched', matchers, continue: route.continue, children: [] };
    if (!matchers.every((c) => c.passed)) return trace;
    trace.result = 'matched';
    let stopped = false;
    let childFired = false;
    for (const child of route.routes) {
      if (stopped) {
        trace.children.push({ path: `${path}/${child.name}`, result: 'not-tried', matchers: [], continue: child.continue, children: [] });
        continue;
      }
      const childTrace = walk(child, path);
      trace.children.push(childTrace);
      if (childTrace.result === 'matched' && firedBelow(childTrace)) {
        childFired = true;
        if (!child.continue) stopped = true;
      }
    }
    if (!childFired && route.receiver) trace.fired = route.receiver;
    return trace;
  };
  return walk(tree.root, '');
}

function firedBelow(t: RouteTrace): boolean {
  return t.fired !== undefined || t.children.some(firedBelow);
}
