import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One owner per table (see libs/store/README.md "Data access"). Two reads that crossed services become
 * events into read models of the reader's own:
 * - root-cause owns `tenant_themes` and stages each change of a theme in `taxonomy_outbox`, published on
 *   taxonomy.v1; sentiment keeps `taxonomy_themes` from it to match feedback against.
 * - ingestion owns `feedback`; sentiment keeps `sentiment_feedback`, the feedback.received.v1 events it
 *   consumed, for corrections and `reprocess`.
 * Both read models start from what their owner's tables hold now.
 */
export class TableOwnership1732790000000 implements MigrationInterface {
  name = 'TableOwnership1732790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE taxonomy_outbox (
        change_id     uuid PRIMARY KEY,
        tenant_id     text NOT NULL,
        theme_id      text NOT NULL,
        label         text NOT NULL,
        phrases       jsonb NOT NULL,
        updated_at    timestamptz NOT NULL,
        published_at  timestamptz
      )`);
    await q.query('CREATE INDEX taxonomy_outbox_unpublished ON taxonomy_outbox (updated_at) WHERE published_at IS NULL');
    await q.query(`
      CREATE TABLE taxonomy_themes (
        tenant_id   text NOT NULL,
        theme_id    text NOT NULL,
        label       text NOT NULL,
        phrases     jsonb NOT NULL,
        updated_at  timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, theme_id)
      )`);
    await q.query('INSERT INTO taxonomy_themes (tenant_id, theme_id, label, phrases, updated_at) SELECT tenant_id, theme_id, label, phrases, updated_at FROM tenant_themes');
    await q.query(`
      CREATE TABLE sentiment_feedback (
        event_id     uuid PRIMARY KEY,
        tenant_id    text NOT NULL,
        occurred_at  timestamptz NOT NULL,
        received_at  timestamptz NOT NULL,
        event        jsonb NOT NULL
      )`);
    // reprocess pages by (received_at, event_id), with or without a tenant.
    await q.query('CREATE INDEX sentiment_feedback_received ON sentiment_feedback (received_at, event_id)');
    await q.query('CREATE INDEX sentiment_feedback_tenant ON sentiment_feedback (tenant_id, received_at, event_id)');
    // A tenant's retention purges by occurred_at, like the feedback it copies.
    await q.query('CREATE INDEX sentiment_feedback_retention ON sentiment_feedback (tenant_id, occurred_at)');
    await q.query('INSERT INTO sentiment_feedback (event_id, tenant_id, occurred_at, received_at, event) SELECT event_id, tenant_id, occurred_at, received_at, event FROM feedback ON CONFLICT DO NOTHING');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sentiment_feedback');
    await q.query('DROP TABLE taxonomy_themes');
    await q.query('DROP TABLE taxonomy_outbox');
  }
}
