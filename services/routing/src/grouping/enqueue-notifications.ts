import { EntityManager } from 'typeorm';
import { Alert, FeedbackAnalyzedV2 } from '@loops/contracts';
import { insertRows } from '@loops/store';
import { RoutingTree } from '../routing-tree/routing-tree.types';
import { groupIdentity } from './group-key';
import { GroupingSpec } from './grouping-spec';
import { NOTIFICATION_GROUP_ALERTS, NOTIFICATION_GROUPS, NotificationGroupAlertRowIn, NotificationGroupRowIn } from './grouping.tables';

export interface NotifiableAlert {
  alert: Alert;
  tree: RoutingTree;
  /** The firing route's grouping; none for escalations and ungrouped routes. */
  grouping?: GroupingSpec;
  event?: FeedbackAnalyzedV2;
}

/**
 * Puts every alert whose receiver notifies people (e-mail, Slack, Teams) into its group, in the caller's
 * transaction. A new group is due after group_wait; a group that has already notified becomes due at its
 * last notification plus group_interval (which may be now). The flusher sends; nothing is sent here.
 */
export async function enqueueNotifications(m: EntityManager, items: NotifiableAlert[], now: Date): Promise<void> {
  const groups = new Map<string, NotificationGroupRowIn>();
  const members: NotificationGroupAlertRowIn[] = [];
  for (const { alert, tree, grouping, event } of items) {
    const notify = tree.notifiers[alert.receiver];
    if (!notify) continue;
    const id = groupIdentity(alert.tenantId, alert.receiver, alert.rulePath, alert.alertId, grouping, event);
    const waitMs = grouping?.groupWaitMs ?? 0;
    groups.set(id.groupId, {
      group_id: id.groupId,
      tenant_id: alert.tenantId,
      receiver: alert.receiver,
      group_key: id.groupKey,
      group_labels: id.labels,
      rule_path: alert.rulePath,
      targets: { title: notify.title, targets: notify.targets },
      group_wait_ms: waitMs,
      group_interval_ms: grouping?.groupIntervalMs ?? 0,
      repeat_interval_ms: grouping?.repeatIntervalMs ?? 0,
      next_flush_at: new Date(now.getTime() + waitMs),
      created_at: now,
    });
    members.push({ group_id: id.groupId, alert_id: alert.alertId, case_id: alert.caseId, added_at: now });
  }
  if (members.length === 0) return;
  // Sorted, so two instances upserting overlapping groups lock them in the same order (no deadlock).
  // An existing group keeps its schedule while alerts wait; once it has notified, new alerts make it
  // due at last notification + group_interval instead of at the repeat reminder.
  await insertRows(m, NOTIFICATION_GROUPS, [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row), {
    onConflict: {
      set: `next_flush_at = CASE
        WHEN notification_groups.last_flushed_at IS NULL THEN notification_groups.next_flush_at
        ELSE LEAST(notification_groups.next_flush_at, notification_groups.last_flushed_at + make_interval(secs => notification_groups.group_interval_ms / 1000.0))
      END`,
    },
  });
  await insertRows(m, NOTIFICATION_GROUP_ALERTS, members);
}
