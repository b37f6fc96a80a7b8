import { EntityManager } from 'typeorm';
import { rowsOf } from '@loops/store';
import { GroupState } from './explain-grouping';

/** The current state of the given groups of one tenant, by group id (absent: no such group yet). */
export async function loadGroupStates(m: EntityManager, tenantId: string, groupIds: string[]): Promise<Map<string, GroupState>> {
  if (groupIds.length === 0) return new Map();
  const rows = rowsOf<{ group_id: string; next_flush_at: Date; last_flushed_at: Date | null; pending: number; size: number }>(
    await m.query(
      `SELECT g.group_id, g.next_flush_at, g.last_flushed_at,
              count(ga.alert_id) FILTER (WHERE ga.notified_at IS NULL)::int AS pending, count(ga.alert_id)::int AS size
         FROM notification_groups g LEFT JOIN notification_group_alerts ga ON ga.group_id = g.group_id
        WHERE g.tenant_id = $1 AND g.group_id = ANY($2::uuid[])
        GROUP BY g.group_id`,
      [tenantId, groupIds],
    ),
  );
  return new Map(rows.map((r) => [r.group_id, { nextFlushAt: new Date(r.next_flush_at), lastFlushedAt: r.last_flushed_at ? new Date(r.last_flushed_at) : null, pending: r.pending, size: r.size }]));
}
