import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { NotifyTarget } from '@loops/notify';
import { insertRows, rowsOf } from '@loops/store';
import { NotificationReason } from '../receivers/templates/notification-view';
import { NOTIFICATIONS, NotificationRowIn } from './grouping.tables';

interface GroupRow {
  group_id: string;
  tenant_id: string;
  receiver: string;
  group_key: string;
  group_labels: Record<string, unknown>;
  targets: { title?: string; targets: NotifyTarget[] };
  repeat_interval_ms: string;
  last_flushed_at: Date | null;
}

export interface FlushResult {
  groups: number;
  notifications: number;
}

/**
 * Turns due groups into notifications (one per e-mail / Slack / Teams target of the receiver), in one
 * transaction per pass. Groups are taken FOR UPDATE SKIP LOCKED, so routing instances share the work and
 * never notify one group twice; the alerts are marked notified in the same transaction as the
 * notifications are queued, so a crash either queues both or neither.
 *
 * A due group with new alerts notifies them (`first`, then `update` after each group_interval). A group
 * with nothing new is at its repeat_interval: it reminds of its cases still open and unacknowledged, or,
 * when there are none, is closed (the next alert starts a new group and waits group_wait again).
 */
export async function flushDueGroups(m: EntityManager, now: Date, limit: number, tenantId?: string): Promise<FlushResult> {
  const groups = rowsOf<GroupRow>(
    await m.query(
      `SELECT group_id, tenant_id, receiver, group_key, group_labels, targets, repeat_interval_ms, last_flushed_at
         FROM notification_groups
        WHERE next_flush_at <= $1 AND ($3::text IS NULL OR tenant_id = $3)
        ORDER BY next_flush_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit, tenantId ?? null],
    ),
  );
  const queued: NotificationRowIn[] = [];
  const closed: string[] = [];
  for (const g of groups) {
    const repeatMs = Number(g.repeat_interval_ms);
    const fresh = rowsOf<{ alert_id: string }>(
      await m.query('UPDATE notification_group_alerts SET notified_at = $2 WHERE group_id = $1 AND notified_at IS NULL RETURNING alert_id', [g.group_id, now]),
    ).map((r) => r.alert_id);
    let reason: NotificationReason;
    let alertIds = fresh;
    if (fresh.length > 0) {
      reason = repeatMs === 0 ? 'single' : g.last_flushed_at ? 'update' : 'first';
    } else {
      alertIds = repeatMs === 0 ? [] : rowsOf<{ alert_id: string }>(
        await m.query(
          `SELECT ga.alert_id FROM notification_group_alerts ga JOIN cases c ON c.case_id = ga.case_id
            WHERE ga.group_id = $1 AND c.status = 'open'`,
          [g.group_id],
        ),
      ).map((r) => r.alert_id);
      reason = 'repeat';
    }
    if (alertIds.length === 0 || repeatMs === 0) closed.push(g.group_id);
    if (alertIds.length === 0) continue;
    const [{ n: groupSize }] = rowsOf<{ n: number }>(await m.query('SELECT count(*)::int AS n FROM notification_group_alerts WHERE group_id = $1', [g.group_id]));
    for (const target of g.targets.targets) {
      queued.push({
        notification_id: randomUUID(),
        group_id: g.group_id,
        tenant_id: g.tenant_id,
        receiver: g.receiver,
        kind: target.kind,
        target: { ...target, title: g.targets.title },
        reason,
        group_labels: g.group_labels,
        group_size: groupSize,
        alert_ids: alertIds,
        status: 'pending',
        next_attempt_at: now,
        created_at: now,
      });
    }
    if (repeatMs > 0) {
      await m.query('UPDATE notification_groups SET last_flushed_at = $2, next_flush_at = $3 WHERE group_id = $1', [g.group_id, now, new Date(now.getTime() + repeatMs)]);
    }
  }
  await insertRows(m, NOTIFICATIONS, queued);
  if (closed.length > 0) await m.query('DELETE FROM notification_groups WHERE group_id = ANY($1::uuid[])', [closed]);
  return { groups: groups.length, notifications: queued.length };
}
