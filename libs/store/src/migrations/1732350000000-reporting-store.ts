import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporting store every department queries. Idempotency lives in the keys: redelivered events hit
 * a unique key and change nothing, so consumers can be at-least-once and the store still exactly-once.
 */
export class ReportingStore1732350000000 implements MigrationInterface {
  name = 'ReportingStore1732350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenants (
        tenant_id   text PRIMARY KEY,
        name        text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE api_keys (
        key_id          uuid PRIMARY KEY,
        tenant_id       text NOT NULL REFERENCES tenants(tenant_id),
        integration_id  text NOT NULL,
        key_prefix      text NOT NULL,
        key_hash        text NOT NULL UNIQUE,
        created_at      timestamptz NOT NULL DEFAULT now(),
        revoked_at      timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_tenant ON api_keys (tenant_id)`);
    await q.query(`
      CREATE TABLE feedback (
        event_id        uuid PRIMARY KEY,
        tenant_id       text NOT NULL,
        integration_id  text NOT NULL,
        external_id     text NOT NULL,
        channel         text NOT NULL,
        customer_id     text,
        occurred_at     timestamptz NOT NULL,
        received_at     timestamptz NOT NULL,
        text            text NOT NULL,
        event           jsonb NOT NULL,
        published_at    timestamptz,
        CONSTRAINT feedback_identity UNIQUE (tenant_id, integration_id, external_id)
      )`);
    await q.query(`CREATE INDEX feedback_tenant_occurred ON feedback (tenant_id, occurred_at)`);
    // The outbox relay scans only what is still unpublished.
    await q.query(`CREATE INDEX feedback_unpublished ON feedback (received_at) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE analyses (
        feedback_event_id   uuid NOT NULL,
        analyzer_name       text NOT NULL,
        analyzer_version    text NOT NULL,
        tenant_id           text NOT NULL,
        language            text NOT NULL,
        sentiment_label     text NOT NULL,
        sentiment_score     double precision NOT NULL,
        sentiment_confidence double precision NOT NULL,
        themes              jsonb NOT NULL,
        key_phrases         jsonb NOT NULL,
        analyzed_at         timestamptz NOT NULL,
        PRIMARY KEY (feedback_event_id, analyzer_name, analyzer_version)
      )`);
    await q.query(`CREATE INDEX analyses_tenant ON analyses (tenant_id, analyzed_at)`);
    await q.query(`
      CREATE TABLE cases (
        case_id           uuid PRIMARY KEY,
        tenant_id         text NOT NULL,
        customer_key      text NOT NULL,
        status            text NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
        priority          text NOT NULL,
        owner_team        text NOT NULL,
        receiver          text NOT NULL,
        assignee          text,
        opened_at         timestamptz NOT NULL,
        due_at            timestamptz NOT NULL,
        acknowledged_at   timestamptz,
        resolved_at       timestamptz,
        escalation_level  integer NOT NULL DEFAULT 0,
        root_cause_code   text,
        resolution_note   text,
        last_alert_at     timestamptz NOT NULL
      )`);
    // One open case per customer: the second unhappy message from the same customer joins it.
    await q.query(
      `CREATE UNIQUE INDEX cases_one_open_per_customer ON cases (tenant_id, customer_key) WHERE status <> 'resolved'`,
    );
    await q.query(`CREATE INDEX cases_due ON cases (due_at) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE case_feedback (
        case_id            uuid NOT NULL REFERENCES cases(case_id),
        feedback_event_id  uuid NOT NULL,
        attached_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, feedback_event_id)
      )`);
    await q.query(`
      CREATE TABLE alerts (
        alert_id           uuid PRIMARY KEY,
        tenant_id          text NOT NULL,
        case_id            uuid NOT NULL REFERENCES cases(case_id),
        receiver           text NOT NULL,
        feedback_event_id  uuid NOT NULL,
        rule_path          text[] NOT NULL,
        severity           text NOT NULL,
        alert              jsonb NOT NULL,
        created_at         timestamptz NOT NULL,
        published_at       timestamptz
      )`);
    await q.query(`CREATE INDEX alerts_tenant ON alerts (tenant_id, created_at)`);
    await q.query(`CREATE INDEX alerts_unpublished ON alerts (created_at) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE case_events (
        event_id    uuid PRIMARY KEY,
        case_id     uuid NOT NULL REFERENCES cases(case_id),
        tenant_id   text NOT NULL,
        kind        text NOT NULL,
        event       jsonb NOT NULL,
        at          timestamptz NOT NULL,
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX case_events_case ON case_events (case_id, at)`);
    // Which feedback events the rollups already counted: the guard that makes redelivery harmless.
    await q.query(`
      CREATE TABLE rollup_ledger (
        feedback_event_id  uuid PRIMARY KEY,
        tenant_id          text NOT NULL,
        counted_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE rollups (
        tenant_id       text NOT NULL,
        bucket_size     text NOT NULL CHECK (bucket_size IN ('hour', 'day', 'week')),
        bucket_start    timestamptz NOT NULL,
        touchpoint      text NOT NULL,
        channel         text NOT NULL,
        segment         text NOT NULL,
        theme           text NOT NULL,
        count           integer NOT NULL,
        nps_count       integer NOT NULL,
        promoters       integer NOT NULL,
        passives        integer NOT NULL,
        detractors      integer NOT NULL,
        csat_count      integer NOT NULL,
        csat_sum        double precision NOT NULL,
        csat_top2       integer NOT NULL,
        ces_count       integer NOT NULL,
        ces_sum         double precision NOT NULL,
        sentiment_count integer NOT NULL,
        sentiment_sum   double precision NOT NULL,
        negative_count  integer NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, bucket_size, bucket_start, touchpoint, channel, segment, theme)
      )`);
    await q.query(`
      CREATE TABLE insights (
        insight_id  uuid PRIMARY KEY,
        tenant_id   text NOT NULL,
        kind        text NOT NULL,
        touchpoint  text,
        theme       text,
        summary     text NOT NULL,
        evidence    jsonb NOT NULL,
        at          timestamptz NOT NULL,
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX insights_tenant ON insights (tenant_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'insights',
      'rollups',
      'rollup_ledger',
      'case_events',
      'alerts',
      'case_feedback',
      'cases',
      'analyses',
      'feedback',
      'api_keys',
      'tenants',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
