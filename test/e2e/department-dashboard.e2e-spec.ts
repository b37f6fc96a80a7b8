import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Browser, chromium, Page } from 'playwright-core';
import { createApiKey } from '../support/api-keys';
import { call } from '../support/http';
import { REPO_ROOT } from '../support/service-process';
import { startStack, Stack, stopStack } from '../support/stack';
import { eventually, withStore } from '../support/store';

// Ports 28001-28004: ingestion, sentiment, routing, root-cause.
const BASE_PORT = 28000;
const ROOT_CAUSE = `http://127.0.0.1:${BASE_PORT + 4}`;
const DASHBOARD = `${ROOT_CAUSE}/dashboard`;
const OUTPUT = join(REPO_ROOT, 'test', 'output');

// Each department's own view, as a person sees it: feedback with touchpoints and B2B accounts goes through the real
// pipeline (ingestion → sentiment → root-cause, routing's cases), then a touchpoint owner and an account manager
// sign in to the dashboard in headless Chromium, click through their pages, and see their part of the tenant only.
describe('department views in the dashboard', () => {
  const tenant = `dd-${randomUUID().slice(0, 8)}`;
  let stack: Stack;
  let browser: Browser;
  let adminKey: string;
  let checkoutKey: string;
  let acmeKey: string;
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

  // Two touchpoints, two B2B accounts, and a B2C customer with no account. Contacts in the words are redacted on the way in.
  const items = [
    { externalId: 'c1', touchpoint: 'checkout', account: 'acme', customer: 'acme-ann', nps: 1, value: 240_000, text: 'The checkout failed three times and I was charged twice, terrible. Write to ann@acme.example' },
    { externalId: 'c2', touchpoint: 'checkout', account: 'acme', customer: 'acme-bob', nps: 9, value: 240_000, text: 'Checkout was quick and easy, great.' },
    { externalId: 'c3', touchpoint: 'checkout', account: 'globex', customer: 'globex-cy', nps: 2, value: 80_000, text: 'Payment page crashed, I am very disappointed.' },
    { externalId: 'd1', touchpoint: 'delivery', account: 'acme', customer: 'acme-dan', nps: 0, value: 240_000, text: 'The parcel arrived broken and late, awful service.' },
    { externalId: 'd2', touchpoint: 'delivery', account: 'globex', customer: 'globex-eve', nps: 3, value: 80_000, text: 'Delivery was two weeks late, really bad.' },
    { externalId: 'd3', touchpoint: 'delivery', account: null, customer: 'solo-fay', nps: 1, value: 1_000, text: 'Late again and nobody answers the phone, horrible.' },
  ];
  const DELIVERY_WORDS = ['parcel arrived broken', 'two weeks late', 'nobody answers the phone'];

  const newPage = () => browser.newPage({ viewport: { width: 1360, height: 900 } });
  const signIn = async (page: Page, key: string) => {
    await page.fill('#key', key);
    await page.click('#sign-in');
  };
  const casesWhere = (sql: string, value: string) =>
    withStore(async (db) => (await db.query(`SELECT case_id FROM cases WHERE tenant_id = $1 AND ${sql} = $2 ORDER BY case_id`, [tenant, value])).rows.map((r) => r.case_id as string));

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    stack = await startStack(BASE_PORT, {
      routing: { ESCALATION_SWEEP_MS: '0' },
      'root-cause': { ROUTING_URL: `http://127.0.0.1:${BASE_PORT + 3}`, SENTIMENT_PUBLIC_URL: `http://127.0.0.1:${BASE_PORT + 2}` },
    });
    const ingestKey = createApiKey(tenant, 'survey-tool', ['ingest']).apiKey;
    adminKey = createApiKey(tenant, 'cx-lead', ['reports:read', 'cases:write']).apiKey;
    checkoutKey = createApiKey(tenant, 'checkout-team', ['reports:read', 'cases:write'], ['--touchpoints', 'checkout']).apiKey;
    acmeKey = createApiKey(tenant, 'acme-account-manager', ['reports:read', 'cases:write'], ['--accounts', 'acme']).apiKey;
    const res = await call(stack.ingestion.url, 'POST', '/v1/feedback/batch', ingestKey, {
      items: items.map((i, n) => ({
        externalId: i.externalId,
        channel: 'survey',
        occurredAt: at(30 - n),
        text: i.text,
        scores: { nps: i.nps },
        touchpoint: { journey: i.touchpoint },
        customer: { id: i.customer, annualValue: i.value, ...(i.account ? { accountId: i.account } : {}) },
      })),
    });
    expect(res.status).toBe(200);
    // Settled: every item counted, every detractor's case opened and mirrored per account for root-cause.
    await withStore(async (db) => {
      await eventually('facts for every item', async () => (await db.query('SELECT count(*)::int AS n FROM feedback_facts WHERE tenant_id = $1', [tenant])).rows[0].n === items.length, 60000);
      await eventually('a case per detractor', async () => (await db.query('SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1', [tenant])).rows[0].n === 5, 60000);
      await eventually('account read model', async () => (await db.query('SELECT count(*)::int AS n FROM case_summaries WHERE tenant_id = $1 AND account_id IS NOT NULL', [tenant])).rows[0].n === 4, 60000);
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stopStack(stack);
  });

  it("lands a touchpoint owner on their touchpoint's trends, verbatims and cases, with the filter fixed and nothing from another touchpoint", async () => {
    const page = await newPage();
    // A link to a page their key cannot use (Accounts) lands them on their own instead of an error.
    await page.goto(`${DASHBOARD}#/accounts`);
    await signIn(page, checkoutKey);
    await page.waitForSelector('#view-overview[data-ready]');
    expect(await page.textContent('#error')).toBe('');
    expect(new URL(page.url()).hash).toBe('#/overview');
    expect(await page.textContent('#who')).toBe(`Checkout team — sees touchpoint checkout · tenant ${tenant}`);
    expect(await page.locator('#nav a').allTextContents()).toEqual(['Trends', 'Drivers', 'Themes & verbatims', 'Emerging issues', 'Cases']);
    expect(await page.locator('#f-touchpoint option').allTextContents()).toEqual(['checkout']);
    expect(await page.locator('#f-touchpoint').isDisabled()).toBe(true);
    expect(await page.textContent('#trend-summary')).toContain('Feedback items: 3 in');

    // Every theme's verbatims: the checkout complaints (redacted), none from delivery.
    await page.click('#nav a[data-view="themes"]');
    await page.waitForSelector('#view-themes[data-ready]');
    const shown = new Set<string>();
    const labels = await page.locator('#view-themes tbody tr .theme-label').allTextContents();
    for (const label of labels) {
      await page.locator('#view-themes tbody tr', { has: page.locator('.theme-label', { hasText: label }) }).first().click();
      await page.waitForSelector(`#theme-verbatims h2:has-text(${JSON.stringify(label)})`);
      for (const meta of await page.locator('#theme-verbatims li.verbatim .meta').allTextContents()) expect(meta).toContain(' · checkout · ');
      for (const words of await page.locator('#theme-verbatims blockquote').allTextContents()) shown.add(words);
    }
    if (labels.length === 0) for (const words of await page.locator('#theme-verbatims blockquote').allTextContents()) shown.add(words);
    expect(shown).toContain('The checkout failed three times and I was charged twice, terrible. Write to [EMAIL]');
    const checkoutWords = items.filter((i) => i.touchpoint === 'checkout').map((i) => i.text.replace('ann@acme.example', '[EMAIL]'));
    for (const words of shown) expect(checkoutWords).toContain(words);
    const text = await page.textContent('#view');
    for (const words of DELIVERY_WORDS) expect(text).not.toContain(words);
    expect(text).not.toContain('ann@acme.example');
    // No link to the tenant-wide corrections page, which their key does not have.
    expect(await page.locator('#theme-verbatims a.correct-link').first().isVisible()).toBe(false);
    await page.locator('#view-themes tbody tr').first().click();
    await page.waitForSelector(`#theme-verbatims h2:has-text(${JSON.stringify(labels[0])})`);
    await page.screenshot({ path: join(OUTPUT, 'dashboard-touchpoint-owner.png'), fullPage: true });

    // Their case queue: the two checkout detractors; a delivery case's link is answered like a missing case.
    const checkoutCases = await casesWhere('touchpoint', 'checkout');
    await page.click('#nav a[data-view="cases"]');
    await page.waitForSelector('#view-cases[data-ready] tbody tr');
    expect((await page.locator('#view-cases tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')))).sort()).toEqual(checkoutCases);
    await page.locator('#view-cases tbody tr', { hasText: checkoutCases[0].slice(0, 8) }).click();
    await page.waitForSelector(`#view-cases h2:has-text("Case ${checkoutCases[0]}")`);
    await page.waitForSelector('#view-cases[data-ready]');
    const caseText = await page.textContent('#view-cases');
    expect(caseText).toMatch(/The checkout failed three times|Payment page crashed/);
    for (const words of DELIVERY_WORDS) expect(caseText).not.toContain(words);
    const [deliveryCase] = await casesWhere('touchpoint', 'delivery');
    await page.goto(`${DASHBOARD}#/cases/${deliveryCase}`);
    await page.waitForSelector('#error:not(:empty)');
    expect(await page.textContent('#error')).toContain('answered 404');
    expect(await page.locator('#view-cases h2').count()).toBe(0);
    await page.close();
  });

  it('lands an account manager on Accounts: their account ranked, its redacted feedback and open cases, no other account', async () => {
    const whole = await call<{ items: { accountId: string; revenueAtRisk: number; openCases: number }[] }>(ROOT_CAUSE, 'GET', '/v1/accounts', adminKey);
    const acme = whole.body.items.find((a) => a.accountId === 'acme')!;
    const page = await newPage();
    await page.goto(DASHBOARD);
    await signIn(page, acmeKey);
    await page.waitForSelector('#view-accounts[data-ready] tbody tr');
    expect(await page.textContent('#error')).toBe('');
    expect(new URL(page.url()).hash).toBe('#/accounts');
    expect(await page.textContent('#who')).toBe(`Acme account manager — sees account acme · tenant ${tenant}`);
    // Only the pages that narrow to accounts; no per-touchpoint filters, which their key cannot read.
    expect(await page.locator('#nav a').allTextContents()).toEqual(['Cases', 'Accounts']);
    expect(await page.locator('#f-touchpoint').isVisible()).toBe(false);
    expect(await page.locator('#view-accounts .account-id').allTextContents()).toEqual(['acme']);
    const row = page.locator('#view-accounts tbody tr').first();
    expect(await row.locator('.risk').textContent()).toBe(Math.round(acme.revenueAtRisk).toLocaleString('en-US'));
    expect(await row.textContent()).toContain('240,000');
    expect(await page.textContent('#view')).not.toContain('globex');

    // The account: its three respondents' feedback (complaints with their redacted words) and its two open cases.
    await row.click();
    await page.waitForSelector('#view-accounts h2:has-text("Account acme")');
    await page.waitForSelector('#view-accounts[data-ready] #account-feedback');
    expect(new URL(page.url()).hash).toBe('#/accounts/acme');
    expect(await page.locator('#account-feedback li.verbatim').count()).toBe(3);
    const words = await page.locator('#account-feedback blockquote').allTextContents();
    expect(words).toContain('The checkout failed three times and I was charged twice, terrible. Write to [EMAIL]');
    expect(words).toContain('The parcel arrived broken and late, awful service.');
    const accountText = await page.textContent('#view');
    expect(accountText).not.toContain('ann@acme.example');
    for (const other of ['Payment page crashed', 'Delivery was two weeks late', 'nobody answers the phone', 'globex']) expect(accountText).not.toContain(other);
    const acmeCases = await casesWhere('account_id', 'acme');
    expect((await page.locator('#view-accounts a.case-link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).sort()).toEqual(acmeCases.map((id) => `#/cases/${id}`));
    expect(await page.textContent('[data-fact="open cases"]')).toBe('2');
    await page.screenshot({ path: join(OUTPUT, 'dashboard-accounts.png'), fullPage: true });

    // A case link opens the case; its page points back to the account for the customer's words.
    await page.locator('#view-accounts a.case-link').first().click();
    await page.waitForSelector('#view-cases h2:has-text("Case ")');
    await page.waitForSelector('#view-cases[data-ready] a.account-link');
    expect(await page.textContent('#error')).toBe('');
    expect(acmeCases).toContain((await page.textContent('#view-cases h2'))!.replace('Case ', ''));
    expect(await page.textContent('[data-fact="status"]')).toBe('open');

    // Another account is answered like one with no feedback at all.
    await page.goto(`${DASHBOARD}#/accounts/globex`);
    await page.waitForSelector('#error:not(:empty)');
    expect(await page.textContent('#error')).toContain('no feedback from account "globex"');
    await page.close();
  });

  it('lets a key with two touchpoints switch between them only; a theme owner is told no page narrows to a theme', async () => {
    const opsKey = createApiKey(tenant, 'ops-lead', ['reports:read'], ['--touchpoints', 'checkout,delivery']).apiKey;
    const billingKey = createApiKey(tenant, 'billing-team', ['reports:read'], ['--themes', 'billing']).apiKey;
    const page = await newPage();
    await page.goto(DASHBOARD);
    await signIn(page, opsKey);
    await page.waitForSelector('#view-overview[data-ready] #trend-summary');
    expect(await page.textContent('#who')).toBe(`Ops lead — sees touchpoints checkout, delivery · tenant ${tenant}`);
    expect(await page.locator('#f-touchpoint option').allTextContents()).toEqual(['checkout', 'delivery']);
    expect(await page.locator('#f-touchpoint').isDisabled()).toBe(false);
    expect(await page.textContent('#trend-summary')).toContain('Feedback items: 3 in');
    await page.selectOption('#f-touchpoint', 'delivery');
    await page.waitForSelector('#trend-summary:has-text("Feedback items: 3 in")');
    expect(await page.inputValue('#f-touchpoint')).toBe('delivery');
    // Signing out forgets the key's touchpoint: the next key in this tab starts from all touchpoints.
    await page.click('#logout');
    await signIn(page, billingKey);
    await page.waitForSelector('body.signed-in #view .empty');
    expect(await page.textContent('#who')).toBe(`Billing team — sees theme billing · tenant ${tenant}`);
    expect(await page.locator('#nav a').count()).toBe(0);
    expect(await page.textContent('#view')).toContain('no dashboard page narrows to that view yet');
    expect(await page.textContent('#error')).toBe('');
    await page.click('#logout');
    await signIn(page, adminKey);
    await page.waitForSelector('#view-overview[data-ready] #trend-summary');
    expect(await page.inputValue('#f-touchpoint')).toBe('');
    expect(await page.textContent('#trend-summary')).toContain('Feedback items: 6 in');
    await page.close();
  });

  it('shows a whole-tenant key every account, and every view', async () => {
    const page = await newPage();
    await page.goto(`${DASHBOARD}#/accounts`);
    await signIn(page, adminKey);
    await page.waitForSelector('#view-accounts[data-ready] tbody tr');
    expect(await page.textContent('#who')).toBe(`Cx lead — sees the whole tenant · tenant ${tenant}`);
    expect(await page.locator('#nav a').allTextContents()).toEqual(expect.arrayContaining(['Trends', 'Cases', 'Accounts', 'Corrections']));
    expect(await page.locator('#view-accounts .account-id').allTextContents()).toEqual(['acme', 'globex']);
    expect(await page.locator('#f-touchpoint option').allTextContents()).toEqual(['All touchpoints', 'checkout', 'delivery']);
    await page.close();
  });
});
