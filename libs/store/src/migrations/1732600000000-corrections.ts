import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Analysts' corrections of analyses and the per-tenant adapters retrained from them (owned by the sentiment
 * service). A correction's id derives from its content, so a re-sent correction is stored once; accuracy counts
 * each reviewed item once (its latest correction). Adapter revisions are kept, so an adapted analysis can be
 * replayed with the exact parameters that produced it.
 */
export class Corrections1732600000000 implements MigrationInterface {
  name = 'Corrections1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE corrections (
        correction_id     uuid PRIMARY KEY,
        tenant_id         text NOT NULL,
        feedback_event_id uuid NOT NULL,
        analyzer_name     text NOT NULL,
        analyzer_version  text NOT NULL,
        original_label    text NOT NULL,
        original_themes   jsonb NOT NULL,
        corrected_label   text CHECK (corrected_label IN ('negative', 'neutral', 'positive')),
        themes_added      jsonb NOT NULL,
        themes_removed    jsonb NOT NULL,
        note              text,
        corrected_by      text NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX corrections_tenant_created ON corrections (tenant_id, created_at, correction_id)`,
    );
    await q.query(
      `CREATE INDEX corrections_tenant_item ON corrections (tenant_id, feedback_event_id, created_at)`,
    );
    await q.query(`
      CREATE TABLE tenant_adapters (
        tenant_id      text NOT NULL,
        revision       integer NOT NULL CHECK (revision > 0),
        base_analyzer  text NOT NULL,
        corrections    integer NOT NULL,
        model          jsonb NOT NULL,
        trained_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, revision)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE tenant_adapters');
    await q.query('DROP TABLE corrections');
  }
}
