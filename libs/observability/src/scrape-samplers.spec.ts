import { Registry } from 'prom-client';
import { PipelineMetrics } from './pipeline-metrics';
import { ScrapeSamplers } from './scrape-samplers';
import { casesPastSlaSampler, outboxQuery, outboxSampler } from './store-samplers';

describe('scrape-time samplers', () => {
  it('refresh their gauges before the exposition text is rendered', async () => {
    const metrics = new PipelineMetrics('routing');
    const rows = [
      { outbox: 'alerts', depth: '3', age: 42.5 },
      { outbox: 'case_events', depth: '0', age: 0 },
    ];
    const seen: unknown[][] = [];
    metrics.samplers.add(
      'outbox',
      outboxSampler(async (_sql, params) => (seen.push(params ?? []), rows), [
        { outbox: 'alerts', table: 'alerts', since: 'created_at' },
        { outbox: 'case_events', table: 'case_events', since: 'at' },
      ], { depth: metrics.outboxDepth, oldestAge: metrics.outboxOldestAge }),
    );
    const text = await metrics.scrape();
    expect(seen).toEqual([['alerts', 'case_events']]);
    expect(text).toContain('loops_outbox_depth{outbox="alerts",service="routing"} 3');
    expect(text).toContain('loops_outbox_oldest_age_seconds{outbox="alerts",service="routing"} 42.5');
    expect(text).toContain('loops_outbox_depth{outbox="case_events",service="routing"} 0');
  });

  it('keep the scrape answering when a sampler fails or hangs, and count the failure', async () => {
    const registry = new Registry();
    const samplers = new ScrapeSamplers(registry, 20);
    samplers.add('broken', async () => {
      throw new Error('connection refused');
    });
    samplers.add('hung', () => new Promise<void>(() => undefined));
    await samplers.runAll();
    const text = await registry.metrics();
    expect(text).toContain('loops_metric_sampler_failures_total{sampler="broken"} 1');
    expect(text).toContain('loops_metric_sampler_failures_total{sampler="hung"} 1');
  });

  it('refuse a sampler registered twice under one name', () => {
    const metrics = new PipelineMetrics('routing');
    metrics.samplers.add('outbox', async () => undefined);
    expect(() => metrics.samplers.add('outbox', async () => undefined)).toThrow('metric sampler outbox registered twice');
  });

  it('build one parameterised query for all outboxes and refuse identifiers that are not plain names', () => {
    const sql = outboxQuery([
      { outbox: 'feedback', table: 'feedback', since: 'received_at' },
      { outbox: 'privacy_erasures', table: 'privacy_erasures', since: 'requested_at' },
    ]);
    expect(sql.match(/WHERE published_at IS NULL/g)).toHaveLength(2);
    expect(sql).toContain('$1::text AS outbox');
    expect(sql).toContain('$2::text AS outbox');
    expect(() => outboxQuery([{ outbox: 'x', table: 'feedback; DROP TABLE feedback', since: 'at' }])).toThrow('outbox x: bad table or column name');
    expect(() => outboxQuery([])).toThrow('at least one outbox');
  });

  it('drop a priority back to 0 once its overdue cases are handled, instead of leaving the last count', async () => {
    const metrics = new PipelineMetrics('routing');
    const answers = [[{ priority: 'p1', n: '2' }, { priority: 'p2', n: '1' }], [{ priority: 'p2', n: '4' }]];
    metrics.samplers.add('sla', casesPastSlaSampler(async () => answers.shift(), metrics.casesPastSla));
    expect(await metrics.scrape()).toContain('loops_cases_past_sla{priority="p1",service="routing"} 2');
    const second = await metrics.scrape();
    expect(second).toContain('loops_cases_past_sla{priority="p1",service="routing"} 0');
    expect(second).toContain('loops_cases_past_sla{priority="p2",service="routing"} 4');
  });
});
