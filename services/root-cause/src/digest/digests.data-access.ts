import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { NotifyTarget } from '@loops/notify';
import { rowsOf } from '@loops/store';
import { Digest } from './digest';
import { DigestSchedule } from './digest-schedule';

export interface DigestSubscription extends DigestSchedule {
  subscriptionId: string;
  tenantId: string;
  owner: string;
  touchpoints: string[];
  themes: string[];
  target: NotifyTarget;
  createdBy: string;
  createdAt: Date;
}

export interface DigestDelivery {
  deliveryId: string;
  subscriptionId: string;
  tenantId: string;
  owner: string;
  periodStart: Date;
  periodEnd: Date;
  content: Digest;
  pageToken: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  target?: NotifyTarget;
}

type SubscriptionRow = {
  subscription_id: string; tenant_id: string; owner: string; cadence: 'daily' | 'weekly'; weekday: number; hour_utc: number;
  touchpoints: string[]; themes: string[]; target: NotifyTarget; created_by: string; created_at: Date;
};
type DeliveryRow = {
  delivery_id: string; subscription_id: string; tenant_id: string; owner: string; period_start: Date; period_end: Date; content: Digest;
  page_token: string; status: DigestDelivery['status']; attempts: number; last_error: string | null; sent_at: Date | null; target?: NotifyTarget;
};

const toSubscription = (r: SubscriptionRow): DigestSubscription => ({
  subscriptionId: r.subscription_id,
  tenantId: r.tenant_id,
  owner: r.owner,
  cadence: r.cadence,
  weekday: r.weekday,
  hourUtc: r.hour_utc,
  touchpoints: r.touchpoints,
  themes: r.themes,
  target: r.target,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const toDelivery = (r: DeliveryRow): DigestDelivery => ({
  deliveryId: r.delivery_id,
  subscriptionId: r.subscription_id,
  tenantId: r.tenant_id,
  owner: r.owner,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  // Dates inside jsonb come back as strings: the period is restored from its columns.
  content: { ...r.content, period: { from: r.period_start, to: r.period_end } },
  pageToken: r.page_token,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  sentAt: r.sent_at,
  ...(r.target ? { target: r.target } : {}),
});

/** The only module that reads or writes `digest_subscriptions` and `digest_deliveries`. */
@Injectable()
export class DigestsDataAccess {
  constructor(private readonly dataSource: DataSource) {}

  async subscribe(s: Omit<DigestSubscription, 'subscriptionId' | 'createdAt'>): Promise<DigestSubscription> {
    const rows = rowsOf<SubscriptionRow>(
      await this.dataSource.query(
        `INSERT INTO digest_subscriptions (subscription_id, tenant_id, owner, cadence, weekday, hour_utc, touchpoints, themes, target, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
        [randomUUID(), s.tenantId, s.owner, s.cadence, s.weekday, s.hourUtc, s.touchpoints, s.themes, JSON.stringify(s.target), s.createdBy],
      ),
    );
    return toSubscription(rows[0]);
  }

  async list(tenantId: string): Promise<DigestSubscription[]> {
    return rowsOf<SubscriptionRow>(
      await this.dataSource.query('SELECT * FROM digest_subscriptions WHERE tenant_id = $1 ORDER BY owner, created_at', [tenantId]),
    ).map(toSubscription);
  }

  async get(tenantId: string, subscriptionId: string): Promise<DigestSubscription | undefined> {
    const rows = rowsOf<SubscriptionRow>(
      await this.dataSource.query('SELECT * FROM digest_subscriptions WHERE tenant_id = $1 AND subscription_id = $2', [tenantId, subscriptionId]),
    );
    return rows[0] ? toSubscription(rows[0]) : undefined;
  }

  async unsubscribe(tenantId: string, subscriptionId: string): Promise<boolean> {
    return rowsOf(await this.dataSource.query('DELETE FROM digest_subscriptions WHERE tenant_id = $1 AND subscription_id = $2 RETURNING 1', [tenantId, subscriptionId])).length > 0;
  }

  /** Every subscription with the end of its newest period already recorded (null: none yet). */
  async withLastPeriod(limit: number): Promise<(DigestSubscription & { lastPeriodEnd: Date | null })[]> {
    const rows = rowsOf<SubscriptionRow & { last_period_end: Date | null }>(
      await this.dataSource.query(
        `SELECT s.*, (SELECT max(period_end) FROM digest_deliveries d WHERE d.subscription_id = s.subscription_id) AS last_period_end
           FROM digest_subscriptions s ORDER BY s.created_at LIMIT $1`,
        [limit],
      ),
    );
    return rows.map((r) => ({ ...toSubscription(r), lastPeriodEnd: r.last_period_end }));
  }

  /** Records a period's digest once (a second instance or a rerun finds it there); returns it if new. */
  async record(s: DigestSubscription, content: Digest, now: Date): Promise<DigestDelivery | undefined> {
    const rows = rowsOf<DeliveryRow>(
      await this.dataSource.query(
        `INSERT INTO digest_deliveries (delivery_id, subscription_id, tenant_id, owner, period_start, period_end, content, page_token, status, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9)
         ON CONFLICT ON CONSTRAINT digest_once_per_period DO NOTHING RETURNING *`,
        // The page link is a capability: 192 random bits, like an API key.
        [randomUUID(), s.subscriptionId, s.tenantId, s.owner, content.period.from, content.period.to, JSON.stringify(content), randomBytes(24).toString('base64url'), now],
      ),
    );
    return rows[0] ? toDelivery(rows[0]) : undefined;
  }

  /** Claims due deliveries for this pass; the caller settles each inside the same transaction. */
  async claimDue(m: EntityManager, now: Date, limit: number): Promise<DigestDelivery[]> {
    return rowsOf<DeliveryRow>(
      await m.query(
        `SELECT d.*, s.target FROM digest_deliveries d JOIN digest_subscriptions s USING (subscription_id)
          WHERE d.status = 'pending' AND d.next_attempt_at <= $1
          ORDER BY d.next_attempt_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED`,
        [now, limit],
      ),
    ).map(toDelivery);
  }

  async settle(m: EntityManager, deliveryId: string, outcome: { status: DigestDelivery['status']; error: string | null; nextAttemptAt: Date; sentAt: Date | null }): Promise<void> {
    await m.query(
      `UPDATE digest_deliveries SET status = $2, attempts = attempts + 1, last_error = $3, next_attempt_at = $4, sent_at = $5 WHERE delivery_id = $1`,
      [deliveryId, outcome.status, outcome.error, outcome.nextAttemptAt, outcome.sentAt],
    );
  }

  async deliveries(tenantId: string, subscriptionId: string): Promise<DigestDelivery[]> {
    return rowsOf<DeliveryRow>(
      await this.dataSource.query(
        'SELECT * FROM digest_deliveries WHERE tenant_id = $1 AND subscription_id = $2 ORDER BY period_end DESC LIMIT 20',
        [tenantId, subscriptionId],
      ),
    ).map(toDelivery);
  }

  async byPageToken(token: string): Promise<DigestDelivery | undefined> {
    const rows = rowsOf<DeliveryRow>(await this.dataSource.query('SELECT * FROM digest_deliveries WHERE page_token = $1', [token]));
    return rows[0] ? toDelivery(rows[0]) : undefined;
  }
}
