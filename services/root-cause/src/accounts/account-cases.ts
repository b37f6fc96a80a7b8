import { EntityManager } from 'typeorm';
import { CaseEvent } from '@loops/contracts';

/**
 * Root-cause's read model of cases per B2B account, kept from `cases.v1` (the routing service owns the
 * `cases` table; root-cause never reads it). Only the newest state of each case is kept; events carry the
 * full state, so applying the last event per case is enough and replays are harmless (older `at` loses).
 */
export async function applyAccountCaseEvents(m: EntityManager, events: CaseEvent[]): Promise<void> {
  const latest = new Map<string, CaseEvent>();
  for (const e of events) {
    if (!e.accountId) continue;
    const seen = latest.get(e.caseId);
    if (!seen || e.at >= seen.at) latest.set(e.caseId, e);
  }
  const rows = [...latest.values()];
  if (rows.length === 0) return;
  await m.query(
    `INSERT INTO account_cases (case_id, tenant_id, account_id, touchpoint, status, priority, owner_team, due_at, updated_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[])
     ON CONFLICT (case_id) DO UPDATE SET status = EXCLUDED.status, priority = EXCLUDED.priority, owner_team = EXCLUDED.owner_team,
       due_at = EXCLUDED.due_at, updated_at = EXCLUDED.updated_at
     WHERE account_cases.updated_at <= EXCLUDED.updated_at`,
    [
      rows.map((e) => e.caseId),
      rows.map((e) => e.tenantId),
      rows.map((e) => e.accountId),
      rows.map((e) => e.touchpoint ?? null),
      rows.map((e) => e.status),
      rows.map((e) => e.priority),
      rows.map((e) => e.ownerTeam),
      rows.map((e) => e.dueAt),
      rows.map((e) => e.at),
    ],
  );
}
