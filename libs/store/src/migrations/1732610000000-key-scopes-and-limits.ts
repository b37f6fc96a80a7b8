import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoped API keys and a rate limit shared by every instance.
 *
 * Keys that existed before scopes keep only `ingest`: they were all created for integrations that submit
 * feedback, and granting them reports, cases or admin would widen what a leaked survey-tool key can do.
 * Operators give consoles and admins their own keys (`api-keys create --scopes …`); see
 * docs/security/keys-and-limits.md.
 */
export class KeyScopesAndLimits1732610000000 implements MigrationInterface {
  name = 'KeyScopesAndLimits1732610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys ADD COLUMN scopes text[] NOT NULL DEFAULT '{ingest}'`);
    await q.query(`
      ALTER TABLE api_keys ADD CONSTRAINT api_keys_scopes_known
        CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['ingest', 'reports:read', 'cases:write', 'admin']::text[])`);
    // Per-key override of the service default; NULL means the default applies.
    await q.query(`ALTER TABLE api_keys ADD COLUMN items_per_second integer CHECK (items_per_second > 0)`);
    // Rotation lineage: the key this one replaced, so `api-keys list` shows where a secret came from.
    await q.query(`ALTER TABLE api_keys ADD COLUMN rotated_from uuid REFERENCES api_keys(key_id)`);
    // Token buckets shared by every ingestion instance. UNLOGGED: no WAL on the hot path; after a crash
    // the buckets start full again, which only forgives one burst.
    await q.query(`
      CREATE UNLOGGED TABLE rate_limit_buckets (
        bucket_key   text PRIMARY KEY,
        tokens       double precision NOT NULL,
        refilled_at  timestamptz NOT NULL,
        allowed      boolean NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rate_limit_buckets');
    await q.query('ALTER TABLE api_keys DROP COLUMN rotated_from');
    await q.query('ALTER TABLE api_keys DROP COLUMN items_per_second');
    await q.query('ALTER TABLE api_keys DROP CONSTRAINT api_keys_scopes_known');
    await q.query('ALTER TABLE api_keys DROP COLUMN scopes');
  }
}
