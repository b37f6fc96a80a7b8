import { Severity } from '@loops/contracts';
import type { GroupingSpec } from '../grouping/grouping-spec';
import type { ReceiverNotify } from '../receivers/receiver-config';
import type { LinearPattern } from './linear-pattern';

export type Scalar = string | number | boolean;

export type Operator = 'eq' | 'ne' | 'in' | 'notIn' | 'lt' | 'lte' | 'gt' | 'gte' | 'regex' | 'exists' | 'contains';

export interface Matcher {
  /** Field as written in the YAML (an alias like `nps` or a path like `feedback.scores.nps`). */
  field: string;
  /** Resolved path into the analyzed event. */
  path: string[];
  op: Operator;
  value: Scalar | Scalar[] | LinearPattern;
}

export interface Route {
  name: string;
  matchers: Matcher[];
  receiver?: string;
  severity: Severity;
  owner?: string;
  /** Keep evaluating the following siblings after this route matched (fan-out). */
  continue: boolean;
  /** Receivers paged one step at a time while a case stays unacknowledged past its SLA (inherited). */
  escalation?: string[];
  /** group_by / group_wait / group_interval / repeat_interval, merged over the parent's. */
  grouping?: GroupingSpec;
  routes: Route[];
}

/** SLA clocks run only inside these hours, in the tenant's time zone. Days: 1 = Monday ... 7 = Sunday. */
export interface BusinessHours {
  timeZone: string;
  days: number[];
  /** HH:MM local time. */
  start: string;
  end: string;
}

/** A receiver that is also delivered over HTTP, signed per Standard Webhooks with the secret in `secretEnv`. */
export interface WebhookReceiver {
  url: string;
  secretEnv: string;
}

export interface RoutingTree {
  root: Route;
  /** SLA in minutes by priority. */
  slaMinutes: Record<'p1' | 'p2' | 'p3' | 'p4', number>;
  /** Customer annual value from which priority is raised one step. */
  highValueThreshold: number;
  /** A customer's new unhappy feedback this soon after their case was resolved reopens it. */
  groupWindowMinutes: number;
  /** An open case pages again at most once per this interval; feedback in between is attached quietly. */
  repeatIntervalMinutes: number;
  businessHours?: BusinessHours;
  webhooks: Record<string, WebhookReceiver>;
  /** Receivers that also notify people by e-mail, Slack or Teams. */
  notifiers: Record<string, ReceiverNotify>;
}

export interface RouteMatch {
  receiver: string;
  rulePath: string[];
  severity: Severity;
  owner: string;
  escalation: string[];
  matched: Record<string, unknown>;
  /** The firing route's grouping; undefined: each alert is notified on its own. */
  grouping?: GroupingSpec;
}
