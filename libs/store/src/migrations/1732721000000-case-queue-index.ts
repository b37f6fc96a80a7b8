import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case listing (`GET /v1/reports/cases`, the dashboard's case queue) is not limited to a time window and
 * orders a tenant's cases by due time. Without an index in that order it sorted every case the tenant ever
 * had, so it slowed down as the tenant's history grew (5.5× at four times the history, docs/benchmarks.md);
 * with (tenant_id, due_at) it reads the first page in order and stops.
 */
export class CaseQueueIndex1732721000000 implements MigrationInterface {
  name = 'CaseQueueIndex1732721000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX IF NOT EXISTS cases_tenant_due ON cases (tenant_id, due_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS cases_tenant_due');
  }
}
