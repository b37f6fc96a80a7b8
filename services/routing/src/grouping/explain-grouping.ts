import { FeedbackAnalyzedV2 } from '@loops/contracts';
import { RouteMatch, RoutingTree } from '../routing-tree/routing-tree.types';
import { formatDuration } from './duration';
import { groupIdentity } from './group-key';

/** A group as the store holds it now (explain reads it; the offline CLI has none). */
export interface GroupState {
  nextFlushAt: Date;
  lastFlushedAt: Date | null;
  /** Alerts waiting for the next notification. */
  pending: number;
  size: number;
}

/**
 * Which notification group an alert would join and when it would be sent: the e-mail / Slack / Teams
 * side of explain. Null when the receiver notifies nobody directly (Kafka topic and webhook only).
 */
export function explainGrouping(tenantId: string, match: RouteMatch, alertId: string, event: FeedbackAnalyzedV2, tree: RoutingTree, now: Date, state: GroupState | undefined) {
  const notify = tree.notifiers[match.receiver];
  if (!notify) return null;
  const id = groupIdentity(tenantId, match.receiver, match.rulePath, alertId, match.grouping, event);
  const g = match.grouping;
  const base = { notifies: notify.targets.map((t) => t.kind), groupId: id.groupId, groupKey: id.groupKey, labels: id.labels };
  if (!g) return { ...base, grouped: false, sendsAt: now.toISOString(), explanation: 'not grouped (no group_by on the route or its parents): notified on its own at once' };
  const timings = { groupBy: g.groupBy, groupWait: formatDuration(g.groupWaitMs), groupInterval: formatDuration(g.groupIntervalMs), repeatInterval: formatDuration(g.repeatIntervalMs) };
  const at = (ms: number) => new Date(Math.max(now.getTime(), ms));
  if (!state) {
    const sendsAt = new Date(now.getTime() + g.groupWaitMs);
    return { ...base, grouped: true, ...timings, joins: 'new group', sendsAt: sendsAt.toISOString(),
      explanation: `starts a new group; its first notification waits group_wait (${timings.groupWait}) for more alerts, until ${sendsAt.toISOString()}` };
  }
  if (state.pending > 0 || !state.lastFlushedAt) {
    const sendsAt = at(state.nextFlushAt.getTime());
    return { ...base, grouped: true, ...timings, joins: 'existing group', groupSize: state.size, waiting: state.pending, sendsAt: sendsAt.toISOString(),
      explanation: `joins the group's ${state.pending} waiting alerts (${state.size} in the group); sent together at ${sendsAt.toISOString()}` };
  }
  const sendsAt = at(Math.min(state.nextFlushAt.getTime(), state.lastFlushedAt.getTime() + g.groupIntervalMs));
  return { ...base, grouped: true, ...timings, joins: 'existing group', groupSize: state.size, waiting: 0, sendsAt: sendsAt.toISOString(),
    explanation: `joins a group last notified at ${state.lastFlushedAt.toISOString()}; sent with the group's next update after group_interval (${timings.groupInterval}), at ${sendsAt.toISOString()}` };
}
