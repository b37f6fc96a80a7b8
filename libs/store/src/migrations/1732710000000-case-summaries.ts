import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Root-cause's own read model of cases, kept from cases.v1, so its reports no longer read routing's
 * `cases` table (each table has one owning service). Filled once from `cases` at the change; from then
 * on only the events write it.
 */
export class CaseSummaries1732710000000 implements MigrationInterface {
  name = 'CaseSummaries1732710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_summaries (
        case_id                  uuid PRIMARY KEY,
        tenant_id                text NOT NULL,
        status                   text NOT NULL,
        priority                 text NOT NULL,
        owner_team               text NOT NULL,
        assignee                 text,
        opened_at                timestamptz NOT NULL,
        due_at                   timestamptz NOT NULL,
        escalation_level         integer NOT NULL,
        root_cause_code          text,
        first_feedback_event_id  uuid,
        last_event_at            timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX case_summaries_tenant_due ON case_summaries (tenant_id, due_at)');
    await q.query(`
      INSERT INTO case_summaries (case_id, tenant_id, status, priority, owner_team, assignee, opened_at, due_at, escalation_level,
                                  root_cause_code, first_feedback_event_id, last_event_at)
      SELECT case_id, tenant_id, status, priority, owner_team, assignee, opened_at, due_at, escalation_level,
             root_cause_code, first_feedback_event_id, greatest(opened_at, acknowledged_at, resolved_at, last_alert_at)
        FROM cases`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_summaries');
  }
}
