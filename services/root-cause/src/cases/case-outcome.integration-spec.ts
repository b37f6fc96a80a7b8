import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CaseEvent, CaseEventKind, CaseStatus } from '@loops/contracts';
import { createDataSource } from '@loops/store';
import { applyCaseEvents } from './case-outcome.consumer';

// Root-cause's read model of cases (from cases.v1) and its root-cause codes, on the migrated test
// database, without starting the service.
describe('applyCaseEvents (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let tenantId: string;

  beforeAll(async () => {
    dataSource = await createDataSource({ url: process.env.DATABASE_URL!, poolSize: 2 }).initialize();
  });

  beforeEach(() => {
    tenantId = `co-${randomUUID().slice(0, 8)}`;
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const event = (caseId: string, kind: CaseEventKind, status: CaseStatus, at: string, over: Partial<CaseEvent> = {}): CaseEvent => ({
    eventId: randomUUID(),
    caseId,
    tenantId,
    kind,
    status,
    priority: 'p2',
    ownerTeam: 'cx',
    dueAt: '2026-11-21T10:00:00.000Z',
    escalationLevel: 0,
    at,
    ...over,
  });

  const summary = async (caseId: string) =>
    (
      await dataSource.query(
        `SELECT status, assignee, opened_at, escalation_level, root_cause_code, first_feedback_event_id FROM case_summaries WHERE case_id = $1`,
        [caseId],
      )
    )[0];

  it('keeps each case at its last event, opened at its first, and a redelivery changes nothing', async () => {
    const caseId = randomUUID();
    const feedbackEventId = randomUUID();
    const batch = [
      event(caseId, 'opened', 'open', '2026-11-20T10:00:00.000Z', { feedbackEventId }),
      event(caseId, 'assigned', 'open', '2026-11-20T10:05:00.000Z', { assignee: 'agent-7' }),
      event(caseId, 'escalated', 'open', '2026-11-20T11:00:00.000Z', { assignee: 'agent-7', escalationLevel: 1 }),
    ];
    await dataSource.transaction((m) => applyCaseEvents(m, batch));
    const expected = {
      status: 'open',
      assignee: 'agent-7',
      opened_at: new Date('2026-11-20T10:00:00Z'),
      escalation_level: 1,
      root_cause_code: null,
      first_feedback_event_id: feedbackEventId,
    };
    expect(await summary(caseId)).toEqual(expected);
    await dataSource.transaction((m) => applyCaseEvents(m, batch));
    expect(await summary(caseId)).toEqual(expected);
  });

  it('a resolution records the root-cause code in both tables; a reopening withdraws it', async () => {
    const caseId = randomUUID();
    await dataSource.transaction((m) => applyCaseEvents(m, [event(caseId, 'opened', 'open', '2026-11-20T10:00:00.000Z')]));
    await dataSource.transaction((m) =>
      applyCaseEvents(m, [event(caseId, 'resolved', 'resolved', '2026-11-20T12:00:00.000Z', { rootCauseCode: 'courier-no-show' })]),
    );
    expect(await summary(caseId)).toMatchObject({ status: 'resolved', root_cause_code: 'courier-no-show', opened_at: new Date('2026-11-20T10:00:00Z') });
    const codes = async () => (await dataSource.query('SELECT root_cause_code FROM case_root_causes WHERE case_id = $1', [caseId])).map((r: { root_cause_code: string }) => r.root_cause_code);
    expect(await codes()).toEqual(['courier-no-show']);

    await dataSource.transaction((m) => applyCaseEvents(m, [event(caseId, 'reopened', 'open', '2026-11-20T13:00:00.000Z')]));
    expect(await summary(caseId)).toMatchObject({ status: 'open', root_cause_code: null });
    expect(await codes()).toEqual([]);
  });
});
