import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Grouped notifications (Alertmanager's group_by / group_wait / group_interval / repeat_interval) for
 * e-mail, Slack and Teams receivers. Group state lives here, not in memory, so it survives restarts and
 * every routing instance sees the same groups: the flusher takes due groups with FOR UPDATE SKIP LOCKED.
 * A group's alerts reference `alerts` with ON DELETE CASCADE, so erasing a customer removes them too;
 * notifications keep only alert ids and render from `alerts` when sent.
 */
export class NotificationGroups1732730000000 implements MigrationInterface {
  name = 'NotificationGroups1732730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_groups (
        group_id            uuid PRIMARY KEY,
        tenant_id           text NOT NULL,
        receiver            text NOT NULL,
        group_key           text NOT NULL,
        group_labels        jsonb NOT NULL,
        rule_path           text[] NOT NULL,
        targets             jsonb NOT NULL,
        group_wait_ms       bigint NOT NULL,
        group_interval_ms   bigint NOT NULL,
        repeat_interval_ms  bigint NOT NULL,
        next_flush_at       timestamptz NOT NULL,
        last_flushed_at     timestamptz,
        created_at          timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX notification_groups_due ON notification_groups (next_flush_at)');
    await q.query('CREATE INDEX notification_groups_tenant ON notification_groups (tenant_id, receiver)');
    await q.query(`
      CREATE TABLE notification_group_alerts (
        group_id     uuid NOT NULL REFERENCES notification_groups(group_id) ON DELETE CASCADE,
        -- No foreign key: alerts is partitioned by created_at (its key is (alert_id, created_at)).
        alert_id     uuid NOT NULL,
        case_id      uuid NOT NULL,
        added_at     timestamptz NOT NULL,
        notified_at  timestamptz,
        PRIMARY KEY (group_id, alert_id)
      )`);
    await q.query('CREATE INDEX notification_group_alerts_alert ON notification_group_alerts (alert_id)');
    await q.query(`
      CREATE TABLE notifications (
        notification_id  uuid PRIMARY KEY,
        group_id         uuid NOT NULL,
        tenant_id        text NOT NULL,
        receiver         text NOT NULL,
        kind             text NOT NULL CHECK (kind IN ('email', 'slack', 'teams')),
        target           jsonb NOT NULL,
        reason           text NOT NULL CHECK (reason IN ('single', 'first', 'update', 'repeat')),
        group_labels     jsonb NOT NULL,
        group_size       integer NOT NULL,
        alert_ids        uuid[] NOT NULL,
        status           text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL,
        last_error       text,
        delivered_at     timestamptz,
        created_at       timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'pending'`);
    await q.query('CREATE INDEX notifications_tenant ON notifications (tenant_id, receiver, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS notifications');
    await q.query('DROP TABLE IF EXISTS notification_group_alerts');
    await q.query('DROP TABLE IF EXISTS notification_groups');
  }
}
