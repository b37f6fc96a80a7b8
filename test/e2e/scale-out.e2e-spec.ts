import { randomUUID } from 'node:crypto';
import { createApiKey } from '../support/api-keys';
import { generateItems } from '../load/feedback-generator';
import { RunningService, ServiceName, startServices, stopService } from '../support/service-process';
import { eventually, withStore } from '../support/store';

const ITEMS = 1200;

async function send(url: string, apiKey: string, items: ReturnType<typeof generateItems>): Promise<void> {
  for (let i = 0; i < items.length; i += 400) {
    const res = await fetch(`${url}/v1/feedback/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ items: items.slice(i, i + 400) }),
    });
    expect(res.status).toBe(200);
  }
}

/** What a tenant's store holds, with tenant-specific ids removed so two tenants can be compared. */
async function storeContents(tenant: string) {
  return withStore(async (db) => {
    const q = async (sql: string) => (await db.query(sql, [tenant])).rows;
    return {
      analyses: await q(
        `SELECT f.external_id, a.language, a.sentiment_label, round(a.sentiment_score::numeric, 6) AS score, a.themes
           FROM analyses a JOIN feedback f ON f.event_id = a.feedback_event_id WHERE a.tenant_id = $1 ORDER BY f.external_id`,
      ),
      // Routing decisions: every route that fired, whether it paged or was held back by an inhibition.
      // Which of the two depends on when the outer loop's emerging-issue insight reached routing (a
      // race between services by design); which feedback was routed where must not depend on scale.
      alerts: await q(
        `SELECT f.external_id, d.receiver, d.rule_path, d.severity FROM (
            SELECT feedback_event_id, receiver, rule_path, severity FROM alerts WHERE tenant_id = $1 AND rule_path[1] = 'root'
            UNION ALL
            SELECT feedback_event_id, receiver, rule_path, alert->>'severity' FROM suppressed_alerts WHERE tenant_id = $1
          ) d JOIN feedback f ON f.event_id = d.feedback_event_id ORDER BY f.external_id, d.receiver`,
      ),
      cases: await q(
        // Cases are keyed by the customer's pseudonym, which is keyed by tenant: compare by the raw id
        // ingestion keeps instead.
        `SELECT min(f.customer_id) AS customer, c.priority, c.owner_team, count(cf.*)::int AS feedback
           FROM cases c JOIN case_feedback cf ON cf.case_id = c.case_id JOIN feedback f ON f.event_id = cf.feedback_event_id
          WHERE c.tenant_id = $1
          GROUP BY c.case_id, c.priority, c.owner_team ORDER BY 1`,
      ),
      rollups: await q(
        `SELECT bucket_size, bucket_start, touchpoint, channel, segment, theme, count, nps_count, promoters, passives, detractors,
                csat_count, csat_sum, ces_count, ces_sum, negative_count, round(sentiment_sum::numeric, 6) AS sentiment_sum
           FROM rollups WHERE tenant_id = $1 ORDER BY 1, 2, 3, 4, 5, 6`,
      ),
    };
  });
}

// Scale-out is Kafka's: three instances of each consumer service in their groups, over six partitions,
// must leave exactly the store contents one instance leaves for the same input.
describe('scale-out by partitions', () => {
  // Spread over a week so no touchpoint × theme spikes: an emerging issue would inhibit alerts from the
// moment its insight reaches routing, a cross-service race that differs from run to run by design.
const items = generateItems(ITEMS, 'scale', 0.3, 7, Date.parse('2026-11-20T12:00:00Z'), 7 * 86400_000);
  let running: RunningService[] = [];

  afterEach(async () => {
    await Promise.all(running.map((s) => stopService(s)));
    running = [];
  });

  async function runWith(instances: number, basePort: number): Promise<string> {
    const tenant = `scale-${instances}-${randomUUID().slice(0, 6)}`;
    const consumers: ServiceName[] = ['sentiment', 'routing', 'root-cause'];
    running = await startServices([
      { name: 'ingestion', port: basePort },
      ...consumers.flatMap((name, s) => Array.from({ length: instances }, (_, i) => ({ name, port: basePort + 1 + s * 10 + i }))),
    ]);
    const { apiKey } = createApiKey(tenant, 'scale');
    await send(running[0].url, apiKey, items);
    await eventually(
      `all ${ITEMS} items through every consumer`,
      () =>
        withStore(async (db) => {
          const r = await db.query(
            `SELECT (SELECT count(*) FROM feedback_facts WHERE tenant_id = $1)::int AS facts,
                    (SELECT count(*) FROM analyses WHERE tenant_id = $1)::int AS analyses`,
            [tenant],
          );
          return r.rows[0].facts === ITEMS && r.rows[0].analyses === ITEMS;
        }),
      120000,
    );
    // Routing has no completion marker of its own: wait until its alert count stops moving.
    let last = -1;
    await eventually(
      'routing settled',
      async () => {
        const n = await withStore(async (db) => (await db.query('SELECT count(*)::int AS n FROM alerts WHERE tenant_id = $1', [tenant])).rows[0].n as number);
        const settled = n > 0 && n === last;
        last = n;
        if (!settled) await new Promise((r) => setTimeout(r, 1500));
        return settled;
      },
      120000,
    );
    return tenant;
  }

  it('three instances per consumer service store exactly what one instance stores', async () => {
    const single = await storeContents(await runWith(1, 21500));
    await Promise.all(running.map((s) => stopService(s)));
    running = [];
    const scaled = await storeContents(await runWith(3, 21600));
    expect(single.analyses).toHaveLength(ITEMS);
    expect(single.alerts.length).toBeGreaterThan(100);
    expect(scaled.analyses).toEqual(single.analyses);
    expect(scaled.alerts).toEqual(single.alerts);
    expect(scaled.cases).toEqual(single.cases);
    expect(scaled.rollups).toEqual(single.rollups);
  });
});
