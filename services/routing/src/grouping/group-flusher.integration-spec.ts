import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Alert } from '@loops/contracts';
import { createDataSource } from '@loops/store';
import { insertAlerts } from '../outbox/outbox.publisher';
import { parseRoutingTree } from '../routing-tree/parse-routing-tree';
import { evaluateRoutingTree } from '../routing-tree/evaluate-routing-tree';
import { analyzedFixture } from '../testing/analyzed-fixture';
import { enqueueNotifications } from './enqueue-notifications';
import { flushDueGroups } from './group-flusher';

const TREE = parseRoutingTree(`
route:
  routes:
    - name: detractors
      match: { nps: { lte: 6 } }
      group_by: [touchpoint]
      group_wait: 30s
      group_interval: 5m
      repeat_interval: 1h
      receiver: cx-team
receivers:
  cx-team: { email: { to: [cx@example.com], from: loops@example.com }, slack: { urlEnv: CX_SLACK_WEBHOOK_URL } }
`);

// Group state in PostgreSQL: two routing instances flushing at the same moment send each group once
// (FOR UPDATE SKIP LOCKED), and a fresh instance (a restart) continues from the stored state.
describe('notification groups in the store', () => {
  const tenant = `gf-${randomUUID().slice(0, 8)}`;
  let first: DataSource;
  let second: DataSource;
  const t0 = new Date('2026-11-25T10:00:00.000Z');

  beforeAll(async () => {
    first = await createDataSource({ url: process.env.DATABASE_URL!, poolSize: 4 }).initialize();
    second = await createDataSource({ url: process.env.DATABASE_URL!, poolSize: 4 }).initialize();
  });

  afterAll(async () => {
    await first?.destroy();
    await second?.destroy();
  });

  async function storm(touchpoints: string[], at: Date): Promise<void> {
    await first.transaction(async (m) => {
      const items = touchpoints.map((touchpoint, i) => {
        const event = analyzedFixture({ nps: 2, touchpoint, customerId: `c-${randomUUID()}`, eventId: randomUUID() });
        const [match] = evaluateRoutingTree(TREE, event);
        const alert: Alert = {
          alertId: randomUUID(), caseId: randomUUID(), tenantId: tenant, receiver: match.receiver, rulePath: match.rulePath, matched: match.matched,
          severity: 'medium', feedbackEventId: event.feedback.eventId, summary: `storm ${i}`, createdAt: at.toISOString(),
        };
        return { alert, tree: TREE, grouping: match.grouping, event };
      });
      for (const { alert } of items) {
        await m.query(
          `INSERT INTO cases (case_id, tenant_id, customer_key, status, priority, owner_team, receiver, opened_at, due_at, last_alert_at)
           VALUES ($1, $2, $3, 'open', 'p3', 'cx', 'cx-team', $4, $4, $4)`,
          [alert.caseId, tenant, `customer:${alert.alertId}`, at],
        );
      }
      await insertAlerts(m, items.map((i) => i.alert));
      await enqueueNotifications(m, items, at);
    });
  }

  const notifications = async () =>
    (await first.query(`SELECT reason, kind, group_size, cardinality(alert_ids) AS alerts, group_labels FROM notifications WHERE tenant_id = $1 ORDER BY created_at, kind`, [tenant])) as {
      reason: string; kind: string; group_size: number; alerts: number; group_labels: Record<string, unknown>;
    }[];

  it('flushes each group once when two instances race, after group_wait only', async () => {
    await storm([...Array(40).fill('checkout'), ...Array(10).fill('delivery')], t0);
    // Inside group_wait: nothing is due.
    expect(await first.transaction((m) => flushDueGroups(m, new Date(t0.getTime() + 10_000), 200, tenant))).toEqual({ groups: 0, notifications: 0 });
    const at = new Date(t0.getTime() + 31_000);
    const results = await Promise.all([first, second, first, second].map((ds) => ds.transaction((m) => flushDueGroups(m, at, 200, tenant))));
    expect(results.reduce((n, r) => n + r.groups, 0)).toBe(2);
    const sent = await notifications();
    expect(sent.map((n) => [n.reason, n.kind, n.alerts, n.group_labels.touchpoint]).sort()).toEqual([
      ['first', 'email', 10, 'delivery'],
      ['first', 'email', 40, 'checkout'],
      ['first', 'slack', 10, 'delivery'],
      ['first', 'slack', 40, 'checkout'],
    ]);
  });

  it('holds later alerts until group_interval, then reminds of open cases after repeat_interval', async () => {
    const joinedAt = new Date(t0.getTime() + 60_000);
    await storm(['checkout', 'checkout'], joinedAt);
    // A "restarted" instance (a new DataSource) sees the same groups and their schedule.
    const restarted = await createDataSource({ url: process.env.DATABASE_URL!, poolSize: 2 }).initialize();
    try {
      expect(await restarted.transaction((m) => flushDueGroups(m, new Date(t0.getTime() + 120_000), 200, tenant))).toEqual({ groups: 0, notifications: 0 });
      expect(await restarted.transaction((m) => flushDueGroups(m, new Date(t0.getTime() + 31_000 + 300_000), 200, tenant))).toEqual({ groups: 1, notifications: 2 });
    } finally {
      await restarted.destroy();
    }
    expect((await notifications()).filter((n) => n.reason === 'update').map((n) => [n.kind, n.alerts, n.group_size])).toEqual([
      ['email', 2, 42],
      ['slack', 2, 42],
    ]);
    // Acknowledge the delivery group's cases: at repeat_interval it closes instead of reminding.
    await first.query(
      `UPDATE cases SET status = 'acknowledged' WHERE case_id IN (SELECT ga.case_id FROM notification_group_alerts ga JOIN notification_groups g ON g.group_id = ga.group_id
        WHERE g.tenant_id = $1 AND g.group_labels ->> 'touchpoint' = 'delivery')`,
      [tenant],
    );
    const later = new Date(t0.getTime() + 31_000 + 300_000 + 3600_000);
    expect(await first.transaction((m) => flushDueGroups(m, later, 200, tenant))).toEqual({ groups: 2, notifications: 2 });
    expect((await notifications()).filter((n) => n.reason === 'repeat').map((n) => [n.kind, n.alerts, n.group_labels.touchpoint])).toEqual([
      ['email', 42, 'checkout'],
      ['slack', 42, 'checkout'],
    ]);
    const open = await first.query(`SELECT group_labels ->> 'touchpoint' AS touchpoint FROM notification_groups WHERE tenant_id = $1`, [tenant]);
    expect(open).toEqual([{ touchpoint: 'checkout' }]);
  });
});
