import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { kafkaSecurityEnv, kafkajsSecurityOptions } from '@loops/kafka';
import { createPipelineTopics, provisionInfrastructure, recreateDatabase } from '@loops/infra';
import { migrate } from '@loops/store';
import { GeneratedItem } from './feedback-generator';
import { untilSettled, waitUntil } from './settling';

export const SERVICES = ['ingestion', 'sentiment', 'routing', 'root-cause'] as const;
export type ServiceName = (typeof SERVICES)[number];
export const BENCH_TENANT = 'bench';
/** Both analyzed versions: a run on a tree that publishes either one is judged by the topic it used. */
const ANALYZED_TOPICS = ['feedback.analyzed.v1', 'feedback.analyzed.v2'];
const DOWNSTREAM: ServiceName[] = ['routing', 'root-cause'];

export interface StackOptions {
  repoRoot: string;
  basePort: number;
  /** Directory for V8 CPU profiles (`--cpu-prof`), one sub-directory per service; none when omitted. */
  cpuProfileDir?: string;
  /** The built services to run (`dist` of the repository by default), e.g. a copy of an earlier build. */
  distDir?: string;
}

/** The four services from `dist/` on the machine's Kafka and PostgreSQL, and the bench's clients of both. */
export class PipelineStack {
  readonly children = new Map<ServiceName, ChildProcess>();
  db!: Client;
  kafka!: Kafka;
  admin!: Admin;
  apiKey!: string;
  brokerPid!: number;
  private infra!: Awaited<ReturnType<typeof provisionInfrastructure>>;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly options: StackOptions) {
    this.env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOOPS_INFRA: 'native',
      LOOPS_KAFKA_PORT: String(options.basePort + 292),
      LOOPS_KAFKA_CONTROLLER_PORT: String(options.basePort + 293),
      LOOPS_STATE_DIR: '/tmp/loops-bench-pipeline',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/loops_bench_pipeline',
    };
  }

  get databaseUrl(): string {
    return this.infra.databaseUrl;
  }

  async start(): Promise<void> {
    this.infra = await provisionInfrastructure({ repoRoot: this.options.repoRoot, profile: 'test', env: this.env });
    await recreateDatabase(this.infra.databaseUrl);
    await migrate(this.infra.databaseUrl);
    // A broker that just started answers createTopics with timeouts for a while on a busy machine.
    await untilSettled('pipeline topics', () => createPipelineTopics(this.infra.kafkaBrokers, 6, this.infra.kafkaSecurity('admin')));
    this.db = new Client({ connectionString: this.infra.databaseUrl });
    await this.db.connect();
    this.kafka = new Kafka({ brokers: [this.infra.kafkaBrokers], clientId: 'bench', logLevel: logLevel.NOTHING, ...kafkajsSecurityOptions(this.infra.kafkaSecurity('admin')) });
    this.admin = this.kafka.admin();
    await untilSettled('admin connect', () => this.admin.connect());
    this.brokerPid = Number(readFileSync(join(this.env.LOOPS_STATE_DIR!, 'kafka.pid'), 'utf8'));

    for (const name of SERVICES) {
      // BENCH_NODE_FLAGS tries V8 settings (e.g. a larger young generation) without changing the services.
      const flags: string[] = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
      if (this.options.cpuProfileDir) {
        const dir = join(this.options.cpuProfileDir, name);
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        flags.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
      }
      const child = spawn(process.execPath, [...flags, join(this.distDir, `services/${name}/src/main.js`)], {
        cwd: this.options.repoRoot,
        env: {
          ...this.env,
          ...kafkaSecurityEnv(this.infra.kafkaSecurity(name)),
          KAFKA_BROKERS: this.infra.kafkaBrokers,
          DATABASE_URL: this.infra.databaseUrl,
          PORT: String(this.portOf(name)),
          LOG_LEVEL: 'warn',
          RATE_LIMIT_PER_SECOND: '100000',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      this.children.set(name, child);
    }
    for (const name of SERVICES) {
      await waitUntil(`${name} ready`, () => fetch(`http://127.0.0.1:${this.portOf(name)}/health/ready`).then((r) => r.ok, () => false), 180_000, 250);
    }
    const created = execFileSync(process.execPath, [join(this.distDir, 'services/ingestion/src/cli/api-keys.js'), 'create', '--tenant', BENCH_TENANT, '--integration', 'load'], {
      env: { ...this.env, DATABASE_URL: this.infra.databaseUrl },
      encoding: 'utf8',
    });
    this.apiKey = JSON.parse(created.trim().split('\n').pop()!).apiKey as string;
  }

  private get distDir(): string {
    return this.options.distDir ?? join(this.options.repoRoot, 'dist');
  }

  portOf(name: ServiceName): number {
    return this.options.basePort + SERVICES.indexOf(name) + 1;
  }

  pidOf(name: ServiceName): number {
    return this.children.get(name)!.pid!;
  }

  async post(items: GeneratedItem[]): Promise<{ results: { status: string; eventId?: string }[] }> {
    const res = await fetch(`http://127.0.0.1:${this.portOf('ingestion')}/v1/feedback/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
      body: JSON.stringify({ items }),
    });
    if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { results: { status: string; eventId?: string }[] };
  }

  async count(sql: string): Promise<number> {
    return Number((await this.db.query(sql, [BENCH_TENANT])).rows[0].n);
  }

  /** Messages on the analyzed topics so far (sum of end offsets), to tell this run's messages from earlier ones. */
  async analyzedEndOffsets(): Promise<number> {
    let sum = 0;
    for (const topic of await this.existingAnalyzedTopics()) {
      for (const p of await this.admin.fetchTopicOffsets(topic)) sum += Number(p.high);
    }
    return sum;
  }

  /**
   * True when sentiment has published `expected` analyzed events since `baseline` and both downstream services
   * (routing and root-cause) have committed every one of them: their offsets are committed only after their
   * effects are durable, so this is "routing and root-cause are done", not merely "root-cause is done".
   */
  async downstreamDone(baseline: number, expected: number): Promise<true | string> {
    const topics = await this.existingAnalyzedTopics();
    let produced = -baseline;
    const behind: string[] = [];
    for (const topic of topics) {
      const ends = await this.admin.fetchTopicOffsets(topic);
      for (const p of ends) produced += Number(p.high);
      for (const service of DOWNSTREAM) {
        const [committed] = await this.admin.fetchOffsets({ groupId: `loops-${service}.${topic}`, topics: [topic] });
        const lag = ends.reduce((sum, end) => {
          const at = committed?.partitions.find((c) => c.partition === end.partition)?.offset ?? '-1';
          return sum + Number(end.high) - Math.max(Number(at), Number(end.low));
        }, 0);
        if (lag > 0) behind.push(`${service} ${lag} behind on ${topic}`);
      }
    }
    if (produced < expected) return `${produced} of ${expected} analyzed`;
    return behind.length === 0 ? true : behind.join(', ');
  }

  private async existingAnalyzedTopics(): Promise<string[]> {
    const all = new Set(await this.admin.listTopics());
    return ANALYZED_TOPICS.filter((t) => all.has(t));
  }

  /** SIGTERM to every service (they finish the batch, commit and exit, writing their CPU profiles), then the infrastructure. */
  async stop(): Promise<void> {
    const exits = [...this.children.values()].map(
      (child) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve()))),
    );
    for (const child of this.children.values()) child.kill('SIGTERM');
    await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 30_000))]);
    await this.admin?.disconnect().catch(() => undefined);
    await this.db?.end().catch(() => undefined);
    await this.infra?.stop();
  }
}
