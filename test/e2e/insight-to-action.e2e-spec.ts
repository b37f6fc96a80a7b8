import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Producer } from 'kafkajs';
import { ActionEvent, CASE_EVENT_TYPE, DlqRecord, newCloudEvent, OPERATIONAL_SUBMISSION_TYPE, toKafkaRecord, Topics } from '@loops/contracts';
import { kafkaSecurityFromEnv } from '@loops/kafka';
import { analyzedEvent, AnalyzedSpec, publishAnalyzed } from '../support/analyzed-fixtures';
import { createApiKey } from '../support/api-keys';
import { SeenMessage, testKafka, TopicProbe } from '../support/kafka-probe';
import { kafkaEnvFor, REPO_ROOT, RunningService, startService, stopService } from '../support/service-process';
import { eventually, withStore } from '../support/store';

const INGESTION_PORT = 27701;
const ROOT_CAUSE_PORT = 27702;

/** Deterministic generator (mulberry32): the planted-effect data are the same on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An NPS answer drawn from promoter / detractor probabilities (the rest passive). */
const npsAnswer = (u: number, pPromoter: number, pDetractor: number) => (u < pPromoter ? 10 : u < pPromoter + pDetractor ? 3 : 8);
const inRange = (range: string, x: number) => {
  const [lo, hi] = range.split('..').map(Number);
  return lo <= x && x <= hi;
};

// From insight to action against real Kafka and PostgreSQL: goals whose progress follows the feedback fed in,
// an action whose before/after comparison recovers a planted effect, and operational measures (HTTP batch and
// Kafka intake) that enter the driver analysis with the planted sign.
describe('from insight to action', () => {
  const tenant = `act-${randomUUID().slice(0, 6)}`;
  const other = `act-o-${randomUUID().slice(0, 6)}`;
  let ingestion: RunningService;
  let rootCause: RunningService;
  let producer: Producer;
  let probe: TopicProbe;
  let key: string;
  let readOnlyKey: string;
  let otherKey: string;
  // Kept for the dashboard test at the end.
  let goalIdSeen = '';
  let actionIdSeen = '';

  const call = async (method: string, path: string, apiKey: string, body?: unknown, port = ROOT_CAUSE_PORT) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json: json as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const feed = async (specs: AnalyzedSpec[]) => {
    for (let i = 0; i < specs.length; i += 500) await publishAnalyzed(producer, specs.slice(i, i + 500).map(analyzedEvent));
  };
  const factCount = () => withStore(async (db) => (await db.query('SELECT count(*)::int AS n FROM feedback_facts WHERE tenant_id = $1', [tenant])).rows[0].n as number);

  beforeAll(async () => {
    key = createApiKey(tenant, 'cx-programme').apiKey;
    readOnlyKey = createApiKey(tenant, 'cx-viewer', ['reports:read']).apiKey;
    otherKey = createApiKey(other, 'cx-programme').apiKey;
    producer = testKafka().producer();
    await producer.connect();
    probe = await new TopicProbe([Topics.actions, Topics.feedbackDlq]).start();
    [ingestion, rootCause] = await Promise.all([startService('ingestion', INGESTION_PORT), startService('root-cause', ROOT_CAUSE_PORT)]);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await probe?.stop();
    await Promise.all([ingestion && stopService(ingestion), rootCause && stopService(rootCause)]);
  });

  it("follows a goal's progress as feedback arrives: value, interval, status, trend and the drivers in its scope", async () => {
    const goalBody = { name: 'Checkout NPS Q3', metric: 'nps', target: 10, touchpoint: 'checkout', periodStart: '2026-09-01T00:00:00Z', periodEnd: '2026-09-08T00:00:00Z', owner: 'checkout-team' };
    expect((await call('POST', '/v1/goals', readOnlyKey, goalBody)).status).toBe(403);
    const bad = await call('POST', '/v1/goals', key, { ...goalBody, metric: 'measure' });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('measure');
    const unknown = await call('POST', '/v1/goals', key, { ...goalBody, tenantId: other });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('tenantId');

    const created = await call('POST', '/v1/goals', key, goalBody);
    expect(created.status).toBe(201);
    const goalId = created.json.goalId as string;
    goalIdSeen = goalId;
    expect(created.json).toMatchObject({ metric: 'nps', direction: 'at_least', target: 10, owner: 'checkout-team' });
    expect((await call('GET', `/v1/goals/${goalId}`, key)).json.progress).toMatchObject({ status: 'no_data', value: null });

    // Days 1-3 at checkout: 20 answers a day, 12 promoters, 4 passives, 4 detractors (who mention "payment") → NPS 40.
    // Detractors at another touchpoint must not count.
    const day = (d: number, i: number) => `2026-09-0${d}T${String(8 + (i % 10)).padStart(2, '0')}:${String(i).padStart(2, '0')}:00Z`;
    const answers = (d: number, promoters: number, detractors: number): AnalyzedSpec[] =>
      Array.from({ length: 20 }, (_, i) => {
        const nps = i < promoters ? 10 : i < promoters + detractors ? 2 : 8;
        return { tenantId: tenant, at: day(d, i), nps, touchpoint: 'checkout', themes: nps === 2 ? ['payment'] : [] };
      });
    const noise = [1, 2, 3].flatMap((d) => Array.from({ length: 5 }, (_, i): AnalyzedSpec => ({ tenantId: tenant, at: day(d, i), nps: 0, touchpoint: 'delivery' })));
    await feed([...answers(1, 12, 4), ...answers(2, 12, 4), ...answers(3, 12, 4), ...noise]);
    const first = await eventually('goal counts 60 answers', async () => {
      const r = await call('GET', `/v1/goals/${goalId}`, key);
      return r.json.progress.basis === 60 ? r.json : undefined;
    });
    // NPS 40; se = √(10⁴·(0.8 − 0.16)/60) = 10.33 → 95% interval 19.75..60.25, all above the target 10.
    expect(first.progress).toMatchObject({ value: 40, gap: 30, status: 'ahead' });
    expect(first.progress.ci95[0]).toBeCloseTo(19.75, 1);
    expect(first.progress.trendPerWeek.value).toBe(0);
    expect(first.drivers[0]).toMatchObject({ theme: 'payment', npsWith: -100 });

    // Days 4-6 turn bad: 4 promoters, 12 detractors a day → NPS −40 those days, 0 over the period, falling.
    await feed([...answers(4, 4, 12), ...answers(5, 4, 12), ...answers(6, 4, 12)]);
    const second = await eventually('goal counts 120 answers', async () => {
      const r = await call('GET', `/v1/goals/${goalId}`, key);
      return r.json.progress.basis === 120 ? r.json : undefined;
    });
    expect(second.progress).toMatchObject({ value: 0, gap: -10, status: 'uncertain' });
    expect(second.progress.series.map((s: { value: number }) => s.value)).toEqual([40, 40, 40, -40, -40, -40]);
    expect(second.progress.trendPerWeek.value).toBeLessThan(0);
    expect(second.progress.trendPerWeek.ci95[1]).toBeLessThan(0);

    const csv = await call('GET', '/v1/goals?format=csv', readOnlyKey);
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n')[0]).toContain('goalId,name,metric');
    expect(csv.text).toContain(`${goalId},Checkout NPS Q3,nps`);
    // Another tenant sees neither the goal nor its figures.
    expect((await call('GET', `/v1/goals/${goalId}`, otherKey)).status).toBe(404);
    expect((await call('GET', '/v1/goals', otherKey)).json.items).toEqual([]);
    // A touchpoint owner's key sees the goals on its touchpoint only; the rest are answered like missing ones.
    const checkoutOwner = createApiKey(tenant, 'checkout-owner', ['reports:read'], ['--touchpoints', 'checkout']).apiKey;
    const deliveryOwner = createApiKey(tenant, 'delivery-owner', ['reports:read'], ['--touchpoints', 'delivery']).apiKey;
    expect((await call('GET', '/v1/goals', checkoutOwner)).json.items.map((g: { goalId: string }) => g.goalId)).toEqual([goalId]);
    expect((await call('GET', `/v1/goals/${goalId}`, checkoutOwner)).status).toBe(200);
    expect((await call('GET', `/v1/goals/${goalId}`, deliveryOwner)).status).toBe(404);
    expect((await call('GET', '/v1/goals', deliveryOwner)).json.items).toEqual([]);
    // Actions do not narrow by view yet, so a department key is refused there (fail closed).
    expect((await call('GET', '/v1/actions', deliveryOwner)).status).toBe(403);
  });

  it("publishes actions on actions.v1 and recovers a planted before/after effect within the comparison's intervals", async () => {
    // 14 days either side of 2026-10-15 at "delivery", 40 answers a day. Before: 40% mention late-delivery; after
    // the fix, 10%. Mentioners: 10% promoters, 70% detractors (NPS −60); the others 50% / 20% (NPS +30).
    // True NPS: before 0.4·(−60) + 0.6·30 = −6, after 0.1·(−60) + 0.9·30 = +21: a change of +27 points; prevalence −0.30.
    const random = rng(15);
    const split = Date.parse('2026-10-15T00:00:00Z');
    const specs: AnalyzedSpec[] = [];
    for (let d = -14; d < 14; d++) {
      for (let i = 0; i < 40; i++) {
        const mentions = random() < (d < 0 ? 0.4 : 0.1);
        const nps = mentions ? npsAnswer(random(), 0.1, 0.7) : npsAnswer(random(), 0.5, 0.2);
        const at = new Date(split + d * 86400_000 + (i + 1) * 20 * 60_000).toISOString();
        specs.push({ tenantId: tenant, at, nps, touchpoint: 'delivery', themes: mentions ? ['late-delivery'] : [] });
      }
    }
    const before = await factCount();
    await feed(specs);
    await eventually('1,120 more facts', async () => (await factCount()) === before + specs.length, 60000);

    const body = { targetKind: 'driver', theme: 'late-delivery', touchpoint: 'delivery', change: 'New last-mile carrier; SMS when a parcel is late', owner: 'logistics', dueAt: '2026-10-31T00:00:00Z', effectiveAt: '2026-10-15T00:00:00Z' };
    const missing = await call('POST', '/v1/actions', key, { ...body, targetKind: 'root_cause' });
    expect(missing.status).toBe(400);
    expect(missing.json.errors[0].field).toBe('rootCauseCode');
    expect((await call('POST', '/v1/actions', readOnlyKey, body)).status).toBe(403);

    const opened = await call('POST', '/v1/actions', key, body);
    expect(opened.status).toBe(201);
    const actionId = opened.json.actionId as string;
    actionIdSeen = actionId;
    const isAction = (kind: string, status: string) => (m: SeenMessage) =>
      m.topic === Topics.actions && (m.event.data as ActionEvent).actionId === actionId && (m.event.data as ActionEvent).kind === kind && (m.event.data as ActionEvent).status === status;
    const openedEvent = await probe.waitFor(isAction('opened', 'open'));
    expect(openedEvent.key).toBe(actionId);
    expect(openedEvent.event.data).toMatchObject({ tenantId: tenant, targetKind: 'driver', theme: 'late-delivery', owner: 'logistics', change: body.change });
    expect((await call('POST', `/v1/actions/${actionId}/status`, key, { status: 'in_progress' })).status).toBe(200);
    const done = await call('POST', `/v1/actions/${actionId}/status`, key, { status: 'done', note: 'carrier switched' });
    expect(done.json.status).toBe('done');
    await probe.waitFor(isAction('status_changed', 'done'));
    expect((await call('POST', `/v1/actions/${actionId}/status`, key, { status: 'cancelled' })).status).toBe(409);
    expect((await call('GET', '/v1/actions?status=done', readOnlyKey)).json.items.map((a: { actionId: string }) => a.actionId)).toEqual([actionId]);
    expect((await call('GET', `/v1/actions/${actionId}/impact`, otherKey)).status).toBe(404);

    const impact = (await call('GET', `/v1/actions/${actionId}/impact?days=14`, readOnlyKey)).json;
    expect(impact.afterComplete).toBe(true);
    expect(impact.nps.respondents).toEqual({ before: 560, after: 560 });
    const [npsLo, npsHi] = impact.nps.change.ci95;
    expect(npsLo).toBeLessThanOrEqual(27);
    expect(npsHi).toBeGreaterThanOrEqual(27);
    expect(npsLo).toBeGreaterThan(0); // the fix worked, and the interval says so
    const [preLo, preHi] = impact.prevalence.change.ci95;
    expect(preLo).toBeLessThanOrEqual(-0.3);
    expect(preHi).toBeGreaterThanOrEqual(-0.3);
    expect(preHi).toBeLessThan(0);
    expect(impact.nps.before.ci95[0]).toBeLessThanOrEqual(-6);
    expect(impact.nps.before.ci95[1]).toBeGreaterThanOrEqual(-6);
    expect(impact.nps.after.ci95[0]).toBeLessThanOrEqual(21);
    expect(impact.nps.after.ci95[1]).toBeGreaterThanOrEqual(21);
  });

  it('compares how often resolved cases carry a root-cause code before and after an action on that code', async () => {
    // 20 cases resolved with carrier-delay in the 10 days before 2026-11-01, 4 in the 10 days after: a rate ratio of 0.2.
    const split = Date.parse('2026-11-01T00:00:00Z');
    const resolved = (i: number, before: boolean) => {
      const caseId = randomUUID();
      const at = new Date(split + (before ? -1 : 1) * (i * 11 + 3) * 3600_000).toISOString();
      const e = { eventId: randomUUID(), caseId, tenantId: tenant, kind: 'resolved', status: 'resolved', priority: 'p2', ownerTeam: 'logistics', dueAt: at, escalationLevel: 0, rootCauseCode: 'carrier-delay', at };
      const r = toKafkaRecord(newCloudEvent({ type: CASE_EVENT_TYPE, source: 'fixture', id: e.eventId, data: e }), caseId);
      return { key: r.key, value: r.value, headers: r.headers };
    };
    await producer.send({ topic: Topics.cases, messages: [...Array.from({ length: 20 }, (_, i) => resolved(i, true)), ...Array.from({ length: 4 }, (_, i) => resolved(i, false))] });
    await eventually('24 root-cause rows', async () =>
      withStore(async (db) => (await db.query('SELECT count(*)::int AS n FROM case_root_causes WHERE tenant_id = $1', [tenant])).rows[0].n === 24),
    );
    const opened = await call('POST', '/v1/actions', key, {
      targetKind: 'root_cause',
      rootCauseCode: 'carrier-delay',
      change: 'Penalty clause in the carrier contract',
      owner: 'procurement',
      dueAt: '2026-11-15T00:00:00Z',
      effectiveAt: '2026-11-01T00:00:00Z',
    });
    expect(opened.status).toBe(201);
    const impact = (await call('GET', `/v1/actions/${opened.json.actionId}/impact?days=10`, key)).json;
    expect(impact.rootCause).toMatchObject({ before: { cases: 20, perDay: 2 }, after: { cases: 4, perDay: 0.4 }, rateRatio: { value: 0.2 }, significant: true });
    expect(impact.rootCause.rateRatio.ci95[1]).toBeLessThan(1);
    expect(impact.prevalence).toBeNull(); // no theme named
  });

  it('takes operational measures over HTTP and Kafka and finds the planted effect of waiting on NPS with the right sign', async () => {
    // 20 days at "phone"; the wait varies from 1 to 10 minutes; 60 answers a day with true NPS = 40 − 6·minutes.
    const random = rng(3);
    const days = Array.from({ length: 20 }, (_, i) => ({ start: Date.parse('2026-08-01T00:00:00Z') + i * 86400_000, minutes: 1 + ((i * 7) % 10) }));
    const specs: AnalyzedSpec[] = days.flatMap(({ start, minutes }) =>
      Array.from({ length: 60 }, (_, r) => ({
        tenantId: tenant,
        at: new Date(start + (r + 1) * 15 * 60_000).toISOString(),
        nps: npsAnswer(random(), 0.6 - 0.03 * minutes, 0.2 + 0.03 * minutes),
        touchpoint: 'phone',
      })),
    );
    const before = await factCount();
    await feed(specs);
    const measure = (d: (typeof days)[number]) => ({ measure: 'phone_wait_seconds', touchpoint: 'phone', bucket: 'day', bucketStart: new Date(d.start).toISOString(), value: d.minutes * 60, count: 100, unit: 's' });

    // Half over the HTTP batch, with one item whose bucket does not start at midnight.
    const http = await call('POST', '/v1/operational/measures/batch', key, { items: [...days.slice(0, 10).map(measure), { ...measure(days[0]), bucketStart: '2026-08-01T06:00:00Z' }] }, INGESTION_PORT);
    expect(http.status).toBe(200);
    expect(http.json).toMatchObject({ accepted: 10, rejected: 1 });
    expect(http.json.results[10].errors[0].field).toBe('bucketStart');
    expect((await call('POST', '/v1/operational/measures/batch', readOnlyKey, { items: [measure(days[0])] }, INGESTION_PORT)).status).toBe(403);

    // The other half on operational.raw.v1 as the integration principal, with one message whose value is not a number.
    const integrationKey = createApiKey(tenant, 'contact-centre', ['ingest']).apiKey;
    const raw = testKafka(kafkaSecurityFromEnv(kafkaEnvFor('integration'))).producer();
    await raw.connect();
    const badId = randomUUID();
    const headers = (id: string) => ({
      ce_specversion: '1.0',
      ce_id: id,
      ce_source: 'loops:integration:contact-centre',
      ce_type: OPERATIONAL_SUBMISSION_TYPE,
      ce_time: new Date().toISOString(),
      'content-type': 'application/json',
      'x-loops-api-key': integrationKey,
    });
    await raw.send({
      topic: Topics.operationalRaw,
      messages: [
        ...days.slice(10).map((d) => ({ key: 'phone:phone_wait_seconds', value: JSON.stringify(measure(d)), headers: headers(randomUUID()) })),
        { key: 'phone:phone_wait_seconds', value: JSON.stringify({ ...measure(days[10]), value: 'slow' }), headers: headers(badId) },
      ],
    });
    await raw.disconnect();
    const letter = await probe.waitFor((m) => m.topic === Topics.feedbackDlq && (m.event.data as DlqRecord).originalHeaders?.ce_id === badId);
    expect((letter.event.data as DlqRecord).reason).toContain('value');

    await eventually('20 measure buckets stored', async () =>
      withStore(async (db) => (await db.query('SELECT count(*)::int AS n FROM operational_measures WHERE tenant_id = $1', [tenant])).rows[0].n === 20),
    );
    await eventually('1,200 more facts', async () => (await factCount()) === before + specs.length, 60000);

    const window = 'from=2026-08-01T00:00:00Z&to=2026-08-21T00:00:00Z';
    const drivers = (await call('GET', `/v1/reports/measure-drivers?${window}&per=60`, readOnlyKey)).json;
    const wait = drivers.items.find((i: { measure: string }) => i.measure === 'phone_wait_seconds');
    expect(wait).toMatchObject({ unit: 's', per: 60, touchpoints: ['phone'], buckets: 20, respondents: 1200, significant: true });
    expect(wait.npsPointsPerUnit).toBeLessThan(0);
    expect(inRange(wait.ci95, -6)).toBe(true);

    const series = await call('GET', `/v1/reports/measure-vs-nps?${window}&measure=phone_wait_seconds&format=csv`, readOnlyKey);
    expect(series.text.trim().split('\r\n')).toHaveLength(21);
    expect((await call('GET', `/v1/reports/measure-drivers?${window}`, otherKey)).json.items).toEqual([]);
    const phoneOwner = createApiKey(tenant, 'phone-owner', ['reports:read'], ['--touchpoints', 'phone']).apiKey;
    const checkoutOwner = createApiKey(tenant, 'checkout-owner-2', ['reports:read'], ['--touchpoints', 'checkout']).apiKey;
    expect((await call('GET', `/v1/reports/measure-drivers?${window}&per=60`, phoneOwner)).json.items[0]).toMatchObject({ measure: 'phone_wait_seconds', respondents: 1200 });
    expect((await call('GET', `/v1/reports/measure-drivers?${window}&touchpoint=phone`, checkoutOwner)).status).toBe(403);
    expect((await call('GET', `/v1/reports/measure-drivers?${window}`, checkoutOwner)).json.items).toEqual([]);
    const bad = await call('GET', `/v1/reports/measure-drivers?${window}&per=minute`, readOnlyKey);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('per');

    // A goal on the operational measure: the observation-weighted mean wait over the period.
    const goal = await call('POST', '/v1/goals', key, { name: 'Phone wait under 5 min', metric: 'measure', measure: 'phone_wait_seconds', target: 300, touchpoint: 'phone', periodStart: '2026-08-01T00:00:00Z', periodEnd: '2026-08-21T00:00:00Z', owner: 'contact-centre' });
    expect(goal.status).toBe(201);
    const progress = (await call('GET', `/v1/goals/${goal.json.goalId}`, key)).json.progress;
    const meanWait = (days.reduce((a, d) => a + d.minutes, 0) / days.length) * 60;
    expect(progress.value).toBeCloseTo(meanWait, 6);
    expect(progress.basis).toBe(2000);
  });

  it('shows goals, an action\'s before/after and a measure against NPS on the dashboard (screenshots in test/output/)', async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
      // The operational data are from August 2026: a custom range the filter bar keeps in the tab's session.
      await page.addInitScript({ content: `sessionStorage.setItem('loops-filters', ${JSON.stringify(JSON.stringify({ range: 'custom', from: '2026-08-01', to: '2026-08-20' }))});` });
      await page.goto(`http://127.0.0.1:${ROOT_CAUSE_PORT}/dashboard#/goals`);
      await page.fill('#key', readOnlyKey);
      await page.click('#sign-in');
      // Screenshots go to test/output; LOOPS_UPDATE_DOC_SCREENSHOTS=1 refreshes the committed ones in docs/ (a test run never edits tracked files otherwise).
      const shotDir = process.env.LOOPS_UPDATE_DOC_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs') : join(REPO_ROOT, 'test', 'output');
      const shot = (name: string) => page.screenshot({ path: join(shotDir, `insight-to-action-${name}.png`), fullPage: true });
      await page.waitForSelector('#view-goals[data-ready]');
      expect(await page.textContent('#view-goals')).toContain('Checkout NPS Q3');
      await shot('goals');
      await page.goto(`http://127.0.0.1:${ROOT_CAUSE_PORT}/dashboard#/goals/${goalIdSeen}`);
      await page.waitForSelector('#view-goals[data-ready] figure.chart');
      expect(await page.textContent('#view-goals')).toContain('payment');
      await shot('goal');
      await page.goto(`http://127.0.0.1:${ROOT_CAUSE_PORT}/dashboard#/actions/${actionIdSeen}`);
      await page.waitForSelector('#view-actions[data-ready]');
      expect(await page.textContent('#view-actions')).toContain('Share mentioning late-delivery');
      await shot('action-impact');
      await page.goto(`http://127.0.0.1:${ROOT_CAUSE_PORT}/dashboard#/operations`);
      await page.waitForSelector('#view-operations[data-ready] figure.chart[data-metric="measure-nps"]');
      expect(await page.textContent('#view-operations')).toContain('phone_wait_seconds');
      await shot('measure-vs-nps');
    } finally {
      await browser.close();
    }
  });
});
