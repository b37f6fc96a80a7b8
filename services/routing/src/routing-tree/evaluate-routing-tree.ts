import { FeedbackAnalyzedV2 } from '@loops/contracts';
import { LinearPattern } from './linear-pattern';
import { Matcher, Route, RouteMatch, RoutingTree } from './routing-tree.types';

export type RoutableEvent = FeedbackAnalyzedV2 & { analysis: { themeIds?: string[] } };

export function withThemeIds(analyzed: FeedbackAnalyzedV2): RoutableEvent {
  return { ...analyzed, analysis: { ...analyzed.analysis, themeIds: analyzed.analysis.themes.map((t) => t.id) } };
}

export function read(event: RoutableEvent, path: string[]): unknown {
  let value: unknown = event;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function testMatcher(m: Matcher, actual: unknown): boolean {
  switch (m.op) {
    case 'exists':
      return (actual !== undefined && actual !== null) === m.value;
    case 'eq':
      return Array.isArray(actual) ? actual.includes(m.value) : actual === m.value;
    case 'ne':
      return Array.isArray(actual) ? !actual.includes(m.value) : actual !== m.value;
    case 'in':
      return Array.isArray(actual)
        ? actual.some((a) => (m.value as unknown[]).includes(a))
        : (m.value as unknown[]).includes(actual);
    case 'notIn':
      return Array.isArray(actual)
        ? !actual.some((a) => (m.value as unknown[]).includes(a))
        : actual !== undefined && !(m.value as unknown[]).includes(actual);
    case 'contains':
      return Array.isArray(actual) ? actual.includes(m.value) : typeof actual === 'string' && actual.includes(String(m.value));
    case 'regex':
      return typeof actual === 'string' && (m.value as LinearPattern).test(actual);
    case 'lt':
      return typeof actual === 'number' && actual < (m.value as number);
    case 'lte':
      return typeof actual === 'number' && actual <= (m.value as number);
    case 'gt':
      return typeof actual === 'number' && actual > (m.value as number);
    case 'gte':
      return typeof actual === 'number' && actual >= (m.value as number);
  }
}

function matches(route: Route, event: RoutableEvent, matched: Record<string, unknown>): boolean {
  const seen: Record<string, unknown> = {};
  for (const m of route.matchers) {
    const actual = read(event, m.path);
    if (!testMatcher(m, actual)) return false;
    seen[m.field] = actual;
  }
  Object.assign(matched, seen);
  return true;
}

/**
 * Alertmanager semantics: children are tried in order; the first that matches is descended into and
 * stops the search unless it says `continue`. A matching route whose children all miss fires its own
 * receiver. Every match records the rule path and the values the matchers saw.
 */
export function evaluateRoutingTree(tree: RoutingTree, analyzed: FeedbackAnalyzedV2): RouteMatch[] {
  const event = withThemeIds(analyzed);
  const fired: RouteMatch[] = [];
  const walk = (
    route: Route,
    path: string[],
    matched: Record<string, unknown>,
    owner: string | undefined,
    escalation: string[],
  ): boolean => {
    const here = { ...matched };
    if (!matches(route, event, here)) return false;
    const rulePath = [...path, route.name];
    const routeOwner = route.owner ?? owner;
    const routeEscalation = route.escalation ?? escalation;
    let childFired = false;
    for (const child of route.routes) {
      if (walk(child, rulePath, here, routeOwner, routeEscalation)) {
        childFired = true;
        if (!child.continue) break;
      }
    }
    if (!childFired && route.receiver) {
      fired.push({
        receiver: route.receiver,
        rulePath,
        severity: route.severity,
        owner: routeOwner ?? route.receiver,
        escalation: routeEscalation,
        matched: here,
        grouping: route.grouping,
      });
      return true;
    }
    return childFired;
  };
  walk(tree.root, [], {}, undefined, []);
  return fired;
}

/** All receivers named anywhere in the tree (their alert topics are created at start-up). */
export function receiversOf(tree: RoutingTree): string[] {
  const out = new Set<string>();
  const visit = (r: Route) => {
    if (r.receiver) out.add(r.receiver);
    r.escalation?.forEach((e) => out.add(e));
    r.routes.forEach(visit);
  };
  visit(tree.root);
  return [...out];
}
