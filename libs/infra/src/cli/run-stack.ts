// Decorator metadata must exist before any contract class (via @loops/kafka) is loaded.
import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { kafkaSecurityEnv } from '@loops/kafka';
import { migrate } from '@loops/store';
import { createPipelineTopics } from '../pipeline-topics';
import { provisionInfrastructure } from '../provision';
import { describeStore, storeCounts, waitUntilSettled } from './demo-store';

const repoRoot = resolve(__dirname, '..', '..', '..', '..', '..');
const BASE_PORT = Number(process.env.LOOPS_BASE_PORT ?? 3000);
const SERVICES = [
  { name: 'ingestion', port: BASE_PORT + 1 },
  { name: 'sentiment', port: BASE_PORT + 2 },
  { name: 'routing', port: BASE_PORT + 3 },
  { name: 'root-cause', port: BASE_PORT + 4 },
] as const;

const say = (line: string) => console.log(`[loops] ${line}`);
/** The demo printout waits for every item to be analysed and the store to stand still this long... */
const SETTLE_QUIET_MS = Number(process.env.LOOPS_DEMO_QUIET_MS ?? 5000);
/** ...but never longer than this. */
const SETTLE_TIMEOUT_MS = Number(process.env.LOOPS_DEMO_TIMEOUT_MS ?? 120000);

async function waitReady(url: string, child: ChildProcess, name: string, logFile: string): Promise<void> {
  const deadline = Date.now() + 90000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; see ${logFile}`);
    const ok = await fetch(`${url}/health/ready`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} did not become ready; see ${logFile}`);
}

async function runDemo(databaseUrl: string, ingestionUrl: string): Promise<void> {
  const created = execFileSync(
    process.execPath,
    [join(repoRoot, 'dist/services/ingestion/src/cli/api-keys.js'), 'create', '--tenant', 'demo', '--integration', 'demo-survey'],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' },
  );
  const { apiKey } = JSON.parse(created.trim().split('\n').pop()!);
  const items = JSON.parse(readFileSync(join(repoRoot, 'deploy/demo/feedback.json'), 'utf8'));
  const res = await fetch(`${ingestionUrl}/v1/feedback/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ items }),
  });
  const body = (await res.json()) as { accepted: number; duplicates: number; rejected: number };
  say(`demo: POST /v1/feedback/batch → ${res.status}: ${body.accepted} accepted, ${body.duplicates} duplicates, ${body.rejected} rejected`);

  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    say(`demo: waiting until every item is analysed and the store stops changing for ${SETTLE_QUIET_MS / 1000} s...`);
    const { counts, settled, waitedMs } = await waitUntilSettled(() => storeCounts(db, 'demo'), body.accepted + body.duplicates, { quietMs: SETTLE_QUIET_MS, timeoutMs: SETTLE_TIMEOUT_MS });
    say(
      settled
        ? `demo: the pipeline settled after ${(waitedMs / 1000).toFixed(1)} s`
        : `demo: the pipeline had not settled after ${(waitedMs / 1000).toFixed(1)} s; showing what the store holds so far`,
    );
    // One line the tests (and scripts) can read; the details follow.
    say(
      `demo: store for tenant "demo": feedback ${counts.feedback}, analyses ${counts.analyses}, facts ${counts.facts}, ` +
        `alerts ${counts.alerts}, cases ${counts.cases}, rollups ${counts.rollups}`,
    );
    for (const line of await describeStore(db, 'demo', counts)) say(`  ${line}`);
  } finally {
    await db.end();
  }
}

/**
 * `npm start`: infrastructure, migrations, the four services, a demo feed; Ctrl-C stops everything it
 * started (services first, then the broker), leaving no process behind.
 */
async function main(): Promise<void> {
  const withDemo = !process.argv.includes('--no-demo');
  const infra = await provisionInfrastructure({ repoRoot, profile: 'run', log: (l) => say(l) });
  const applied = await migrate(infra.databaseUrl);
  say(`store migrated (${applied.length ? applied.join(', ') : 'up to date'})`);
  await createPipelineTopics(infra.kafkaBrokers, 6, infra.kafkaSecurity('admin'));
  if (infra.kafkaCredentialsFile) say(`Kafka requires SASL/SCRAM: one principal per service; passwords in ${infra.kafkaCredentialsFile}`);

  const logDir = process.env.LOOPS_LOG_DIR ?? join(repoRoot, 'deploy', 'native', 'run', 'logs');
  mkdirSync(logDir, { recursive: true });
  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping services...');
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((done) => {
            if (c.exitCode !== null || c.signalCode !== null) return done();
            const timer = setTimeout(() => c.kill('SIGKILL'), 20000);
            c.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            c.kill('SIGTERM');
          }),
      ),
    );
    say('stopping infrastructure...');
    await infra.stop();
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    await Promise.all(
      SERVICES.map(async ({ name, port }) => {
        const logFile = join(logDir, `${name}.log`);
        const child = spawn(process.execPath, [join(repoRoot, `dist/services/${name}/src/main.js`)], {
          cwd: repoRoot,
          // Each service connects as its own principal, limited by ACLs to its topics and groups.
          env: {
            ...process.env,
            ...kafkaSecurityEnv(infra.kafkaSecurity(name)),
            KAFKA_BROKERS: infra.kafkaBrokers,
            DATABASE_URL: infra.databaseUrl,
            PORT: String(port),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const out = createWriteStream(logFile, { flags: 'a' });
        child.stdout?.pipe(out);
        child.stderr?.pipe(out);
        children.push(child);
        child.once('exit', (code, signal) => {
          if (!stopping) {
            say(`${name} exited (${code ?? signal}); see ${logFile}`);
            void stopAll(1);
          }
        });
        await waitReady(`http://127.0.0.1:${port}`, child, name, logFile);
        say(`${name} ready on http://127.0.0.1:${port} (health /health/ready, metrics /metrics, API docs /docs, OpenAPI JSON /docs/json)`);
      }),
    );
    if (withDemo) await runDemo(infra.databaseUrl, `http://127.0.0.1:${SERVICES[0].port}`);
    say(`running: Kafka ${infra.kafkaBrokers} (${infra.source}), logs in ${logDir}. Press Ctrl-C to stop.`);
  } catch (error) {
    say(`start failed: ${(error as Error).message}`);
    await stopAll(1);
  }
}

main().catch((error: Error) => {
  console.error(`[loops] ${error.message}`);
  process.exit(1);
});
