import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outer loop's own tables. `feedback_facts` is one flat row per analyzed feedback item: it is the
 * idempotency ledger of the rollups (a redelivered event hits its primary key) and the source every
 * figure can be recomputed from.
 */
export class OuterLoop1732400000000 implements MigrationInterface {
  name = 'OuterLoop1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rollup_ledger');
    await q.query(`
      CREATE TABLE feedback_facts (
        feedback_event_id  uuid PRIMARY KEY,
        tenant_id          text NOT NULL,
        occurred_at        timestamptz NOT NULL,
        touchpoint         text NOT NULL,
        channel            text NOT NULL,
        segment            text NOT NULL,
        customer_id        text,
        customer_value     double precision,
        nps                smallint,
        csat               smallint,
        ces                smallint,
        sentiment_label    text NOT NULL,
        sentiment_score    double precision NOT NULL,
        themes             text[] NOT NULL,
        key_phrases        text[] NOT NULL,
        analyzer           text NOT NULL,
        counted_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX feedback_facts_window ON feedback_facts (tenant_id, occurred_at)');
    await q.query('CREATE INDEX feedback_facts_themes ON feedback_facts USING gin (themes)');
    await q.query(`
      CREATE TABLE churn_models (
        tenant_id          text PRIMARY KEY,
        promoter           double precision NOT NULL CHECK (promoter BETWEEN 0 AND 1),
        passive            double precision NOT NULL CHECK (passive BETWEEN 0 AND 1),
        detractor          double precision NOT NULL CHECK (detractor BETWEEN 0 AND 1),
        unscored_negative  double precision NOT NULL CHECK (unscored_negative BETWEEN 0 AND 1),
        unscored_other     double precision NOT NULL CHECK (unscored_other BETWEEN 0 AND 1),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE emerging_issues (
        issue_id       uuid PRIMARY KEY,
        tenant_id      text NOT NULL,
        touchpoint     text NOT NULL,
        theme          text NOT NULL,
        status         text NOT NULL CHECK (status IN ('open', 'resolved')),
        opened_bucket  timestamptz NOT NULL,
        resolved_bucket timestamptz,
        evidence       jsonb NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX emerging_issues_one_open ON emerging_issues (tenant_id, touchpoint, theme) WHERE status = 'open'`,
    );
    await q.query(`
      CREATE TABLE case_root_causes (
        case_id          uuid PRIMARY KEY,
        tenant_id        text NOT NULL,
        root_cause_code  text NOT NULL,
        feedback_event_id uuid,
        resolved_at      timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX case_root_causes_tenant ON case_root_causes (tenant_id, resolved_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['case_root_causes', 'emerging_issues', 'churn_models', 'feedback_facts']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`
      CREATE TABLE rollup_ledger (
        feedback_event_id  uuid PRIMARY KEY,
        tenant_id          text NOT NULL,
        counted_at         timestamptz NOT NULL DEFAULT now()
      )`);
  }
}
