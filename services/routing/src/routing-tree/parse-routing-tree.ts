import { load } from 'js-yaml';
import { isValidReceiverName, Severity, SEVERITIES } from '@loops/contracts';
import { GroupingSpec } from '../grouping/grouping-spec';
import { GROUPING_KEYS, parseGrouping } from '../grouping/parse-grouping';
import { ReceiverNotify } from '../receivers/receiver-config';
import { NOTIFY_KEYS, parseReceiverNotify } from '../receivers/parse-receiver-config';
import { resolveField } from './field-aliases';
import { LinearPattern } from './linear-pattern';
import { BusinessHours, Matcher, Operator, Route, RoutingTree, Scalar, WebhookReceiver } from './routing-tree.types';

export class RoutingTreeError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid routing tree:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RoutingTreeError';
  }
}

const OPERATORS: Operator[] = ['eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'regex', 'exists', 'contains'];
const ROUTE_KEYS = new Set(['name', 'match', 'receiver', 'severity', 'owner', 'continue', 'escalation', 'routes', ...GROUPING_KEYS]);
const TREE_KEYS = ['route', 'sla', 'highValueThreshold', 'groupWindowMinutes', 'repeatIntervalMinutes', 'businessHours', 'receivers'];
const DEFAULT_SLA = { p1: 240, p2: 1440, p3: 4320, p4: 10080 };

export type Problems = string[];

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
      const pattern = LinearPattern.compile(value);
      if (pattern instanceof LinearPattern) matchers.push({ field, path, op, value: pattern });
      else problems.push(`${where}: ${pattern.problem}`);
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

/** Parses a `match:` object (field → value or operators); shared by routes and silences. */
export function parseMatchObject(raw: unknown, at: string, problems: Problems): Matcher[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${at}: expected an object of field matchers`);
    return [];
  }
  return Object.entries(raw).flatMap(([field, spec]) => parseMatcher(field, spec, at, problems));
}

function parseReceiverList(raw: unknown, at: string, problems: Problems): string[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push(`${at}: expected a non-empty list of receiver names`);
    return undefined;
  }
  raw.forEach((r, i) => {
    if (typeof r !== 'string' || !isValidReceiverName(r)) problems.push(`${at}[${i}]: must be a receiver name of lowercase letters, digits and dashes`);
  });
  return raw as string[];
}

function parseRoute(raw: unknown, at: string, problems: Problems, isRoot: boolean, inheritedGrouping?: GroupingSpec): Route | undefined {
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
  const matchers = r.match === undefined ? [] : parseMatchObject(r.match, `${at}.match`, problems);
  const escalation = parseReceiverList(r.escalation, `${at}.escalation`, problems);
  const grouping = parseGrouping(r, at, problems, inheritedGrouping);
  const children: Route[] = [];
  if (r.routes !== undefined) {
    if (!Array.isArray(r.routes)) problems.push(`${at}.routes: expected a list of routes`);
    else
      r.routes.forEach((child, i) => {
        const parsed = parseRoute(child, `${at}.routes[${i}]`, problems, false, grouping);
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
    escalation,
    grouping,
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
    if (!TREE_KEYS.includes(key)) problems.push(`${key}: unknown key`);
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
  const groupWindowMinutes = minutes(d.groupWindowMinutes, 'groupWindowMinutes', 60, problems);
  const repeatIntervalMinutes = minutes(d.repeatIntervalMinutes, 'repeatIntervalMinutes', 240, problems);
  const businessHours = d.businessHours === undefined ? undefined : parseBusinessHours(d.businessHours, problems);
  const { webhooks, notifiers } = parseReceivers(d.receivers, problems);
  if (problems.length > 0 || !root) throw new RoutingTreeError(problems);
  return { root, slaMinutes, highValueThreshold: threshold as number, groupWindowMinutes, repeatIntervalMinutes, businessHours, webhooks, notifiers };
}

function minutes(raw: unknown, at: string, fallback: number, problems: Problems): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) {
    problems.push(`${at}: expected a whole number of minutes (0 or more)`);
    return fallback;
  }
  return raw;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function parseBusinessHours(raw: unknown, problems: Problems): BusinessHours | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('businessHours: expected { timeZone, days, start, end }');
    return undefined;
  }
  const b = raw as Record<string, unknown>;
  const before = problems.length;
  for (const key of Object.keys(b)) if (!['timeZone', 'days', 'start', 'end'].includes(key)) problems.push(`businessHours.${key}: unknown key`);
  if (typeof b.timeZone !== 'string' || !isTimeZone(b.timeZone)) problems.push('businessHours.timeZone: expected an IANA time zone such as Asia/Jakarta');
  const days = b.days ?? [1, 2, 3, 4, 5];
  if (!Array.isArray(days) || days.length === 0 || !days.every((day) => Number.isInteger(day) && day >= 1 && day <= 7)) {
    problems.push('businessHours.days: expected a non-empty list of weekdays 1 (Monday) to 7 (Sunday)');
  }
  if (typeof b.start !== 'string' || !HHMM.test(b.start)) problems.push('businessHours.start: expected HH:MM');
  if (typeof b.end !== 'string' || !HHMM.test(b.end)) problems.push('businessHours.end: expected HH:MM');
  else if (typeof b.start === 'string' && HHMM.test(b.start) && b.end <= b.start) problems.push('businessHours.end: must be later than start');
  if (problems.length > before) return undefined;
  return { timeZone: b.timeZone as string, days: days as number[], start: b.start as string, end: b.end as string };
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function parseReceivers(raw: unknown, problems: Problems): { webhooks: Record<string, WebhookReceiver>; notifiers: Record<string, ReceiverNotify> } {
  const webhooks: Record<string, WebhookReceiver> = {};
  const notifiers: Record<string, ReceiverNotify> = {};
  if (raw === undefined) return { webhooks, notifiers };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('receivers: expected an object of receiver name: { webhook?, email?, slack?, teams?, title? }');
    return { webhooks, notifiers };
  }
  for (const [name, spec] of Object.entries(raw as Record<string, unknown>)) {
    const at = `receivers.${name}`;
    if (!isValidReceiverName(name)) problems.push(`${at}: must be a receiver name of lowercase letters, digits and dashes`);
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
      problems.push(`${at}: expected at least one of webhook, email, slack, teams`);
      continue;
    }
    const s = spec as Record<string, unknown>;
    for (const key of Object.keys(s)) if (key !== 'webhook' && !(NOTIFY_KEYS as readonly string[]).includes(key)) problems.push(`${at}.${key}: unknown key (webhook, email, slack, teams, title)`);
    const notify = parseReceiverNotify(s, at, problems);
    if (notify) notifiers[name] = notify;
    if (s.webhook === undefined) {
      if (!['email', 'slack', 'teams'].some((k) => s[k] !== undefined)) problems.push(`${at}: expected at least one of webhook, email, slack, teams`);
      continue;
    }
    const webhook = s.webhook as Record<string, unknown> | undefined;
    if (!webhook || typeof webhook !== 'object') {
      problems.push(`${at}.webhook: expected { url, secretEnv }`);
      continue;
    }
    let urlOk = false;
    try {
      urlOk = typeof webhook.url === 'string' && ['http:', 'https:'].includes(new URL(webhook.url).protocol);
    } catch {
      urlOk = false;
    }
    if (!urlOk) problems.push(`${at}.webhook.url: expected an http(s) URL`);
    if (typeof webhook.secretEnv !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(webhook.secretEnv)) {
      problems.push(`${at}.webhook.secretEnv: expected the name of an environment variable holding the signing secret`);
    }
    if (urlOk && typeof webhook.secretEnv === 'string') webhooks[name] = { url: webhook.url as string, secretEnv: webhook.secretEnv };
  }
  return { webhooks, notifiers };
}
