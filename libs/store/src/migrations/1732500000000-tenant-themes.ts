import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Themes a tenant added to its taxonomy, usually promoted from candidate themes (negative feedback
 * that matched no theme). The sentiment service merges them into the default taxonomy per tenant.
 */
export class TenantThemes1732500000000 implements MigrationInterface {
  name = 'TenantThemes1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant_themes (
        tenant_id   text NOT NULL,
        theme_id    text NOT NULL,
        label       text NOT NULL,
        phrases     jsonb NOT NULL,
        created_by  text NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, theme_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE tenant_themes');
  }
}
