import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Producer } from 'kafkajs';
import {
  CASE_EVENT_TYPE,
  DlqRecord,
  FEEDBACK_ANALYZED_TYPE,
  FEEDBACK_RECEIVED_TYPE,
  FEEDBACK_SUBMISSION_TYPE,
  INSIGHT_TYPE,
  isWellFormedText,
  OPERATIONAL_MEASURE_TYPE,
  OPERATIONAL_SUBMISSION_TYPE,
  Topics,
} from '@loops/contracts';
import { createApiKey } from '../support/api-keys';
import {
  anyMutation,
  applyMutation,
  contractSchema,
  declaredFields,
  DeclaredField,
  Mutation,
  namesFieldOrReason,
  refusedMutation,
  sampleOf,
} from '../support/hostile-input';
import { SeenMessage, testKafka, TopicProbe } from '../support/kafka-probe';
import { analyzedEvent } from '../support/routing';
import { REPO_ROOT } from '../support/service-process';
import { startStack, Stack, stopStack } from '../support/stack';
import { eventually, withStore } from '../support/store';

// Property-based hostile input (fast-check) against the four running services and every consumed topic.
// Inputs are derived from what Loops publishes: the OpenAPI documents each service serves at /docs/json
// and the JSON Schemas in libs/contracts/schemas. Promises checked: no 5xx; every 4xx names a field or
// a reason; a refused request stores nothing; a batch answers per item; a refused Kafka message lands in
// feedback.dlq.v1 with its reason and the consumer keeps going. Runs are bounded and seeded (SEED) so a
// failure can be replayed; fast-check prints the shrunk counterexample.
const BASE_PORT = 24400;
const SEED = Number(process.env.HOSTILE_SEED ?? 20261125);
const RUNS_PER_SERVICE = Number(process.env.HOSTILE_RUNS ?? 150);
const RUNS_PER_TOPIC = Number(process.env.HOSTILE_TOPIC_RUNS ?? 25);

interface Operation {
  service: keyof Stack;
  method: string;
  /** OpenAPI path template, e.g. /v1/cases/{caseId}/acknowledge. */
  path: string;
  queryNames: string[];
  body?: { base: unknown; fields: DeclaredField[] };
}

interface Answer {
  status: number;
  body: unknown;
}

const KNOWN_TREE = `
route:
  routes:
    - { name: detractors, match: { nps: { lte: 6 } }, receiver: cx-team }
`;

/**
 * The external ids as ingestion would store them (it strips control characters), for looking them up;
 * ids PostgreSQL could not even compare (lone surrogates) cannot have been stored.
 */
function storableIds(ids: unknown[]): string[] {
  // eslint-disable-next-line no-control-regex -- the characters ingestion strips
  return ids.filter((id): id is string => typeof id === 'string' && id !== '' && isWellFormedText(id)).map((id) => id.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ''));
}

function submission(externalId: string) {
  return { externalId, channel: 'survey', occurredAt: new Date(Date.now() - 60_000).toISOString(), survey: { nps: 4, comment: 'late again' }, customer: { id: 'c-1' } };
}

describe('hostile input: no 5xx, named 4xx, nothing stored, DLQ with reasons (property-based)', () => {
  const httpTenant = `hi-${randomUUID().slice(0, 8)}`;
  const ingestTenant = `hj-${randomUUID().slice(0, 8)}`;
  let stack: Stack;
  let adminKey: string;
  let ingestKey: string;
  const operations: Operation[] = [];
  let footprintSql = '';
  let probe: TopicProbe;
  let producer: Producer;

  const send = async (service: keyof Stack, method: string, pathAndQuery: string, apiKey: string, body?: unknown): Promise<Answer> => {
    const res = await fetch(`${stack[service].url}${pathAndQuery}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* keep the text */
    }
    return { status: res.status, body: parsed };
  };

  /** Rows of the tenant in every table that has a tenant: unchanged by a refused request. */
  const footprint = (tenantId: string) =>
    withStore(async (db) => (await db.query<{ n: string }>(footprintSql, [tenantId])).rows.map((r) => r.n).join(','));

  beforeAll(async () => {
    stack = await startStack(BASE_PORT);
    adminKey = createApiKey(httpTenant, 'hostile-admin').apiKey;
    ingestKey = createApiKey(ingestTenant, 'hostile-ingest').apiKey;
    probe = await new TopicProbe([Topics.feedbackDlq]).start();
    producer = testKafka().producer();
    await producer.connect();
    footprintSql = await withStore(async (db) => {
      const tables = (
        await db.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.columns WHERE column_name = 'tenant_id' AND table_schema = 'public' ORDER BY table_name`,
        )
      ).rows.map((r) => r.table_name);
      return tables.map((t) => `SELECT '${t}' AS t, count(*)::text AS n FROM ${t} WHERE tenant_id = $1`).join(' UNION ALL ');
    });
    // Every operation of every service, as its own OpenAPI document describes it, plus the platform's
    // own endpoints, which the documents leave out.
    for (const service of Object.keys(stack) as (keyof Stack)[]) {
      for (const path of ['/health/live', '/health/ready', '/metrics', '/docs/json']) operations.push({ service, method: 'GET', path, queryNames: [] });
      const doc = (await (await fetch(`${stack[service].url}/docs/json`)).json()) as {
        paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> } }>>;
      };
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
          const schema = op.requestBody?.content?.['application/json']?.schema;
          const bodySchema = schema ? { ...schema, components: (doc as unknown as { components: unknown }).components } : undefined;
          operations.push({
            service,
            method: method.toUpperCase(),
            path,
            queryNames,
            body: bodyFor(service, path, bodySchema),
          });
        }
      }
    }
  });

  afterAll(async () => {
    await producer?.disconnect();
    await probe?.stop();
    await stopStack(stack);
  });

  /** A realistic base body per operation: known-valid fixtures where Loops has them, else a schema sample. */
  function bodyFor(service: string, path: string, schema: Record<string, unknown> | undefined): Operation['body'] {
    const submissionFields = declaredFields(contractSchema('FeedbackSubmission'));
    if (service === 'ingestion' && path === '/v1/feedback') return { base: submission('base'), fields: submissionFields };
    if (service === 'ingestion' && path === '/v1/feedback/batch') {
      return {
        base: { items: [submission('base-a'), submission('base-b')] },
        fields: [{ path: ['items'], type: 'array', required: true, closedObject: false }, ...submissionFields.map((f) => ({ ...f, path: ['items', 1, ...f.path] }))],
      };
    }
    if (path === '/v1/routing/explain') {
      return { base: analyzedEvent({ tenantId: httpTenant, customerId: 'c-1', nps: 3 }), fields: declaredFields(contractSchema('FeedbackAnalyzed')) };
    }
    if (path === '/v1/routing-tree') return { base: { yaml: KNOWN_TREE }, fields: [{ path: ['yaml'], type: 'string', required: true, closedObject: false }] };
    if (!schema) return { base: {}, fields: [] };
    // OpenAPI schemas resolve against the document's components.
    const root = { ...schema, definitions: undefined } as Record<string, unknown>;
    return { base: sampleOf(schema, root), fields: declaredFields(schema, root) };
  }

  const hostilePathValue = fc.oneof(
    fc.constantFrom('%00', 'a%00b', '%ED%A0%80', '%FF', 'x'.repeat(3000), '0', '-1', '%2e%2e%2f', '%20', '-'.repeat(36)),
    fc.uuid({ version: 4 }),
  );
  const hostileQueryValue = fc.constantFrom('%00', 'a%00', '%ED%A0%80', '%C0%AF', 'x'.repeat(5000), '', '-1', '1e309', 'null', 'true', '[]', '%0d%0aSet-Cookie:x', '9999-12-31T23:59:59Z', 'NaN');

  /** One request built from an operation and fast-check's choices. */
  const requestArb = (ops: Operation[]) =>
    fc.constantFrom(...ops).chain((op) =>
      fc.record({
        op: fc.constant(op),
        pathValue: hostilePathValue,
        // Half the requests carry no hostile query, so body mutations reach the handlers too.
        query: fc.oneof(
          fc.constant([] as [string, string][]),
          fc.array(fc.tuple(fc.constantFrom(...op.queryNames, 'unknownFilter', 'a[b]', 'tenantId'), hostileQueryValue), { minLength: 1, maxLength: 3 }),
        ),
        repeatParam: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
        mutation: op.body ? fc.option(anyMutation(op.body.fields), { nil: undefined, freq: 6 }) : fc.constant(undefined as Mutation | undefined),
      }),
    );

  async function checkService(service: keyof Stack, apiKey: string, tenantId: string) {
    const ops = operations.filter((o) => o.service === service);
    expect(ops.length).toBeGreaterThan(0);
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(requestArb(ops), async ({ op, pathValue, query, repeatParam, mutation }) => {
        const path = op.path.replace(/\{[^}]+\}/g, pathValue);
        const pairs = query.map(([k, v]) => `${encodeURIComponent(k)}=${v}`);
        if (repeatParam && query.length > 0) pairs.push(pairs[0]);
        const url = pairs.length ? `${path}?${pairs.join('&')}` : path;
        const body = op.body ? (mutation ? applyMutation(op.body.base, mutation) : op.body.base) : undefined;
        // Fresh external ids, so "nothing stored" can be checked per refused item.
        const externalIds: string[] = [];
        if (service === 'ingestion' && body && typeof body === 'object') {
          const items = op.path.endsWith('/batch') ? (body as { items?: unknown }).items : [body];
          if (Array.isArray(items)) {
            for (const item of items) {
              if (item && typeof item === 'object' && typeof (item as { externalId?: unknown }).externalId === 'string') {
                const id = `${(item as { externalId: string }).externalId.slice(0, 40)}-${randomUUID().slice(0, 8)}`;
                (item as { externalId: string }).externalId = id;
                externalIds.push(id);
              } else externalIds.push('');
            }
          }
        }
        const before = await footprint(tenantId);
        const answer = await send(service, op.method, url, apiKey, op.method === 'GET' || op.method === 'DELETE' ? undefined : body);
        seen.set(`${op.method} ${op.path} ${answer.status}`, (seen.get(`${op.method} ${op.path} ${answer.status}`) ?? 0) + 1);
        const context = `${op.method} ${url.slice(0, 200)} ${mutation?.label ?? ''} -> ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
        if (answer.status >= 500) throw new Error(`5xx: ${context}`);
        if (answer.status >= 400) {
          if (!namesFieldOrReason(answer.body)) throw new Error(`4xx without a field or reason: ${context}`);
          if (service !== 'ingestion' && (await footprint(tenantId)) !== before) throw new Error(`refused request changed the store: ${context}`);
        }
        if (service === 'ingestion') {
          const results = (answer.body as { results?: { status: string; errors?: unknown }[] }).results;
          const refused = answer.status >= 400 ? externalIds : (results ?? []).flatMap((r, i) => (r.status === 'rejected' ? [externalIds[i]] : []));
          if (results) for (const r of results.filter((x) => x.status === 'rejected')) if (!namesFieldOrReason(r)) throw new Error(`rejected item without a named field: ${context}`);
          const ids = storableIds(refused);
          if (ids.length > 0) {
            const stored = await withStore(async (db) => (await db.query('SELECT external_id FROM feedback WHERE tenant_id = $1 AND external_id = ANY($2)', [tenantId, ids])).rowCount);
            if (stored !== 0) throw new Error(`refused item stored: ${context}`);
          }
        }
      }),
      // Enough runs that every operation is drawn (each of n operations is missed with probability (1 - 1/n)^(10n) < 0.01%).
      { numRuns: Math.max(RUNS_PER_SERVICE, ops.length * 10), seed: SEED, endOnFailure: true },
    );
    // Every operation was tried, and the service is still healthy.
    for (const op of ops) expect([...seen.keys()].some((k) => k.startsWith(`${op.method} ${op.path} `))).toBe(true);
    mkdirSync(join(REPO_ROOT, 'test', 'output'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'test', 'output', `hostile-input-${service}.json`), JSON.stringify(Object.fromEntries([...seen].sort()), null, 2));
    expect((await fetch(`${stack[service].url}/health/live`)).status).toBe(200);
  }

  it('ingestion: every endpoint, every field of FeedbackSubmission, per-item answers', async () => {
    await checkService('ingestion', ingestKey, ingestTenant);
  });

  it('sentiment: every endpoint', async () => {
    await checkService('sentiment', adminKey, httpTenant);
  });

  it('routing: every endpoint, trees, silences, cases, explain', async () => {
    await checkService('routing', adminKey, httpTenant);
  });

  it('root-cause: every endpoint, reports, churn model, themes', async () => {
    await checkService('root-cause', adminKey, httpTenant);
  });

  it('a batch answers per item: a "title": null item is refused alone and the valid one beside it is stored', async () => {
    const good = `good-${randomUUID().slice(0, 8)}`;
    const bad = `bad-${randomUUID().slice(0, 8)}`;
    const answer = await send('ingestion', 'POST', '/v1/feedback/batch', ingestKey, { items: [submission(good), { ...submission(bad), title: null }] });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      accepted: 1,
      rejected: 1,
      results: [{ index: 0, status: 'accepted' }, { index: 1, status: 'rejected', errors: [{ field: 'title', messages: ['title must not be null (omit the field instead)'] }] }],
    });
    const stored = await withStore(async (db) => (await db.query('SELECT external_id FROM feedback WHERE tenant_id = $1 AND external_id = ANY($2)', [ingestTenant, [good, bad]])).rows);
    expect(stored).toEqual([{ external_id: good }]);
  });

  it('refuses NUL and lone surrogates with the field named, in queries and bodies of every service', async () => {
    const cases: [keyof Stack, string, string, unknown, string][] = [
      ['root-cause', 'GET', '/v1/reports/metrics?segment=%00', undefined, 'segment'],
      ['routing', 'GET', '/v1/cases?assignee=a%00', undefined, 'assignee'],
      ['routing', 'GET', '/v1/silences?state=%00', undefined, 'state'],
      ['routing', 'POST', '/v1/silences', { matchers: { theme: 'late' }, endsAt: new Date(Date.now() + 3600_000).toISOString(), author: 'a\ud800', reason: 'x' }, 'author'],
      ['root-cause', 'POST', '/v1/reports/candidate-themes/promote', { themeId: 'late', label: 'Late\u0000', phrases: { en: ['late'] } }, 'label'],
    ];
    for (const [service, method, url, body, field] of cases) {
      const answer = await send(service, method, url, adminKey, body);
      expect({ url, status: answer.status }).toEqual({ url, status: 400 });
      expect((answer.body as { errors: { field: string }[] }).errors[0].field).toBe(field);
    }
    const item = await send('ingestion', 'POST', '/v1/feedback', ingestKey, { ...submission(`s-${randomUUID().slice(0, 8)}`), text: 'x\ud800' });
    expect(item).toEqual({ status: 400, body: { error: 'validation_failed', errors: [{ field: 'text', messages: ['text contains a lone UTF-16 surrogate (invalid Unicode)'] }] } });
  });

  it('applies report filters or refuses them: none is accepted and ignored', async () => {
    for (const [url, field] of [
      ['/v1/reports/cases?touchpoint=delivery', 'touchpoint'],
      ['/v1/reports/drivers?theme=late', 'theme'],
      ['/v1/reports/root-causes?segment=smb', 'segment'],
    ]) {
      const answer = await send('root-cause', 'GET', url, adminKey);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'unsupported_filter', errors: [{ field }] });
    }
    expect((await send('root-cause', 'GET', '/v1/reports/insights?touchpoint=delivery&theme=late', adminKey)).status).toBe(200);
  });

  it('refuses occurredAt far in the future or before the floor, per item', async () => {
    const answer = await send('ingestion', 'POST', '/v1/feedback/batch', ingestKey, {
      items: [
        { ...submission(`f-${randomUUID().slice(0, 8)}`), occurredAt: '9999-12-31T23:59:59Z' },
        { ...submission(`p-${randomUUID().slice(0, 8)}`), occurredAt: '1970-01-01T00:00:00Z' },
        submission(`n-${randomUUID().slice(0, 8)}`),
      ],
    });
    expect(answer.body).toMatchObject({
      accepted: 1,
      rejected: 2,
      results: [
        { status: 'rejected', errors: [{ field: 'occurredAt', messages: [expect.stringContaining('is in the future: at most 10 minutes ahead')] }] },
        { status: 'rejected', errors: [{ field: 'occurredAt', messages: [expect.stringContaining('is before the earliest accepted date 2000-01-01')] }] },
        { status: 'accepted' },
      ],
    });
  });

  it('matches a catastrophic tree regex in linear time: (a+)+ is stored and explain answers on a long text', async () => {
    const tree = `
route:
  routes:
    - { name: nested, match: { feedback.text: { regex: '(a+)+' } }, receiver: nested-team }
`;
    expect((await send('routing', 'PUT', '/v1/routing-tree', adminKey, { yaml: tree })).status).toBe(200);
    // A backtracking engine needs about 2^5000 steps to refuse this text; RE2 reads it once.
    const event = analyzedEvent({ tenantId: httpTenant, customerId: 'c-2', nps: 3 });
    event.feedback.text = `${'a'.repeat(5000)}!`;
    const answer = await send('routing', 'POST', '/v1/routing/explain', adminKey, event);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain('"expected":"(a+)+"');
    expect((answer.body as { receivers: unknown[] }).receivers).toEqual([]);
    const refused = await send('routing', 'PUT', '/v1/routing-tree', adminKey, {
      yaml: `route: { routes: [ { name: backref, match: { product: { regex: '(a)\\1' } }, receiver: x } ] }`,
    });
    expect(refused.status).toBe(400);
    expect((refused.body as { problems: string[] }).problems[0]).toMatch(/^route\.routes\[0\]\.match\.product\.regex: not a linear-time regular expression/);
  });

  it('two concurrent PUTs of one tenant tree both succeed, as consecutive versions', async () => {
    const tenant = `cc-${randomUUID().slice(0, 8)}`;
    const key = createApiKey(tenant, 'concurrent').apiKey;
    const answers = await Promise.all(Array.from({ length: 6 }, () => send('routing', 'PUT', '/v1/routing-tree', key, { yaml: KNOWN_TREE })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.map((a) => (a.body as { version: number }).version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('the explain CLI prints a clear error and exits non-zero on an invalid event', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loops-explain-'));
    const cli = join(REPO_ROOT, 'dist', 'services', 'routing', 'src', 'cli', 'explain.js');
    const run = (content: string) => {
      const file = join(dir, `${randomUUID()}.json`);
      writeFileSync(file, content);
      return spawnSync(process.execPath, [cli, '--event', file], { cwd: REPO_ROOT, encoding: 'utf8' });
    };
    const empty = run('{}');
    expect(empty.status).toBe(1);
    expect(empty.stderr.trim()).toBe('invalid FeedbackAnalyzed event: feedback: feedback must be an object | analysis: analysis must be an object');
    const broken = run('{"feedback":');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^cannot read event .*: /);
    expect(broken.stderr).not.toContain('TypeError');
  });

  describe('consumed topics', () => {
    const topics = [
      { topic: Topics.feedbackRaw, type: FEEDBACK_SUBMISSION_TYPE, schema: 'FeedbackSubmission', services: ['ingestion'], groups: [`loops-ingestion.${Topics.feedbackRaw}`] },
      { topic: Topics.feedbackReceived, type: FEEDBACK_RECEIVED_TYPE, schema: 'FeedbackReceived', services: ['sentiment'], groups: [`loops-sentiment.${Topics.feedbackReceived}`] },
      {
        topic: Topics.feedbackAnalyzed,
        type: FEEDBACK_ANALYZED_TYPE,
        schema: 'FeedbackAnalyzed',
        services: ['routing', 'root-cause'],
        groups: [`loops-routing.${Topics.feedbackAnalyzed}`, `loops-root-cause.${Topics.feedbackAnalyzed}`],
      },
      { topic: Topics.insights, type: INSIGHT_TYPE, schema: 'Insight', services: ['routing'], groups: ['loops-routing-incidents'] },
      { topic: Topics.cases, type: CASE_EVENT_TYPE, schema: 'CaseEvent', services: ['root-cause'], groups: [`loops-root-cause.${Topics.cases}`] },
      {
        topic: Topics.operationalRaw,
        type: OPERATIONAL_SUBMISSION_TYPE,
        schema: 'OperationalMeasureSubmission',
        services: ['ingestion'],
        groups: [`loops-ingestion.${Topics.operationalRaw}`],
      },
      {
        topic: Topics.operationalMeasures,
        type: OPERATIONAL_MEASURE_TYPE,
        schema: 'OperationalMeasure',
        services: ['root-cause'],
        groups: [`loops-root-cause.${Topics.operationalMeasures}`],
      },
    ];
    // Integration intake topics: messages carry the integration's key and name it in ce_source; bodies are
    // sanitised like HTTP bodies (control characters stripped), so NUL inside a string is not a refusal there.
    const intake = new Set<string>([Topics.feedbackRaw, Topics.operationalRaw]);

    const validBody = (schema: string): unknown => {
      const tenantId = httpTenant;
      const at = new Date(Date.now() - 60_000).toISOString();
      switch (schema) {
        case 'FeedbackSubmission':
          return submission(`k-${randomUUID().slice(0, 8)}`);
        case 'FeedbackReceived':
          return analyzedEvent({ tenantId, customerId: 'c-3', nps: 5 }).feedback;
        case 'FeedbackAnalyzed':
          return analyzedEvent({ tenantId, customerId: 'c-3', nps: 5 });
        case 'Insight':
          return { insightId: randomUUID(), tenantId, kind: 'rollup_updated', summary: 'x', evidence: {}, at };
        case 'OperationalMeasureSubmission':
          return { measure: 'phone_wait_seconds', touchpoint: 'support', bucket: 'hour', bucketStart: '2026-11-20T14:00:00.000Z', value: 312.5, count: 84, unit: 's' };
        case 'OperationalMeasure':
          return {
            measureId: randomUUID(),
            tenantId,
            integrationId: 'hostile-ingest',
            measure: 'phone_wait_seconds',
            touchpoint: 'support',
            bucket: 'hour',
            bucketStart: '2026-11-20T14:00:00.000Z',
            value: 312.5,
            count: 84,
            unit: 's',
            receivedAt: at,
          };
        default:
          return { eventId: randomUUID(), caseId: randomUUID(), tenantId, kind: 'opened', status: 'open', priority: 'p2', ownerTeam: 'cx', dueAt: at, escalationLevel: 0, at };
      }
    };

    const headersFor = (t: (typeof topics)[number], overrides: Record<string, string | undefined> = {}) => {
      const headers: Record<string, string> = {
        ce_specversion: '1.0',
        ce_id: randomUUID(),
        ce_source: intake.has(t.topic) ? 'loops:integration:hostile-ingest' : 'hostile-test',
        ce_type: t.type,
        ce_time: new Date().toISOString(),
        'content-type': 'application/json',
        'x-loops-api-key': ingestKey,
      };
      for (const [k, v] of Object.entries(overrides)) {
        if (v === undefined) delete headers[k];
        else headers[k] = v;
      }
      return headers;
    };

    it.each(topics.map((t) => [t.topic, t] as const))('%s: every refused message lands in the DLQ with a reason, and the consumer keeps going', async (_name, t) => {
      const fields = declaredFields(contractSchema(t.schema));
      const messages: { value: string; headers: Record<string, string>; label: string }[] = [];
      const before = await footprint(httpTenant);
      fc.assert(
        fc.property(refusedMutation(fields, { allowNulInStrings: intake.has(t.topic) }), (mutation) => {
          messages.push({ value: JSON.stringify(applyMutation(validBody(t.schema), mutation)), headers: headersFor(t), label: mutation.label });
        }),
        { numRuns: RUNS_PER_TOPIC, seed: SEED },
      );
      // Envelope defects: each is refused before the body is looked at.
      const body = JSON.stringify(validBody(t.schema));
      messages.push(
        { value: body, headers: headersFor(t, { ce_id: undefined }), label: 'no ce_id' },
        { value: body, headers: headersFor(t, { ce_time: 'yesterday' }), label: 'ce_time not RFC 3339' },
        { value: body, headers: headersFor(t, { ce_id: 'a\u0000b' }), label: 'NUL in ce_id' },
        { value: '{"broken":', headers: headersFor(t), label: 'not JSON' },
        { value: 'null', headers: headersFor(t), label: 'null body' },
        { value: '[1,2]', headers: headersFor(t), label: 'array body' },
      );
      if (t.topic === Topics.feedbackRaw) {
        messages.push({ value: JSON.stringify({ ...submission(`t-${randomUUID().slice(0, 8)}`), occurredAt: '9999-12-31T23:59:59Z' }), headers: headersFor(t), label: 'far-future occurredAt' });
      }
      const sent = await producer.send({ topic: t.topic, messages: messages.map((m) => ({ key: 'hostile', value: m.value, headers: m.headers, partition: 0 })) });
      const first = BigInt(sent[0].baseOffset!);
      const expected = messages.flatMap((m, i) => t.services.map((service) => ({ service, offset: String(first + BigInt(i)), label: m.label })));
      const letterFor = (service: string, offset: string) => (m: SeenMessage) => {
        const r = m.event.data as DlqRecord;
        return r?.sourceTopic === t.topic && r.partition === 0 && r.offset === offset && r.service === service;
      };
      const missing = await eventually(
        `DLQ records for ${expected.length} refused messages on ${t.topic}`,
        async () => expected.every((e) => probe.messages.some(letterFor(e.service, e.offset))) || undefined,
        60_000,
      ).catch(() => expected.filter((e) => !probe.messages.some(letterFor(e.service, e.offset))).map((e) => `${e.service}@${e.offset}: ${e.label}`));
      expect(missing).toBe(true);
      for (const e of expected) {
        const record = probe.messages.find(letterFor(e.service, e.offset))!.event.data as DlqRecord;
        expect({ label: e.label, reason: record.reason.length > 0, kind: ['envelope', 'validation', 'processing'].includes(record.reasonKind) }).toEqual({
          label: e.label,
          reason: true,
          kind: true,
        });
      }
      if (t.topic === Topics.feedbackRaw) {
        const future = probe.messages.find(letterFor('ingestion', String(first + BigInt(messages.length - 1))))!.event.data as DlqRecord;
        expect(future.reason).toContain('occurredAt 9999-12-31T23:59:59.000Z is in the future');
      }
      // Nothing of a refused message was stored: no row for the tenant the events named, no raw item.
      expect(await footprint(httpTenant)).toBe(before);
      const externalIds = messages.flatMap((m) => {
        try {
          const id = (JSON.parse(m.value) as { externalId?: unknown } | null)?.externalId;
          return typeof id === 'string' ? [id] : [];
        } catch {
          return [];
        }
      });
      const stored = await withStore(async (db) => (await db.query('SELECT 1 FROM feedback WHERE external_id = ANY($1)', [storableIds(externalIds)])).rowCount);
      expect(stored).toBe(0);
      // The consumer kept going: its group committed past the last refused message.
      const admin = testKafka().admin();
      await admin.connect();
      try {
        for (const groupId of t.groups) {
          await eventually(`${groupId} commits past the refused messages`, async () => {
            const [offsets] = await admin.fetchOffsets({ groupId, topics: [t.topic] });
            const p0 = offsets.partitions.find((p) => p.partition === 0);
            return p0 && BigInt(p0.offset) >= first + BigInt(messages.length) ? true : undefined;
          });
        }
      } finally {
        await admin.disconnect();
      }
    });
  });
});
