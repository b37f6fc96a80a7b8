import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { canConnect, isAlive, recreateDatabase } from '@loops/infra';
import { REPO_ROOT } from '../support/service-process';

// The README's run command, end to end: its own native broker, migrations, four services, the demo,
// and a Ctrl-C that leaves nothing behind. Ports and state are moved aside so it cannot collide with
// the test broker or a developer's running stack.
describe('the run command (npm start)', () => {
  it('brings everything up, feeds the demo, and stops without leaving a process behind', async () => {
    const stateDir = join(REPO_ROOT, 'test', 'output', 'run-command-state');
    const db = new URL(process.env.DATABASE_URL!);
    db.pathname = '/loops_run_e2e';
    // A fresh machine: no broker state, an empty database.
    rmSync(stateDir, { recursive: true, force: true });
    await recreateDatabase(db.toString());
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: db.toString(),
      LOOPS_INFRA: 'native',
      LOOPS_KAFKA_PORT: '23092',
      LOOPS_KAFKA_CONTROLLER_PORT: '23093',
      LOOPS_STATE_DIR: stateDir,
      LOOPS_LOG_DIR: join(REPO_ROOT, 'test', 'output', 'logs', 'run-command'),
      LOOPS_BASE_PORT: '23000',
    };
    const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/libs/infra/src/cli/run-stack.js')], {
      cwd: REPO_ROOT,
      env,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    try {
      await checkRunningStack();
    } finally {
      // An assertion that fails before the Ctrl-C below must not leave the stack running.
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        await exited;
      }
    }

    async function checkRunningStack(): Promise<void> {
      const deadline = Date.now() + 240000;
      while (!output.includes('Press Ctrl-C to stop') && Date.now() < deadline && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(output).toContain('Press Ctrl-C to stop');

      for (const port of [23001, 23002, 23003, 23004]) {
        const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
        expect(res.status).toBe(200);
      }
      // The printout is taken once the pipeline settled, and it is what the store holds.
      const accepted = Number(
        /demo: POST \/v1\/feedback\/batch → 200: (\d+) accepted, 0 duplicates/.exec(output)?.[1],
      );
      expect(accepted).toBeGreaterThanOrEqual(1);
      expect(output).toMatch(/demo: the pipeline settled after [\d.]+ s/);
      const printed =
        /demo: store for tenant "demo": feedback (\d+), analyses (\d+), facts (\d+), alerts (\d+), cases (\d+), rollups (\d+)/.exec(
          output,
        );
      expect(printed).not.toBeNull();
      const [feedback, analyses, facts, alerts, cases, rollups] = printed!.slice(1).map(Number);
      const store = new Client({ connectionString: db.toString() });
      await store.connect();
      try {
        const r = await store.query(
          `SELECT (SELECT count(*)::int FROM feedback WHERE tenant_id = 'demo') AS feedback,
                (SELECT count(DISTINCT feedback_event_id)::int FROM analyses WHERE tenant_id = 'demo') AS analyses,
                (SELECT count(*)::int FROM feedback_facts WHERE tenant_id = 'demo') AS facts,
                (SELECT count(*)::int FROM alerts WHERE tenant_id = 'demo') AS alerts,
                (SELECT count(*)::int FROM cases WHERE tenant_id = 'demo') AS cases,
                (SELECT count(*)::int FROM rollups WHERE tenant_id = 'demo') AS rollups`,
        );
        expect({ feedback, analyses, facts, alerts, cases, rollups }).toEqual(r.rows[0]);
        // The printout shows the first alerts and cases, in the order the store has them.
        const first = await store.query(
          `SELECT receiver, severity FROM alerts WHERE tenant_id = 'demo' ORDER BY created_at, alert_id LIMIT 3`,
        );
        const printedAlerts = [...output.matchAll(/alert → alerts\.([a-z-]+)\.v1 \[([a-z]+)\]/g)].map(
          (m) => ({ receiver: m[1], severity: m[2] }),
        );
        expect(printedAlerts).toEqual(first.rows);
        const firstCases = await store.query(
          `SELECT status, priority, owner_team FROM cases WHERE tenant_id = 'demo' ORDER BY opened_at, case_id LIMIT 3`,
        );
        const printedCases = [
          ...output.matchAll(/\[loops\] {5}(open|acknowledged|resolved) (p\d) for ([a-z-]+), customer/g),
        ].map((m) => ({ status: m[1], priority: m[2], owner_team: m[3] }));
        expect(printedCases).toEqual(firstCases.rows);
      } finally {
        await store.end();
      }
      // Every demo item analysed and counted; the inner loop paged someone and opened a case for each alert's customer.
      expect({ feedback, analyses, facts }).toEqual({
        feedback: accepted,
        analyses: accepted,
        facts: accepted,
      });
      expect(alerts).toBeGreaterThanOrEqual(1);
      expect(cases).toBeGreaterThanOrEqual(1);
      expect(rollups).toBeGreaterThanOrEqual(1);
      expect(output).toContain(`feedback: ${accepted} items`);
      expect(output).toContain(`rollups: ${rollups} rows`);

      const brokerPid = Number(readFileSync(join(stateDir, 'kafka.pid'), 'utf8'));
      expect(isAlive(brokerPid)).toBe(true);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(output).toContain('[loops] stopped');
      expect(isAlive(brokerPid)).toBe(false);
      for (const port of [23092, 23001, 23002, 23003, 23004]) expect(await canConnect(port)).toBe(false);
    }
  }, 300000);
});
