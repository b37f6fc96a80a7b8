import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emerging issues need evidence: issues and incidents opened under the old rules (no evidence version)
 * are closed, so they stop inhibiting pages; new ones open only on evidence that passes the gate.
 *
 * Erase-a-customer (GDPR): ingestion's ledger of erasure requests, which doubles as the outbox of
 * `privacy.erasure.v1` (the pseudonym is cleared once the request is published, so the ledger itself
 * no longer names the customer), and the indexes that find one customer's rows without a scan.
 */
export class EvidenceAndPrivacy1732630000000 implements MigrationInterface {
  name = 'EvidenceAndPrivacy1732630000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE emerging_issues SET status = 'resolved', updated_at = now() WHERE status = 'open' AND evidence ->> 'version' IS NULL`);
    // Every incident open before this migration came from an insight without version-2 evidence.
    await q.query(`UPDATE incidents SET status = 'resolved', resolved_at = now() WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE privacy_erasures (
        erasure_id          uuid PRIMARY KEY,
        tenant_id           text NOT NULL,
        customer_pseudonym  text,
        feedback_event_ids  uuid[] NOT NULL,
        feedback_deleted    integer NOT NULL,
        requested_at        timestamptz NOT NULL,
        published_at        timestamptz
      )`);
    await q.query('CREATE INDEX privacy_erasures_unpublished ON privacy_erasures (requested_at) WHERE published_at IS NULL');
    await q.query('CREATE INDEX feedback_tenant_customer ON feedback (tenant_id, customer_id) WHERE customer_id IS NOT NULL');
    await q.query('CREATE INDEX feedback_facts_customer ON feedback_facts (tenant_id, customer_id) WHERE customer_id IS NOT NULL');
    await q.query('CREATE INDEX suppressed_alerts_feedback ON suppressed_alerts (feedback_event_id)');
    await q.query('CREATE INDEX analyses_feedback ON analyses (feedback_event_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS analyses_feedback');
    await q.query('DROP INDEX IF EXISTS suppressed_alerts_feedback');
    await q.query('DROP INDEX IF EXISTS feedback_facts_customer');
    await q.query('DROP INDEX IF EXISTS feedback_tenant_customer');
    await q.query('DROP TABLE IF EXISTS privacy_erasures');
  }
}
