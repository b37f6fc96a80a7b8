import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { FeedbackAnalyzedV2, Topics } from '@loops/contracts';
import { createApiKey } from '../support/api-keys';
import { TopicProbe } from '../support/kafka-probe';
import { REPO_ROOT, RunningService, startServices, stopService } from '../support/service-process';
import { eventually, withStore } from '../support/store';

// Text analytics through Kafka: multilingual items in, language, sentiment, themes and the analyzer's
// name out; then a reprocess with another analyzer keeps both results.
describe('sentiment service through Kafka', () => {
  const tenant = `s-${randomUUID().slice(0, 8)}`;
  let ingestion: RunningService;
  let sentiment: RunningService;
  let reports: RunningService;
  let probe: TopicProbe;
  let apiKey: string;

  beforeAll(async () => {
    [ingestion, sentiment, reports] = await startServices([
      { name: 'ingestion', port: 21401 },
      { name: 'sentiment', port: 21402, env: { TAXONOMY_CACHE_MS: '0' } },
      { name: 'root-cause', port: 21403 },
    ]);
    apiKey = createApiKey(tenant, 'multilingual').apiKey;
    probe = await new TopicProbe([Topics.feedbackAnalyzedV2]).start();
  });

  afterAll(async () => {
    await probe?.stop();
    await Promise.all([ingestion, sentiment, reports].filter(Boolean).map((s) => stopService(s)));
  });

  const cases = [
    { id: 'th-1', text: 'ส่งของช้ามาก พนักงานไม่สุภาพ ผิดหวังมาก', language: 'th', label: 'negative', theme: 'delivery' },
    { id: 'ko-1', text: '배송이 너무 늦었고 직원이 불친절했어요. 정말 실망입니다.', language: 'ko', label: 'negative', theme: 'delivery' },
    { id: 'hu-1', text: 'Nagyon elégedett vagyok, a kiszolgálás kiváló és gyors volt.', language: 'hu', label: 'positive' },
    { id: 'id-1', text: 'Kamarnya bersih dan stafnya sangat ramah, saya puas sekali', language: 'id', label: 'positive' },
    { id: 'en-1', text: 'The app crashed twice at checkout and support never replied.', language: 'en', label: 'negative', theme: 'app_website' },
    // A flat comment with an NPS of 2: the score is evidence too.
    { id: 'en-2', text: 'ok', language: 'und', label: 'negative', nps: 2 },
  ];

  it('detects language, sentiment and themes per item and names the analyzer', async () => {
    const res = await fetch(`${ingestion.url}/v1/feedback/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({
        items: cases.map((c) => ({
          externalId: c.id,
          channel: 'survey',
          occurredAt: '2026-11-22T10:00:00Z',
          text: c.text,
          ...(c.nps === undefined ? {} : { scores: { nps: c.nps } }),
        })),
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accepted: number };
    expect(body.accepted).toBe(cases.length);

    for (const c of cases) {
      const message = await probe.waitFor((m) => {
        const d = m.event.data as FeedbackAnalyzedV2;
        return d.feedback.tenantId === tenant && d.feedback.externalId === c.id;
      }, 60000);
      const { analysis } = message.event.data as FeedbackAnalyzedV2;
      expect({ id: c.id, label: analysis.sentiment.label }).toEqual({ id: c.id, label: c.label });
      // "ok" is too short to tell its language; the others must be detected.
      if (c.language !== 'und') expect({ id: c.id, language: analysis.language }).toEqual({ id: c.id, language: c.language });
      if (c.theme) expect(analysis.themes.map((t) => t.id)).toContain(c.theme);
      expect(analysis.analyzer).toEqual({ name: 'loops-default', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
      expect(analysis.sentiment.confidence).toBeGreaterThan(0);
    }
  });

  it('reprocesses stored feedback through another analyzer and keeps both results', () => {
    const out = execFileSync(process.execPath, [join(REPO_ROOT, 'dist/services/sentiment/src/cli/reprocess.js'), '--tenant', tenant], {
      env: { ...process.env, ANALYZER_KIND: 'module', ANALYZER_PATH: 'test/fixtures/constant-analyzer.js' },
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ analyzer: { name: 'constant-test', version: '0.0.1' }, reprocessed: cases.length, published: false });
    return withStore(async (db) => {
      const rows = await db.query(
        `SELECT analyzer_name, count(*)::int AS n FROM analyses WHERE tenant_id = $1 GROUP BY analyzer_name ORDER BY analyzer_name`,
        [tenant],
      );
      expect(rows.rows).toEqual([
        { analyzer_name: 'constant-test', n: cases.length },
        { analyzer_name: 'loops-default', n: cases.length },
      ]);
    });
  });

  it('discovers a candidate theme from unthemed complaints; once promoted, new feedback is tagged with it', async () => {
    const submit = (items: { externalId: string; text: string }[]) =>
      fetch(`${ingestion.url}/v1/feedback/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ items: items.map((i) => ({ ...i, channel: 'social', occurredAt: new Date().toISOString() })) }),
      });
    const complaints = ['Voucher diskon tidak bisa dipakai, kecewa sekali', 'Voucher diskon ditolak terus, sangat kecewa', 'Voucher diskon tidak berlaku, kecewa berat dan marah'];
    expect((await submit(complaints.map((text, i) => ({ externalId: `voucher-${i}`, text })))).status).toBe(200);

    const reportsGet = (path: string) =>
      fetch(`${reports.url}${path}`, { headers: { authorization: `Bearer ${apiKey}` } }).then(
        (r) => r.json() as Promise<{ items: { label: string; terms: string[]; size: number; itemIds: string[]; examples: string[] }[] }>,
      );
    const candidate = await (async () => {
      for (let i = 0; i < 100; i++) {
        const found = (await reportsGet('/v1/reports/candidate-themes')).items.find((c) => c.label.includes('voucher'));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 300));
      }
      throw new Error('no candidate theme about vouchers');
    })();
    expect(candidate.size).toBeGreaterThanOrEqual(2);
    expect(candidate.itemIds).toHaveLength(candidate.size);
    expect(candidate.terms.some((t) => t.includes('voucher'))).toBe(true);
    expect(candidate.examples.some((e) => /voucher diskon/i.test(e))).toBe(true);

    const promote = await fetch(`${reports.url}/v1/reports/candidate-themes/promote`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ themeId: 'voucher', label: 'Vouchers & discounts', phrases: { id: ['voucher*'], en: ['voucher*', 'coupon*'] } }),
    });
    expect(promote.status).toBe(200);
    expect(await promote.json()).toMatchObject({ themeId: 'voucher', label: 'Vouchers & discounts' });
    // Sentiment learns the theme from taxonomy.v1 into its own read model, not from root-cause's table.
    await eventually('sentiment knows the promoted theme', () =>
      withStore(async (db) => (await db.query('SELECT 1 FROM taxonomy_themes WHERE tenant_id = $1 AND theme_id = $2', [tenant, 'voucher'])).rowCount),
    );

    expect((await submit([{ externalId: 'voucher-after', text: 'Voucher diskon lagi-lagi tidak berlaku' }])).status).toBe(200);
    const tagged = await probe.waitFor((m) => {
      const d = m.event.data as FeedbackAnalyzedV2;
      return d.feedback.tenantId === tenant && d.feedback.externalId === 'voucher-after';
    }, 60000);
    expect((tagged.event.data as FeedbackAnalyzedV2).analysis.themes.map((t) => t.id)).toContain('voucher');
  });
});
