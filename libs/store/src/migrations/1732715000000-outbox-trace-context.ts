import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The W3C trace context (`traceparent`, `tracestate`) of the item an outbox row belongs to, so a publish
 * by the relay, minutes later or from another instance, continues that item's trace. NULL when tracing
 * was off or the row was written before this column existed; such rows are published untraced.
 */
export class OutboxTraceContext1732715000000 implements MigrationInterface {
  name = 'OutboxTraceContext1732715000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['feedback', 'alerts', 'case_events']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS trace_context jsonb`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['feedback', 'alerts', 'case_events']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS trace_context`);
    }
  }
}
