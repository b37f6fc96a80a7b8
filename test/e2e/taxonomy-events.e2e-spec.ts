import { randomUUID } from 'node:crypto';
import { FeedbackAnalyzedV2, TENANT_THEME_DEFINED_TYPE, TenantThemeDefined, Topics, validateContract } from '@loops/contracts';
import { createApiKey } from '../support/api-keys';
import { TopicProbe } from '../support/kafka-probe';
import { RunningService, startServices, stopService } from '../support/service-process';
import { eventually, withStore } from '../support/store';

// Root-cause owns a tenant's taxonomy (tenant_themes); sentiment learns it only from taxonomy.v1, into its own
// taxonomy_themes. Promoting a theme in root-cause reaches sentiment's matching through the event: the theme
// is still matched after root-cause's row is gone.
describe('taxonomy.v1: a promoted theme reaches sentiment through an event', () => {
  const tenant = `tx-${randomUUID().slice(0, 8)}`;
  let services: RunningService[] = [];
  let ingestion: RunningService;
  let rootCause: RunningService;
  let probe: TopicProbe;
  let apiKey: string;

  beforeAll(async () => {
    services = await startServices([
      { name: 'ingestion', port: 28101 },
      { name: 'sentiment', port: 28102, env: { TAXONOMY_CACHE_MS: '0' } },
      { name: 'root-cause', port: 28103 },
    ]);
    [ingestion, , rootCause] = services;
    apiKey = createApiKey(tenant, 'taxonomy-admin').apiKey;
    probe = await new TopicProbe([Topics.taxonomy, Topics.feedbackAnalyzedV2]).start();
  });

  afterAll(async () => {
    await probe?.stop();
    await Promise.all(services.map((s) => stopService(s)));
  });

  const promote = (body: object) =>
    fetch(`${rootCause.url}/v1/reports/candidate-themes/promote`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const published = (themeId: string, phraseCount: number) =>
    probe.waitFor((m) => {
      const d = m.event.data as TenantThemeDefined;
      return m.topic === Topics.taxonomy && d.tenantId === tenant && d.themeId === themeId && d.phrases.flatMap((p) => p.phrases).length === phraseCount;
    }, 30000);
  const sentimentsThemes = () =>
    withStore(async (db) => (await db.query('SELECT theme_id, label, phrases FROM taxonomy_themes WHERE tenant_id = $1 ORDER BY theme_id', [tenant])).rows);

  it('publishes each promotion as the theme now stands, keyed by tenant, and sentiment keeps the newest', async () => {
    expect((await promote({ themeId: 'gift_wrap', label: 'Gift wrapping', phrases: { en: ['gift wrap*'] } })).status).toBe(200);
    const first = await published('gift_wrap', 1);
    expect(first.key).toBe(tenant);
    expect(first.event.type).toBe(TENANT_THEME_DEFINED_TYPE);
    expect(first.event.source).toBe('loops/root-cause');
    expect(validateContract(TenantThemeDefined, first.event.data)).toMatchObject({ ok: true, value: { tenantId: tenant, themeId: 'gift_wrap', label: 'Gift wrapping' } });

    // Extending the theme publishes the accumulated definition, not the delta.
    expect((await promote({ themeId: 'gift_wrap', label: 'Gift wrapping & ribbons', phrases: { en: ['ribbon*'], id: ['bungkus kado'] } })).status).toBe(200);
    const second = (await published('gift_wrap', 3)).event.data as TenantThemeDefined;
    const byLanguage = Object.fromEntries(second.phrases.map((p) => [p.language, [...p.phrases].sort()]));
    expect(byLanguage).toEqual({ en: ['gift wrap*', 'ribbon*'], id: ['bungkus kado'] });
    expect(Date.parse(second.updatedAt)).toBeGreaterThanOrEqual(Date.parse((first.event.data as TenantThemeDefined).updatedAt));

    const themes = await eventually('sentiment keeps the extended theme', async () => {
      const rows = await sentimentsThemes();
      return rows.length === 1 && rows[0].label === 'Gift wrapping & ribbons' ? rows : undefined;
    });
    expect(themes.map((r) => ({ ...r, phrases: Object.fromEntries(Object.entries(r.phrases as Record<string, string[]>).map(([l, p]) => [l, [...p].sort()])) }))).toEqual([
      { theme_id: 'gift_wrap', label: 'Gift wrapping & ribbons', phrases: { en: ['gift wrap*', 'ribbon*'], id: ['bungkus kado'] } },
    ]);
  });

  it("matches new feedback against the theme from its own read model, with root-cause's row gone", async () => {
    // What sentiment knows must come from the event alone: the owner's row disappears before the feedback arrives.
    await withStore((db) => db.query('DELETE FROM tenant_themes WHERE tenant_id = $1', [tenant]));
    const res = await fetch(`${ingestion.url}/v1/feedback/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({
        items: [
          {
            externalId: 'ribbon-1',
            channel: 'survey',
            occurredAt: new Date().toISOString(),
            text: 'The ribbon on my present was torn and the gift wrapping looked cheap. Really disappointed with this order.',
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const analyzed = await probe.waitFor((m) => {
      const d = m.event.data as FeedbackAnalyzedV2;
      return m.topic === Topics.feedbackAnalyzedV2 && d.feedback.tenantId === tenant && d.feedback.externalId === 'ribbon-1';
    }, 60000);
    expect((analyzed.event.data as FeedbackAnalyzedV2).analysis.themes.map((t) => t.id)).toContain('gift_wrap');
    expect((analyzed.event.data as FeedbackAnalyzedV2).analysis.themes.find((t) => t.id === 'gift_wrap')).toMatchObject({ label: 'Gift wrapping & ribbons' });
  });
});
