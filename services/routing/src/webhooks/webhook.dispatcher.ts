import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Alert } from '@loops/contracts';
import type { Logger } from '@loops/observability';
import { PeriodicTasks, PLATFORM_ENV, ROOT_LOGGER } from '@loops/platform';
import { rowsOf } from '@loops/store';
import { Clock } from '../clock/clock';
import { RoutingEnv } from '../routing.env';
import { guardedPost } from './guarded-post';
import { policyFromEnv, WebhookTargetPolicy } from './ssrf-guard';
import { webhookHeaders } from './standard-webhook';

interface DueDelivery {
  alert_id: string;
  url: string;
  secret_env: string;
  attempts: number;
  alert: Alert;
}

const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;

const MAX_DELAY_MS = 6 * 3600_000;

/**
 * Exponential backoff with full jitter: a uniformly random delay up to base·2^(attempt-1) (capped), so
 * deliveries that failed together (a receiver outage) do not all come back at the same moment.
 */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(baseMs * 2 ** (attempt - 1), MAX_DELAY_MS);
  return Math.floor(random() * ceiling);
}

/**
 * Delivers queued webhook alerts, signed per Standard Webhooks. A delivery is leased (its next attempt
 * pushed a minute out) before the HTTP call, so instances never send the same one at once; 2xx marks it
 * delivered, anything else retries with exponential backoff and full jitter until WEBHOOK_MAX_ATTEMPTS,
 * then `failed`. A target the SSRF guard refuses (loopback, private, link-local, a redirect) is `failed`
 * at once with the reason in `last_error`: retrying cannot make it allowed.
 * Receivers de-duplicate by `webhook-id` (the alert id): delivery is at-least-once.
 */
@Injectable()
export class WebhookDispatcher {
  private readonly policy: WebhookTargetPolicy;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(PLATFORM_ENV) private readonly env: RoutingEnv,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    tasks: PeriodicTasks,
  ) {
    this.policy = policyFromEnv(env.WEBHOOK_ALLOW_PRIVATE, env.WEBHOOK_ALLOWED_HOSTS);
    // WEBHOOK_POLL_MS <= 0 switches polling off.
    tasks.schedule({ name: 'webhook dispatch', everyMs: env.WEBHOOK_POLL_MS, run: () => this.deliverDue() });
  }

  async deliverDue(limit = 50): Promise<number> {
    const now = this.clock.now();
    const due = rowsOf<DueDelivery>(
      await this.dataSource.query(
        `UPDATE webhook_deliveries d SET next_attempt_at = $2
           FROM alerts a
          WHERE a.alert_id = d.alert_id
            AND d.alert_id IN (SELECT alert_id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
                                ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING d.alert_id, d.url, d.secret_env, d.attempts, a.alert`,
        [now, new Date(now.getTime() + LEASE_MS), limit],
      ),
    );
    await Promise.all(due.map((d) => this.deliver(d)));
    return due.length;
  }

  private async deliver(d: DueDelivery): Promise<void> {
    const attempt = d.attempts + 1;
    const secret = process.env[d.secret_env];
    let status: number | null = null;
    let error: string | null = null;
    let refused = false;
    if (!secret) {
      error = `secret environment variable ${d.secret_env} is not set`;
    } else {
      const body = JSON.stringify(d.alert);
      const headers = webhookHeaders(secret, d.alert_id, Math.floor(this.clock.now().getTime() / 1000), body);
      const outcome = await guardedPost(d.url, headers, body, this.policy, TIMEOUT_MS);
      if (outcome.kind === 'answered') {
        status = outcome.status;
        if (status < 200 || status >= 300) error = `HTTP ${status}`;
      } else if (outcome.kind === 'refused') {
        refused = true;
        error = `refused: ${outcome.reason}`;
      } else {
        error = outcome.message;
      }
    }
    const now = this.clock.now();
    const outcome = error === null ? 'delivered' : refused || attempt >= this.env.WEBHOOK_MAX_ATTEMPTS ? 'failed' : 'pending';
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = $2, attempts = $3, last_status = $4, last_error = $5, next_attempt_at = $6,
              delivered_at = CASE WHEN $2 = 'delivered' THEN $7::timestamptz ELSE NULL END
        WHERE alert_id = $1`,
      [d.alert_id, outcome, attempt, status, error, new Date(now.getTime() + retryDelayMs(attempt, this.env.WEBHOOK_RETRY_BASE_MS)), now],
    );
    if (error) this.logger.warn({ alertId: d.alert_id, attempt, outcome, error }, 'webhook delivery failed');
  }
}
