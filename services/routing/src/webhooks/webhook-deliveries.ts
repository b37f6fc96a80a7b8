import { EntityManager } from 'typeorm';
import { Alert } from '@loops/contracts';
import { bulkInsert } from '@loops/store';
import { RoutingTree } from '../routing-tree/routing-tree.types';

/**
 * Queues an HTTP delivery for every alert whose receiver is a webhook in its tenant's tree, in the same
 * transaction as the alert: the dispatcher delivers (and retries) from this table.
 */
export async function enqueueWebhooks(m: EntityManager, alerts: Alert[], treeOf: (a: Alert) => RoutingTree, now: Date): Promise<void> {
  const rows = alerts.flatMap((a) => {
    const hook = treeOf(a).webhooks[a.receiver];
    return hook ? [[a.alertId, a.tenantId, a.receiver, hook.url, hook.secretEnv, 'pending', now]] : [];
  });
  await bulkInsert(m, {
    table: 'webhook_deliveries',
    columns: ['alert_id', 'tenant_id', 'receiver', 'url', 'secret_env', 'status', 'next_attempt_at'],
    rows,
    onConflict: 'ON CONFLICT (alert_id) DO NOTHING',
  });
}
