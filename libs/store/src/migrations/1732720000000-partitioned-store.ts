import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The big tables (feedback, analyses, feedback_facts, alerts) become range-partitioned by month, so reports
 * over a window touch only that window's partitions and retention can drop a whole month instead of
 * deleting row by row. Every unique key on a partitioned table must contain the partition column, so the
 * column is chosen per table to keep idempotency exact:
 *
 * - `feedback_facts`, `analyses`: the feedback's `occurred_at`. A redelivered analyzed event is the same
 *   immutable event, so it always carries the same `occurred_at`; (feedback_event_id, occurred_at) admits it
 *   once, exactly like feedback_event_id alone did. `analyses` gains the column (the analyzed event has it).
 * - `feedback`: `occurred_at` too, but an integration may retry an item with a corrected `occurredAt`. The
 *   identity (tenant, integration, external id) therefore lives once more in the small unpartitioned
 *   `feedback_identities`, and a trigger admits a feedback row only if its identity is new (or its feedback
 *   row is gone: erased or purged), so a retry is a duplicate whatever time it carries. Deleting a feedback
 *   row (erasure, retention) deletes its identity too.
 * - `alerts`: `created_at`. An alert is written once, in the transaction that records the decision it comes
 *   from (case_feedback / suppressed_alerts for feedback, the locked case's escalation level for escalations),
 *   and a redelivery is stopped by that record before an alert is built again; (alert_id, created_at) still
 *   catches a replay of the same row. `webhook_deliveries` loses its foreign key to alerts (a key to a
 *   partitioned table would have to include created_at); both rows are written in one transaction.
 *
 * Rows outside the monthly partitions (history older than the first one, far-future times) land in each
 * table's `_default` partition; `loops_ensure_month_partitions` moves them into a month's partition when
 * that month is created. `tenant_retention` holds each tenant's retention in days.
 */
export class PartitionedStore1732720000000 implements MigrationInterface {
  name = 'PartitionedStore1732720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(ENSURE_MONTH_PARTITIONS);
    await q.query('ALTER TABLE webhook_deliveries DROP CONSTRAINT IF EXISTS webhook_deliveries_alert_id_fkey');

    await this.swap(q, 'feedback', 'occurred_at', [
      'ALTER TABLE feedback ADD CONSTRAINT feedback_pkey PRIMARY KEY (event_id, occurred_at)',
      'ALTER TABLE feedback ADD CONSTRAINT feedback_identity UNIQUE (tenant_id, integration_id, external_id, occurred_at)',
      'CREATE INDEX feedback_tenant_occurred ON feedback (tenant_id, occurred_at)',
      'CREATE INDEX feedback_unpublished ON feedback (received_at) WHERE published_at IS NULL',
      'CREATE INDEX feedback_tenant_customer ON feedback (tenant_id, customer_id) WHERE customer_id IS NOT NULL',
    ], 'SELECT * FROM feedback_unpartitioned');
    await q.query(`
      CREATE TABLE feedback_identities (
        tenant_id       text NOT NULL,
        integration_id  text NOT NULL,
        external_id     text NOT NULL,
        event_id        uuid NOT NULL,
        occurred_at     timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, integration_id, external_id)
      )`);
    await q.query(
      'INSERT INTO feedback_identities SELECT tenant_id, integration_id, external_id, event_id, occurred_at FROM feedback ON CONFLICT DO NOTHING',
    );
    await q.query(FEEDBACK_IDENTITY_TRIGGER);
    await q.query('CREATE TRIGGER feedback_identity_guard BEFORE INSERT ON feedback FOR EACH ROW EXECUTE FUNCTION loops_feedback_identity_guard()');
    await q.query(FEEDBACK_IDENTITY_RELEASE);
    await q.query('CREATE TRIGGER feedback_identity_release AFTER DELETE ON feedback FOR EACH ROW EXECUTE FUNCTION loops_feedback_identity_release()');

    // Existing analyses take their feedback's time; an analysis whose feedback is gone keeps its own.
    await this.swap(q, 'analyses', 'occurred_at', [
      'ALTER TABLE analyses ADD CONSTRAINT analyses_pkey PRIMARY KEY (feedback_event_id, analyzer_name, analyzer_version, occurred_at)',
      'CREATE INDEX analyses_tenant ON analyses (tenant_id, analyzed_at)',
      'CREATE INDEX analyses_feedback ON analyses (feedback_event_id)',
    ], `SELECT a.*, coalesce((SELECT f.occurred_at FROM feedback f WHERE f.event_id = a.feedback_event_id LIMIT 1), a.analyzed_at)
          FROM analyses_unpartitioned a`, 'occurred_at timestamptz NOT NULL');

    await this.swap(q, 'feedback_facts', 'occurred_at', [
      'ALTER TABLE feedback_facts ADD CONSTRAINT feedback_facts_pkey PRIMARY KEY (feedback_event_id, occurred_at)',
      'CREATE INDEX feedback_facts_window ON feedback_facts (tenant_id, occurred_at)',
      'CREATE INDEX feedback_facts_themes ON feedback_facts USING gin (themes)',
      'CREATE INDEX feedback_facts_customer ON feedback_facts (tenant_id, customer_id) WHERE customer_id IS NOT NULL',
    ], 'SELECT * FROM feedback_facts_unpartitioned');

    await this.swap(q, 'alerts', 'created_at', [
      'ALTER TABLE alerts ADD CONSTRAINT alerts_pkey PRIMARY KEY (alert_id, created_at)',
      'ALTER TABLE alerts ADD CONSTRAINT alerts_case_id_fkey FOREIGN KEY (case_id) REFERENCES cases(case_id)',
      'CREATE INDEX alerts_tenant ON alerts (tenant_id, created_at)',
      'CREATE INDEX alerts_unpublished ON alerts (created_at) WHERE published_at IS NULL',
      'CREATE INDEX alerts_case ON alerts (case_id)',
    ], 'SELECT * FROM alerts_unpartitioned');

    await q.query(`
      CREATE TABLE tenant_retention (
        tenant_id       text PRIMARY KEY,
        retention_days  integer NOT NULL CHECK (retention_days BETWEEN 1 AND 36500),
        updated_by      text NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
  }

  /**
   * Replaces `table` by a partitioned table of the same name and columns (taken from the old table, so
   * columns other migrations added come along; `extraColumn` is appended): the old one is renamed and
   * stripped of its constraint and index names, the new one gets monthly partitions from a year back to
   * three months ahead plus a default, the rows are copied, and the old table is dropped.
   */
  private async swap(q: QueryRunner, table: string, key: string, constraints: string[], copy: string, extraColumn?: string): Promise<void> {
    await q.query(`ALTER TABLE ${table} RENAME TO ${table}_unpartitioned`);
    const owned = (await q.query(
      `SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'f')`,
      [`${table}_unpartitioned`],
    )) as { conname: string }[];
    for (const { conname } of owned) await q.query(`ALTER TABLE ${table}_unpartitioned DROP CONSTRAINT ${conname}`);
    const indexes = (await q.query(`SELECT indexname FROM pg_indexes WHERE tablename = $1`, [`${table}_unpartitioned`])) as { indexname: string }[];
    for (const { indexname } of indexes) await q.query(`DROP INDEX ${indexname}`);

    const extra = extraColumn ? `, ${extraColumn}` : '';
    await q.query(`CREATE TABLE ${table} (LIKE ${table}_unpartitioned INCLUDING DEFAULTS${extra}) PARTITION BY RANGE (${key})`);
    await q.query(`CREATE TABLE ${table}_default PARTITION OF ${table} DEFAULT`);
    for (const statement of constraints) await q.query(statement);
    await q.query(`SELECT loops_ensure_month_partitions($1, (now() - interval '12 months')::date, (now() + interval '3 months')::date)`, [table]);
    await q.query(`INSERT INTO ${table} ${copy}`);
    await q.query(`DROP TABLE ${table}_unpartitioned`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE tenant_retention');
    await q.query('DROP TRIGGER feedback_identity_release ON feedback');
    await q.query('DROP FUNCTION loops_feedback_identity_release()');
    await q.query('DROP TRIGGER feedback_identity_guard ON feedback');
    await q.query('DROP FUNCTION loops_feedback_identity_guard()');
    await q.query('DROP TABLE feedback_identities');
    const back: [string, string[]][] = [
      ['feedback', [
        'ALTER TABLE feedback ADD PRIMARY KEY (event_id)',
        'ALTER TABLE feedback ADD CONSTRAINT feedback_identity UNIQUE (tenant_id, integration_id, external_id)',
        'CREATE INDEX feedback_tenant_occurred ON feedback (tenant_id, occurred_at)',
        'CREATE INDEX feedback_unpublished ON feedback (received_at) WHERE published_at IS NULL',
        'CREATE INDEX feedback_tenant_customer ON feedback (tenant_id, customer_id) WHERE customer_id IS NOT NULL',
      ]],
      ['analyses', [
        'ALTER TABLE analyses DROP COLUMN occurred_at',
        'ALTER TABLE analyses ADD PRIMARY KEY (feedback_event_id, analyzer_name, analyzer_version)',
        'CREATE INDEX analyses_tenant ON analyses (tenant_id, analyzed_at)',
        'CREATE INDEX analyses_feedback ON analyses (feedback_event_id)',
      ]],
      ['feedback_facts', [
        'ALTER TABLE feedback_facts ADD PRIMARY KEY (feedback_event_id)',
        'CREATE INDEX feedback_facts_window ON feedback_facts (tenant_id, occurred_at)',
        'CREATE INDEX feedback_facts_themes ON feedback_facts USING gin (themes)',
        'CREATE INDEX feedback_facts_customer ON feedback_facts (tenant_id, customer_id) WHERE customer_id IS NOT NULL',
      ]],
      ['alerts', [
        'ALTER TABLE alerts ADD PRIMARY KEY (alert_id)',
        'ALTER TABLE alerts ADD FOREIGN KEY (case_id) REFERENCES cases(case_id)',
        'CREATE INDEX alerts_tenant ON alerts (tenant_id, created_at)',
        'CREATE INDEX alerts_unpublished ON alerts (created_at) WHERE published_at IS NULL',
      ]],
    ];
    for (const [table, constraints] of back) {
      await q.query(`ALTER TABLE ${table} RENAME TO ${table}_partitioned`);
      const owned = (await q.query(`SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'f')`, [`${table}_partitioned`])) as { conname: string }[];
      for (const { conname } of owned) await q.query(`ALTER TABLE ${table}_partitioned DROP CONSTRAINT ${conname}`);
      await q.query(`CREATE TABLE ${table} (LIKE ${table}_partitioned INCLUDING DEFAULTS)`);
      await q.query(`INSERT INTO ${table} SELECT * FROM ${table}_partitioned`);
      await q.query(`DROP TABLE ${table}_partitioned CASCADE`);
      for (const statement of constraints) await q.query(statement);
    }
    await q.query('ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES alerts(alert_id)');
    await q.query('DROP FUNCTION loops_ensure_month_partitions(text, date, date)');
  }
}

/**
 * Creates the monthly partitions of `parent` (named `<parent>_pYYYYMM`) for every month from `from_month` to
 * `to_month` that has none. Rows of that month already in `<parent>_default` are moved into the new table
 * before it is attached (attaching checks the default holds none of its range). Idempotent; returns how many
 * partitions it created. Called by the migration, the maintenance task and before a history import.
 */
const ENSURE_MONTH_PARTITIONS = `
CREATE OR REPLACE FUNCTION loops_ensure_month_partitions(parent text, from_month date, to_month date) RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  month date := date_trunc('month', from_month)::date;
  last date := date_trunc('month', to_month)::date;
  part text;
  key text := substring(pg_get_partkeydef(parent::regclass) FROM '\\((\\w+)\\)');
  created integer := 0;
BEGIN
  WHILE month <= last LOOP
    part := parent || '_p' || to_char(month, 'YYYYMM');
    IF to_regclass(part) IS NULL THEN
      EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS)', part, parent);
      -- A move is not a deletion: loops_feedback_identity_release leaves identities alone while this is on.
      PERFORM set_config('loops.moving_rows', 'on', true);
      EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %I >= $1 AND %I < $2 RETURNING *) INSERT INTO %I SELECT * FROM moved',
                     parent || '_default', key, key, part)
        USING month::timestamptz, (month + interval '1 month')::timestamptz;
      PERFORM set_config('loops.moving_rows', 'off', true);
      EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                     parent, part, month::timestamptz, (month + interval '1 month')::timestamptz);
      created := created + 1;
    END IF;
    month := month + interval '1 month';
  END LOOP;
  RETURN created;
END
$fn$`;

/**
 * Feedback's identity is (tenant, integration, external id) whatever time a retry carries. The identity row is
 * claimed first (its primary key serialises concurrent claims); a row whose identity is taken is skipped
 * (RETURN NULL: the INSERT reports it like ON CONFLICT DO NOTHING), unless the feedback it points at is gone
 * (erased or purged by retention), in which case the identity moves to the new row, as before partitioning.
 */
const FEEDBACK_IDENTITY_TRIGGER = `
CREATE OR REPLACE FUNCTION loops_feedback_identity_guard() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO feedback_identities (tenant_id, integration_id, external_id, event_id, occurred_at)
  VALUES (NEW.tenant_id, NEW.integration_id, NEW.external_id, NEW.event_id, NEW.occurred_at)
  ON CONFLICT DO NOTHING;
  IF FOUND THEN
    RETURN NEW;
  END IF;
  PERFORM 1 FROM feedback_identities
    WHERE tenant_id = NEW.tenant_id AND integration_id = NEW.integration_id AND external_id = NEW.external_id FOR UPDATE;
  IF EXISTS (SELECT 1 FROM feedback
              WHERE tenant_id = NEW.tenant_id AND integration_id = NEW.integration_id AND external_id = NEW.external_id) THEN
    RETURN NULL;
  END IF;
  UPDATE feedback_identities SET event_id = NEW.event_id, occurred_at = NEW.occurred_at
    WHERE tenant_id = NEW.tenant_id AND integration_id = NEW.integration_id AND external_id = NEW.external_id;
  RETURN NEW;
END
$fn$`;

/** Erasure and retention delete feedback rows; their identities go with them (a partition move keeps them). */
const FEEDBACK_IDENTITY_RELEASE = `
CREATE OR REPLACE FUNCTION loops_feedback_identity_release() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF coalesce(current_setting('loops.moving_rows', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  DELETE FROM feedback_identities
   WHERE tenant_id = OLD.tenant_id AND integration_id = OLD.integration_id AND external_id = OLD.external_id AND event_id = OLD.event_id;
  RETURN NULL;
END
$fn$`;
