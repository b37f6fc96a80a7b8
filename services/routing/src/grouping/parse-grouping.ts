import { resolveField } from '../routing-tree/field-aliases';
import { parseDuration } from './duration';
import { GROUPING_DEFAULTS, GroupingSpec } from './grouping-spec';

export const GROUPING_KEYS = ['group_by', 'group_wait', 'group_interval', 'repeat_interval'] as const;

const MAX_DURATION_MS = 30 * 86_400_000;

/**
 * Reads a route's grouping keys over what it inherits from its parent. A route without `group_by` of its
 * own or inherited does not group: each alert is notified on its own, at once. Every problem is reported
 * with the route's path and the key.
 */
export function parseGrouping(r: Record<string, unknown>, at: string, problems: string[], inherited: GroupingSpec | undefined): GroupingSpec | undefined {
  let groupBy = inherited?.groupBy;
  let paths = inherited?.paths;
  if (r.group_by !== undefined) {
    if (!Array.isArray(r.group_by) || !r.group_by.every((f) => typeof f === 'string')) {
      problems.push(`${at}.group_by: expected a list of fields, e.g. [touchpoint] or [touchpoint, channel] ([] puts every alert of the route in one group)`);
    } else {
      const resolved = r.group_by.map((field: string) => [field, resolveField(field)] as const);
      for (const [field, path] of resolved) {
        if (!path) problems.push(`${at}.group_by: unknown field "${field}" (use an alias such as touchpoint, channel, theme, or a path under feedback. or analysis.)`);
      }
      if (new Set(r.group_by).size !== r.group_by.length) problems.push(`${at}.group_by: a field is listed twice`);
      groupBy = r.group_by as string[];
      paths = resolved.map(([, path]) => path ?? []);
    }
  }
  const invalid = new Set<string>();
  const timing = (key: 'group_wait' | 'group_interval' | 'repeat_interval', inheritedMs: number | undefined, fallback: number, minMs: number): number => {
    const raw = r[key];
    if (raw === undefined) return inheritedMs ?? fallback;
    const ms = typeof raw === 'string' ? parseDuration(raw) : undefined;
    if (ms === undefined) {
      problems.push(`${at}.${key}: expected a duration such as 30s, 5m, 4h or 1h30m`);
      invalid.add(key);
      return fallback;
    }
    if (ms < minMs || ms > MAX_DURATION_MS) {
      problems.push(`${at}.${key}: must be between ${minMs === 0 ? '0s' : '1s'} and 30d`);
      invalid.add(key);
      return fallback;
    }
    return ms;
  };
  const groupWaitMs = timing('group_wait', inherited?.groupWaitMs, GROUPING_DEFAULTS.groupWaitMs, 0);
  const groupIntervalMs = timing('group_interval', inherited?.groupIntervalMs, GROUPING_DEFAULTS.groupIntervalMs, 1000);
  const repeatIntervalMs = timing('repeat_interval', inherited?.repeatIntervalMs, GROUPING_DEFAULTS.repeatIntervalMs, 1000);
  if (groupBy === undefined) {
    const stray = GROUPING_KEYS.filter((k) => k !== 'group_by' && r[k] !== undefined);
    if (stray.length > 0) problems.push(`${at}.${stray[0]}: only applies with group_by on this route or a parent`);
    return undefined;
  }
  if (!invalid.has('group_interval') && !invalid.has('repeat_interval') && repeatIntervalMs < groupIntervalMs) {
    problems.push(`${at}.repeat_interval: must not be shorter than group_interval`);
  }
  return { groupBy, paths: paths!, groupWaitMs, groupIntervalMs, repeatIntervalMs };
}
