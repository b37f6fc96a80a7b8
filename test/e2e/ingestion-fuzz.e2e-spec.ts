import { randomUUID } from 'node:crypto';
import { Topics } from '@loops/contracts';
import { createApiKey } from '../support/api-keys';
import { postFeedback, receivedFor, waitForReceived } from '../support/ingestion-client';
import { TopicProbe } from '../support/kafka-probe';
import { RunningService, startService, stopService } from '../support/service-process';
import { withStore } from '../support/store';

// Hostile input at volume: 5,000+ malformed bodies, each invalid by construction, must get a 4xx
// (never a 5xx), leave the service healthy, and store or publish nothing.
const PORT = 24011;
const BODIES = 5200;
const CONCURRENCY = 16;

/** mulberry32: a small seeded PRNG, so a failing body can be reproduced from the seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Body = { path: string; payload: unknown; contentType?: string };

function generator(seed: number) {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const valid = () => ({
    externalId: `fz-${Math.floor(rnd() * 1e9)}`,
    channel: 'survey',
    occurredAt: '2026-11-20T08:30:00Z',
    survey: { nps: 5, comment: 'ok' },
    customer: { id: 'c-1', annualValue: 10 },
  });
  // Values that are invalid wherever they are put below (no nulls: null means "absent" for optional fields).
  const notAString = [0, -1, 1e308, true, false, [], {}, [1, 'a'], { a: 1 }] as const;
  const notAnInt = ['7', '', true, [], {}, 1e308, -1e308, 3.5, [7], { n: 7 }] as const;
  const deep = (levels: number): unknown => (levels === 0 ? 'x' : { a: deep(levels - 1) });
  // An earlier mutation may have replaced the nested object with garbage; start from an empty one then.
  const objectAt = (i: Record<string, unknown>, key: string): Record<string, unknown> => {
    const v = i[key];
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  };
  const big = (n: number) => pick(['x', 'é', '😀', 'ab ']).repeat(n);

  const mutations: ((item: Record<string, unknown>) => void)[] = [
    (i) => (i[pick(['externalId', 'channel', 'occurredAt', 'text', 'title', 'product'])] = pick(notAString)),
    (i) => (i.survey = { ...objectAt(i, 'survey'), [pick(['nps', 'csat', 'ces'])]: pick(notAnInt) }),
    (i) => (i.customer = { ...objectAt(i, 'customer'), annualValue: pick(['1', true, [], {}, 1e300, -1]) }),
    (i) => (i.text = big(20001 + Math.floor(rnd() * 80000))),
    (i) => (i.externalId = big(129 + Math.floor(rnd() * 1000))),
    (i) => (i.attributes = deep(17 + Math.floor(rnd() * 30))),
    (i) => (i[pick(['survey', 'customer', 'touchpoint', 'scores'])] = pick([[], [{}], 'x', 5, true])),
    (i) => (i[pick(['tenantId', 'admin', 'isAdmin', '$where', 'tenant'])] = 'evil'),
    (i) => (i.channel = pick(['SURVEY', 'fax', '', 'survey ', 'review'])),
    (i) => (i.occurredAt = pick(['yesterday', '2026-13-01T00:00:00Z', '', '1700000000', '2026-11-20 08:30'])),
    (i) => (i.attributes = { nested: { no: 1 } }),
    (i) => (i.review = { rating: 5 }),
    (i) => {
      delete i.externalId;
    },
  ];

  const hostileItem = (): Record<string, unknown> => {
    const item: Record<string, unknown> = valid();
    const n = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < n; k++) pick(mutations)(item);
    return item;
  };

  // Raw JSON text for what JSON.stringify cannot express: prototype keys, huge literals, broken syntax.
  const rawTexts = (): string => {
    const v = JSON.stringify(valid()).slice(1, -1);
    return pick([
      `{"__proto__":{"admin":true},${v}}`,
      `{${v},"customer":{"constructor":{"prototype":{"polluted":1}}}}`,
      `{${v},"survey":{"__proto__":{"nps":1}}}`,
      `{${v},"prototype":1}`,
      `{${v},"survey":{"nps":1e999}}`,
      `{${v},"customer":{"annualValue":-1e999}}`,
      `{${v}`,
      `{${v},}`,
      `{'externalId':'x'}`,
      `null`,
      `"just a string"`,
      `12345`,
      `[${'['.repeat(5000)}${']'.repeat(5000)}]`,
      `{${v},"text":"\\ud800"}`.replace('"channel":"survey"', '"channel":"survey","x":1'),
    ]);
  };

  const invalidUtf8 = (): Buffer => {
    const v = JSON.stringify({ ...valid(), text: 'PLACEHOLDER' });
    const [head, tail] = v.split('PLACEHOLDER');
    const bad = pick([[0xff], [0xc3, 0x28], [0xe2, 0x28, 0xa1], [0xf0, 0x28, 0x8c, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]);
    return Buffer.concat([Buffer.from(head), Buffer.from(bad), Buffer.from(tail)]);
  };

  return (n: number): Body => {
    const kind = n % 10;
    if (kind === 0) return { path: '/v1/feedback', payload: rawTexts() };
    if (kind === 1) return { path: pick(['/v1/feedback', '/v1/feedback/batch']), payload: invalidUtf8() };
    if (kind === 2) {
      const envelope = pick([
        () => ({ items: Array.from({ length: 1 + Math.floor(rnd() * 20) }, hostileItem) }),
        () => ({ items: pick([null, 'x', 5, {}, [], true]) }),
        () => ({ items: Array.from({ length: 3 }, () => pick([null, 1, 'x', [], true])) }),
        () => [hostileItem()],
        () => ({ items: Array.from({ length: 1001 }, () => ({})) }),
        () => ({ itemz: [valid()] }),
      ]);
      return { path: '/v1/feedback/batch', payload: envelope() };
    }
    if (kind === 3) return { path: '/v1/feedback', payload: pick([[], [valid()], 'x', 1, true]) };
    if (kind === 4) return { path: '/v1/feedback', payload: JSON.stringify(valid()), contentType: pick(['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) };
    return { path: '/v1/feedback', payload: hostileItem() };
  };
}

describe('ingestion under hostile input', () => {
  const tenant = `t-${randomUUID().slice(0, 8)}`;
  let service: RunningService;
  let probe: TopicProbe;
  let key: string;

  beforeAll(async () => {
    service = await startService('ingestion', PORT, { RATE_LIMIT_PER_SECOND: '100000', BODY_LIMIT: '512kb' });
    key = createApiKey(tenant, 'fuzzer').apiKey;
    probe = await new TopicProbe([Topics.feedbackReceived]).start();
  });

  afterAll(async () => {
    await probe?.stop();
    if (service) await stopService(service);
  });

  it(`answers ${BODIES} malformed or hostile bodies with 4xx, stays healthy, publishes nothing`, async () => {
    const next = generator(20261120);
    const statuses = new Map<number, number>();
    const serverErrors: string[] = [];
    let sent = 0;
    const worker = async () => {
      while (sent < BODIES) {
        const n = sent++;
        const body = next(n);
        const res = await postFeedback(service.url, body.path, key, body.payload, body.contentType ? { 'content-type': body.contentType } : {});
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500 || res.status < 400) serverErrors.push(`#${n} ${body.path} -> ${res.status}: ${JSON.stringify(res.body).slice(0, 300)} <- ${String(Buffer.isBuffer(body.payload) ? body.payload : JSON.stringify(body.payload)).slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    // Batches answer 200 with per-item results; every item in them must have been rejected.
    expect(serverErrors.filter((e) => !/ -> 200: /.test(e) || !/"accepted":0,"duplicates":0/.test(e))).toEqual([]);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(BODIES);
    expect(service.process.exitCode).toBeNull();
    const health = await fetch(`${service.url}/health/ready`);
    expect(health.status).toBe(200);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();

    const sentinel = await postFeedback<{ eventId: string }>(service.url, '/v1/feedback', key, {
      externalId: 'after-fuzz',
      channel: 'survey',
      occurredAt: '2026-11-20T08:30:00Z',
      survey: { nps: 9 },
    });
    expect(sentinel.status).toBe(202);
    await waitForReceived(probe, sentinel.body.eventId);
    expect(receivedFor(probe, tenant).map((e) => e.externalId)).toEqual(['after-fuzz']);
    await withStore(async (db) => {
      const rows = await db.query('SELECT external_id FROM feedback WHERE tenant_id = $1', [tenant]);
      expect(rows.rows).toEqual([{ external_id: 'after-fuzz' }]);
    });
    console.log(`fuzz statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
});
