import { EntityManager } from 'typeorm';
import { Alert } from '@loops/contracts';
import { insertRows } from '@loops/store';
import { RoutingTree } from '../routing-tree/routing-tree.types';
import { WEBHOOK_DELIVERIES, WebhookDeliveryRow } from '../store/routing.tables';

/**
 * Queues an HTTP delivery for every alert whose receiver is a webhook in its tenant's tree, in the same
 * transaction as the alert: the dispatcher delivers (and retries) from this table.
 */
export async function enqueueWebhooks(m: EntityManager, alerts: Alert[], treeOf: (a: Alert) => RoutingTree, now: Date): Promise<void> {
  const rows = alerts.flatMap((a): WebhookDeliveryRow[] => {
    const hook = treeOf(a).webhooks[a.receiver];
    return hook
      ? [{ alert_id: a.alertId, tenant_id: a.tenantId, receiver: a.receiver, url: hook.url, secret_env: hook.secretEnv, status: 'pending', next_attempt_at: now }]
      : [];
  });
  await insertRows(m, WEBHOOK_DELIVERIES, rows);
}
