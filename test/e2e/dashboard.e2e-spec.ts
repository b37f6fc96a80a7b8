import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { Browser, chromium } from 'playwright-core';
import { analyzedEvent, AnalyzedSpec, publishAnalyzed } from '../support/analyzed-fixtures';
import { createApiKey } from '../support/api-keys';
import { testKafka } from '../support/kafka-probe';
import { REPO_ROOT, RunningService, startService, stopService } from '../support/service-process';
import { eventually, withStore } from '../support/store';

const PORT = 21301;

// What a CX analyst sees: the dashboard in headless Chromium, with real data behind it.
describe('CX dashboard', () => {
  const tenant = `dash-${randomUUID().slice(0, 6)}`;
  let service: RunningService;
  let producer: Producer;
  let browser: Browser;
  let apiKey: string;

  beforeAll(async () => {
    apiKey = createApiKey(tenant, 'dashboard').apiKey;
    service = await startService('root-cause', PORT);
    producer = testKafka().producer();
    await producer.connect();
    const hourStart = Math.floor(Date.now() / 3600_000) * 3600_000;
    const at = (hoursAgo: number, minute = 5) => new Date(hourStart - hoursAgo * 3600_000 + minute * 60_000).toISOString();
    const specs: AnalyzedSpec[] = [
      { tenantId: tenant, at: at(30), nps: 10, customerId: 'c1', value: 5000 },
      { tenantId: tenant, at: at(30), nps: 9, customerId: 'c2', value: 5000, themes: ['price'] },
      { tenantId: tenant, at: at(29), nps: 2, customerId: 'c3', value: 80000, themes: ['delivery'] },
      { tenantId: tenant, at: at(29), nps: 3, customerId: 'c4', value: 1000, themes: ['delivery'] },
      // A quiet day of one negative login complaint per hour, then a burst in the last full hour.
      ...Array.from({ length: 24 }, (_, h): AnalyzedSpec => ({ tenantId: tenant, at: at(25 - h), touchpoint: 'app', themes: ['login'], label: 'negative' })),
      ...Array.from({ length: 10 }, (_, i): AnalyzedSpec => ({ tenantId: tenant, at: at(1, i), touchpoint: 'app', themes: ['login'], label: 'negative' })),
    ];
    // History first, then the burst: the burst is judged against a baseline that is already stored.
    const burst = specs.splice(specs.length - 10, 10);
    await publishAnalyzed(producer, specs.map(analyzedEvent));
    await eventually('the history stored', () =>
      withStore(async (db) => (await db.query('SELECT count(*)::int AS n FROM feedback_facts WHERE tenant_id = $1', [tenant])).rows[0].n === specs.length),
    60000);
    await publishAnalyzed(producer, burst.map(analyzedEvent));
    await eventually('the emerging issue', () =>
      withStore(async (db) => (await db.query(`SELECT 1 FROM emerging_issues WHERE tenant_id = $1 AND status = 'open'`, [tenant])).rowCount === 1),
    60000);
    // An open case already past its SLA, as the routing service would have stored it.
    await withStore((db) =>
      db.query(
        `INSERT INTO cases (case_id, tenant_id, customer_key, status, priority, owner_team, receiver, opened_at, due_at, last_alert_at)
         VALUES ($1, $2, 'customer:c3', 'open', 'p1', 'key-account-management', 'key-accounts', now() - interval '6 hours', now() - interval '2 hours', now() - interval '6 hours')`,
        [randomUUID(), tenant],
      ),
    );
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await producer?.disconnect();
    if (service) await stopService(service);
  });

  it('shows the NPS trend, top causes by NPS points and by revenue, emerging issues and cases past SLA', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`http://127.0.0.1:${PORT}/dashboard`);
    await page.fill('#key', apiKey);
    await page.click('button[type=submit]');
    await page.waitForSelector('#latest-nps');

    expect(await page.locator('svg[aria-label="NPS trend"] circle').count()).toBeGreaterThanOrEqual(1);
    expect(await page.textContent('#latest-nps')).toBe('0'); // 2 promoters, 2 detractors
    const drivers = await page.locator('#drivers tbody tr').allTextContents();
    expect(drivers[0]).toMatch(/^delivery/);
    const revenue = await page.locator('#revenue tbody tr').allTextContents();
    expect(revenue[0]).toMatch(/^delivery20,250/); // c3 80,000 × .25 + c4 1,000 × .25
    expect(await page.textContent('#emerging')).toContain('login');
    const cases = await page.locator('#cases tbody tr').allTextContents();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toContain('key-account-management');
    expect(await page.textContent('#error')).toBe('');

    mkdirSync(join(REPO_ROOT, 'test', 'output'), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, 'test', 'output', 'dashboard.png'), fullPage: true });
  });

  it('shows an error and no data for a wrong key', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/dashboard`);
    await page.fill('#key', 'lk_wrong-key-0000000000000');
    await page.click('button[type=submit]');
    await page.waitForSelector('#error:not(:empty)');
    expect(await page.textContent('#error')).toContain('401');
    expect(await page.locator('#drivers tbody tr').count()).toBe(0);
  });
});
