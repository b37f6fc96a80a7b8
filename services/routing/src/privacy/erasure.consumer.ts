import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PrivacyErasure, Topics } from '@loops/contracts';
import { ConsumedEvent } from '@loops/kafka';
import { Logger } from '@loops/observability';
import { ConsumerHost, ROOT_LOGGER } from '@loops/platform';
import { rowsOf } from '@loops/store';

/**
 * privacy.erasure.v1 → the erased customer's cases go, with their alerts, case events, attached
 * feedback, webhook deliveries and suppressed alerts. Cases are found by the pseudonym (routing's
 * customer key), the rest also by the feedback event ids; every delete is idempotent.
 */
@Injectable()
export class RoutingErasureConsumer implements OnModuleInit {
  private readonly log: Logger;

  constructor(
    private readonly host: ConsumerHost,
    private readonly dataSource: DataSource,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'privacy-erasure' });
  }

  onModuleInit(): void {
    this.host.register({ topic: Topics.privacyErasure, contract: PrivacyErasure, handler: (e) => this.handle(e) });
  }

  async handle(events: ConsumedEvent<PrivacyErasure>[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      for (const { data } of events) {
        const counts = await this.erase(m, data);
        this.log.info({ erasureId: data.erasureId, tenantId: data.tenantId, ...counts }, 'customer erased');
      }
    });
  }

  private async erase(m: EntityManager, e: PrivacyErasure): Promise<Record<string, number>> {
    const count = async (sql: string, params: unknown[]) =>
      rowsOf<{ n: number }>(await m.query(`WITH d AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM d`, params))[0].n;
    const caseIds = rowsOf<{ case_id: string }>(
      await m.query(`SELECT case_id FROM cases WHERE tenant_id = $1 AND customer_key = $2 FOR UPDATE`, [e.tenantId, `customer:${e.customerPseudonym}`]),
    ).map((r) => r.case_id);
    const alertIds = rowsOf<{ alert_id: string }>(
      await m.query(`SELECT alert_id FROM alerts WHERE tenant_id = $1 AND (case_id = ANY($2::uuid[]) OR feedback_event_id = ANY($3::uuid[]))`, [
        e.tenantId,
        caseIds,
        e.feedbackEventIds,
      ]),
    ).map((r) => r.alert_id);
    return {
      webhookDeliveries: await count('DELETE FROM webhook_deliveries WHERE alert_id = ANY($1::uuid[])', [alertIds]),
      alerts: await count('DELETE FROM alerts WHERE alert_id = ANY($1::uuid[])', [alertIds]),
      suppressedAlerts: await count(
        `DELETE FROM suppressed_alerts WHERE tenant_id = $1 AND (feedback_event_id = ANY($2::uuid[]) OR alert ->> 'customerId' = $3)`,
        [e.tenantId, e.feedbackEventIds, e.customerPseudonym],
      ),
      caseFeedback: await count('DELETE FROM case_feedback WHERE case_id = ANY($1::uuid[]) OR feedback_event_id = ANY($2::uuid[])', [caseIds, e.feedbackEventIds]),
      caseEvents: await count('DELETE FROM case_events WHERE case_id = ANY($1::uuid[])', [caseIds]),
      cases: await count('DELETE FROM cases WHERE case_id = ANY($1::uuid[])', [caseIds]),
    };
  }
}
