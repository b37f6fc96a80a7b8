import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { Browser, chromium, Page } from 'playwright-core';
import { FeedbackAnalyzed } from '@loops/contracts';
import { analyzedEvent, AnalyzedSpec, publishAnalyzed } from '../support/analyzed-fixtures';
import { createApiKey } from '../support/api-keys';
import { testKafka } from '../support/kafka-probe';
import { REPO_ROOT, RunningService, startService, stopService } from '../support/service-process';
import { eventually, withStore } from '../support/store';

const PORTS = { rootCause: 27601, routing: 27602, sentiment: 27603 };
const DASHBOARD = `http://127.0.0.1:${PORTS.rootCause}/dashboard`;
const OUTPUT = join(REPO_ROOT, 'test', 'output');

// What a CX analyst sees and does: the dashboard in headless Chromium, with real services and data behind it.
// Each view is opened by clicking, and each test saves a screenshot of it under test/output/.
describe('CX dashboard', () => {
  const tenant = `dash-${randomUUID().slice(0, 6)}`;
  let services: RunningService[] = [];
  let producer: Producer;
  let browser: Browser;
  let page: Page;
  let apiKey: string;
  const byName: Record<string, FeedbackAnalyzed> = {};

  const shot = (name: string) => page.screenshot({ path: join(OUTPUT, `dashboard-${name}.png`), fullPage: true });
  const ready = (p: Page, view: string) => p.waitForSelector(`#view-${view}[data-ready]`);
  const open = async (title: string, view: string) => {
    await page.click(`#nav a[data-view="${view}"]`);
    await ready(page, view);
    expect(await page.textContent('#nav a.active')).toBe(title);
  };
  const signIn = async (p: Page, key: string) => {
    await p.fill('#key', key);
    await p.click('#sign-in');
  };

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    // The key a CX analyst is given: reports and cases, no ingest, no admin.
    apiKey = createApiKey(tenant, 'dashboard', ['reports:read', 'cases:write']).apiKey;
    services = await Promise.all([
      startService('routing', PORTS.routing, { ESCALATION_SWEEP_MS: '0' }),
      startService('sentiment', PORTS.sentiment, { CORS_ORIGINS: `http://127.0.0.1:${PORTS.rootCause}` }),
      startService('root-cause', PORTS.rootCause, { ROUTING_URL: `http://127.0.0.1:${PORTS.routing}`, SENTIMENT_PUBLIC_URL: `http://127.0.0.1:${PORTS.sentiment}` }),
    ]);
    producer = testKafka().producer();
    await producer.connect();

    const hourStart = Math.floor(Date.now() / 3600_000) * 3600_000;
    const at = (hoursAgo: number, minute = 5) => new Date(hourStart - hoursAgo * 3600_000 + minute * 60_000).toISOString();
    const named = (name: string, spec: AnalyzedSpec, change: (e: FeedbackAnalyzed) => void = () => undefined) => {
      const e = analyzedEvent(spec);
      change(e);
      byName[name] = e;
      return e;
    };
    const scores = (csat: number, ces: number) => (e: FeedbackAnalyzed) => Object.assign(e.feedback.scores, { csat, ces });
    const history: FeedbackAnalyzed[] = [];
    // Six days of survey answers: praise for the price, complaints about late deliveries (with redacted contacts).
    for (let d = 2; d <= 6; d++) {
      history.push(
        named(`price-${d}`, { tenantId: tenant, at: at(d * 24 + 3), nps: 10, themes: ['price'], text: `Great value for the price, day ${d}` }, scores(5, 6)),
        named(`promoter-${d}`, { tenantId: tenant, at: at(d * 24 + 3, 10), nps: 9, text: `Quick and friendly, day ${d}` }, scores(d % 2 ? 4 : 5, 5)),
        named(`late-${d}`, { tenantId: tenant, at: at(d * 24 + 3, 20), nps: [0, 0, 4, 7, 2, 8, 3][d], themes: ['delivery'], label: 'negative', text: `Parcel late again, day ${d}. Write to me at [EMAIL]` }, scores(3, d % 2 ? 3 : 4)),
      );
    }
    history.push(
      named('c3', { tenantId: tenant, at: at(29), nps: 2, customerId: 'c3', value: 80000, themes: ['delivery'], text: 'My delivery is two weeks late. Call me on [PHONE]' }),
      named('c4', { tenantId: tenant, at: at(29, 30), nps: 3, customerId: 'c4', value: 1000, themes: ['delivery'], text: 'The courier never rang the bell' }),
      named('german', { tenantId: tenant, at: at(2 * 24 + 4), nps: 10, themes: ['price'], text: 'Sehr guter Preis, gerne wieder' }, (e) => {
        e.analysis.language = 'de';
        e.feedback.customer = { id: 'c9', segment: 'smb' };
      }),
      // A quiet day of one negative login complaint per hour (analyzer not sure enough to page anyone).
      ...Array.from({ length: 24 }, (_, h) =>
        named(`login-${h}`, { tenantId: tenant, at: at(25 - h), touchpoint: 'app', themes: ['login'], label: 'negative', text: `Cannot log in to the app (${h})` }, (e) => {
          e.analysis.sentiment.confidence = 0.5;
        }),
      ),
    );
    // ... then a burst in the last full hour, judged against a baseline that is already stored.
    const burst = Array.from({ length: 10 }, (_, i) =>
      named(`burst-${i}`, { tenantId: tenant, at: at(1, i), touchpoint: 'app', themes: ['login'], label: 'negative', text: `Login fails with an error, try ${i}` }, (e) => {
        e.analysis.sentiment.confidence = 0.5;
      }),
    );
    await publishAnalyzed(producer, history);
    await eventually('the history stored', () =>
      withStore(async (db) => (await db.query('SELECT count(*)::int AS n FROM feedback_facts WHERE tenant_id = $1', [tenant])).rows[0].n === history.length),
    60000);
    await publishAnalyzed(producer, burst);
    await eventually('the emerging issue', () =>
      withStore(async (db) => (await db.query(`SELECT 1 FROM emerging_issues WHERE tenant_id = $1 AND status = 'open'`, [tenant])).rowCount === 1),
    60000);
    // The item an analyst will correct, as ingestion and sentiment store it (the corrections API reads sentiment's
    // own copy of the consumed event, sentiment_feedback, and its analyses).
    const c4 = byName.c4;
    await withStore(async (db) => {
      await db.query(
        `INSERT INTO feedback (event_id, tenant_id, integration_id, external_id, channel, occurred_at, received_at, text, event, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, now())`,
        [c4.feedback.eventId, tenant, c4.feedback.integrationId, c4.feedback.externalId, c4.feedback.channel, c4.feedback.occurredAt, c4.feedback.text, JSON.stringify(c4.feedback)],
      );
      await db.query('INSERT INTO sentiment_feedback (event_id, tenant_id, occurred_at, received_at, event) VALUES ($1, $2, $3, $3, $4)', [
        c4.feedback.eventId,
        tenant,
        c4.feedback.occurredAt,
        JSON.stringify(c4.feedback),
      ]);
      await db.query(
        `INSERT INTO analyses (feedback_event_id, analyzer_name, analyzer_version, tenant_id, language, sentiment_label, sentiment_score, sentiment_confidence, themes, key_phrases, analyzed_at, occurred_at)
         VALUES ($1, 'fixture', '1', $2, 'en', 'negative', -0.7, 0.9, $3, '[]', now(), $4)`,
        [c4.feedback.eventId, tenant, JSON.stringify(c4.analysis.themes), c4.feedback.occurredAt],
      );
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  }, 240000);

  afterAll(async () => {
    await browser?.close();
    await producer?.disconnect();
    await Promise.all(services.map((s) => stopService(s)));
  });

  it('says how to get a key, and a wrong key gets a clear error and no data', async () => {
    await page.goto(DASHBOARD);
    expect(await page.textContent('#welcome')).toContain('--scopes reports:read,cases:write');
    await signIn(page, 'lk_wrong-key-0000000000000');
    await page.waitForSelector('#error:not(:empty)');
    const error = await page.textContent('#error');
    expect(error).toContain('This API key was refused (401: the API key is not valid or has been revoked)');
    expect(error).toContain('pasted the whole apiKey');
    expect(await page.locator('body.signed-in').count()).toBe(0);
    expect(await page.locator('#view *').count()).toBe(0);
    await shot('wrong-key');
  });

  it('shows NPS, CSAT, CES and sentiment as trends over the range, and narrows them by language', async () => {
    await signIn(page, apiKey);
    await ready(page, 'overview');
    expect(await page.textContent('#error')).toBe('');
    expect(await page.textContent('#who')).toContain(tenant);
    // One dot per day with answers: a line, not a single point.
    expect(await page.locator('figure[data-metric="nps"] circle').count()).toBeGreaterThanOrEqual(5);
    expect(await page.textContent('figure[data-metric="nps"] .caption')).toMatch(/since \d{4}-\d{2}-\d{2}/);
    expect(await page.locator('figure[data-metric="sentiment"] circle').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('figure[data-metric="csat"] circle').count()).toBe(5);
    expect(await page.locator('figure[data-metric="ces"] circle').count()).toBe(5);
    expect(await page.textContent('#trend-summary')).toContain('Feedback items: 52 in');
    await shot('trends');

    await page.selectOption('#f-language', 'de');
    await page.waitForSelector('#trend-summary:has-text("Feedback items: 1 in")');
    expect(await page.textContent('figure[data-metric="nps"] .latest')).toBe('100');
    await page.selectOption('#f-language', '');
    await page.waitForSelector('#trend-summary:has-text("Feedback items: 52 in")');
    await page.selectOption('#f-segment', 'smb');
    await page.waitForSelector('#trend-summary:has-text("Feedback items: 1 in")');
    await page.selectOption('#f-segment', '');
    await page.waitForSelector('#trend-summary:has-text("Feedback items: 52 in")');
  });

  it("gives a touchpoint owner's key its touchpoint only", async () => {
    const ownerKey = createApiKey(tenant, 'app-owner', ['reports:read', 'cases:write'], ['--touchpoints', 'app']).apiKey;
    const owner = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await owner.goto(DASHBOARD);
    await signIn(owner, ownerKey);
    await ready(owner, 'overview');
    // The 34 login complaints at the app, nothing from the delivery surveys.
    expect(await owner.textContent('#trend-summary')).toContain('Feedback items: 34 in');
    // The touchpoint filter is fixed to theirs, and views that cannot narrow to a touchpoint are not offered.
    expect(await owner.locator('#f-touchpoint option').allTextContents()).toEqual(['app']);
    expect(await owner.locator('#f-touchpoint').isDisabled()).toBe(true);
    expect(await owner.textContent('#who')).toContain('App owner — sees touchpoint app');
    expect(await owner.locator('#nav a').allTextContents()).toEqual(['Trends', 'Drivers', 'Themes & verbatims', 'Emerging issues', 'Cases']);
    await owner.close();
    const outside = await fetch(`http://127.0.0.1:${PORTS.rootCause}/v1/explore/verbatims?touchpoint=delivery`, { headers: { authorization: `Bearer ${ownerKey}` } });
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as { message: string }).message).toContain('this API key sees only touchpoints app');
  });

  it('lists drivers by label, says what the sign means, flags small samples, and shows the redacted words behind each', async () => {
    await open('Drivers', 'drivers');
    const first = page.locator('#view-drivers tbody tr').first();
    expect(await first.locator('.theme-label').textContent()).toBe('Delivery & shipping');
    expect(await first.locator('.reading').textContent()).toMatch(/^costs \d+(\.\d)? NPS points$/);
    expect(await first.textContent()).toContain('small sample: 7 answers');
    // A theme no NPS answer mentions is not given an effect it cannot have.
    expect(await page.locator('#view-drivers tbody tr', { hasText: 'Login' }).locator('.reading').textContent()).toBe('not measurable: no NPS answers mention it');
    expect(await page.textContent('#view-drivers .note')).toContain('NPS would be 5 points higher without those complaints');
    // The verbatims behind delivery are the stored, redacted texts, word for word.
    await page.waitForSelector('#driver-verbatims li.verbatim');
    const shown = (await page.locator('#driver-verbatims blockquote').allTextContents()).sort();
    const stored = await withStore(async (db) =>
      (await db.query(`SELECT t.text FROM complaint_texts t JOIN feedback_facts f USING (feedback_event_id) WHERE f.tenant_id = $1 AND 'delivery' = ANY(f.themes)`, [tenant])).rows.map((r) => r.text as string).sort(),
    );
    expect(shown).toEqual(stored);
    expect(shown.some((t) => t.includes('[EMAIL]'))).toBe(true);
    await shot('drivers');

    await page.locator('#view-drivers tbody tr', { hasText: 'Price & value' }).click();
    await page.waitForSelector('#driver-verbatims h2:has-text("Price & value")');
    expect(await page.locator('#view-drivers tbody tr', { hasText: 'Price & value' }).locator('.reading').textContent()).toMatch(/^adds \d+(\.\d)? NPS points$/);
    expect(await page.textContent('#driver-verbatims')).toContain('Sehr guter Preis');
  });

  it('shows every theme with its verbatims, filtered by sentiment', async () => {
    await open('Themes & verbatims', 'themes');
    await page.locator('#view-themes tbody tr', { hasText: 'Login' }).click();
    await page.waitForSelector('#theme-verbatims h2:has-text("Login")');
    expect(await page.locator('#theme-verbatims li.verbatim').count()).toBe(20);
    await page.locator('#view-themes tbody tr', { hasText: 'Price & value' }).click();
    await page.waitForSelector('#theme-verbatims h2:has-text("Price & value")');
    await page.click('#theme-verbatims button:has-text("negative")');
    await page.waitForSelector('#theme-verbatims .empty');
    await page.click('#theme-verbatims button:has-text("positive")');
    await page.waitForSelector('#theme-verbatims li.verbatim.positive');
    await shot('themes');
  });

  it('shows the emerging issue with its evidence and the complaints behind it', async () => {
    await open('Emerging issues', 'emerging');
    const row = page.locator('#view-emerging tbody tr').first();
    expect(await row.textContent()).toContain('Login');
    expect(await row.textContent()).toContain('app');
    await page.waitForSelector('#issue-evidence li.verbatim');
    // The evidence is the count when the issue opened (the burst may still have been arriving); the words are all of it.
    expect(await page.textContent('#issue-evidence .evidence')).toMatch(/^\d+ negative mentions out of \d+ items in the hour from /);
    const words = await page.locator('#issue-evidence blockquote').allTextContents();
    expect(words.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Login fails with an error, try ${i}`).sort());
    await shot('emerging');
  });

  it('works the case queue: a deep link opens a case, which is acknowledged, assigned and resolved', async () => {
    const caseId = await eventually('the case of customer c3', () =>
      withStore(async (db) => (await db.query('SELECT case_id FROM case_feedback WHERE feedback_event_id = $1', [byName.c3.feedback.eventId])).rows[0]?.case_id as string | undefined),
    60000);
    const caseRow = () => withStore(async (db) => (await db.query('SELECT status, assignee, root_cause_code FROM cases WHERE case_id = $1', [caseId])).rows[0]);

    await open('Cases', 'cases');
    expect(await page.locator('#view-cases tbody tr', { hasText: 'key-account-management' }).count()).toBe(1);
    await shot('cases');

    // The link an alert carries, opened in a new tab: sign in first, then the case itself.
    const tab = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await tab.goto(`${DASHBOARD}#/cases/${caseId}`);
    await signIn(tab, apiKey);
    await ready(tab, 'cases');
    expect(await tab.textContent('#view-cases h2')).toBe(`Case ${caseId}`);
    expect(await tab.textContent('#view-cases')).toContain('My delivery is two weeks late. Call me on [PHONE]');

    await tab.fill('#ack-by', 'ana');
    await tab.click('#ack-form button');
    await tab.waitForSelector('#case-result:has-text("Done: acknowledge")');
    expect(await caseRow()).toMatchObject({ status: 'acknowledged' });

    await tab.fill('#assignee', 'ana');
    await tab.click('#assign-form button');
    await tab.waitForSelector('#case-result:has-text("Done: assign")');
    expect(await caseRow()).toMatchObject({ status: 'acknowledged', assignee: 'ana' });

    // A bad root-cause code: the API's 400 naming the field, and the case unchanged.
    await tab.fill('#root-cause', 'not a code!');
    await tab.click('#resolve-form button');
    await tab.waitForSelector('#case-result.bad');
    expect(await tab.textContent('#case-result')).toContain('400: rootCauseCode: rootCauseCode must be 1-64 letters');
    expect(await caseRow()).toMatchObject({ status: 'acknowledged', root_cause_code: null });

    await tab.fill('#root-cause', 'LATE_DELIVERY');
    await tab.fill('#resolve-note', 'courier replaced');
    await tab.click('#resolve-form button');
    await tab.waitForSelector('#case-result:has-text("Done: resolve")');
    expect(await caseRow()).toMatchObject({ status: 'resolved', assignee: 'ana', root_cause_code: 'LATE_DELIVERY' });
    expect(await tab.textContent('[data-fact="status"]')).toBe('resolved (root cause LATE_DELIVERY)');
    await tab.screenshot({ path: join(OUTPUT, 'dashboard-case.png'), fullPage: true });
    await tab.close();
  });

  it('corrects a misread item from its verbatim, through the sentiment service', async () => {
    await open('Drivers', 'drivers');
    await page.waitForSelector(`#driver-verbatims li[data-id="${byName.c4.feedback.eventId}"]`);
    await page.click(`#driver-verbatims li[data-id="${byName.c4.feedback.eventId}"] a.correct-link`);
    await ready(page, 'corrections');
    expect(await page.inputValue('#c-id')).toBe(byName.c4.feedback.eventId);
    expect(await page.textContent('#correction-item')).toContain('The courier never rang the bell');
    await page.selectOption('#c-sentiment', 'neutral');
    await page.fill('#c-added', 'courier');
    await page.fill('#c-by', 'ana');
    await page.click('#correct button[type=submit]');
    await page.waitForSelector('#correction-result:not(:empty)');
    expect(await page.textContent('#correction-result')).toMatch(/^Recorded\. This tenant is now analysed with \S+\+adapt\.1\./);
    const stored = await withStore(async (db) => (await db.query('SELECT corrected_label, themes_added, corrected_by FROM corrections WHERE tenant_id = $1', [tenant])).rows);
    expect(stored).toEqual([{ corrected_label: 'neutral', themes_added: ['courier'], corrected_by: 'ana' }]);
    await shot('corrections');
  });
});
