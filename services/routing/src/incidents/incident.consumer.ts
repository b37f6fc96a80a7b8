import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deterministicUuid, EvidenceGate, evidenceShortfall, Insight, Topics } from '@loops/contracts';
import { ConsumedEvent } from '@loops/kafka';
import { Logger } from '@loops/observability';
import { ConsumerHost, PLATFORM_ENV, ROOT_LOGGER } from '@loops/platform';
import { insertRows } from '@loops/store';
import { INCIDENTS } from '../store/routing.tables';
import { RoutingEnv } from '../routing.env';

/**
 * insights.v1 → incidents. While the outer loop reports an emerging issue for a touchpoint and theme,
 * individual alerts matching it are attached to the incident instead of paging (inhibition). Because
 * an incident silences pages, an opened issue becomes an incident only when its evidence passes the
 * same gate the detector applies (minimum count, rate ratio, false-discovery level, warm-up): thin,
 * old-format or hand-written evidence is logged and ignored, and the inner loop keeps paging.
 */
@Injectable()
export class IncidentConsumer implements OnModuleInit {
  private readonly gate: EvidenceGate;
  private readonly log: Logger;

  constructor(
    private readonly host: ConsumerHost,
    private readonly dataSource: DataSource,
    @Inject(PLATFORM_ENV) env: RoutingEnv,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.gate = { minCount: env.EMERGING_MIN_COUNT, minRateRatio: env.EMERGING_MIN_RATE_RATIO, fdrQ: env.EMERGING_FDR_Q };
    this.log = logger.child({ component: 'incidents' });
  }

  onModuleInit(): void {
    this.host.register({ topic: Topics.insights, contract: Insight, groupId: 'loops-routing-incidents', handler: (e) => this.handle(e) });
  }

  async handle(events: ConsumedEvent<Insight>[]): Promise<void> {
    const relevant = events.map((e) => e.data).filter((i) => i.touchpoint && i.theme);
    // Applied in order: an issue opened and resolved inside one batch ends resolved.
    await this.dataSource.transaction(async (m) => {
      for (const insight of relevant) {
        if (insight.kind === 'emerging_issue_opened') {
          const shortfall = evidenceShortfall(insight.evidence, this.gate);
          if (shortfall) {
            this.log.warn({ insightId: insight.insightId, tenantId: insight.tenantId, shortfall }, 'emerging issue not used for inhibition: evidence too thin');
            continue;
          }
          // A redelivered insight, or an issue already open for the same touchpoint and theme: nothing to do.
          await insertRows(m, INCIDENTS, [
            {
              incident_id: deterministicUuid('incident', insight.insightId),
              tenant_id: insight.tenantId,
              touchpoint: insight.touchpoint!,
              theme: insight.theme!,
              status: 'open',
              summary: insight.summary,
              opened_insight_id: insight.insightId,
              opened_at: insight.at,
            },
          ]);
        } else if (insight.kind === 'emerging_issue_resolved') {
          await m.query(
            `UPDATE incidents SET status = 'resolved', resolved_at = $4
              WHERE tenant_id = $1 AND touchpoint = $2 AND theme = $3 AND status = 'open' AND opened_at <= $4`,
            [insight.tenantId, insight.touchpoint, insight.theme, insight.at],
          );
        }
      }
    });
  }
}
