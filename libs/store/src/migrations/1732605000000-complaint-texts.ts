import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The redacted words of negative feedback, owned by root-cause: candidate themes are discovered from what
 * customers wrote, which `feedback_facts` (figures and key phrases only) does not keep. One row per fact
 * (same primary key), written in the same transaction as the fact.
 */
export class ComplaintTexts1732605000000 implements MigrationInterface {
  name = 'ComplaintTexts1732605000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_texts (
        feedback_event_id  uuid PRIMARY KEY,
        tenant_id          text NOT NULL,
        occurred_at        timestamptz NOT NULL,
        language           text,
        text               text NOT NULL
      )`);
    await q.query('CREATE INDEX complaint_texts_window ON complaint_texts (tenant_id, occurred_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE complaint_texts');
  }
}
