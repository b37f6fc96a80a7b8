import { EntityManager } from 'typeorm';
import { Alert, FeedbackAnalyzed } from '@loops/contracts';
import { bulkInsert } from '@loops/store';
import { RoutingTree } from '../routing-tree/routing-tree.types';
import { groupIdentity } from './group-key';
import { GroupingSpec } from './grouping-spec';

export interface NotifiableAlert {
  alert: Alert;
  tree: RoutingTree;
  /** The firing route's grouping; none for escalations and ungrouped routes. */
  grouping?: GroupingSpec;
  event?: FeedbackAnalyzed;
}

/**
 * Puts every alert whose receiver notifies people (e-mail, Slack, Teams) into its group, in the caller's
 * transaction. A new group is due after group_wait; a group that has already notified becomes due at its
 * last notification plus group_interval (which may be now). The flusher sends; nothing is sent here.
 */
export async function enqueueNotifications(m: EntityManager, items: NotifiableAlert[], now: Date): Promise<void> {
  const groups = new Map<string, unknown[]>();
  const members: unknown[][] = [];
  for (const { alert, tree, grouping, event } of items) {
    const notify = tree.notifiers[alert.receiver];
    if (!notify) continue;
    const id = groupIdentity(alert.tenantId, alert.receiver, alert.rulePath, alert.alertId, grouping, event);
    const waitMs = grouping?.groupWaitMs ?? 0;
    groups.set(id.groupId, [
      id.groupId, alert.tenantId, alert.receiver, id.groupKey, JSON.stringify(id.labels), alert.rulePath,
      JSON.stringify({ title: notify.title, targets: notify.targets }),
      waitMs, grouping?.groupIntervalMs ?? 0, grouping?.repeatIntervalMs ?? 0, new Date(now.getTime() + waitMs), now,
    ]);
    members.push([id.groupId, alert.alertId, alert.caseId, now]);
  }
  if (members.length === 0) return;
  await bulkInsert(m, {
    table: 'notification_groups',
    columns: ['group_id', 'tenant_id', 'receiver', 'group_key', 'group_labels', 'rule_path', 'targets', 'group_wait_ms', 'group_interval_ms',
      'repeat_interval_ms', 'next_flush_at', 'created_at'],
    // Sorted, so two instances upserting overlapping groups lock them in the same order (no deadlock).
    rows: [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row),
    // An existing group keeps its schedule while alerts wait; once it has notified, new alerts make it
    // due at last notification + group_interval instead of at the repeat reminder.
    onConflict: `ON CONFLICT (group_id) DO UPDATE SET next_flush_at = CASE
        WHEN notification_groups.last_flushed_at IS NULL THEN notification_groups.next_flush_at
        ELSE LEAST(notification_groups.next_flush_at, notification_groups.last_flushed_at + make_interval(secs => notification_groups.group_interval_ms / 1000.0))
      END`,
  });
  await bulkInsert(m, {
    table: 'notification_group_alerts',
    columns: ['group_id', 'alert_id', 'case_id', 'added_at'],
    rows: members,
    onConflict: 'ON CONFLICT DO NOTHING',
  });
}
