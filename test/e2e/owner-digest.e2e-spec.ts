import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import { CASE_EVENT_TYPE, CaseEvent, newCloudEvent, toKafkaRecord, Topics } from '@loops/contracts';
import { analyzedEvent, publishAnalyzed } from '../support/analyzed-fixtures';
import { createApiKey } from '../support/api-keys';
import { call } from '../support/http';
import { testKafka } from '../support/kafka-probe';
import { slackPayloadProblems, startChatSink, startSmtpSink } from '../support/receiver-sinks';
import { RunningService, startService, stopService } from '../support/service-process';
import { eventually, withStore } from '../support/store';

const ROOT_CAUSE_PORT = 27951;
const SMTP_PORT = 27952;
const SLACK_PORT = 27953;
const SMTP = { user: 'digest-bot', pass: `pw-${randomUUID()}` };

// A weekly (here: daily) digest that reaches its owner: their goal with its progress, a new emerging issue,
// the driver costing most NPS points, their action due, and a case past its SLA, delivered by e-mail to a real
// SMTP server and to a Slack incoming webhook, once per period, and readable afterwards as a page.
describe('owner digests through the receivers', () => {
  const tenant = `dg-${randomUUID().slice(0, 8)}`;
  let rootCause: RunningService;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let slack: Awaited<ReturnType<typeof startChatSink>>;
  let producer: Producer;
  let adminKey: string;
  // The newest due period of a daily digest at the previous hour: stable for 23 hours, whenever the test runs.
  const hourUtc = (new Date().getUTCHours() + 23) % 24;
  const HOUR = 3_600_000;
  const periodEnd = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
  const period = { from: new Date(periodEnd - 24 * HOUR), to: new Date(periodEnd) };
  const inPeriod = (minutesBeforeEnd: number) => new Date(period.to.getTime() - minutesBeforeEnd * 60_000).toISOString();

  beforeAll(async () => {
    smtp = await startSmtpSink(SMTP_PORT, SMTP);
    slack = await startChatSink(SLACK_PORT, slackPayloadProblems);
    rootCause = await startService('root-cause', ROOT_CAUSE_PORT, {
      DIGEST_POLL_MS: '500',
      LOOPS_DASHBOARD_URL: `http://127.0.0.1:${ROOT_CAUSE_PORT}`,
      DIGEST_SMTP_URL: `smtp://${SMTP.user}:${SMTP.pass}@127.0.0.1:${SMTP_PORT}`,
      DIGEST_SLACK_URL: `http://127.0.0.1:${SLACK_PORT}/services/T000/B000/digest`,
      WEBHOOK_ALLOWED_HOSTS: `127.0.0.1:${SLACK_PORT}`,
    });
    adminKey = createApiKey(tenant, 'cx-programme', ['reports:read', 'cases:write', 'admin']).apiKey;
    producer = testKafka().producer();
    await producer.connect();

    // Checkout in the period: 40 promoters, 60 detractors who complain about billing (NPS −20); delivery is fine.
    await publishAnalyzed(producer, [
      ...Array.from({ length: 40 }, (_, i) => analyzedEvent({ tenantId: tenant, at: inPeriod(30 + (i % 20)), nps: 10, touchpoint: 'checkout', customerId: `p${i}` })),
      ...Array.from({ length: 60 }, (_, i) => analyzedEvent({ tenantId: tenant, at: inPeriod(40 + (i % 20)), nps: 2, touchpoint: 'checkout', themes: ['billing'], customerId: `d${i}` })),
      ...Array.from({ length: 5 }, (_, i) => analyzedEvent({ tenantId: tenant, at: inPeriod(50 + i), nps: 9, touchpoint: 'delivery', customerId: `q${i}` })),
    ]);
    // A case routing opened at checkout whose SLA ran out an hour ago, as routing publishes it on cases.v1.
    const overdue: CaseEvent = {
      eventId: randomUUID(), caseId: randomUUID(), tenantId: tenant, kind: 'opened', status: 'open', priority: 'p2', ownerTeam: 'payments',
      dueAt: new Date(Date.now() - 3_600_000).toISOString(), escalationLevel: 0, touchpoint: 'checkout', at: inPeriod(45),
    };
    const record = toKafkaRecord(newCloudEvent({ type: CASE_EVENT_TYPE, source: 'fixture', id: overdue.eventId, data: overdue }), overdue.caseId);
    await producer.send({ topic: Topics.cases, messages: [{ key: record.key, value: record.value, headers: record.headers }] });
    await withStore(async (db) => {
      await eventually('facts', async () => (await db.query('SELECT count(*)::int AS n FROM feedback_facts WHERE tenant_id = $1', [tenant])).rows[0].n === 105, 60_000);
      await eventually('case summary', async () => (await db.query('SELECT count(*)::int AS n FROM case_summaries WHERE tenant_id = $1', [tenant])).rows[0].n === 1, 60_000);
      // The emerging-issue detector has its own end-to-end test; here one opened in the period is given.
      await db.query(
        `INSERT INTO emerging_issues (issue_id, tenant_id, touchpoint, theme, status, opened_bucket, evidence) VALUES ($1, $2, 'checkout', 'billing', 'open', $3, '{}')`,
        [randomUUID(), tenant, inPeriod(60)],
      );
    });
    const goal = await call(rootCause.url, 'POST', '/v1/goals', adminKey, {
      name: 'Checkout NPS <b>30</b> & up',
      metric: 'nps',
      target: 30,
      touchpoint: 'checkout',
      periodStart: new Date(period.from.getTime() - 7 * 86_400_000).toISOString(),
      periodEnd: new Date(period.to.getTime() + 30 * 86_400_000).toISOString(),
      owner: 'checkout-team',
    });
    expect(goal.status).toBe(201);
    const action = await call(rootCause.url, 'POST', '/v1/actions', adminKey, {
      targetKind: 'driver', theme: 'billing', touchpoint: 'checkout', change: 'Retry card payments once before failing', owner: 'checkout-team',
      dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    expect(action.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await producer?.disconnect();
    if (rootCause) await stopService(rootCause);
    await smtp?.close();
    await slack?.close();
  });

  it('refuses subscriptions with inline secrets or without exactly one receiver, naming the problem', async () => {
    const inline = await call(rootCause.url, 'POST', '/v1/digests/subscriptions', adminKey, { owner: 'x', deliver: { slack: { url: 'https://hooks.slack.com/services/T/B/secret' } } });
    expect(inline.status).toBe(400);
    expect(JSON.stringify(inline.body)).toContain('an incoming-webhook URL is a secret; put it in an environment variable and name it in urlEnv');
    expect(inline.text).not.toContain('secret"');
    const none = await call(rootCause.url, 'POST', '/v1/digests/subscriptions', adminKey, { owner: 'x', deliver: {} });
    expect(none.body).toMatchObject({ errors: [{ field: 'deliver', messages: ['deliver: expected exactly one of email, slack or teams (subscribe again for another)'] }] });
    const readOnly = createApiKey(tenant, 'viewer', ['reports:read']).apiKey;
    expect((await call(rootCause.url, 'POST', '/v1/digests/subscriptions', readOnly, { owner: 'x', deliver: { slack: { urlEnv: 'X' } } })).status).toBe(403);
    expect(await withStore(async (db) => (await db.query('SELECT count(*)::int AS n FROM digest_subscriptions WHERE tenant_id = $1', [tenant])).rows[0].n)).toBe(0);
  });

  it('e-mails the owner their digest once per period, with goals, issues, drivers, actions and cases past SLA', async () => {
    const email = await call<{ subscriptionId: string }>(rootCause.url, 'POST', '/v1/digests/subscriptions', adminKey, {
      owner: 'checkout-team', cadence: 'daily', hourUtc, touchpoints: ['checkout'],
      deliver: { email: { to: ['checkout-lead@example.com'], from: 'loops@example.com', smtpUrlEnv: 'DIGEST_SMTP_URL' } },
    });
    expect(email.status).toBe(201);
    const received = await eventually('the digest e-mail', async () => smtp.received.length > 0 && smtp.received, 30_000);
    const { mail, envelopeTo, user } = received[0];
    expect(envelopeTo).toEqual(['checkout-lead@example.com']);
    expect(user).toBe(SMTP.user);
    expect(mail.subject).toBe(`Loops digest for checkout-team, ${period.from.toISOString().slice(0, 10)} to ${period.to.toISOString().slice(0, 10)}: 1 goal (1 behind), 1 new issue, 1 action due`);
    const text = mail.text ?? '';
    // Goal: 40 promoters and 60 detractors at checkout → NPS −20, its whole 95% interval below 30: behind.
    expect(text).toContain('Checkout NPS <b>30</b> & up: nps -20.0 (95% ');
    expect(text).toContain('behind (the whole interval misses the target)');
    expect(text).toContain('Billing & payment at checkout: opened');
    expect(text).toMatch(/Billing & payment at checkout: costs \d+\.\d NPS points/);
    expect(text).toContain('Retry card payments once before failing: due');
    expect(text).toContain('1 open case past SLA; oldest:');
    expect(text).toContain('p2 payments at checkout');
    // The HTML part escapes what people typed.
    expect(mail.html).toContain('Checkout NPS &lt;b&gt;30&lt;/b&gt; &amp; up');
    expect(mail.html).not.toContain('<b>30</b>');

    // The page link in the message opens the same digest, without a key.
    const pageUrl = /Read it as a page: (\S+)/.exec(text)![1];
    const page = await fetch(pageUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('Loops digest for checkout-team');
    expect(html).toContain('Retry card payments once before failing');
    expect((await fetch(`http://127.0.0.1:${ROOT_CAUSE_PORT}/digests/${'A'.repeat(32)}`)).status).toBe(404);

    // Several more passes: the period is sent once.
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.received).toHaveLength(1);
    const deliveries = await call<{ items: { status: string; attempts: number; pageUrl: string }[] }>(
      rootCause.url, 'GET', `/v1/digests/subscriptions/${email.body.subscriptionId}/deliveries`, adminKey,
    );
    expect(deliveries.body.items).toEqual([expect.objectContaining({ status: 'sent', attempts: 1, pageUrl })]);
  });

  it('posts the same digest to Slack as valid Block Kit, and leaves out what is outside the focus', async () => {
    const sub = await call(rootCause.url, 'POST', '/v1/digests/subscriptions', adminKey, {
      owner: 'delivery-team', cadence: 'daily', hourUtc, touchpoints: ['delivery'], deliver: { slack: { urlEnv: 'DIGEST_SLACK_URL' } },
    });
    expect(sub.status).toBe(201);
    const posts = await eventually('the Slack digest', async () => slack.posts.length > 0 && slack.posts, 30_000);
    expect(posts[0].problems).toEqual([]);
    const body = JSON.stringify(posts[0].body);
    expect(body).toContain('Loops digest for delivery-team');
    // The delivery team owns no goal and sees no checkout issue, driver or case.
    expect(body).toContain('You own no goal running in this period.');
    expect(body).toContain('No new emerging issue in this period.');
    expect(body).toContain('No open case is past its SLA.');
    expect(body).not.toContain('Billing');
  });
});
