import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { FeedbackAnalyzed, Topics } from '@loops/contracts';
import { createApiKey } from '../support/api-keys';
import { TopicProbe } from '../support/kafka-probe';
import { REPO_ROOT, RunningService, startService, stopService } from '../support/service-process';
import { withStore } from '../support/store';

// Text analytics through Kafka: multilingual items in, language, sentiment, themes and the analyzer's
// name out; then a reprocess with another analyzer keeps both results.
describe('sentiment service through Kafka', () => {
  const tenant = `s-${randomUUID().slice(0, 8)}`;
  let ingestion: RunningService;
  let sentiment: RunningService;
  let probe: TopicProbe;
  let apiKey: string;

  beforeAll(async () => {
    [ingestion, sentiment] = await Promise.all([startService('ingestion', 41401), startService('sentiment', 41402)]);
    apiKey = createApiKey(tenant, 'multilingual').apiKey;
    probe = await new TopicProbe([Topics.feedbackAnalyzed]).start();
  });

  afterAll(async () => {
    await probe?.stop();
    await Promise.all([ingestion, sentiment].filter(Boolean).map((s) => stopService(s)));
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
        const d = m.event.data as FeedbackAnalyzed;
        return d.feedback.tenantId === tenant && d.feedback.externalId === c.id;
      }, 60000);
      const { analysis } = message.event.data as FeedbackAnalyzed;
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
});
