import { load } from 'js-yaml';
import { isValidReceiverName, Severity, SEVERITIES } from '@loops/contracts';
import { resolveField } from './field-aliases';
import { Matcher, Operator, Route, RoutingTree, Scalar } from './routing-tree.types';

export class RoutingTreeError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid routing tree:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RoutingTreeError';
  }
}

const OPERATORS: Operator[] = ['eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'regex', 'exists', 'contains'];
const ROUTE_KEYS = new Set(['name', 'match', 'receiver', 'severity', 'owner', 'continue', 'routes']);
const DEFAULT_SLA = { p1: 240, p2: 1440, p3: 4320, p4: 10080 };

type Problems = string[];

function isScalar(v: unknown): v is Scalar {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function parseMatcher(field: string, spec: unknown, at: string, problems: Problems): Matcher[] {
  const path = resolveField(field);
  if (!path) {
    problems.push(`${at}.${field}: unknown field (use an alias such as nps, sentiment, theme, or a path under feedback. or analysis.)`);
    return [];
  }
  if (isScalar(spec)) return [{ field, path, op: 'eq', value: spec }];
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    problems.push(`${at}.${field}: expected a value or an object of operators (${OPERATORS.join(', ')})`);
    return [];
  }
  const matchers: Matcher[] = [];
  for (const [op, value] of Object.entries(spec as Record<string, unknown>)) {
    const where = `${at}.${field}.${op}`;
    if (!OPERATORS.includes(op as Operator)) {
      problems.push(`${where}: unknown operator "${op}" (expected one of ${OPERATORS.join(', ')})`);
      continue;
    }
    if (op === 'in' || op === 'notIn') {
      if (!Array.isArray(value) || value.length === 0 || !value.every(isScalar)) {
        problems.push(`${where}: expected a non-empty list of values`);
        continue;
      }
    } else if (op === 'lt' || op === 'lte' || op === 'gt' || op === 'gte') {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        problems.push(`${where}: expected a number`);
        continue;
      }
    } else if (op === 'regex') {
      if (typeof value !== 'string') {
        problems.push(`${where}: expected a regular expression string`);
        continue;
      }
      try {
        matchers.push({ field, path, op, value: new RegExp(`^(?:${value})$`, 'u') });
      } catch (error) {
        problems.push(`${where}: ${(error as Error).message}`);
      }
      continue;
    } else if (op === 'exists') {
      if (typeof value !== 'boolean') {
        problems.push(`${where}: expected true or false`);
        continue;
      }
    } else if (!isScalar(value)) {
      problems.push(`${where}: expected a string, number or boolean`);
      continue;
    }
    matchers.push({ field, path, op: op as Operator, value: value as Scalar | Scalar[] });
  }
  return matchers;
}

function parseRoute(raw: unknown, at: string, problems: Problems, isRoot: boolean): Route | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${at}: expected a route object`);
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!ROUTE_KEYS.has(key)) problems.push(`${at}.${key}: unknown key`);
  const name = r.name ?? (isRoot ? 'root' : undefined);
  if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
    problems.push(`${at}.name: required, 1-64 characters of letters, digits, _ . -`);
  }
  if (r.receiver !== undefined && (typeof r.receiver !== 'string' || !isValidReceiverName(r.receiver))) {
    problems.push(`${at}.receiver: must be a receiver name of lowercase letters, digits and dashes`);
  }
  if (r.severity !== undefined && !SEVERITIES.includes(r.severity as Severity)) {
    problems.push(`${at}.severity: must be one of ${SEVERITIES.join(', ')}`);
  }
  if (r.continue !== undefined && typeof r.continue !== 'boolean') problems.push(`${at}.continue: must be true or false`);
  if (r.owner !== undefined && typeof r.owner !== 'string') problems.push(`${at}.owner: must be a string`);
  const matchers: Matcher[] = [];
  if (r.match !== undefined) {
    if (r.match === null || typeof r.match !== 'object' || Array.isArray(r.match)) {
      problems.push(`${at}.match: expected an object of field matchers`);
    } else {
      for (const [field, spec] of Object.entries(r.match)) matchers.push(...parseMatcher(field, spec, `${at}.match`, problems));
    }
  }
  const children: Route[] = [];
  if (r.routes !== undefined) {
    if (!Array.isArray(r.routes)) problems.push(`${at}.routes: expected a list of routes`);
    else
      r.routes.forEach((child, i) => {
        const parsed = parseRoute(child, `${at}.routes[${i}]`, problems, false);
        if (parsed) children.push(parsed);
      });
  }
  if (!isRoot && children.length === 0 && r.receiver === undefined) {
    problems.push(`${at}: a route without child routes needs a receiver`);
  }
  return {
    name: String(name),
    matchers,
    receiver: r.receiver as string | undefined,
    severity: (r.severity as Severity | undefined) ?? 'medium',
    owner: r.owner as string | undefined,
    continue: r.continue === true,
    routes: children,
  };
}

/** Parses and validates a routing tree document; every problem is reported with its path. */
export function parseRoutingTree(yamlText: string): RoutingTree {
  let doc: unknown;
  try {
    doc = load(yamlText);
  } catch (error) {
    throw new RoutingTreeError([`yaml: ${(error as Error).message}`]);
  }
  const problems: Problems = [];
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new RoutingTreeError(['document: expected a mapping with a `route` key']);
  const d = doc as Record<string, unknown>;
  for (const key of Object.keys(d)) {
    if (!['route', 'sla', 'highValueThreshold'].includes(key)) problems.push(`${key}: unknown key`);
  }
  const root = parseRoute(d.route, 'route', problems, true);
  const slaMinutes = { ...DEFAULT_SLA };
  if (d.sla !== undefined) {
    if (d.sla === null || typeof d.sla !== 'object') problems.push('sla: expected an object of priority: minutes');
    else
      for (const [priority, minutes] of Object.entries(d.sla as Record<string, unknown>)) {
        if (!(priority in DEFAULT_SLA)) problems.push(`sla.${priority}: unknown priority (p1-p4)`);
        else if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes <= 0) problems.push(`sla.${priority}: expected a positive whole number of minutes`);
        else slaMinutes[priority as keyof typeof DEFAULT_SLA] = minutes;
      }
  }
  const threshold = d.highValueThreshold ?? 50000;
  if (typeof threshold !== 'number' || threshold < 0) problems.push('highValueThreshold: expected a non-negative number');
  if (problems.length > 0 || !root) throw new RoutingTreeError(problems);
  return { root, slaMinutes, highValueThreshold: threshold as number };
}
