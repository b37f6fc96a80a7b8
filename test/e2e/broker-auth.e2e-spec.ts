import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes } from 'kafkajs';
import { FEEDBACK_SUBMISSION_TYPE, Topics } from '@loops/contracts';
import { kafkaAcls } from '@loops/infra';
import { kafkaSecurityFromEnv } from '@loops/kafka';
import { createApiKey } from '../support/api-keys';
import { testKafka } from '../support/kafka-probe';
import { analyzedEvent, publishAnalyzed } from '../support/routing';
import { REPO_ROOT, RunningService, startService, stopService } from '../support/service-process';
import { eventually, withStore } from '../support/store';

const TOPIC_DENIED = 'Not authorized to access topics: [Topic authorization failed]';

// The attack: one hand-written message on feedback.analyzed.v1 created a real alert and case.
// Against the native broker (SASL/SCRAM-SHA-512, StandardAuthorizer ACLs) with routing running as its own
// principal, only sentiment's principal may write that topic.
describe('broker: every client authenticates, and each principal writes only its own topics', () => {
  const perPrincipal = JSON.parse(process.env.LOOPS_KAFKA_SERVICE_SECURITY ?? 'null') as Record<string, Record<string, string>> | null;
  const clientAs = (principal: string) => testKafka(kafkaSecurityFromEnv(perPrincipal?.[principal] ?? {}));
  const tenant = `b-${randomUUID().slice(0, 8)}`;
  let routing: RunningService;

  beforeAll(async () => {
    if (!perPrincipal) throw new Error('this test needs the native broker with SASL (the global setup sets LOOPS_KAFKA_SERVICE_SECURITY)');
    routing = await startService('routing', 25702, { ESCALATION_SWEEP_MS: '0' });
  });

  afterAll(async () => {
    if (routing) await stopService(routing);
  });

  async function sendAs(principal: string, topic: string): Promise<unknown> {
    const producer = clientAs(principal).producer({ retry: { retries: 0 } });
    await producer.connect();
    try {
      return await producer.send({ topic, messages: [{ key: `${tenant}:x`, value: '{}' }] });
    } finally {
      await producer.disconnect();
    }
  }

  it('refuses a client that does not authenticate, and one with a wrong password', async () => {
    const brokers = process.env.KAFKA_BROKERS!.split(',');
    const anonymous = new Kafka({ clientId: 'anonymous', brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).producer();
    await expect(anonymous.connect().then(() => anonymous.send({ topic: Topics.feedbackAnalyzed, messages: [{ value: '{}' }] }))).rejects.toThrow(
      'Closed connection',
    );
    await anonymous.disconnect().catch(() => undefined);
    const wrong = new Kafka({
      clientId: 'wrong-password',
      brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      sasl: { mechanism: 'scram-sha-512', username: 'sentiment', password: 'not-the-password' },
    }).producer();
    await expect(wrong.connect()).rejects.toThrow('SASL SCRAM SHA512 authentication failed');
  });

  it.each(['integration', 'ingestion', 'routing', 'root-cause'])('refuses %s writing feedback.analyzed.v1 (TOPIC_AUTHORIZATION_FAILED)', async (principal) => {
    await expect(sendAs(principal, Topics.feedbackAnalyzed)).rejects.toThrow(TOPIC_DENIED);
  });

  it('limits the integration principal to writing feedback.raw.v1 and operational.raw.v1', async () => {
    for (const topic of [Topics.feedbackReceived, Topics.cases, Topics.insights, Topics.feedbackDlq, 'alerts.cx-detractors.v1']) {
      await expect(sendAs('integration', topic)).rejects.toThrow(TOPIC_DENIED);
    }
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const acls = await admin.describeAcls({
        principal: 'User:integration',
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      });
      const granted = acls.resources.map((r) => ({ type: r.resourceType, name: r.resourceName, acls: r.acls.map((a) => [a.operation, a.permissionType]) }));
      expect(granted.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
        { type: AclResourceTypes.TOPIC, name: Topics.feedbackRaw, acls: [[AclOperationTypes.WRITE, AclPermissionTypes.ALLOW]] },
        { type: AclResourceTypes.TOPIC, name: Topics.operationalRaw, acls: [[AclOperationTypes.WRITE, AclPermissionTypes.ALLOW]] },
      ]);
    } finally {
      await admin.disconnect();
    }
  });

  it('lets an integration publish to feedback.raw.v1, where ingestion (its own principal) takes the item', async () => {
    const ingestion = await startService('ingestion', 25703);
    try {
      const { apiKey } = createApiKey(tenant, 'kafka-tool');
      const externalId = `raw-${randomUUID().slice(0, 8)}`;
      const producer = clientAs('integration').producer();
      await producer.connect();
      await producer.send({
        topic: Topics.feedbackRaw,
        messages: [
          {
            key: `${tenant}:${externalId}`,
            value: JSON.stringify({ externalId, channel: 'review', occurredAt: '2026-11-20T08:30:00Z', review: { rating: 2, text: 'Late again', site: 'trustpilot' } }),
            headers: {
              ce_specversion: '1.0',
              ce_id: randomUUID(),
              ce_source: 'loops:integration:kafka-tool',
              ce_type: FEEDBACK_SUBMISSION_TYPE,
              ce_time: new Date().toISOString(),
              'content-type': 'application/json',
              'x-loops-api-key': apiKey,
            },
          },
        ],
      });
      await producer.disconnect();
      // Stored first, then published to feedback.received.v1 by ingestion's own principal (the outbox).
      const stored = await eventually('the item taken from feedback.raw.v1 and published on', () =>
        withStore(async (db) =>
          (
            await db.query('SELECT channel, integration_id FROM feedback WHERE tenant_id = $1 AND external_id = $2 AND published_at IS NOT NULL', [
              tenant,
              externalId,
            ])
          ).rows[0],
        ),
      60000);
      expect(stored).toEqual({ channel: 'review', integration_id: 'kafka-tool' });
    } finally {
      await stopService(ingestion);
    }
  });

  it("keeps a service out of another service's consumer group", async () => {
    const offsetsAs = async (principal: string) => {
      const admin = clientAs(principal).admin({ retry: { retries: 0 } });
      await admin.connect();
      try {
        return await admin.fetchOffsets({ groupId: 'loops-routing.feedback.analyzed.v1', topics: [Topics.feedbackAnalyzed] });
      } finally {
        await admin.disconnect();
      }
    };
    // Routing reads its own group's offsets; sentiment is refused the group (FindCoordinator answers
    // GROUP_AUTHORIZATION_FAILED, which kafkajs reports as no coordinator found).
    expect((await offsetsAs('routing')).map((t) => t.topic)).toEqual([Topics.feedbackAnalyzed]);
    await expect(offsetsAs('sentiment')).rejects.toThrow('Failed to find group coordinator');
  });

  it('creates no alert or case from a forged analyzed event; the genuine one behind it on the same partition pages', async () => {
    const forged = analyzedEvent({ tenantId: tenant, customerId: 'victim-1', nps: 0, themes: ['fraud'] });
    const genuine = analyzedEvent({ tenantId: tenant, customerId: 'victim-1', nps: 1, themes: ['late-delivery'] });
    const integration = clientAs('integration').producer({ retry: { retries: 0 } });
    await integration.connect();
    await expect(publishAnalyzed(integration, [forged])).rejects.toThrow(TOPIC_DENIED);
    await integration.disconnect();

    // Same key, so the same partition: once routing has handled the genuine event it has read past
    // anything written before it.
    const sentiment = clientAs('sentiment').producer();
    await sentiment.connect();
    await publishAnalyzed(sentiment, [genuine]);
    await sentiment.disconnect();

    const genuineAlert = await eventually('the genuine alert', () =>
      withStore(async (db) => (await db.query('SELECT receiver FROM alerts WHERE feedback_event_id = $1', [genuine.feedback.eventId])).rows[0]),
    60000);
    expect(genuineAlert.receiver).toEqual(expect.any(String));
    const forgedTrace = await withStore(async (db) =>
      (
        await db.query(
          `SELECT (SELECT count(*)::int FROM alerts WHERE feedback_event_id = $1) AS alerts,
                  (SELECT count(*)::int FROM case_feedback WHERE feedback_event_id = $1) AS cases`,
          [forged.feedback.eventId],
        )
      ).rows[0],
    );
    expect(forgedTrace).toEqual({ alerts: 0, cases: 0 });
  });
  it('sets up topics and ACLs on a broker with kafka-setup (as compose does), idempotently, and only as a SASL user', async () => {
    const setup = (env: Record<string, string | undefined>) =>
      spawnSync(process.execPath, [join(REPO_ROOT, 'dist/libs/infra/src/cli/kafka-setup.js')], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
    const asAdmin = setup({
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      KAFKA_SASL_MECHANISM: process.env.KAFKA_SASL_MECHANISM,
      KAFKA_SASL_USERNAME: process.env.KAFKA_SASL_USERNAME,
      KAFKA_SASL_PASSWORD: process.env.KAFKA_SASL_PASSWORD,
    });
    expect(asAdmin.status).toBe(0);
    expect(JSON.parse(asAdmin.stdout.trim())).toEqual({ topics: 'created', acls: kafkaAcls().length, as: 'admin' });
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const all = await admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      });
      // Run twice (global setup, then here): still one ACL per grant.
      expect(all.resources.flatMap((r) => r.acls).length).toBe(kafkaAcls().length);
    } finally {
      await admin.disconnect();
    }
    const anonymous = setup({ KAFKA_BROKERS: process.env.KAFKA_BROKERS });
    expect(anonymous.status).toBe(1);
    expect(anonymous.stderr).toContain('kafka-setup: KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (a super user) are required');
  });
});
