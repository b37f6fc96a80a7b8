import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { FeedbackAnalyzedV2, SentimentLabel, Topics } from '@loops/contracts';
import { createApiKey } from '../support/api-keys';
import { TopicProbe } from '../support/kafka-probe';
import { REPO_ROOT, RunningService, startServices, stopService } from '../support/service-process';
import { eventually, withStore } from '../support/store';

const PORTS = { ingestion: 21801, sentimentA: 21802, sentimentB: 21803, rootCause: 21804 };
const DASHBOARD_ORIGIN = `http://127.0.0.1:${PORTS.rootCause}`;

interface Correction {
  correctionId: string;
  feedbackEventId: string;
  correctedBy: string;
}
interface Adapter {
  revision: number;
  analyzerVersion: string;
  trainedOn: number;
}
/** Any answer of POST /v1/corrections: success or error body. */
interface CorrectionAnswer {
  created?: boolean;
  correction?: Correction;
  adapter?: Adapter | null;
  error?: string;
  message?: string;
  errors?: { field: string; messages: string[] }[];
}
interface Accuracy {
  weeks: unknown[];
  total: unknown;
  adapter: Adapter | null;
}
interface CorrectionPage {
  items: Correction[];
  nextCursor: string | null;
}

// An analyst of tenant A corrects a few analyses through the API. A's later feedback of that kind is analysed
// with A's adapter (two sentiment instances in one consumer group: both must pick it up), B's is not.
describe('analyst corrections adapt one tenant, and only that one', () => {
  const tenantA = `corr-a-${randomUUID().slice(0, 6)}`;
  const tenantB = `corr-b-${randomUUID().slice(0, 6)}`;
  let services: RunningService[] = [];
  let ingestion: RunningService;
  let sentiment: RunningService;
  let rootCause: RunningService;
  let probe: TopicProbe;
  const keys: Record<string, string> = {};
  // A bank whose customers' polite call-back requests are complaints; the shipped analyzer reads them as neutral or
  // positive. A scratch tenant first shows what the shipped analyzer says on every text; the analysts then correct
  // towards a label it gives none of them (negative today), so the test keeps its meaning when the models change.
  const tenantRef = `corr-ref-${randomUUID().slice(0, 6)}`;
  const TRAINING = [
    { externalId: 'train-1', text: 'Please call me back about my card, thanks' },
    { externalId: 'train-2', text: 'Thanks, please call me back about the card fee' },
    { externalId: 'train-3', text: 'Could someone call me back about my blocked card please, thank you' },
    { externalId: 'train-4', text: 'Thanks for the friendly help in the store' },
  ];
  const LATER_TEXTS = [
    'Please call me back about my debit card, thanks',
    'Can you call me back about the card, thanks',
  ];
  const UNRELATED = 'Great staff and a lovely clean room';
  const shipped = { version: '', byText: new Map<string, FeedbackAnalyzedV2['analysis']>() };
  let target: SentimentLabel;

  async function submit(tenant: string, items: { externalId: string; text: string }[]): Promise<void> {
    const res = await fetch(`${ingestion.url}/v1/feedback/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${keys[tenant]}` },
      body: JSON.stringify({
        items: items.map((i) => ({
          ...i,
          channel: 'social',
          occurredAt: new Date().toISOString(),
          customer: { id: `${i.externalId}-customer` },
        })),
      }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { accepted: number }).accepted).toBe(items.length);
  }

  async function analyzed(tenant: string, externalId: string, timeoutMs = 60000): Promise<FeedbackAnalyzedV2> {
    const message = await probe.waitFor((m) => {
      const d = m.event.data as FeedbackAnalyzedV2;
      return d.feedback.tenantId === tenant && d.feedback.externalId === externalId;
    }, timeoutMs);
    return message.event.data as FeedbackAnalyzedV2;
  }

  async function correct(
    tenant: string,
    body: unknown,
    origin?: string,
  ): Promise<{ status: number; body: CorrectionAnswer; headers: Headers }> {
    const res = await fetch(`${sentiment.url}/v1/corrections`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${keys[tenant]}`,
        ...(origin ? { origin } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as CorrectionAnswer, headers: res.headers };
  }

  async function get<T>(tenant: string, path: string): Promise<T> {
    const res = await fetch(`${sentiment.url}${path}`, {
      headers: { authorization: `Bearer ${keys[tenant]}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }

  const trained: Record<string, FeedbackAnalyzedV2> = {};

  beforeAll(async () => {
    const sentimentEnv = { ADAPTER_CACHE_MS: '0', TAXONOMY_CACHE_MS: '0', CORS_ORIGINS: DASHBOARD_ORIGIN };
    services = await startServices([
      { name: 'ingestion', port: PORTS.ingestion },
      { name: 'sentiment', port: PORTS.sentimentA, env: sentimentEnv },
      { name: 'sentiment', port: PORTS.sentimentB, env: sentimentEnv },
      {
        name: 'root-cause',
        port: PORTS.rootCause,
        env: { SENTIMENT_PUBLIC_URL: `http://127.0.0.1:${PORTS.sentimentA}` },
      },
    ]);
    [ingestion, sentiment, , rootCause] = services;
    keys[tenantA] = createApiKey(tenantA, 'helpdesk').apiKey;
    keys[tenantB] = createApiKey(tenantB, 'helpdesk').apiKey;
    keys[tenantRef] = createApiKey(tenantRef, 'helpdesk').apiKey;
    probe = await new TopicProbe([Topics.feedbackAnalyzedV2]).start();
    const reference = [...TRAINING.map((t) => t.text), ...LATER_TEXTS, UNRELATED].map((text, i) => ({
      externalId: `ref-${i}`,
      text,
    }));
    await submit(tenantRef, reference);
    for (const r of reference) shipped.byText.set(r.text, (await analyzed(tenantRef, r.externalId)).analysis);
    shipped.version = shipped.byText.get(UNRELATED)!.analyzer.version;
    const given = new Set(
      [...TRAINING.slice(0, 3).map((t) => t.text), ...LATER_TEXTS].map(
        (text) => shipped.byText.get(text)!.sentiment.label,
      ),
    );
    target = (['negative', 'neutral', 'positive'] as SentimentLabel[]).find((l) => !given.has(l))!;
    await submit(tenantA, TRAINING);
    await submit(tenantB, TRAINING);
    for (const t of TRAINING) trained[t.externalId] = await analyzed(tenantA, t.externalId);
    for (const t of TRAINING) await analyzed(tenantB, t.externalId);
  });

  afterAll(async () => {
    await probe?.stop();
    await Promise.all(services.map((s) => stopService(s)));
  });

  it('records corrections, retrains the tenant adapter each time, and stores a re-sent one once', async () => {
    let revision = 0;
    expect(target).toBeDefined();
    for (const id of ['train-1', 'train-2', 'train-3']) {
      const res = await correct(tenantA, {
        feedbackEventId: trained[id].feedback.eventId,
        sentiment: target,
        themesAdded: ['callbacks'],
        correctedBy: 'ana',
        note: 'a call-back request is a complaint here',
      });
      expect(res.status).toBe(201);
      expect(res.body.correction).toMatchObject({
        feedbackEventId: trained[id].feedback.eventId,
        original: {
          sentiment: trained[id].analysis.sentiment.label,
          themes: trained[id].analysis.themes.map((t) => t.id),
        },
        corrected: { sentiment: target, themesAdded: ['callbacks'], themesRemoved: [] },
        correctedBy: 'ana',
      });
      expect(res.body.adapter).toMatchObject({
        revision: revision + 1,
        analyzerVersion: `${shipped.version}+adapt.${revision + 1}`,
      });
      revision = res.body.adapter!.revision;
    }
    // A confirmation: the analyst agrees with the sentiment of a thank-you note and its themes.
    const confirmed = trained['train-4'].analysis.sentiment.label;
    const confirmation = await correct(tenantA, {
      feedbackEventId: trained['train-4'].feedback.eventId,
      sentiment: confirmed,
      correctedBy: 'ana',
    });
    expect(confirmation.status).toBe(201);
    expect(confirmation.body.adapter).toMatchObject({ revision: 4, trainedOn: 4 });

    const again = await correct(tenantA, {
      feedbackEventId: trained['train-4'].feedback.eventId,
      sentiment: confirmed,
      correctedBy: 'ana',
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      created: false,
      correction: { correctionId: confirmation.body.correction!.correctionId },
      adapter: { revision: 4 },
    });

    await withStore(async (db) => {
      const rows = await db.query(
        `SELECT f.external_id, c.original_label, c.corrected_label, c.themes_added, c.corrected_by FROM corrections c
           JOIN feedback f ON f.event_id = c.feedback_event_id WHERE c.tenant_id = $1 ORDER BY f.external_id`,
        [tenantA],
      );
      expect(rows.rows).toEqual([
        ...['train-1', 'train-2', 'train-3'].map((id) => ({
          external_id: id,
          original_label: trained[id].analysis.sentiment.label,
          corrected_label: target,
          themes_added: ['callbacks'],
          corrected_by: 'ana',
        })),
        {
          external_id: 'train-4',
          original_label: confirmed,
          corrected_label: confirmed,
          themes_added: [],
          corrected_by: 'ana',
        },
      ]);
      const adapters = await db.query(
        'SELECT tenant_id, revision, corrections, base_analyzer FROM tenant_adapters WHERE tenant_id = ANY($1) ORDER BY revision',
        [[tenantA, tenantB]],
      );
      expect(adapters.rows.map((r) => [r.tenant_id, r.revision, r.corrections])).toEqual([
        [tenantA, 1, 1],
        [tenantA, 2, 2],
        [tenantA, 3, 3],
        [tenantA, 4, 4],
      ]);
      expect(adapters.rows[3].base_analyzer).toBe(`loops-default@${shipped.version}`);
    });
  });

  it("answers 404 for another tenant's item and an unknown one, 400 naming the field for a bad body; nothing is stored", async () => {
    const crossTenant = await correct(tenantB, {
      feedbackEventId: trained['train-1'].feedback.eventId,
      sentiment: 'positive',
      correctedBy: 'bob',
    });
    expect(crossTenant).toMatchObject({
      status: 404,
      body: { error: 'not_found', message: `feedback ${trained['train-1'].feedback.eventId} not found` },
    });
    const anonymous = await fetch(`${sentiment.url}/v1/corrections`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        feedbackEventId: trained['train-1'].feedback.eventId,
        sentiment: 'positive',
        correctedBy: 'x',
      }),
    });
    expect(anonymous.status).toBe(401);
    const unknown = randomUUID();
    expect(
      await correct(tenantA, { feedbackEventId: unknown, sentiment: 'positive', correctedBy: 'ana' }),
    ).toMatchObject({ status: 404, body: { error: 'not_found' } });

    const bad = await correct(tenantA, {
      feedbackEventId: 'not-a-uuid',
      sentiment: 'furious',
      themesAdded: ['Not A Theme'],
      correctedBy: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual([
      'correctedBy',
      'feedbackEventId',
      'sentiment',
      'themesAdded',
    ]);
    const nothing = await correct(tenantA, {
      feedbackEventId: trained['train-1'].feedback.eventId,
      correctedBy: 'ana',
    });
    expect(nothing).toMatchObject({ status: 400, body: { errors: [{ field: 'sentiment' }] } });
    const removeAbsent = await correct(tenantA, {
      feedbackEventId: trained['train-4'].feedback.eventId,
      themesRemoved: ['shipping-damage'],
      correctedBy: 'ana',
    });
    expect(removeAbsent).toMatchObject({ status: 400, body: { errors: [{ field: 'themesRemoved' }] } });

    await withStore(async (db) => {
      expect(
        (
          await db.query('SELECT count(*)::int AS n FROM corrections WHERE tenant_id = ANY($1)', [
            [tenantA, tenantB],
          ])
        ).rows[0].n,
      ).toBe(4);
      expect(
        (await db.query('SELECT count(*)::int AS n FROM tenant_adapters WHERE tenant_id = $1', [tenantB]))
          .rows[0].n,
      ).toBe(0);
    });
  });

  it("analyses A's later feedback of that kind with A's adapter on every instance, and B's with the shipped analyzer", async () => {
    // The instance that took the corrections leaves the group: the other one, which never saw an HTTP call, now
    // consumes every partition and must find A's adapter in the store by itself.
    await stopService(services[1]);
    sentiment = services[2];
    // Several customers: their keys spread over the partitions both sentiment instances consume.
    const later = Array.from({ length: 6 }, (_, i) => ({
      externalId: `later-${i}`,
      text: LATER_TEXTS[i % 2],
    }));
    const unrelated = { externalId: 'later-unrelated', text: UNRELATED };
    await submit(tenantA, [...later, unrelated]);
    await submit(tenantB, [...later, unrelated]);

    const adaptedVersion = `${shipped.version}+adapt.4`;
    for (const item of later) {
      // The first waits also cover the group's rebalance onto the remaining instance (up to kafkajs's rebalance timeout).
      const a = await analyzed(tenantA, item.externalId, 150000);
      const b = await analyzed(tenantB, item.externalId);
      const shippedResult = shipped.byText.get(item.text)!;
      expect({
        id: item.externalId,
        version: a.analysis.analyzer.version,
        label: a.analysis.sentiment.label,
        themes: a.analysis.themes.map((t) => t.id),
      }).toEqual({
        id: item.externalId,
        version: adaptedVersion,
        label: target,
        themes: expect.arrayContaining(['callbacks']),
      });
      expect({
        id: item.externalId,
        version: b.analysis.analyzer.version,
        label: b.analysis.sentiment.label,
        themes: b.analysis.themes.map((t) => t.id),
      }).toEqual({
        id: item.externalId,
        version: shipped.version,
        label: shippedResult.sentiment.label,
        themes: shippedResult.themes.map((t) => t.id),
      });
    }
    // An unrelated text keeps its label; only the version says it went through A's adapter.
    const [ua, ub] = [
      await analyzed(tenantA, unrelated.externalId),
      await analyzed(tenantB, unrelated.externalId),
    ];
    expect([ua.analysis.sentiment.label, ua.analysis.analyzer.version]).toEqual([
      ub.analysis.sentiment.label,
      adaptedVersion,
    ]);
    expect(ua.analysis.themes.map((t) => t.id)).not.toContain('callbacks');

    await withStore(async (db) => {
      const rows = await db.query(
        `SELECT f.tenant_id, a.analyzer_version, count(*)::int AS n FROM analyses a JOIN feedback f ON f.event_id = a.feedback_event_id
          WHERE f.tenant_id = ANY($1) AND f.external_id LIKE 'later-%' GROUP BY 1, 2 ORDER BY 1, 2`,
        [[tenantA, tenantB]],
      );
      expect(rows.rows).toEqual([
        { tenant_id: tenantA, analyzer_version: adaptedVersion, n: later.length + 1 },
        { tenant_id: tenantB, analyzer_version: shipped.version, n: later.length + 1 },
      ]);
      const probeRow = await db.query(
        `SELECT a.sentiment_label FROM analyses a JOIN feedback f ON f.event_id = a.feedback_event_id WHERE f.tenant_id = $1 AND f.external_id = 'later-0'`,
        [tenantA],
      );
      expect(probeRow.rows).toEqual([{ sentiment_label: target }]);
    });
  }, 240000);

  it('measures accuracy per week and per analyzer version from the reviewed items, each counted once', async () => {
    const agreedOnTraining = ['train-1', 'train-2', 'train-3'].filter(
      (id) => trained[id].analysis.sentiment.label === target,
    ).length;
    // The analyst also confirms an item A's adapter analysed: the adapter's own accuracy starts to show.
    const adaptedItem = await analyzed(tenantA, 'later-0');
    const confirm = await correct(tenantA, {
      feedbackEventId: adaptedItem.feedback.eventId,
      sentiment: target,
      correctedBy: 'ana',
    });
    expect(confirm).toMatchObject({
      status: 201,
      body: { correction: { analyzer: { version: `${shipped.version}+adapt.4` } }, adapter: { revision: 5 } },
    });

    const accuracy = await get<Accuracy & { byAnalyzerVersion: unknown[] }>(
      tenantA,
      '/v1/corrections/accuracy',
    );
    const share = (n: number, d: number) => Math.round((n / d) * 1000) / 1000;
    expect(accuracy.weeks).toHaveLength(1);
    expect(accuracy.total).toEqual({
      reviewed: 5,
      sentiment: { reviewed: 5, agreed: agreedOnTraining + 2, accuracy: share(agreedOnTraining + 2, 5) },
      themes: { reviewed: 5, agreed: 2, accuracy: 0.4 },
    });
    expect(accuracy.byAnalyzerVersion).toEqual([
      {
        version: shipped.version,
        reviewed: 4,
        sentiment: { reviewed: 4, agreed: agreedOnTraining + 1, accuracy: share(agreedOnTraining + 1, 4) },
        themes: { reviewed: 4, agreed: 1, accuracy: 0.25 },
      },
      {
        version: `${shipped.version}+adapt.4`,
        reviewed: 1,
        sentiment: { reviewed: 1, agreed: 1, accuracy: 1 },
        themes: { reviewed: 1, agreed: 1, accuracy: 1 },
      },
    ]);
    expect(accuracy.adapter).toMatchObject({
      revision: 5,
      analyzerVersion: `${shipped.version}+adapt.5`,
      trainedOn: 5,
    });
    const other = await get<Accuracy>(tenantB, '/v1/corrections/accuracy');
    expect(other).toMatchObject({
      weeks: [],
      total: { reviewed: 0, sentiment: { accuracy: null } },
      byAnalyzerVersion: [],
      adapter: null,
    });
  });

  it('lists the tenant’s corrections newest first, page by page', async () => {
    const first = await get<CorrectionPage>(tenantA, '/v1/corrections?limit=3');
    expect(first.items).toHaveLength(3);
    expect(first.items[0].correctedBy).toBe('ana');
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await get<CorrectionPage>(tenantA, `/v1/corrections?limit=3&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items].map((c) => c.feedbackEventId).sort();
    expect(all).toEqual(
      [
        ...TRAINING.map((t) => trained[t.externalId].feedback.eventId),
        (await analyzed(tenantA, 'later-0')).feedback.eventId,
      ].sort(),
    );
    expect((await get<CorrectionPage>(tenantB, '/v1/corrections')).items).toEqual([]);
    const badLimit = await fetch(`${sentiment.url}/v1/corrections?limit=1000`, {
      headers: { authorization: `Bearer ${keys[tenantA]}` },
    });
    expect(badLimit.status).toBe(400);
    expect(((await badLimit.json()) as { errors: { field: string }[] }).errors[0].field).toBe('limit');
  });

  it('documents the corrections API in OpenAPI', async () => {
    const doc = (await (await fetch(`${sentiment.url}/docs/json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/corrections', '/v1/corrections/accuracy']),
    );
    expect(Object.keys(doc.paths['/v1/corrections']).sort()).toEqual(['get', 'post']);
    expect(doc.components.schemas.CreateCorrectionBody.required).toEqual(['feedbackEventId', 'correctedBy']);
  });

  it('the dashboard offers the correction form, and the sentiment service lets its origin call the API', async () => {
    const page = await fetch(`${rootCause.url}/dashboard`);
    const html = await page.text();
    // The page names the sentiment service; the corrections view (one of the dashboard's modules) posts there.
    expect(html).toContain(`<meta name="loops-sentiment-url" content="http://127.0.0.1:${PORTS.sentimentA}">`);
    const view = await (await fetch(`${rootCause.url}/dashboard/app/view-corrections.js`)).text();
    expect(view).toContain("ctx.api('/v1/corrections', { method: 'POST'");
    expect(page.headers.get('content-security-policy')).toContain(
      `connect-src 'self' http://127.0.0.1:${PORTS.sentimentA}`,
    );

    const preflight = await fetch(`${sentiment.url}/v1/corrections`, {
      method: 'OPTIONS',
      headers: {
        origin: DASHBOARD_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(DASHBOARD_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    const foreign = await fetch(`${sentiment.url}/v1/corrections`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    // What the form sends: a themes-only correction from the dashboard's origin.
    const fromDashboard = await correct(
      tenantA,
      {
        feedbackEventId: trained['train-4'].feedback.eventId,
        themesAdded: ['staff-friendliness'],
        correctedBy: 'dashboard analyst',
      },
      DASHBOARD_ORIGIN,
    );
    expect(fromDashboard.status).toBe(201);
    expect(fromDashboard.headers.get('access-control-allow-origin')).toBe(DASHBOARD_ORIGIN);
    expect(fromDashboard.body.adapter).toMatchObject({
      revision: 6,
      analyzerVersion: `${shipped.version}+adapt.6`,
    });
  });

  it('reprocess --adapters applies each tenant’s adapter to its history and keeps the shipped results', () => {
    const run = (tenant: string) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [join(REPO_ROOT, 'dist/services/sentiment/src/cli/reprocess.js'), '--tenant', tenant, '--adapters'],
          { env: { ...process.env }, cwd: REPO_ROOT, encoding: 'utf8' },
        )
          .trim()
          .split('\n')
          .pop()!,
      );
    const total = TRAINING.length + 7;
    expect(run(tenantA)).toEqual({
      analyzer: { name: 'loops-default', version: shipped.version },
      reprocessed: total,
      published: false,
      adapted: [`${tenantA}:${shipped.version}+adapt.6`],
    });
    expect(run(tenantB)).toEqual({
      analyzer: { name: 'loops-default', version: shipped.version },
      reprocessed: total,
      published: false,
      adapted: [],
    });
    return withStore(async (db) => {
      const rows = await db.query(
        `SELECT f.tenant_id, a.analyzer_version, count(*)::int AS n FROM analyses a JOIN feedback f ON f.event_id = a.feedback_event_id
          WHERE f.tenant_id = ANY($1) AND f.external_id LIKE 'train-%' GROUP BY 1, 2 ORDER BY 1, 2`,
        [[tenantA, tenantB]],
      );
      expect(rows.rows).toEqual([
        { tenant_id: tenantA, analyzer_version: shipped.version, n: TRAINING.length },
        { tenant_id: tenantA, analyzer_version: `${shipped.version}+adapt.6`, n: TRAINING.length },
        { tenant_id: tenantB, analyzer_version: shipped.version, n: TRAINING.length },
      ]);
      // The corrected items themselves now read as the analyst said.
      const relabelled = await db.query(
        `SELECT f.external_id, a.sentiment_label FROM analyses a JOIN feedback f ON f.event_id = a.feedback_event_id
          WHERE f.tenant_id = $1 AND a.analyzer_version = $2 AND f.external_id IN ('train-1', 'train-2', 'train-3') ORDER BY 1`,
        [tenantA, `${shipped.version}+adapt.6`],
      );
      expect(relabelled.rows.map((r) => r.sentiment_label)).toEqual([target, target, target]);
    });
  });
  it('refits an adapter that was fitted on another version of the shipped analyzer (after an upgrade), on its own', async () => {
    // As if revision 7 had been fitted on an older shipped analyzer.
    await withStore((db) =>
      db.query(
        `INSERT INTO tenant_adapters (tenant_id, revision, base_analyzer, corrections, model)
         SELECT tenant_id, 7, 'loops-default@0.9.0', corrections, jsonb_set(jsonb_set(model, '{baseAnalyzer,version}', '"0.9.0"'), '{revision}', '7')
           FROM tenant_adapters WHERE tenant_id = $1 AND revision = 6`,
        [tenantA],
      ),
    );
    await submit(tenantA, [{ externalId: 'after-upgrade-1', text: LATER_TEXTS[0] }]);
    expect((await analyzed(tenantA, 'after-upgrade-1')).analysis.analyzer.version).toBe(
      `${shipped.version}+adapt.7`,
    );
    const refitted = await eventually('the refitted revision', () =>
      withStore(
        async (db) =>
          (
            await db.query(
              'SELECT base_analyzer, corrections FROM tenant_adapters WHERE tenant_id = $1 AND revision = 8',
              [tenantA],
            )
          ).rows[0],
      ),
    );
    expect(refitted).toEqual({
      base_analyzer: `loops-default@${shipped.version}`,
      corrections: TRAINING.length + 1,
    });
    await submit(tenantA, [{ externalId: 'after-upgrade-2', text: LATER_TEXTS[1] }]);
    const after = (await analyzed(tenantA, 'after-upgrade-2')).analysis;
    expect([after.analyzer.version, after.sentiment.label]).toEqual([`${shipped.version}+adapt.8`, target]);
    // Exactly one refit, although the instance saw the stale revision on every batch until it was replaced.
    await withStore(async (db) =>
      expect(
        (
          await db.query('SELECT max(revision)::int AS r FROM tenant_adapters WHERE tenant_id = $1', [
            tenantA,
          ])
        ).rows[0].r,
      ).toBe(8),
    );
  });
});
