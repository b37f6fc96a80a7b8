import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Owners' digests: who gets one, where (an e-mail, Slack or Teams target: names of environment variables
 * only, never the secrets), how often, with what focus; and each period's delivery, kept so a period is
 * sent once, retried when the receiver fails, and readable afterwards as a page at an unguessable link.
 */
export class Digests1732770000000 implements MigrationInterface {
  name = 'Digests1732770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE digest_subscriptions (
        subscription_id  uuid PRIMARY KEY,
        tenant_id        text NOT NULL,
        owner            text NOT NULL,
        cadence          text NOT NULL CHECK (cadence IN ('daily', 'weekly')),
        weekday          smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        hour_utc         smallint NOT NULL CHECK (hour_utc BETWEEN 0 AND 23),
        touchpoints      text[] NOT NULL DEFAULT '{}',
        themes           text[] NOT NULL DEFAULT '{}',
        target           jsonb NOT NULL,
        created_by       text NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX digest_subscriptions_tenant ON digest_subscriptions (tenant_id, owner)');
    await q.query(`
      CREATE TABLE digest_deliveries (
        delivery_id      uuid PRIMARY KEY,
        subscription_id  uuid NOT NULL REFERENCES digest_subscriptions(subscription_id) ON DELETE CASCADE,
        tenant_id        text NOT NULL,
        owner            text NOT NULL,
        period_start     timestamptz NOT NULL,
        period_end       timestamptz NOT NULL,
        content          jsonb NOT NULL,
        page_token       text NOT NULL UNIQUE,
        status           text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL,
        last_error       text,
        sent_at          timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT digest_once_per_period UNIQUE (subscription_id, period_end)
      )`);
    await q.query(`CREATE INDEX digest_deliveries_due ON digest_deliveries (next_attempt_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE digest_deliveries');
    await q.query('DROP TABLE digest_subscriptions');
  }
}
