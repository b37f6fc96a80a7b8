import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * From measurement to action (root-cause owns all four tables):
 * - `goals`: a tenant's target for a metric on a scope over a period, with an owner;
 * - `actions`: action plans on root causes, with their status; `action_events` is their outbox to `actions.v1`;
 * - `operational_measures`: operational figures per touchpoint and hour/day bucket, one row per measure and
 *   bucket (a resend replaces the value).
 */
export class GoalsActionsOperational1732750000000 implements MigrationInterface {
  name = 'GoalsActionsOperational1732750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE goals (
        goal_id       uuid PRIMARY KEY,
        tenant_id     text NOT NULL,
        name          text NOT NULL,
        metric        text NOT NULL CHECK (metric IN ('nps', 'csat', 'ces', 'sentiment', 'negative_share', 'measure')),
        measure       text,
        direction     text NOT NULL CHECK (direction IN ('at_least', 'at_most')),
        target        double precision NOT NULL,
        touchpoint    text,
        channel       text,
        segment       text,
        theme         text,
        period_start  timestamptz NOT NULL,
        period_end    timestamptz NOT NULL,
        owner         text NOT NULL,
        created_by    text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CHECK (period_end > period_start),
        CHECK ((metric = 'measure') = (measure IS NOT NULL))
      )`);
    await q.query('CREATE INDEX goals_tenant ON goals (tenant_id, period_end DESC)');
    await q.query(`
      CREATE TABLE actions (
        action_id       uuid PRIMARY KEY,
        tenant_id       text NOT NULL,
        target_kind     text NOT NULL CHECK (target_kind IN ('driver', 'emerging_issue', 'root_cause')),
        theme           text,
        touchpoint      text,
        issue_id        uuid,
        root_cause_code text,
        change          text NOT NULL,
        owner           text NOT NULL,
        due_at          timestamptz NOT NULL,
        effective_at    timestamptz NOT NULL,
        status          text NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
        created_by      text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX actions_tenant ON actions (tenant_id, due_at)');
    await q.query(`
      CREATE TABLE action_events (
        event_id      uuid PRIMARY KEY,
        action_id     uuid NOT NULL REFERENCES actions (action_id) ON DELETE CASCADE,
        tenant_id     text NOT NULL,
        payload       jsonb NOT NULL,
        at            timestamptz NOT NULL,
        published_at  timestamptz
      )`);
    await q.query('CREATE INDEX action_events_unpublished ON action_events (at) WHERE published_at IS NULL');
    await q.query(`
      CREATE TABLE operational_measures (
        tenant_id     text NOT NULL,
        measure       text NOT NULL,
        touchpoint    text NOT NULL,
        bucket_size   text NOT NULL CHECK (bucket_size IN ('hour', 'day')),
        bucket_start  timestamptz NOT NULL,
        value         double precision NOT NULL,
        count         integer,
        unit          text,
        integration_id text NOT NULL,
        measure_id    uuid NOT NULL,
        received_at   timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, measure, touchpoint, bucket_size, bucket_start)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE operational_measures');
    await q.query('DROP TABLE action_events');
    await q.query('DROP TABLE actions');
    await q.query('DROP TABLE goals');
  }
}
