/**
 * How a route groups its alerts into notifications, Alertmanager style. Set on a route, inherited by its
 * children field by field (a child may change only `group_wait`).
 */
export interface GroupingSpec {
  /** Fields as written (`touchpoint`, `channel`, `feedback.attributes.plan`); alerts with equal values share a group. */
  groupBy: string[];
  /** Resolved paths into the analyzed event, one per `groupBy` field. */
  paths: string[][];
  /** How long a new group waits for more alerts before its first notification. */
  groupWaitMs: number;
  /** After a notification, how long before the next one about alerts that joined since. */
  groupIntervalMs: number;
  /** How long before a group whose cases are still open and unacknowledged is notified again. */
  repeatIntervalMs: number;
}

/** Alertmanager's defaults for the timings a route leaves out. */
export const GROUPING_DEFAULTS = { groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 4 * 3600_000 } as const;
