import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Producer } from 'kafkajs';
import { Alert } from '@loops/contracts';
import { createApiKey } from '../support/api-keys';
import { testKafka, TopicProbe } from '../support/kafka-probe';
import { cardTexts, ChatPost, slackPayloadProblems, startChatSink, startSmtpSink, teamsPayloadProblems } from '../support/receiver-sinks';
import { analyzedEvent, apiClient, publishAnalyzed } from '../support/routing';
import { REPO_ROOT, RunningService, startService, stopService } from '../support/service-process';
import { eventually, withStore } from '../support/store';

const ROUTING_PORT = 27500;
const SMTP_PORT = 27510;
const SLACK_PORT = 27511;
const TEAMS_PORT = 27512;
const SMTP_USER = 'loops-e2e';
const SMTP_PASS = 'e2e-smtp-pass-never-logged';
const DASHBOARD = 'https://loops.example.test';

// Customer words that are markup in every receiver: HTML, Slack mentions and formatting, markdown links.
const HOSTILE_TEXT = 'Parcel late <script>alert(1)</script> *urgent* <!channel> <@U024BE7LH> [click](http://evil.example) & _more_';

const receiversYaml = (path: string, to: string, grouping: string) => `
route:
  routes:
    - name: detractors
      match: { nps: { lte: 6 } }
${grouping}
      routes:
        - { name: email, receiver: cx-email, continue: true }
        - { name: slack, receiver: cx-slack, continue: true }
        - { name: teams, receiver: cx-teams }
receivers:
  cx-email: { title: 'CX detractors', email: { to: ['${to}'], from: 'loops@example.test', smtpUrlEnv: LOOPS_E2E_SMTP_URL } }
  cx-slack: { slack: { urlEnv: LOOPS_E2E_SLACK_URL_${path} } }
  cx-teams: { teams: { urlEnv: LOOPS_E2E_TEAMS_URL_${path} } }
`;

// E-mail, Slack and Teams receivers and Alertmanager-style grouping, against real Kafka and PostgreSQL,
// a real SMTP server (smtp-server, with authentication) and local HTTP servers that check Slack's Block
// Kit and Teams' Adaptive Card formats.
describe('receivers (e-mail, Slack, Teams) and grouped notifications', () => {
  let routing: RunningService;
  let producer: Producer;
  let probe: TopicProbe;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let slack: Awaited<ReturnType<typeof startChatSink>>;
  let teams: Awaited<ReturnType<typeof startChatSink>>;

  beforeAll(async () => {
    smtp = await startSmtpSink(SMTP_PORT, { user: SMTP_USER, pass: SMTP_PASS });
    slack = await startChatSink(SLACK_PORT, slackPayloadProblems);
    teams = await startChatSink(TEAMS_PORT, teamsPayloadProblems);
    routing = await startService('routing', ROUTING_PORT, {
      ESCALATION_SWEEP_MS: '0',
      ROUTING_ADMIN_CLOCK: 'enabled',
      NOTIFY_POLL_MS: '200',
      WEBHOOK_RETRY_BASE_MS: '200',
      LOOPS_DASHBOARD_URL: DASHBOARD,
      // The stand-ins for Slack and Teams are on loopback: the SSRF guard refuses them unless allowed.
      WEBHOOK_ALLOWED_HOSTS: `127.0.0.1:${SLACK_PORT},127.0.0.1:${TEAMS_PORT}`,
      LOOPS_E2E_SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASS}@127.0.0.1:${SMTP_PORT}`,
      LOOPS_E2E_SLACK_URL_SINGLE: `http://127.0.0.1:${SLACK_PORT}/services/T0/B0/single`,
      LOOPS_E2E_TEAMS_URL_SINGLE: `http://127.0.0.1:${TEAMS_PORT}/webhook/single`,
      LOOPS_E2E_SLACK_URL_GROUPED: `http://127.0.0.1:${SLACK_PORT}/services/T0/B0/grouped`,
      LOOPS_E2E_TEAMS_URL_GROUPED: `http://127.0.0.1:${TEAMS_PORT}/webhook/grouped`,
    });
    producer = testKafka().producer();
    await producer.connect();
    probe = await new TopicProbe(['alerts.cx-email.v1', 'alerts.cx-slack.v1', 'alerts.cx-teams.v1']).start();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await probe?.stop();
    if (routing) await stopService(routing);
    await smtp?.close();
    await slack?.close();
    await teams?.close();
  });

  it('sends each alert by e-mail, Slack and Teams with the text, customer value, priority, SLA, rule path and case link, escaped', async () => {
    const tenant = `r-${randomUUID().slice(0, 8)}`;
    const api = apiClient(routing.url, createApiKey(tenant, 'cx-admin').apiKey);
    expect((await api('PUT', '/v1/routing-tree', { yaml: receiversYaml('SINGLE', 'cx-team@example.test', '') })).status).toBe(200);

    const event = analyzedEvent({ tenantId: tenant, customerId: 'single-1', nps: 3, annualValue: 12000, touchpoint: 'delivery' });
    event.feedback.text = HOSTILE_TEXT;
    await publishAnalyzed(producer, [event]);

    // The alert on Kafka carries what a person needs to act.
    const onTopic = (await probe.waitFor((m) => m.topic === 'alerts.cx-email.v1' && (m.event.data as Alert).feedbackEventId === event.feedback.eventId, 60000)).event.data as Alert;
    const caseRow = await withStore(async (db) => (await db.query('SELECT case_id, priority, due_at FROM cases WHERE case_id = $1', [onTopic.caseId])).rows[0]);
    expect(onTopic).toMatchObject({
      text: HOSTILE_TEXT,
      customerValue: 12000,
      priority: caseRow.priority,
      slaDueAt: new Date(caseRow.due_at).toISOString(),
      rulePath: ['root', 'detractors', 'email'],
      caseUrl: `${DASHBOARD}/dashboard#/cases/${caseRow.case_id}`,
    });

    const delivered = await eventually('three delivered notifications', () =>
      withStore(async (db) => {
        const rows = (await db.query(`SELECT kind, reason, status, attempts, last_error FROM notifications WHERE tenant_id = $1 ORDER BY kind`, [tenant])).rows;
        return rows.length === 3 && rows.every((r) => r.status === 'delivered') ? rows : undefined;
      }),
    60000);
    expect(delivered.map((r) => [r.kind, r.reason, r.attempts])).toEqual([['email', 'single', 1], ['slack', 'single', 1], ['teams', 'single', 1]]);

    // E-mail: received by a real SMTP server, authenticated, plain text and HTML, markup escaped.
    const mail = smtp.received.find((m) => m.envelopeTo.includes('cx-team@example.test'))!;
    expect(mail.user).toBe(SMTP_USER);
    expect(mail.mail.subject).toBe(`[Loops] [${caseRow.priority.toUpperCase()}] CX detractors: survey feedback (NPS 3) at delivery about late-delivery`);
    expect(mail.mail.from?.text).toBe('loops@example.test');
    expect(mail.mail.text).toContain(`"${HOSTILE_TEXT}"`);
    expect(mail.mail.text).toContain('Customer value: 12,000');
    expect(mail.mail.text).toContain('Rule: root / detractors / email');
    expect(mail.mail.text).toContain(`Case: ${onTopic.caseUrl}`);
    const html = String(mail.mail.html);
    expect(html).toContain('Parcel late &lt;script&gt;alert(1)&lt;/script&gt; *urgent* &lt;!channel&gt; &lt;@U024BE7LH&gt; [click](http://evil.example) &amp; _more_');
    expect(html).not.toContain('<script>');
    expect(html).toContain(`<a href="${onTopic.caseUrl}">Open the case</a>`);

    // Slack: valid Block Kit; the customer's words in plain_text (no mention, link or formatting fires).
    const slackPost = slack.posts.find((p) => p.path.endsWith('/single'))!;
    expect(slackPost.problems).toEqual([]);
    const blocks = (slackPost.body as { blocks: Record<string, unknown>[] }).blocks;
    expect(blocks).toContainEqual({ type: 'section', text: { type: 'plain_text', text: HOSTILE_TEXT, emoji: false } });
    expect(JSON.stringify(blocks)).not.toMatch(/"type":"mrkdwn","text":"[^"]*<!channel>/);
    expect(blocks).toContainEqual({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open case' }, url: onTopic.caseUrl, action_id: `case-${onTopic.caseId}` }] });
    expect(JSON.stringify(blocks)).toContain('*Rule*\\nroot / detractors / slack');

    // Teams: a valid Adaptive Card; the customer's words in a TextRun (never parsed as markdown).
    const teamsPost = teams.posts.find((p) => p.path.endsWith('/single'))!;
    expect(teamsPost.problems).toEqual([]);
    expect(cardTexts(teamsPost.body)).toContain(HOSTILE_TEXT);
    const card = JSON.stringify(teamsPost.body);
    expect(card).toContain(JSON.stringify({ type: 'Action.OpenUrl', title: 'Open case', url: onTopic.caseUrl }));
    expect(card).toContain(JSON.stringify({ title: 'Customer value', value: '12,000' }));
    expect(card).toContain(JSON.stringify({ title: 'Rule', value: 'root / detractors / teams' }));

    // The SMTP password and the webhook URLs (secrets) are in no log line.
    const log = readFileSync(join(REPO_ROOT, 'test', 'output', 'logs', `routing-${ROUTING_PORT}.log`), 'utf8');
    expect(log).not.toContain(SMTP_PASS);
    expect(log).not.toContain('/services/T0/B0/');
  });

  it('rejects bad receiver and grouping config with a 400 naming each field', async () => {
    const api = apiClient(routing.url, createApiKey(`r-${randomUUID().slice(0, 8)}`, 'cx-admin').apiKey);
    const res = await api<{ message: string; problems?: string[] }>('PUT', '/v1/routing-tree', {
      yaml: `
route:
  routes:
    - name: detractors
      match: { nps: { lte: 6 } }
      receiver: cx-slack
      group_by: [touchpoint, shoe_size]
      group_wait: soon
      group_interval: 10m
      repeat_interval: 5m
    - { name: rest, receiver: cx-email, group_wait: 10s }
receivers:
  cx-slack: { slack: { url: 'https://hooks.slack.com/services/T/B/X' } }
  cx-email: { email: { to: ['not an address'], from: 'loops@example.test', smtpUrlEnv: lower } }
`,
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('route.routes[0].group_by: unknown field \\"shoe_size\\"');
    for (const problem of [
      'route.routes[0].group_wait: expected a duration such as 30s, 5m, 4h or 1h30m',
      'route.routes[0].repeat_interval: must not be shorter than group_interval',
      'route.routes[1].group_wait: only applies with group_by on this route or a parent',
      'receivers.cx-slack.slack.url: an incoming-webhook URL is a secret; put it in an environment variable and name it in urlEnv',
      'receivers.cx-email.email.to[0]: not an e-mail address',
      'receivers.cx-email.email.smtpUrlEnv: expected the name of an environment variable holding the SMTP URL (upper case, e.g. CX_SMTP_URL)',
    ]) {
      expect(JSON.stringify(res.body)).toContain(problem);
    }
  });

  it('groups fifty detractors at one touchpoint into one notification per receiver, while each customer gets a case', async () => {
    const tenant = `g-${randomUUID().slice(0, 8)}`;
    const api = apiClient(routing.url, createApiKey(tenant, 'cx-admin').apiKey);
    const grouping = '      group_by: [touchpoint]\n      group_wait: 1m\n      group_interval: 5m\n      repeat_interval: 4h';
    expect((await api('PUT', '/v1/routing-tree', { yaml: receiversYaml('GROUPED', 'cx-grouped@example.test', grouping) })).status).toBe(200);

    const storm = Array.from({ length: 50 }, (_, i) => analyzedEvent({ tenantId: tenant, customerId: `storm-${i}`, nps: i % 7, annualValue: 1000 * i, touchpoint: 'checkout' }));
    await publishAnalyzed(producer, storm);
    await eventually('fifty cases', () =>
      withStore(async (db) => (await db.query('SELECT count(*)::int AS n FROM cases WHERE tenant_id = $1', [tenant])).rows[0].n === 50),
    90000);
    const groups = await withStore(async (db) =>
      (await db.query(
        `SELECT g.receiver, g.group_labels, count(ga.alert_id)::int AS alerts, count(DISTINCT ga.case_id)::int AS cases
           FROM notification_groups g JOIN notification_group_alerts ga ON ga.group_id = g.group_id
          WHERE g.tenant_id = $1 GROUP BY g.group_id ORDER BY g.receiver`,
        [tenant],
      )).rows,
    );
    expect(groups).toEqual(['cx-email', 'cx-slack', 'cx-teams'].map((receiver) => ({ receiver, group_labels: { touchpoint: 'checkout' }, alerts: 50, cases: 50 })));
    expect(await withStore(async (db) => (await db.query('SELECT count(*)::int AS n FROM alerts WHERE tenant_id = $1', [tenant])).rows[0].n)).toBe(150);

    // Explain: a 51st detractor would join the same group and wait for its notification.
    const next = analyzedEvent({ tenantId: tenant, customerId: 'storm-50', nps: 1, touchpoint: 'checkout' });
    const explained = await api<{ receivers: { receiver: string; notification: Record<string, unknown> }[] }>('POST', '/v1/routing/explain', next);
    expect(explained.status).toBe(200);
    expect(explained.body.receivers.map((r) => [r.receiver, r.notification])).toEqual(
      ['cx-email', 'cx-slack', 'cx-teams'].map((receiver) => [
        receiver,
        expect.objectContaining({ grouped: true, joins: 'existing group', groupBy: ['touchpoint'], labels: { touchpoint: 'checkout' }, groupSize: 50, groupWait: '1m', groupInterval: '5m', repeatInterval: '4h' }),
      ]),
    );

    // Past group_wait: one notification per receiver for the fifty.
    const flushAt = new Date(Date.now() + 2 * 60_000);
    expect((await api('POST', `/v1/admin/notifications/run?at=${flushAt.toISOString()}`)).status).toBe(200);
    const grouped = (p: ChatPost) => p.path.endsWith('/grouped');
    const sent = await eventually('one delivered notification per receiver', () =>
      withStore(async (db) => {
        const rows = (await db.query(`SELECT receiver, kind, reason, status, group_size, cardinality(alert_ids) AS alerts FROM notifications WHERE tenant_id = $1 ORDER BY receiver`, [tenant])).rows;
        return rows.length === 3 && rows.every((r) => r.status === 'delivered') ? rows : undefined;
      }),
    60000);
    expect(sent).toEqual([
      { receiver: 'cx-email', kind: 'email', reason: 'first', status: 'delivered', group_size: 50, alerts: 50 },
      { receiver: 'cx-slack', kind: 'slack', reason: 'first', status: 'delivered', group_size: 50, alerts: 50 },
      { receiver: 'cx-teams', kind: 'teams', reason: 'first', status: 'delivered', group_size: 50, alerts: 50 },
    ]);
    const mails = smtp.received.filter((m) => m.envelopeTo.includes('cx-grouped@example.test'));
    expect(mails).toHaveLength(1);
    expect(mails[0].mail.subject).toBe('[Loops] [P3] 50 alerts for CX detractors (touchpoint=checkout)');
    expect((mails[0].mail.text ?? '').match(/^Case: /gm)).toHaveLength(50);
    expect(slack.posts.filter(grouped)).toHaveLength(1);
    expect(teams.posts.filter(grouped)).toHaveLength(1);
    const [slackPost] = slack.posts.filter(grouped);
    expect(slackPost.problems).toEqual([]);
    expect((slackPost.body as { text: string }).text).toBe('[P3] 50 alerts for cx-slack (touchpoint=checkout)');
    expect(JSON.stringify(slackPost.body)).toContain('… and 40 more alerts, each with its case in the dashboard.');
    const [teamsPost] = teams.posts.filter(grouped);
    expect(teamsPost.problems).toEqual([]);
    expect(cardTexts(teamsPost.body)[0]).toBe('[P3] 50 alerts for cx-teams (touchpoint=checkout)');

    // The 51st joins the notified group: nothing before group_interval, then one update per receiver.
    await publishAnalyzed(producer, [next]);
    await eventually('the 51st alert in each group', () =>
      withStore(async (db) =>
        (await db.query(`SELECT count(*)::int AS n FROM notification_group_alerts ga JOIN notification_groups g ON g.group_id = ga.group_id WHERE g.tenant_id = $1 AND ga.notified_at IS NULL`, [tenant])).rows[0].n === 3,
      ),
    60000);
    const early = await api<Record<string, number>>('POST', `/v1/admin/notifications/run?at=${new Date(flushAt.getTime() + 60_000).toISOString()}`);
    expect(early.body).toMatchObject({ groupsFlushed: 0, notificationsQueued: 0 });
    const later = await api<Record<string, number>>('POST', `/v1/admin/notifications/run?at=${new Date(flushAt.getTime() + 6 * 60_000).toISOString()}`);
    expect(later.body).toMatchObject({ groupsFlushed: 3, notificationsQueued: 3, sent: 3, failed: 0 });
    const updates = await withStore(async (db) =>
      (await db.query(`SELECT receiver, reason, group_size, cardinality(alert_ids) AS alerts FROM notifications WHERE tenant_id = $1 AND reason = 'update' ORDER BY receiver`, [tenant])).rows,
    );
    expect(updates).toEqual(['cx-email', 'cx-slack', 'cx-teams'].map((receiver) => ({ receiver, reason: 'update', group_size: 51, alerts: 1 })));
    expect(slack.posts.filter(grouped)).toHaveLength(2);
    expect((slack.posts.filter(grouped)[1].body as { text: string }).text).toBe('[P3] 1 new alert for cx-slack (touchpoint=checkout), 51 in the group');
  });
});
