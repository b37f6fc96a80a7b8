import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Producer } from 'kafkajs';
import { CASE_EVENT_TYPE, Insight, newCloudEvent, toKafkaRecord, Topics } from '@loops/contracts';
import { analyzedEvent, AnalyzedSpec, publishAnalyzed } from '../support/analyzed-fixtures';
import { createApiKey } from '../support/api-keys';
import { testKafka, TopicProbe } from '../support/kafka-probe';
import { REPO_ROOT, RunningService, startService, stopService } from '../support/service-process';
import { eventually, withStore } from '../support/store';

const PORT = 21201;

// The outer loop against real Kafka and PostgreSQL: exact rollups under redelivery and restarts, driver
// and revenue figures equal to hand-computed values, an emerging issue that opens and resolves, and a
// reporting API that shows each tenant only its own data.
describe('root cause and reporting', () => {
  const tenantA = `rc-a-${randomUUID().slice(0, 6)}`;
  const tenantB = `rc-b-${randomUUID().slice(0, 6)}`;
  let service: RunningService;
  let producer: Producer;
  let probe: TopicProbe;
  let keyA: string;
  let keyB: string;

  const get = async (path: string, key: string) => {
    const res = await fetch(`http://127.0.0.1:${PORT}${path}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  const json = async <T>(path: string, key: string): Promise<T> => {
    const r = await get(path, key);
    expect(r.status).toBe(200);
    return JSON.parse(r.text) as T;
  };
  const factCount = (tenant: string) =>
    withStore(async (db) => (await db.query('SELECT count(*)::int AS n FROM feedback_facts WHERE tenant_id = $1', [tenant])).rows[0].n as number);

  // Hand-computed fixture (see services/root-cause/src/drivers/key-drivers.spec.ts): 10 respondents on
  // 2026-11-10, 4 promoters, 2 passives, 4 detractors → NPS 0; "delivery" mentioned by 4 respondents
  // (0 P, 1 passive, 3 D) + 1 non-respondent; "price" by 1 promoter and 1 detractor.
  const day = '2026-11-10';
  const fixture: AnalyzedSpec[] = [
    { tenantId: '', at: `${day}T09:05:00Z`, nps: 10, customerId: 'p1', value: 1000 },
    { tenantId: '', at: `${day}T09:10:00Z`, nps: 9, customerId: 'p2', value: 1000 },
    { tenantId: '', at: `${day}T09:15:00Z`, nps: 9, customerId: 'p3', value: 1000 },
    { tenantId: '', at: `${day}T09:20:00Z`, nps: 10, customerId: 'p4', value: 1000, themes: ['price'] },
    { tenantId: '', at: `${day}T09:25:00Z`, nps: 7, customerId: 'n1', value: 2000 },
    { tenantId: '', at: `${day}T09:30:00Z`, nps: 8, customerId: 'n2', value: 2000, themes: ['delivery'] },
    { tenantId: '', at: `${day}T09:35:00Z`, nps: 2, customerId: 'd1', value: 10000, themes: ['delivery'] },
    { tenantId: '', at: `${day}T09:40:00Z`, nps: 3, customerId: 'd2', value: 4000, themes: ['delivery'] },
    { tenantId: '', at: `${day}T09:45:00Z`, nps: 0, customerId: 'd3', value: 4000, themes: ['delivery'] },
    { tenantId: '', at: `${day}T09:50:00Z`, nps: 5, customerId: 'd4', value: 1000, themes: ['price'] },
    // No NPS answer: a negative support ticket about delivery from a customer worth 2,000.
    { tenantId: '', at: `${day}T09:55:00Z`, customerId: 'u1', value: 2000, themes: ['delivery'], label: 'negative', channel: 'support_ticket' },
  ];
  const window = `from=${day}T00:00:00Z&to=${day}T23:59:59Z`;

  beforeAll(async () => {
    keyA = createApiKey(tenantA, 'reports').apiKey;
    keyB = createApiKey(tenantB, 'reports').apiKey;
    producer = testKafka().producer();
    await producer.connect();
    probe = await new TopicProbe([Topics.insights]).start();
    service = await startService('root-cause', PORT);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await probe?.stop();
    if (service) await stopService(service);
  });

  it('keeps rollups exact when events are redelivered and the service is killed and restarted', async () => {
    const events = fixture.map((f) => analyzedEvent({ ...f, tenantId: tenantA }));
    await publishAnalyzed(producer, events);
    await publishAnalyzed(producer, events.slice(0, 5)); // redelivery
    await eventually('11 facts', async () => (await factCount(tenantA)) === 11);

    await stopService(service, 'SIGKILL');
    service = await startService('root-cause', PORT);
    await publishAnalyzed(producer, events); // everything again after the restart
    await publishAnalyzed(producer, [analyzedEvent({ tenantId: tenantB, at: `${day}T12:00:00Z`, nps: 10, customerId: 'b1', value: 99 })]);
    await eventually('tenant B counted', async () => (await factCount(tenantB)) === 1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await factCount(tenantA)).toBe(11);

    await withStore(async (db) => {
      const all = await db.query(
        `SELECT sum(count)::int AS count, sum(nps_count)::int AS nps, sum(promoters)::int AS p, sum(passives)::int AS pa, sum(detractors)::int AS d,
                sum(negative_count)::int AS neg
           FROM rollups WHERE tenant_id = $1 AND bucket_size = 'day' AND theme = '*'`,
        [tenantA],
      );
      expect(all.rows[0]).toEqual({ count: 11, nps: 10, p: 4, pa: 2, d: 4, neg: 5 });
      const delivery = await db.query(
        `SELECT sum(count)::int AS count, sum(detractors)::int AS d FROM rollups WHERE tenant_id = $1 AND bucket_size = 'week' AND theme = 'delivery'`,
        [tenantA],
      );
      expect(delivery.rows[0]).toEqual({ count: 5, d: 3 });
    });
    const verify = execFileSync(process.execPath, [join(REPO_ROOT, 'dist/services/root-cause/src/cli/rollups.js'), 'verify', '--tenant', tenantA], {
      env: { ...process.env },
      encoding: 'utf8',
    });
    expect(JSON.parse(verify)).toMatchObject({ tenant: tenantA, differences: 0 });
  });

  it('ranks drivers by NPS points, matching the hand-computed figures', async () => {
    const body = await json<{ overallNps: number; respondents: number; items: { theme: string; impact: number; prevalence: number; npsWith: number; npsWithout: number; mentions: number; significant: boolean }[] }>(
      `/v1/reports/drivers?${window}`,
      keyA,
    );
    expect(body.overallNps).toBe(0);
    expect(body.respondents).toBe(10);
    expect(body.items.map((d) => d.theme)).toEqual(['delivery', 'price']);
    expect(body.items[0]).toMatchObject({ theme: 'delivery', mentions: 5, prevalence: 0.4, npsWith: -75, npsWithout: 50, impact: 50, significant: true });
    expect(body.items[1]).toMatchObject({ theme: 'price', impact: 0, significant: false });
  });

  it('ranks causes by revenue at risk with the tenant churn model', async () => {
    // Default model: promoter .02, passive .08, detractor .25, no-NPS negative .15.
    // p1..p4: 4 × 1000 × .02 = 80; n1, n2: 2 × 2000 × .08 = 320; d1: 2500, d2: 1000, d3: 1000, d4: 250; u1: 300.
    const body = await json<{ total: number; customers: number; byTheme: { key: string; revenueAtRisk: number; customers: number }[] }>(
      `/v1/reports/revenue-at-risk?${window}`,
      keyA,
    );
    expect(body.total).toBe(5450);
    expect(body.customers).toBe(11);
    // delivery: n2 160 + d1 2500 + d2 1000 + d3 1000 + u1 300 = 4960; price: p4 20 + d4 250 = 270.
    expect(body.byTheme).toEqual([
      { key: 'delivery', revenueAtRisk: 4960, customers: 5 },
      { key: 'price', revenueAtRisk: 270, customers: 2 },
    ]);
    const put = await fetch(`http://127.0.0.1:${PORT}/v1/reports/churn-model`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${keyA}`, 'content-type': 'application/json' },
      body: JSON.stringify({ promoter: 0, passive: 0, detractor: 0.5, unscoredNegative: 0, unscoredOther: 0 }),
    });
    expect(put.status).toBe(200);
    const after = await json<{ total: number }>(`/v1/reports/revenue-at-risk?${window}`, keyA);
    expect(after.total).toBe(9500); // detractors only: (10000 + 4000 + 4000 + 1000) × .5
  });

  it('opens an emerging issue on a spike and resolves it when it decays', async () => {
    // Relative to now: only buckets inside the detection window (6 hours by default) open or resolve issues.
    const base = Math.floor(Date.now() / 3600_000) * 3600_000 - 26 * 3600_000;
    const hour = (h: number, minute = 10) => new Date(base + h * 3600_000 + minute * 60_000).toISOString();
    const spec = (at: string): AnalyzedSpec => ({ tenantId: tenantA, at, touchpoint: 'app', themes: ['login'], label: 'negative' });
    const loginFacts = () =>
      withStore(async (db) => (await db.query(`SELECT count(*)::int AS n FROM feedback_facts WHERE tenant_id = $1 AND 'login' = ANY(themes)`, [tenantA])).rows[0].n as number);
    // A day of history first, so the baseline (and the theme's warm-up) exist when the spike is judged.
    await publishAnalyzed(producer, Array.from({ length: 24 }, (_, h) => analyzedEvent(spec(hour(h)))));
    await eventually('24 hours of history', async () => (await loginFacts()) === 24);
    await publishAnalyzed(producer, Array.from({ length: 12 }, (_, i) => analyzedEvent(spec(hour(24, i)))));
    const opened = await probe.waitFor((m) => (m.event.data as Insight).tenantId === tenantA && (m.event.data as Insight).kind === 'emerging_issue_opened', 60000);
    // It opens as soon as the bucket passes every test, which may be before all 12 have arrived.
    expect(opened.event.data).toMatchObject({
      touchpoint: 'app',
      theme: 'login',
      evidence: { version: 2, bucket: hour(24, 0), warmup: { tenant: true, theme: true, hours: 24 }, thresholds: { minCount: 8, minRateRatio: 3, fdrQ: 0.001 } },
    });
    const evidence = (opened.event.data as Insight).evidence as { negative: number; rateRatio: number; qValue: number };
    expect(evidence.negative).toBeGreaterThanOrEqual(8);
    expect(evidence.rateRatio).toBeGreaterThanOrEqual(3);
    expect(evidence.qValue).toBeLessThanOrEqual(0.001);

    const open = await json<{ items: { theme: string; status: string }[] }>('/v1/reports/emerging-issues?status=open', keyA);
    expect(open.items).toEqual([expect.objectContaining({ theme: 'login', status: 'open' })]);

    await publishAnalyzed(producer, [analyzedEvent(spec(hour(25)))]);
    const resolved = await probe.waitFor((m) => (m.event.data as Insight).tenantId === tenantA && (m.event.data as Insight).kind === 'emerging_issue_resolved', 60000);
    expect(resolved.event.data).toMatchObject({ touchpoint: 'app', theme: 'login', evidence: { negative: 1 } });
    const stored = await json<{ items: { kind: string }[] }>('/v1/reports/insights', keyA);
    expect(stored.items.map((i) => i.kind).sort()).toEqual(['emerging_issue_opened', 'emerging_issue_resolved']);
  });

  it('never shows tenant A to tenant B', async () => {
    const metricsB = await json<{ items: { count: number }[] }>(`/v1/reports/metrics?${window}`, keyB);
    expect(metricsB.items).toEqual([expect.objectContaining({ count: 1, nps: 100 })]);
    const driversB = await json<{ respondents: number; items: unknown[] }>(`/v1/reports/drivers?${window}`, keyB);
    expect(driversB).toMatchObject({ respondents: 1, items: [] });
    expect((await json<{ items: unknown[] }>('/v1/reports/insights', keyB)).items).toEqual([]);
    expect((await json<{ total: number }>(`/v1/reports/revenue-at-risk?${window}`, keyB)).total).toBeCloseTo(1.98);
    expect((await get('/v1/reports/metrics', 'lk_not-a-real-key-000000000')).status).toBe(401);
    expect((await get('/v1/reports/metrics?tenantId=' + tenantA, keyB)).status).toBe(400);
  });

  it('discovers candidate themes from what unthemed complaints say, keeps only negative texts, and promotes one', async () => {
    const tenantC = `rc-c-${randomUUID().slice(0, 6)}`;
    const keyC = createApiKey(tenantC, 'reports').apiKey;
    const at = (minute: number) => `${day}T13:${String(minute).padStart(2, '0')}:00Z`;
    const said: Record<string, string[]> = {
      refund: [
        'Still no refund for my cancelled order',
        'Where is my refund? Six weeks already',
        'I want my money back, the refund never came',
        'Refund was promised but I never got my money back',
        'Asked for a refund twice, no money back yet',
        'My refund is stuck, please give my money back',
      ],
      delay: [
        'My parcel is late again, delivery delayed a week',
        'Delivery delayed for the third time',
        'The courier is always late, my parcel still not here',
        'Parcel delayed and no update on the delivery',
        'Late delivery again, the parcel was due Monday',
        'Another delay on my delivery, parcel stuck',
      ],
    };
    const negatives = Object.entries(said).flatMap(([cause, texts]) =>
      texts.map((text, i) => ({ cause, event: analyzedEvent({ tenantId: tenantC, at: at(i), label: 'negative', text, touchpoint: cause === 'refund' ? 'billing' : 'delivery' }) })),
    );
    const praise = analyzedEvent({ tenantId: tenantC, at: at(30), label: 'positive', text: 'Refund arrived quickly, thank you' });
    const themed = analyzedEvent({ tenantId: tenantC, at: at(31), label: 'negative', text: 'Refund still missing', themes: ['billing'] });
    await publishAnalyzed(producer, [...negatives.map((n) => n.event), praise, themed]);
    await eventually('14 facts for tenant C', async () => (await factCount(tenantC)) === 14);

    // Root-cause keeps the words of every item (the dashboard's verbatims, praise included); discovery reads the negative ones.
    const stored = await withStore(async (db) => (await db.query('SELECT feedback_event_id, text FROM complaint_texts WHERE tenant_id = $1', [tenantC])).rows as { feedback_event_id: string; text: string }[]);
    expect(stored).toHaveLength(14);
    expect(stored.map((r) => r.feedback_event_id)).toContain(praise.feedback.eventId);

    type Candidate = { label: string; terms: string[]; itemIds: string[]; size: number; touchpoints: string[]; examples: string[] };
    const candidates = (await json<{ items: Candidate[] }>(`/v1/reports/candidate-themes?${window}`, keyC)).items;
    const idsOf = (cause: string) => negatives.filter((n) => n.cause === cause).map((n) => n.event.feedback.eventId).sort();
    const refunds = candidates.find((c) => c.itemIds.includes(idsOf('refund')[0]))!;
    expect([...refunds.itemIds].sort()).toEqual(idsOf('refund'));
    expect(refunds).toMatchObject({ size: 6, touchpoints: ['billing'] });
    expect(refunds.label).toMatch(/refund|money back/);
    const delays = candidates.find((c) => c.itemIds.includes(idsOf('delay')[0]))!;
    expect([...delays.itemIds].sort()).toEqual(idsOf('delay'));
    expect(delays.label).toMatch(/deliver|parcel|late|delay/);
    expect(candidates.flatMap((c) => c.itemIds)).not.toContain(themed.feedback.eventId);
    expect(candidates.flatMap((c) => c.itemIds)).not.toContain(praise.feedback.eventId);

    // Another tenant sees none of it.
    const other = (await json<{ items: Candidate[] }>(`/v1/reports/candidate-themes?${window}`, keyB)).items;
    expect(other.flatMap((c) => c.itemIds).filter((id) => idsOf('refund').includes(id) || idsOf('delay').includes(id))).toEqual([]);

    const promote = await fetch(`http://127.0.0.1:${PORT}/v1/reports/candidate-themes/promote`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keyC}`, 'content-type': 'application/json' },
      body: JSON.stringify({ themeId: 'refund_missing', label: 'Missing refunds', phrases: { en: refunds.terms.slice(0, 3) } }),
    });
    expect(promote.status).toBe(200);
    const row = await withStore(async (db) => (await db.query('SELECT label, phrases FROM tenant_themes WHERE tenant_id = $1 AND theme_id = $2', [tenantC, 'refund_missing'])).rows[0]);
    expect(row).toEqual({ label: 'Missing refunds', phrases: { en: refunds.terms.slice(0, 3).map((t) => t.toLowerCase()) } });
  });

  it('exports each report as CSV and validates parameters', async () => {
    const csv = await get(`/v1/reports/drivers?${window}&format=csv`, keyA);
    expect(csv.type).toContain('text/csv');
    const [header, first] = csv.text.trim().split('\r\n');
    expect(header).toBe('theme,mentions,prevalence,npsWith,npsWithout,impact,ci95,significant');
    expect(first).toMatch(/^delivery,5,0\.4,-75,50,50,/);
    const bad = await get('/v1/reports/metrics?bucket=month&limit=0', keyA);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('bucket must be one of the following values: hour, day, week');
    expect(bad.text).toContain('limit must not be less than 1');
  });

  it('ranks root-cause codes from resolved cases: the inner loop feeds the outer loop', async () => {
    const caseEvent = (caseId: string, kind: 'resolved' | 'reopened', code?: string) => ({
      eventId: randomUUID(),
      caseId,
      tenantId: tenantA,
      kind,
      status: kind === 'resolved' ? 'resolved' : 'open',
      priority: 'p2',
      ownerTeam: 'customer-care',
      dueAt: `${day}T20:00:00.000Z`,
      escalationLevel: 0,
      ...(code ? { rootCauseCode: code } : {}),
      at: `${day}T18:00:00.000Z`,
    });
    const cases = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const events = [
      caseEvent(cases[0], 'resolved', 'courier-no-show'),
      caseEvent(cases[1], 'resolved', 'courier-no-show'),
      caseEvent(cases[2], 'resolved', 'double-charge'),
      caseEvent(cases[3], 'resolved', 'double-charge'),
    ];
    await producer.send({
      topic: Topics.cases,
      messages: events.map((e) => {
        const r = toKafkaRecord(newCloudEvent({ type: CASE_EVENT_TYPE, source: 'fixture', id: e.eventId, data: e }), e.caseId);
        return { key: r.key, value: r.value, headers: r.headers };
      }),
    });
    // One of the double charges is reopened: its code no longer counts.
    const reopen = caseEvent(cases[3], 'reopened');
    const r = toKafkaRecord(newCloudEvent({ type: CASE_EVENT_TYPE, source: 'fixture', id: reopen.eventId, data: reopen }), reopen.caseId);
    await producer.send({ topic: Topics.cases, messages: [{ key: r.key, value: r.value, headers: r.headers }] });

    const ranking = await eventually('the ranking', async () => {
      const body = await json<{ items: { rootCauseCode: string; cases: number }[] }>(`/v1/reports/root-causes?${window}`, keyA);
      // Case events are keyed by case, so the four cases land on different partitions in any order: wait for the
      // final state (three counted cases, the reopened double charge no longer among them), not any state of two codes.
      const total = body.items.reduce((sum, x) => sum + x.cases, 0);
      const doubleCharge = body.items.find((x) => x.rootCauseCode === 'double-charge')?.cases;
      return total === 3 && doubleCharge === 1 ? body.items : undefined;
    });
    expect(ranking.map((x) => [x.rootCauseCode, x.cases])).toEqual([
      ['courier-no-show', 2],
      ['double-charge', 1],
    ]);
    expect((await json<{ items: unknown[] }>(`/v1/reports/root-causes?${window}`, keyB)).items).toEqual([]);
  });
});
