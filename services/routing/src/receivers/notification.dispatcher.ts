import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Alert } from '@loops/contracts';
import { Notifier, NotifyTarget, policyFromEnv } from '@loops/notify';
import type { Logger } from '@loops/observability';
import { PeriodicTasks, PLATFORM_ENV, ROOT_LOGGER } from '@loops/platform';
import { rowsOf } from '@loops/store';
import { Clock } from '../clock/clock';
import { flushDueGroups } from '../grouping/group-flusher';
import { RoutingEnv } from '../routing.env';
import { retryDelayMs } from '../webhooks/webhook.dispatcher';
import { NotificationReason } from './templates/notification-view';
import { renderNotification } from './templates/render-notification';

interface DueNotification {
  notification_id: string;
  tenant_id: string;
  receiver: string;
  target: NotifyTarget & { title?: string };
  reason: NotificationReason;
  group_labels: Record<string, unknown>;
  group_size: number;
  alert_ids: string[];
  attempts: number;
}

export interface NotificationRun {
  groupsFlushed: number;
  notificationsQueued: number;
  sent: number;
  failed: number;
}

const LEASE_MS = 60_000;

/**
 * E-mail, Slack and Teams delivery. Each pass flushes due groups into notifications, then sends pending
 * notifications: leased first (so instances never send one twice at once), rendered from the stored alerts
 * with the receiver kind's template, sent once; a retryable failure backs off with full jitter until
 * WEBHOOK_MAX_ATTEMPTS, a permanent one (SSRF refusal, 4xx, SMTP 5xx, missing variable) fails at once.
 */
@Injectable()
export class NotificationDispatcher {
  private readonly notifier: Notifier;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(PLATFORM_ENV) private readonly env: RoutingEnv,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    tasks: PeriodicTasks,
  ) {
    this.notifier = new Notifier({ policy: policyFromEnv(env.WEBHOOK_ALLOW_PRIVATE, env.WEBHOOK_ALLOWED_HOSTS) });
    tasks.schedule({ name: 'notifications', everyMs: env.NOTIFY_POLL_MS, run: () => this.run(this.clock.now()) });
  }

  /** One pass as of `now`; with a tenant, only that tenant's groups and notifications (the admin clock). */
  async run(now: Date, tenantId?: string): Promise<NotificationRun> {
    const flushed = await this.dataSource.transaction((m) => flushDueGroups(m, now, 200, tenantId));
    const { sent, failed } = await this.deliverDue(now, tenantId);
    return { groupsFlushed: flushed.groups, notificationsQueued: flushed.notifications, sent, failed };
  }

  private async deliverDue(now: Date, tenantId?: string, limit = 50): Promise<{ sent: number; failed: number }> {
    const due = rowsOf<DueNotification>(
      await this.dataSource.query(
        `UPDATE notifications SET next_attempt_at = $2
          WHERE notification_id IN (SELECT notification_id FROM notifications
                                     WHERE status = 'pending' AND next_attempt_at <= $1 AND ($4::text IS NULL OR tenant_id = $4)
                                     ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING notification_id, tenant_id, receiver, target, reason, group_labels, group_size, alert_ids, attempts`,
        [now, new Date(now.getTime() + LEASE_MS), limit, tenantId ?? null],
      ),
    );
    const outcomes = await Promise.all(due.map((d) => this.deliver(d, now)));
    return { sent: outcomes.filter((o) => o).length, failed: outcomes.filter((o) => !o).length };
  }

  private async deliver(d: DueNotification, now: Date): Promise<boolean> {
    const alerts = rowsOf<{ alert: Alert }>(
      await this.dataSource.query('SELECT alert FROM alerts WHERE tenant_id = $1 AND alert_id = ANY($2::uuid[]) ORDER BY created_at, alert_id', [d.tenant_id, d.alert_ids]),
    ).map((r) => r.alert);
    const attempt = d.attempts + 1;
    const { title, ...target } = d.target;
    let error: string | null = null;
    let permanent = false;
    if (alerts.length === 0) {
      // Every alert of it was erased (privacy) before it went out: nothing may be sent.
      error = 'nothing to send: its alerts were erased';
      permanent = true;
    } else {
      const view = { receiver: d.receiver, title: title ?? d.receiver, reason: d.reason, labels: d.group_labels, groupSize: d.group_size, alerts };
      const outcome = await this.notifier.send(target as NotifyTarget, renderNotification(target.kind, view));
      if (outcome.kind === 'failed') {
        error = outcome.reason;
        permanent = outcome.permanent;
      }
    }
    const status = error === null ? 'delivered' : permanent || attempt >= this.env.WEBHOOK_MAX_ATTEMPTS ? 'failed' : 'pending';
    await this.dataSource.query(
      `UPDATE notifications SET status = $2, attempts = $3, last_error = $4, next_attempt_at = $5,
              delivered_at = CASE WHEN $2 = 'delivered' THEN $6::timestamptz ELSE NULL END
        WHERE notification_id = $1`,
      [d.notification_id, status, attempt, error, new Date(now.getTime() + retryDelayMs(attempt, this.env.WEBHOOK_RETRY_BASE_MS)), now],
    );
    if (error) this.logger.warn({ notificationId: d.notification_id, receiver: d.receiver, kind: target.kind, attempt, status, error }, 'notification delivery failed');
    return error === null;
  }
}
