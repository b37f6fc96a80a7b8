import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CaseEvent, Topics } from '@loops/contracts';
import { ConsumedEvent } from '@loops/kafka';
import { ConsumerHost } from '@loops/platform';
import { insertRows } from '@loops/store';
import { CASE_SUMMARIES, CaseSummaryRow } from '../store/root-cause.tables';

/**
 * Events of one case share a partition and arrive in order (a redelivery replays them in order too), so
 * the last event a batch holds is the case's state; when it opened and on what feedback stay as first seen.
 */
const LATEST_STATE = {
  set: [
    'status = EXCLUDED.status',
    'priority = EXCLUDED.priority',
    'owner_team = EXCLUDED.owner_team',
    'assignee = EXCLUDED.assignee',
    'due_at = EXCLUDED.due_at',
    'escalation_level = EXCLUDED.escalation_level',
    'root_cause_code = EXCLUDED.root_cause_code',
    'opened_at = LEAST(case_summaries.opened_at, EXCLUDED.opened_at)',
    'first_feedback_event_id = COALESCE(case_summaries.first_feedback_event_id, EXCLUDED.first_feedback_event_id)',
    'last_event_at = EXCLUDED.last_event_at',
    // Department views filter on these; an event without them (an older producer) keeps what is known.
    'touchpoint = COALESCE(EXCLUDED.touchpoint, case_summaries.touchpoint)',
    'account_id = COALESCE(EXCLUDED.account_id, case_summaries.account_id)',
  ].join(', '),
};

/** Writes a batch of cases.v1 events into root-cause's tables (inside the caller's transaction); idempotent. */
export async function applyCaseEvents(m: EntityManager, events: CaseEvent[]): Promise<void> {
  // Within a batch only the last event per case matters; events of one case share a partition, in order.
  const last = new Map(events.map((e) => [e.caseId, e]));
  const resolved = [...last.values()].filter((e) => e.kind === 'resolved' && e.rootCauseCode);
  const reopened = [...last.values()].filter((e) => e.kind === 'reopened').map((e) => e.caseId);
  if (resolved.length > 0) {
    await m.query(
      `INSERT INTO case_root_causes (case_id, tenant_id, root_cause_code, feedback_event_id, resolved_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::timestamptz[])
       ON CONFLICT (case_id) DO UPDATE SET root_cause_code = EXCLUDED.root_cause_code, resolved_at = EXCLUDED.resolved_at`,
      [
        resolved.map((e) => e.caseId),
        resolved.map((e) => e.tenantId),
        resolved.map((e) => e.rootCauseCode),
        resolved.map((e) => e.feedbackEventId ?? null),
        resolved.map((e) => e.at),
      ],
    );
  }
  if (reopened.length > 0) await m.query('DELETE FROM case_root_causes WHERE case_id = ANY($1::uuid[])', [reopened]);
  await insertRows(m, CASE_SUMMARIES, summariesOf(events), { onConflict: LATEST_STATE });
}

/** One row per case of the batch: its last event's state, opened at its first event's time. */
export function summariesOf(events: CaseEvent[]): CaseSummaryRow[] {
  const byCase = new Map<string, { first: CaseEvent; last: CaseEvent }>();
  for (const e of events) {
    const seen = byCase.get(e.caseId);
    byCase.set(e.caseId, { first: seen?.first ?? e, last: e });
  }
  return [...byCase.values()].map(({ first, last }) => ({
    case_id: last.caseId,
    tenant_id: last.tenantId,
    status: last.status,
    priority: last.priority,
    owner_team: last.ownerTeam,
    assignee: last.assignee ?? null,
    opened_at: first.at,
    due_at: last.dueAt,
    escalation_level: last.escalationLevel,
    root_cause_code: last.status === 'resolved' ? (last.rootCauseCode ?? null) : null,
    first_feedback_event_id: first.feedbackEventId ?? null,
    last_event_at: last.at,
    touchpoint: last.touchpoint ?? first.touchpoint ?? null,
    account_id: last.accountId ?? first.accountId ?? null,
  }));
}

/**
 * cases.v1 → root-cause codes of resolved cases, so the inner loop's findings join the outer loop's
 * ranking (a reopened case withdraws its code until it is resolved again), and root-cause's own read
 * model of each case's state (`case_summaries`), which its case report reads instead of routing's table.
 */
@Injectable()
export class CaseOutcomeConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.host.register({ topic: Topics.cases, contract: CaseEvent, handler: (e) => this.handle(e) });
  }

  async handle(events: ConsumedEvent<CaseEvent>[]): Promise<void> {
    await this.dataSource.transaction((m) => applyCaseEvents(m, events.map((e) => e.data)));
  }
}
