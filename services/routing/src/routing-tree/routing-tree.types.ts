import { Severity } from '@loops/contracts';

export type Scalar = string | number | boolean;

export type Operator = 'eq' | 'ne' | 'in' | 'notIn' | 'lt' | 'lte' | 'gt' | 'gte' | 'regex' | 'exists' | 'contains';

export interface Matcher {
  /** Field as written in the YAML (an alias like `nps` or a path like `feedback.scores.nps`). */
  field: string;
  /** Resolved path into the analyzed event. */
  path: string[];
  op: Operator;
  value: Scalar | Scalar[] | RegExp;
}

export interface Route {
  name: string;
  matchers: Matcher[];
  receiver?: string;
  severity: Severity;
  owner?: string;
  /** Keep evaluating the following siblings after this route matched (fan-out). */
  continue: boolean;
  routes: Route[];
}

export interface RoutingTree {
  root: Route;
  /** SLA in minutes by priority. */
  slaMinutes: Record<'p1' | 'p2' | 'p3' | 'p4', number>;
  /** Customer annual value from which priority is raised one step. */
  highValueThreshold: number;
}

export interface RouteMatch {
  receiver: string;
  rulePath: string[];
  severity: Severity;
  owner: string;
  matched: Record<string, unknown>;
}
