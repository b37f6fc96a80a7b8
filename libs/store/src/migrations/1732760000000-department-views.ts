import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Department views: keys that see part of a tenant (touchpoints, themes, accounts), and the columns those
 * views filter on.
 *
 * - `api_keys.restriction`: null for a whole-tenant key, else `{"touchpoints": [...], "themes": [...], "accounts": [...]}`.
 * - `feedback_facts.account_id`: the B2B account a respondent belongs to (`customer.accountId`), so feedback
 *   of several respondents rolls up to the account.
 * - `cases.touchpoint` / `cases.account_id`: what a touchpoint owner's or account manager's case queue filters on.
 * - `case_summaries.touchpoint` / `.account_id`: the same on root-cause's read model of cases (fed by `cases.v1`;
 *   root-cause does not read routing's tables), for account managers' and owners' views and digests.
 */
export class DepartmentViews1732760000000 implements MigrationInterface {
  name = 'DepartmentViews1732760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys ADD COLUMN restriction jsonb CHECK (restriction IS NULL OR jsonb_typeof(restriction) = 'object')`);
    await q.query('ALTER TABLE feedback_facts ADD COLUMN account_id text');
    await q.query('CREATE INDEX feedback_facts_account ON feedback_facts (tenant_id, account_id, occurred_at) WHERE account_id IS NOT NULL');
    await q.query('ALTER TABLE cases ADD COLUMN touchpoint text, ADD COLUMN account_id text');
    await q.query('CREATE INDEX cases_touchpoint ON cases (tenant_id, touchpoint, status)');
    await q.query('CREATE INDEX cases_account ON cases (tenant_id, account_id, status) WHERE account_id IS NOT NULL');
    await q.query('ALTER TABLE case_summaries ADD COLUMN touchpoint text, ADD COLUMN account_id text');
    await q.query('CREATE INDEX case_summaries_account ON case_summaries (tenant_id, account_id, status) WHERE account_id IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX case_summaries_account');
    await q.query('ALTER TABLE case_summaries DROP COLUMN account_id, DROP COLUMN touchpoint');
    await q.query('DROP INDEX cases_account');
    await q.query('DROP INDEX cases_touchpoint');
    await q.query('ALTER TABLE cases DROP COLUMN account_id, DROP COLUMN touchpoint');
    await q.query('DROP INDEX feedback_facts_account');
    await q.query('ALTER TABLE feedback_facts DROP COLUMN account_id');
    await q.query('ALTER TABLE api_keys DROP COLUMN restriction');
  }
}
