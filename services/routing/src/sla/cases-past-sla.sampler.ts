import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { casesPastSlaSampler, PipelineMetrics } from '@loops/observability';

/** Cases past their SLA, read once per scrape (the outboxes sample their own depth and age). */
@Injectable()
export class CasesPastSlaSampler {
  constructor(dataSource: DataSource, metrics: PipelineMetrics) {
    metrics.samplers.add('cases-past-sla', casesPastSlaSampler((sql: string, params?: unknown[]) => dataSource.query(sql, params), metrics.casesPastSla));
  }
}
