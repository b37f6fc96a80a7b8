import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inner loop closed: per-tenant routing trees, escalation state on cases, silences, incidents
 * (inhibition by the outer loop's emerging issues), suppressed alerts and webhook deliveries.
 */
export class RoutingInnerLoop1732450000000 implements MigrationInterface {
  name = 'RoutingInnerLoop1732450000000';

  async up(q: QueryRunner): Promise<void> {
    // Every PUT stores a new version; the consumer applies the highest one. Old versions stay for audit.
    await q.query(`
      CREATE TABLE routing_trees (
        tenant_id  text NOT NULL,
        version    integer NOT NULL,
        yaml       text NOT NULL,
        loaded_at  timestamptz NOT NULL DEFAULT now(),
        loaded_by  text NOT NULL,
        PRIMARY KEY (tenant_id, version)
      )`);
    await q.query(`
      ALTER TABLE cases
        ADD COLUMN escalation_chain        text[] NOT NULL DEFAULT '{}',
        ADD COLUMN sla_minutes             integer,
        ADD COLUMN business_hours          jsonb,
        ADD COLUMN first_feedback_event_id uuid,
        ADD COLUMN customer_value          double precision,
        ADD COLUMN rule_path               text[],
        ADD COLUMN last_feedback_at        timestamptz,
        ADD COLUMN reopened_at             timestamptz`);
    await q.query('CREATE INDEX cases_tenant_listing ON cases (tenant_id, status, opened_at DESC)');
    // Recently resolved cases of a customer are looked up to reopen them inside the grouping window.
    await q.query('CREATE INDEX cases_tenant_customer ON cases (tenant_id, customer_key, resolved_at DESC)');
    await q.query(`
      CREATE TABLE silences (
        silence_id  uuid PRIMARY KEY,
        tenant_id   text NOT NULL,
        matchers    jsonb NOT NULL,
        starts_at   timestamptz NOT NULL,
        ends_at     timestamptz NOT NULL,
        author      text NOT NULL,
        reason      text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await q.query('CREATE INDEX silences_active ON silences (tenant_id, ends_at)');
    await q.query(`
      CREATE TABLE incidents (
        incident_id        uuid PRIMARY KEY,
        tenant_id          text NOT NULL,
        touchpoint         text NOT NULL,
        theme              text NOT NULL,
        status             text NOT NULL CHECK (status IN ('open', 'resolved')),
        summary            text NOT NULL,
        opened_insight_id  uuid NOT NULL UNIQUE,
        opened_at          timestamptz NOT NULL,
        resolved_at        timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX incidents_one_open ON incidents (tenant_id, touchpoint, theme) WHERE status = 'open'`,
    );
    // An alert that did not page: silenced, or attached to an incident (inhibited). Keyed like the alert.
    await q.query(`
      CREATE TABLE suppressed_alerts (
        alert_id           uuid PRIMARY KEY,
        tenant_id          text NOT NULL,
        feedback_event_id  uuid NOT NULL,
        receiver           text NOT NULL,
        rule_path          text[] NOT NULL,
        reason             text NOT NULL CHECK (reason IN ('silenced', 'inhibited')),
        silence_id         uuid REFERENCES silences(silence_id),
        incident_id        uuid REFERENCES incidents(incident_id),
        alert              jsonb NOT NULL,
        at                 timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX suppressed_alerts_incident ON suppressed_alerts (incident_id) WHERE incident_id IS NOT NULL');
    await q.query(`
      CREATE TABLE webhook_deliveries (
        alert_id         uuid PRIMARY KEY REFERENCES alerts(alert_id),
        tenant_id        text NOT NULL,
        receiver         text NOT NULL,
        url              text NOT NULL,
        secret_env       text NOT NULL,
        status           text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL,
        last_status      integer,
        last_error       text,
        delivered_at     timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);
    // Redelivered feedback is recognised by its id before anything is decided again.
    await q.query('CREATE INDEX case_feedback_feedback ON case_feedback (feedback_event_id)');
    await q.query(`CREATE INDEX case_events_unpublished ON case_events (at) WHERE published_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS case_events_unpublished');
    await q.query('DROP INDEX IF EXISTS case_feedback_feedback');
    for (const table of ['webhook_deliveries', 'suppressed_alerts', 'incidents', 'silences', 'routing_trees']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query('DROP INDEX IF EXISTS cases_tenant_customer');
    await q.query('DROP INDEX IF EXISTS cases_tenant_listing');
    await q.query(`
      ALTER TABLE cases
        DROP COLUMN escalation_chain, DROP COLUMN sla_minutes, DROP COLUMN business_hours,
        DROP COLUMN first_feedback_event_id, DROP COLUMN customer_value, DROP COLUMN rule_path,
        DROP COLUMN last_feedback_at, DROP COLUMN reopened_at`);
  }
}
