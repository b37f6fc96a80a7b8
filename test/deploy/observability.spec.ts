import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { PipelineMetrics } from '@loops/observability';
import { REPO_ROOT } from '../support/service-process';

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface Panel {
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
}

const PROMETHEUS_DIR = join(REPO_ROOT, 'deploy/prometheus');
const RULES = join(PROMETHEUS_DIR, 'rules/loops.rules.yml');
const DASHBOARD = join(REPO_ROOT, 'deploy/grafana/dashboards/loops-overview.json');

/** Every series a Loops process can expose: one registry holds them all (service-specific ones included). */
function definedMetrics(): Map<string, Set<string>> {
  const metrics = new PipelineMetrics('catalog');
  const defined = new Map<string, Set<string>>();
  for (const metric of metrics.registry.getMetricsAsArray()) {
    const labels = new Set((metric as unknown as { labelNames?: string[] }).labelNames ?? []);
    defined.set(metric.name, labels);
  }
  return defined;
}

/** Metric names a PromQL expression reads (histogram suffixes mapped to the histogram's own name). */
function metricNamesIn(expr: string): string[] {
  const names = expr.match(/\b(?:loops|process|nodejs)_[a-z0-9_]+\b/g) ?? [];
  return [...new Set(names.map((n) => n.replace(/_(bucket|sum|count)$/, '')))];
}

function run(cmd: string, args: string[]): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: REPO_ROOT });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

describe('Prometheus config, alert rules and the Grafana dashboard', () => {
  const rules = (load(readFileSync(RULES, 'utf8')) as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; panels: Panel[] };
  const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));
  const defined = definedMetrics();

  beforeAll(() => {
    // Debian ships promtool in the `prometheus` package; the script installs it when missing (like chromium).
    const ensured = run('bash', ['test/setup/ensure-promtool.sh']);
    if (ensured.status !== 0) throw new Error(`promtool unavailable: ${ensured.out}`);
  });

  it('passes promtool check config (which also checks the rule files it loads)', () => {
    const r = run('promtool', ['check', 'config', join(PROMETHEUS_DIR, 'prometheus.yml')]);
    expect(r).toEqual({ status: 0, out: expect.stringContaining('SUCCESS: 1 rule files found') });
  });

  it('passes promtool check rules', () => {
    const r = run('promtool', ['check', 'rules', RULES]);
    expect(r).toEqual({ status: 0, out: expect.stringContaining(`SUCCESS: ${rules.length} rules found`) });
  });

  it('fires each tested alert on the series it is meant for and not on healthy ones (promtool test rules)', () => {
    const r = run('promtool', ['test', 'rules', join(PROMETHEUS_DIR, 'rules/loops.rules.test.yml')]);
    expect(r).toEqual({ status: 0, out: expect.stringContaining('SUCCESS') });
  });

  it('covers what operators page on, each rule with a hold time, a severity and a summary and description', () => {
    expect(rules.map((r) => r.alert).sort()).toEqual(
      expect.arrayContaining([
        'LoopsCasesPastSla',
        'LoopsConsumerLagGrowing',
        'LoopsConsumerStalled',
        'LoopsDeadLetterRate',
        'LoopsHttp5xxRate',
        'LoopsHttpHighLatency',
        'LoopsOutboxStale',
        'LoopsServiceDown',
      ]),
    );
    for (const rule of rules) {
      expect({ alert: rule.alert, for: rule.for, severity: rule.labels?.severity }).toEqual({
        alert: rule.alert,
        for: expect.stringMatching(/^\d+[smh]$/),
        severity: expect.stringMatching(/^(critical|warning)$/),
      });
      expect({ alert: rule.alert, summary: rule.annotations?.summary, description: rule.annotations?.description }).toEqual({
        alert: rule.alert,
        summary: expect.stringMatching(/\S/),
        description: expect.stringMatching(/.{40}/),
      });
    }
  });

  it('reads only metrics the services define, grouping only by labels those metrics carry', () => {
    // `service` is every series' default label; instance, job and le come from Prometheus and histograms.
    const outside = new Set(['service', 'instance', 'job', 'le']);
    const uses = [...rules.map((r) => ({ where: r.alert, expr: r.expr })), ...queries.map((q) => ({ where: q.panel, expr: q.expr }))];
    const problems: string[] = [];
    for (const { where, expr } of uses) {
      const names = metricNamesIn(expr);
      for (const name of names) if (!defined.has(name)) problems.push(`${where}: ${name} is not defined`);
      const labels = new Set(names.flatMap((n) => [...(defined.get(n) ?? [])]));
      for (const clause of expr.matchAll(/\bby \(([^)]*)\)/g)) {
        for (const label of clause[1].split(',').map((l) => l.trim())) {
          if (!outside.has(label) && !labels.has(label)) problems.push(`${where}: groups by ${label}, which ${names.join(', ')} lack`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('has panels for throughput, HTTP, rejects, lag, DLQ, outboxes, SLA, alerts, analyzer and process resources', () => {
    const read = new Set(queries.flatMap((q) => metricNamesIn(q.expr)));
    expect([...read].sort()).toEqual(
      expect.arrayContaining([
        'loops_messages_consumed_total',
        'loops_messages_produced_total',
        'loops_http_requests_total',
        'loops_http_request_duration_seconds',
        'loops_http_rejects_total',
        'loops_consumer_lag',
        'loops_messages_dead_lettered_total',
        'loops_outbox_depth',
        'loops_outbox_oldest_age_seconds',
        'loops_cases_past_sla',
        'loops_alerts_published_total',
        'loops_analyzer_item_duration_seconds',
        'process_resident_memory_bytes',
        'process_cpu_seconds_total',
      ]),
    );
  });

  it('points every panel at the provisioned Prometheus datasource', () => {
    const provisioned = load(readFileSync(join(REPO_ROOT, 'deploy/grafana/provisioning/datasources/prometheus.yml'), 'utf8')) as {
      datasources: { uid: string; url: string }[];
    };
    const uid = provisioned.datasources[0].uid;
    expect(provisioned.datasources[0].url).toBe('http://prometheus:9090');
    const wrong = dashboard.panels
      .filter((p) => p.type !== 'row')
      .filter((p) => p.datasource?.uid !== uid || (p.targets ?? []).some((t) => t.datasource?.uid !== uid))
      .map((p) => p.title);
    expect(wrong).toEqual([]);
    expect(queries.length).toBeGreaterThan(20);
  });
});
