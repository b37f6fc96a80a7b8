import 'reflect-metadata';
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { kafkajsSecurityOptions, kafkaSecurityEnv } from '@loops/kafka';
import { Client } from 'pg';
import { DlqRecord, FEEDBACK_RECEIVED_TYPE, Topics } from '@loops/contracts';
import {
  clusterNodes,
  createPipelineTopics,
  partitionLeader,
  provisionInfrastructure,
  readKafkaCredentials,
  recreateDatabase,
  startClusterBroker,
  startNativeKafka,
  stopClusterBroker,
  stopNativeKafka,
  stopNativeKafkaCluster,
  waitForFullIsr,
  writeBenchmarkSection,
} from '@loops/infra';
import { migrate } from '@loops/store';
import { generateItems } from './feedback-generator';

// Kill things while load runs, then count. One command: `npm run build && npm run faults`.
// During a steady load through all four services: services are SIGKILLed and restarted (FAULT_KILLS,
// spread over the four), Kafka is disturbed, PostgreSQL is restarted, and 1% of the traffic on
// feedback.received.v1 is poison. Afterwards every accepted item must be in the store exactly once,
// every poison message in the DLQ with its reason, and no alert duplicated.
// FAULT_KAFKA=single (default): one broker, restarted once. FAULT_KAFKA=cluster: three KRaft brokers
// (replication factor 3, min.insync.replicas 2); the broker leading feedback.received.v1 partition 0 is
// SIGKILLed under load (and started again later), then all three are restarted one after another.
// `npm run faults:cluster` and `npm run faults:1000` are the two runs docs/benchmarks.md reports besides this one.
const repoRoot = resolve(__dirname, '..', '..');
const SECONDS = Number(process.env.FAULT_SECONDS ?? 90);
const RATE = Number(process.env.FAULT_RATE ?? 100);
const KILLS = Number(process.env.FAULT_KILLS ?? 8);
const CLUSTER = process.env.FAULT_KAFKA === 'cluster';
const SECTION = process.env.FAULT_SECTION ?? (CLUSTER ? 'faults-cluster' : 'faults');
const SERVICES = ['ingestion', 'sentiment', 'routing', 'root-cause'] as const;
// The cluster run uses its own ports (27241-27243, controllers 27251-27253, services 27261-27264).
const BASE_PORT = CLUSTER ? 27260 : 27000;
const KAFKA = CLUSTER
  ? { port: 27241, controllerPort: 27251, stateDir: '/tmp/loops-fault-suite-cluster' }
  : { port: 27392, controllerPort: 27393, stateDir: '/tmp/loops-fault-suite' };
const CLUSTER_PORTS = { basePort: KAFKA.port, controllerBasePort: KAFKA.controllerPort };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.log(`[faults ${new Date().toISOString().slice(11, 19)}] ${line}`);

class Supervisor {
  private readonly procs = new Map<string, ChildProcess>();
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    /** Each service's own broker principal. */
    private readonly kafkaEnv: (name: (typeof SERVICES)[number]) => Record<string, string> = () => ({}),
  ) {}

  start(name: (typeof SERVICES)[number]): void {
    const port = BASE_PORT + SERVICES.indexOf(name) + 1;
    const child = spawn(process.execPath, [join(repoRoot, `dist/services/${name}/src/main.js`)], {
      cwd: repoRoot,
      env: { ...this.env, ...this.kafkaEnv(name), PORT: String(port), LOG_LEVEL: 'error', RATE_LIMIT_PER_SECOND: '100000' },
      stdio: 'ignore',
    });
    this.procs.set(name, child);
    // A service that dies on its own (e.g. the broker vanished under it) is restarted, as an orchestrator would.
    child.once('exit', () => {
      if (this.procs.get(name) === child && !this.stopping) setTimeout(() => this.start(name), 1000);
    });
  }

  kill(name: (typeof SERVICES)[number]): void {
    this.procs.get(name)?.kill('SIGKILL');
  }

  stopping = false;
  stopAll(): void {
    this.stopping = true;
    for (const c of this.procs.values()) c.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0].toFixed(1);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LOOPS_INFRA: 'native',
    LOOPS_KAFKA_PORT: String(KAFKA.port),
    LOOPS_KAFKA_CONTROLLER_PORT: String(KAFKA.controllerPort),
    LOOPS_STATE_DIR: KAFKA.stateDir,
    LOOPS_KAFKA_BROKERS: CLUSTER ? '3' : '1',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/loops_faults',
  };
  const infra = await provisionInfrastructure({ repoRoot, profile: 'test', env });
  const supervisor = new Supervisor({ ...env, KAFKA_BROKERS: infra.kafkaBrokers, DATABASE_URL: infra.databaseUrl }, (name) => kafkaSecurityEnv(infra.kafkaSecurity(name)));
  try {
    await recreateDatabase(infra.databaseUrl);
    await migrate(infra.databaseUrl);
    await createPipelineTopics(infra.kafkaBrokers, 6, infra.kafkaSecurity('admin'));
    SERVICES.forEach((s) => supervisor.start(s));
    await sleep(8000);
    const created = execFileSync(process.execPath, [join(repoRoot, 'dist/services/ingestion/src/cli/api-keys.js'), 'create', '--tenant', 'faults', '--integration', 'load'], {
      env: { ...env, DATABASE_URL: infra.databaseUrl },
      encoding: 'utf8',
    });
    const apiKey = JSON.parse(created.trim().split('\n').pop()!).apiKey as string;
    const kafka = new Kafka({ brokers: infra.kafkaBrokers.split(','), clientId: 'faults', logLevel: logLevel.NOTHING, retry: { retries: 30 }, ...kafkajsSecurityOptions(infra.kafkaSecurity('admin')) });
    const producer = kafka.producer();
    await producer.connect();

    const items = generateItems(RATE * SECONDS, 'fault', 0.3, 99);
    const accepted = new Set<string>();
    const poison: string[] = [];
    let sent = 0;
    let retriedBatches = 0;

    // The load: RATE items/s in 10 batches a second; a failed batch is retried until accepted, as an
    // integration would (safe: ingestion is idempotent on the external id).
    const loadStart = Date.now();
    const load = (async () => {
      const perTick = Math.max(1, Math.round(RATE / 10));
      const start = Date.now();
      const inflight: Promise<void>[] = [];
      for (let tick = 0; tick * perTick < items.length; tick++) {
        const due = start + tick * 100;
        if (due > Date.now()) await sleep(due - Date.now());
        const chunk = items.slice(tick * perTick, (tick + 1) * perTick);
        sent += chunk.length;
        inflight.push(
          (async () => {
            for (;;) {
              try {
                const res = await fetch(`http://127.0.0.1:${BASE_PORT + 1}/v1/feedback/batch`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
                  body: JSON.stringify({ items: chunk }),
                  signal: AbortSignal.timeout(30000),
                });
                if (res.status === 200) {
                  const body = (await res.json()) as { results: { status: string; eventId?: string }[] };
                  body.results.forEach((r) => r.eventId && accepted.add(r.eventId));
                  return;
                }
              } catch {
                /* connection refused while ingestion restarts */
              }
              retriedBatches++;
              await sleep(1000);
            }
          })(),
        );
        // 1% poison straight onto feedback.received.v1: contract violations every consumer must dead-letter.
        if (tick % 10 === 0) {
          const id = `poison-${tick}`;
          poison.push(id);
          await producer
            .send({
              topic: Topics.feedbackReceived,
              messages: [{ key: id, value: JSON.stringify({ eventId: id, scores: { nps: 99 } }), headers: { ce_specversion: '1.0', ce_id: id, ce_source: 'faults', ce_type: FEEDBACK_RECEIVED_TYPE } }],
            })
            .catch(() => poison.pop());
        }
      }
      await Promise.all(inflight);
    })();

    // The faults, spread over the run: the service kills on one timeline, Kafka and PostgreSQL on another.
    const runMs = SECONDS * 1000;
    const faults: string[] = [];
    const kills = (async () => {
      for (let i = 0; i < KILLS; i++) {
        await sleep(runMs / (KILLS + 1));
        const name = SERVICES[i % SERVICES.length];
        supervisor.kill(name);
        faults.push(`SIGKILL ${name}`);
        log(`SIGKILL ${name} (${i + 1}/${KILLS})`);
      }
    })();
    const infraFaults = (async () => {
      if (CLUSTER) {
        await sleep(runMs * 0.25);
        const leader = await partitionLeader(infra.kafkaBrokers, readKafkaCredentials(KAFKA.stateDir), Topics.feedbackReceived, 0);
        log(`SIGKILL the broker leading ${Topics.feedbackReceived}[0]: node ${leader}`);
        await stopClusterBroker(KAFKA.stateDir, leader, 'SIGKILL');
        faults.push(`SIGKILL of the partition leader's broker (node ${leader})`);
        await sleep(15000);
        await startClusterBroker({ repoRoot, stateDir: KAFKA.stateDir }, clusterNodes(CLUSTER_PORTS)[leader - 1]);
        await waitForFullIsr(infra.kafkaBrokers, readKafkaCredentials(KAFKA.stateDir), Object.values(Topics), 3, 180000);
        log(`node ${leader} back and in every ISR`);
        await sleep(runMs * 0.1);
        for (const node of clusterNodes(CLUSTER_PORTS)) {
          log(`rolling restart: node ${node.nodeId}`);
          await stopClusterBroker(KAFKA.stateDir, node.nodeId, 'SIGTERM');
          await startClusterBroker({ repoRoot, stateDir: KAFKA.stateDir }, node);
          // The next broker may stop only when this one has caught up, or two replicas would be missing.
          await waitForFullIsr(infra.kafkaBrokers, readKafkaCredentials(KAFKA.stateDir), Object.values(Topics), 3, 180000);
        }
        faults.push('rolling restart of the three brokers (each back in every ISR before the next)');
      } else {
        await sleep(runMs * 0.5);
        log('restarting the Kafka broker');
        await stopNativeKafka(KAFKA.stateDir);
        await sleep(2000);
        await startNativeKafka({ repoRoot, stateDir: KAFKA.stateDir, port: KAFKA.port, controllerPort: KAFKA.controllerPort });
        faults.push('Kafka broker restart');
      }
      await sleep(runMs * 0.1);
      log('restarting PostgreSQL');
      const version = spawnSync('ls', ['/etc/postgresql'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart'], { stdio: 'inherit' });
      faults.push('PostgreSQL restart');
    })();
    await Promise.all([kills, infraFaults]);
    await load;
    const loadEnd = Date.now();
    const loadSeconds = (loadEnd - loadStart) / 1000;
    log(`load done: ${sent} sent, ${accepted.size} accepted; waiting for the pipeline to drain`);

    const db = new Client({ connectionString: infra.databaseUrl });
    await db.connect();
    const counts = async () =>
      (
        await db.query(
          `SELECT (SELECT count(*) FROM feedback WHERE tenant_id = 'faults')::int AS feedback,
                  (SELECT count(DISTINCT feedback_event_id) FROM analyses WHERE tenant_id = 'faults')::int AS analyzed,
                  (SELECT count(*) FROM analyses WHERE tenant_id = 'faults')::int AS analyses,
                  (SELECT count(*) FROM feedback_facts WHERE tenant_id = 'faults')::int AS facts,
                  (SELECT count(*) FROM alerts WHERE tenant_id = 'faults')::int AS alerts`,
        )
      ).rows[0] as Record<string, number>;
    let c = await counts();
    const deadline = Date.now() + Math.max(180000, RATE * 300);
    while ((c.facts < accepted.size || c.analyzed < accepted.size) && Date.now() < deadline) {
      await sleep(2000);
      c = await counts();
    }
    const drainSeconds = (Date.now() - loadEnd) / 1000;
    await sleep(10000); // let routing finish the tail
    c = await counts();

    const ids = [...accepted];
    const missing = (await db.query(`SELECT count(*)::int AS n FROM unnest($1::uuid[]) id WHERE NOT EXISTS (SELECT 1 FROM feedback_facts f WHERE f.feedback_event_id = id)`, [ids])).rows[0].n as number;
    const duplicateAlerts = (await db.query(`SELECT count(*)::int AS n FROM (SELECT feedback_event_id, receiver FROM alerts WHERE tenant_id = 'faults' GROUP BY 1, 2 HAVING count(*) > 1) d`)).rows[0].n as number;
    const verify = spawnSync(process.execPath, [join(repoRoot, 'dist/services/root-cause/src/cli/rollups.js'), 'verify', '--tenant', 'faults'], { env: { ...env, DATABASE_URL: infra.databaseUrl }, encoding: 'utf8' });
    const rollupDifferences = JSON.parse(verify.stdout || '{"differences":-1}').differences as number;

    // Read the DLQ and the alert topics back.
    const seenPoison = new Map<string, string>();
    const alertIds = new Map<string, number>();
    // Each pipeline topic's records by feedback event id, to count copies on the topics themselves.
    const onTopic = { [Topics.feedbackReceived]: new Map<string, number>(), [Topics.feedbackAnalyzed]: new Map<string, number>() } as Record<string, Map<string, number>>;
    const reader = kafka.consumer({ groupId: `fault-reader-${Date.now()}`, maxBytesPerPartition: 4 * 1024 * 1024 });
    await reader.connect();
    await reader.subscribe({ topics: [Topics.feedbackDlq, Topics.feedbackReceived, Topics.feedbackAnalyzed, /^alerts\..*\.v1$/], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ topic, message }) => {
        if (onTopic[topic]) {
          // An analyzed event has its own ce_id; the feedback it analyzes is in its body.
          const id = topic === Topics.feedbackAnalyzed ? String(JSON.parse(message.value!.toString()).feedback?.eventId) : (message.headers?.ce_id?.toString() ?? '');
          onTopic[topic].set(id, (onTopic[topic].get(id) ?? 0) + 1);
          return;
        }
        const body = JSON.parse(message.value!.toString());
        if (topic === Topics.feedbackDlq) seenPoison.set((body as DlqRecord).originalHeaders.ce_id, `${(body as DlqRecord).service}: ${(body as DlqRecord).reason}`);
        else alertIds.set(body.alertId, (alertIds.get(body.alertId) ?? 0) + 1);
      },
    });
    // Until the reader has seen every accepted item on feedback.received.v1 (or a generous time has passed).
    const readUntil = Date.now() + Math.max(30000, RATE * 60);
    await sleep(15000);
    while (Date.now() < readUntil && ids.some((id) => !onTopic[Topics.feedbackReceived].has(id) || !onTopic[Topics.feedbackAnalyzed].has(id))) await sleep(2000);
    await sleep(5000);
    await reader.disconnect();
    await producer.disconnect();
    await db.end();

    const poisonInDlq = poison.filter((id) => seenPoison.has(id)).length;
    const alertsRepublished = [...alertIds.values()].filter((n) => n > 1).length;
    const topicCounts = (topic: string) => {
      const accepted = ids.filter((id) => onTopic[topic].has(id));
      return { records: accepted.reduce((n, id) => n + onTopic[topic].get(id)!, 0), distinct: accepted.length };
    };
    const received = topicCounts(Topics.feedbackReceived);
    const analyzed = topicCounts(Topics.feedbackAnalyzed);
    const report = [
      `Run ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} (load average ${loadBefore} at the start): ${SECONDS} s offered at ${RATE} items/s through all four services, ${CLUSTER ? 'a three-broker Kafka cluster (replication factor 3, min.insync.replicas 2)' : 'one Kafka broker'} and PostgreSQL co-located.`,
      `Offered ${sent} items at ${RATE}/s over ${SECONDS} s; with the retries of batches refused while services were down, the last was accepted after ${loadSeconds.toFixed(0)} s (${(accepted.size / loadSeconds).toFixed(0)} items/s accepted on average); the store held every accepted item ${drainSeconds.toFixed(0)} s after that.`,
      `Faults injected: ${faults.join(', ')}; 1% poison messages on \`feedback.received.v1\`.`,
      '',
      '| count | value |',
      '|---|---|',
      `| items sent (HTTP) | ${sent} |`,
      `| items accepted (distinct event ids answered 200) | ${accepted.size} |`,
      `| batches retried by the client during outages | ${retriedBatches} |`,
      `| stored in \`feedback\` | ${c.feedback} |`,
      `| analyzed (distinct) / analysis rows | ${c.analyzed} / ${c.analyses} |`,
      `| counted in the outer loop (\`feedback_facts\`) | ${c.facts} |`,
      `| **lost** (accepted but not in the store) | **${missing}** |`,
      `| **duplicated** (store rows beyond one per accepted item) | **${c.feedback - accepted.size + (c.analyses - c.analyzed)}** |`,
      `| poison messages sent / in the DLQ with a reason | ${poison.length} / ${poisonInDlq} |`,
      `| alerts stored / duplicated in the store | ${c.alerts} / ${duplicateAlerts} |`,
      `| alert messages published more than once on their topic | ${alertsRepublished} |`,
      `| accepted items on \`feedback.received.v1\`: records / distinct | ${received.records} / ${received.distinct} |`,
      `| accepted items on \`feedback.analyzed.v1\`: records / distinct | ${analyzed.records} / ${analyzed.distinct} |`,
      `| rollup rows differing from a recomputation | ${rollupDifferences} |`,
      '',
      `Example DLQ reason: ${[...seenPoison.values()][0] ?? 'none'}`,
      '',
      'Lost and duplicated are counted in the store, which is the promise (effectively once). The topic rows count the records',
      'of accepted items on the two topics read back from the beginning: a copy beyond one per item there is a batch published',
      "again, by ingestion's outbox relay killed after sending but before marking it sent, or by a consumer whose offset commit",
      'did not land (the service was killed, or its group coordinator moved with a restarted broker); the idempotent writes',
      'downstream absorb it.',
      ...(CLUSTER && KILLS === 0
        ? ['No service is killed in this run, so `feedback.received.v1` shows what the idempotent acks=all producer adds across a leader kill and a rolling restart.']
        : []),
    ];
    const heading = CLUSTER
      ? 'Fault suite on a three-broker cluster: the leader killed, a rolling restart'
      : SECTION === 'faults'
        ? 'Fault suite: kills, restarts and poison under load'
        : `Fault suite at ${RATE} items/s: ${KILLS} service kills, broker and PostgreSQL restarts, poison`;
    writeBenchmarkSection(repoRoot, SECTION, heading, report.join('\n'));
    console.log(report.join('\n'));
    if (missing > 0 || duplicateAlerts > 0 || poisonInDlq < poison.length || rollupDifferences !== 0) process.exitCode = 1;
    if (received.distinct < accepted.size) log(`only ${received.distinct} of ${accepted.size} accepted items read back from ${Topics.feedbackReceived}`);
  } finally {
    supervisor.stopAll();
    await sleep(3000);
    if (CLUSTER) await stopNativeKafkaCluster(KAFKA.stateDir, 3, true);
    else await stopNativeKafka(KAFKA.stateDir, true);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
