import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseEvent, Topics } from '@loops/contracts';
import { ConsumedEvent } from '@loops/kafka';
import { ConsumerHost } from '@loops/platform';
import { applyAccountCaseEvents } from '../accounts/account-cases';

/**
 * cases.v1 → root-cause codes of resolved cases, so the inner loop's findings join the outer loop's
 * ranking. A reopened case withdraws its code until it is resolved again. Cases of B2B accounts also feed
 * the account managers' read model (open cases per account).
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
    // Within a batch only the last event per case matters; events of one case share a partition, in order.
    const last = new Map(events.map((e) => [e.data.caseId, e.data]));
    const resolved = [...last.values()].filter((e) => e.kind === 'resolved' && e.rootCauseCode);
    const reopened = [...last.values()].filter((e) => e.kind === 'reopened').map((e) => e.caseId);
    await this.dataSource.transaction(async (m) => {
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
      await applyAccountCaseEvents(m, events.map((e) => e.data));
    });
  }
}
