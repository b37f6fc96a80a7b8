import { randomUUID } from 'node:crypto';
import { createApiKey, apiKeysCli } from '../support/api-keys';
import { call } from '../support/http';
import { startStack, Stack, stopStack } from '../support/stack';
import { eventually, withStore } from '../support/store';

// Each department's own view: a touchpoint owner's key, a theme owner's key and an account manager's key,
// against the running pipeline. Each sees its own cases, drivers, metrics and accounts, is refused (403)
// whatever lies outside its view, and is refused outright by endpoints that cannot narrow to it.
describe('department views: keys scoped to a touchpoint, a theme or accounts', () => {
  const tenant = `dv-${randomUUID().slice(0, 8)}`;
  let stack: Stack;
  let ingestKey: string;
  let adminKey: string;
  const key = {} as Record<'checkoutOwner' | 'billingOwner' | 'acmeManager' | 'twoTouchpoints', string>;
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

  // Two touchpoints, two B2B accounts (several respondents each), and a B2C customer with no account.
  const items = [
    { externalId: 'c1', touchpoint: 'checkout', account: 'acme', customer: 'acme-ann', nps: 1, value: 240_000, text: 'The checkout failed three times and I was charged twice, terrible.' },
    { externalId: 'c2', touchpoint: 'checkout', account: 'acme', customer: 'acme-bob', nps: 9, value: 240_000, text: 'Checkout was quick and easy, great.' },
    { externalId: 'c3', touchpoint: 'checkout', account: 'globex', customer: 'globex-cy', nps: 2, value: 80_000, text: 'Payment page crashed, I am very disappointed.' },
    { externalId: 'd1', touchpoint: 'delivery', account: 'acme', customer: 'acme-dan', nps: 0, value: 240_000, text: 'The parcel arrived broken and late, awful service.' },
    { externalId: 'd2', touchpoint: 'delivery', account: 'globex', customer: 'globex-eve', nps: 3, value: 80_000, text: 'Delivery was two weeks late, really bad.' },
    { externalId: 'd3', touchpoint: 'delivery', account: null, customer: 'solo-fay', nps: 1, value: 1_000, text: 'Late again and nobody answers the phone, horrible.' },
  ];

  beforeAll(async () => {
    stack = await startStack(27900);
    ingestKey = createApiKey(tenant, 'survey-tool', ['ingest']).apiKey;
    adminKey = createApiKey(tenant, 'cx-lead', ['reports:read', 'cases:write', 'admin']).apiKey;
    key.checkoutOwner = createApiKey(tenant, 'checkout-team', ['reports:read', 'cases:write'], ['--touchpoints', 'checkout']).apiKey;
    key.twoTouchpoints = createApiKey(tenant, 'ops-lead', ['reports:read'], ['--touchpoints', 'checkout,delivery']).apiKey;
    key.billingOwner = createApiKey(tenant, 'billing-team', ['reports:read'], ['--themes', 'billing']).apiKey;
    key.acmeManager = createApiKey(tenant, 'am-acme', ['reports:read', 'cases:write'], ['--accounts', 'acme']).apiKey;
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
    // Settled: every item counted by root-cause, every detractor's case opened and mirrored per account.
    await withStore(async (db) => {
      await eventually('facts for every item', async () => (await db.query('SELECT count(*)::int AS n FROM feedback_facts WHERE tenant_id = $1', [tenant])).rows[0].n === items.length, 60000);
      await eventually('a case per detractor', async () => (await db.query('SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1', [tenant])).rows[0].n === 5, 60000);
      await eventually('account read model', async () => (await db.query('SELECT count(*)::int AS n FROM case_summaries WHERE tenant_id = $1 AND account_id IS NOT NULL', [tenant])).rows[0].n === 4, 60000);
    });
  }, 180_000);

  afterAll(async () => {
    await stopStack(stack);
  });

  it('stores the key\'s view and shows it through /v1/me and api-keys list', async () => {
    const me = await call(stack['root-cause'].url, 'GET', '/v1/me', key.checkoutOwner);
    expect(me.body).toMatchObject({ tenantId: tenant, integrationId: 'checkout-team', view: { touchpoints: ['checkout'], description: 'touchpoints checkout' } });
    const listed = apiKeysCli('list', '--tenant', tenant).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(listed.find((k) => k.integrationId === 'am-acme').restriction).toEqual({ accounts: ['acme'] });
    expect(listed.find((k) => k.integrationId === 'cx-lead').restriction).toBeNull();
  });

  it('a touchpoint owner sees the cases of their touchpoint only, and cannot act on others', async () => {
    const all = await call<{ cases: { caseId: string; touchpoint: string; accountId: string | null }[] }>(stack.routing.url, 'GET', '/v1/cases', adminKey);
    expect(all.body.cases).toHaveLength(5);
    const mine = await call<{ cases: { touchpoint: string }[] }>(stack.routing.url, 'GET', '/v1/cases', key.checkoutOwner);
    expect(mine.body.cases.map((c) => c.touchpoint).sort()).toEqual(['checkout', 'checkout']);
    const delivery = all.body.cases.find((c) => c.touchpoint === 'delivery')!;
    // Outside the view a case is indistinguishable from a missing one, and acting on it changes nothing.
    expect((await call(stack.routing.url, 'GET', `/v1/cases/${delivery.caseId}`, key.checkoutOwner)).status).toBe(404);
    expect((await call(stack.routing.url, 'POST', `/v1/cases/${delivery.caseId}/acknowledge`, key.checkoutOwner, {})).status).toBe(404);
    const status = await withStore(async (db) => (await db.query('SELECT status FROM cases WHERE case_id = $1', [delivery.caseId])).rows[0].status);
    expect(status).toBe('open');
    const checkout = all.body.cases.find((c) => c.touchpoint === 'checkout')!;
    expect((await call(stack.routing.url, 'POST', `/v1/cases/${checkout.caseId}/acknowledge`, key.checkoutOwner, {})).body).toMatchObject({ status: 'acknowledged' });
  });

  it('a touchpoint owner\'s reports are narrowed to their touchpoint; asking for another is a 403', async () => {
    const metrics = await call<{ items: { count: number; npsResponses: number }[] }>(stack['root-cause'].url, 'GET', '/v1/reports/metrics?bucket=hour&from=' + at(180), key.checkoutOwner);
    expect(metrics.status).toBe(200);
    expect(metrics.body.items.reduce((n, b) => n + b.npsResponses, 0)).toBe(3);
    const whole = await call<{ items: { npsResponses: number }[] }>(stack['root-cause'].url, 'GET', '/v1/reports/metrics?bucket=hour&from=' + at(180), adminKey);
    expect(whole.body.items.reduce((n, b) => n + b.npsResponses, 0)).toBe(6);
    const other = await call(stack['root-cause'].url, 'GET', '/v1/reports/metrics?touchpoint=delivery', key.checkoutOwner);
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ reason: 'outside_view', message: 'this API key sees only touchpoints checkout; touchpoint "delivery" is outside its view' });
    const drivers = await call<{ respondents: number }>(stack['root-cause'].url, 'GET', '/v1/reports/drivers', key.checkoutOwner);
    expect(drivers.body.respondents).toBe(3);
    // A key with two touchpoints must say which one.
    const choose = await call(stack['root-cause'].url, 'GET', '/v1/reports/drivers', key.twoTouchpoints);
    expect(choose.status).toBe(400);
    expect((await call<{ respondents: number }>(stack['root-cause'].url, 'GET', '/v1/reports/drivers?touchpoint=delivery', key.twoTouchpoints)).body.respondents).toBe(3);
  });

  it('endpoints that cannot narrow to a view refuse department keys outright', async () => {
    for (const [service, path] of [
      ['root-cause', '/v1/reports/root-causes'],
      ['root-cause', '/v1/reports/cases'],
      ['root-cause', '/v1/accounts'],
    ] as const) {
      const res = await call(stack[service].url, 'GET', path, key.checkoutOwner);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ reason: 'view_restricted' });
    }
    // A theme owner has no case queue (cases carry no themes) and no revenue report across themes.
    expect((await call(stack.routing.url, 'GET', '/v1/cases', key.billingOwner)).body).toMatchObject({ reason: 'view_restricted' });
    expect((await call(stack['root-cause'].url, 'GET', '/v1/reports/revenue-at-risk', key.billingOwner)).status).toBe(403);
  });

  it('a theme owner sees only their theme\'s drivers, without the tenant-wide baseline', async () => {
    const drivers = await call<{ overallNps: number | null; items: { theme: string }[] }>(stack['root-cause'].url, 'GET', '/v1/reports/drivers', key.billingOwner);
    expect(drivers.status).toBe(200);
    expect(drivers.body.overallNps).toBeNull();
    // "charged twice" and "Payment page crashed" are billing complaints; the delivery ones are not shown.
    expect(drivers.body.items.map((d) => d.theme)).toEqual(['billing']);
    expect((await call(stack['root-cause'].url, 'GET', '/v1/reports/metrics?theme=delivery', key.billingOwner)).status).toBe(403);
  });

  it('an account manager sees their accounts ranked by revenue at risk, with feedback and open cases, and nothing else', async () => {
    const whole = await call<{ items: { accountId: string; revenueAtRisk: number; respondents: number; openCases: number }[] }>(stack['root-cause'].url, 'GET', '/v1/accounts', adminKey);
    expect(whole.body.items.map((a) => a.accountId)).toEqual(['acme', 'globex']);
    expect(whole.body.items[0]).toMatchObject({ accountId: 'acme', respondents: 3, openCases: 2 });
    // acme: 240k contract; respondents a detractor, a promoter, a detractor → mean churn (0.25 + 0.02 + 0.25) / 3.
    expect(whole.body.items[0].revenueAtRisk).toBeCloseTo(240_000 * (0.52 / 3), 0);

    const mine = await call<{ items: { accountId: string }[] }>(stack['root-cause'].url, 'GET', '/v1/accounts', key.acmeManager);
    expect(mine.body.items.map((a) => a.accountId)).toEqual(['acme']);
    const acme = await call<{ recentFeedback: { touchpoint: string }[]; cases: { status: string }[]; openCases: number }>(stack['root-cause'].url, 'GET', '/v1/accounts/acme', key.acmeManager);
    expect(acme.body.recentFeedback).toHaveLength(3);
    expect(acme.body.openCases).toBe(2);
    expect((await call(stack['root-cause'].url, 'GET', '/v1/accounts/globex', key.acmeManager)).status).toBe(404);
    const cases = await call<{ cases: { accountId: string }[] }>(stack.routing.url, 'GET', '/v1/cases', key.acmeManager);
    expect(cases.body.cases.map((c) => c.accountId)).toEqual(['acme', 'acme']);
    // Aggregate reports span every account: an account manager's key cannot read them.
    expect((await call(stack['root-cause'].url, 'GET', '/v1/reports/metrics', key.acmeManager)).body).toMatchObject({ reason: 'view_restricted' });
  });
});
