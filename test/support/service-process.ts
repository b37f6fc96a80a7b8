import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const SERVICES = ['ingestion', 'sentiment', 'routing', 'root-cause'] as const;
export const SPAWNED_PIDS = join(REPO_ROOT, 'test', 'output', 'spawned.pids');
export type ServiceName = (typeof SERVICES)[number];

export interface RunningService {
  name: ServiceName;
  port: number;
  url: string;
  process: ChildProcess;
}

/**
 * The broker credentials a service starts with: its own principal's (set by the global setup for the
 * native broker), else whatever KAFKA_SASL_* / KAFKA_SSL* the environment gives (an existing cluster).
 */
export function kafkaEnvFor(principal: string): Record<string, string> {
  const perPrincipal = process.env.LOOPS_KAFKA_SERVICE_SECURITY;
  if (perPrincipal) return (JSON.parse(perPrincipal) as Record<string, Record<string, string>>)[principal] ?? {};
  const names = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SSL', 'KAFKA_SSL_CA_FILE'];
  return Object.fromEntries(names.filter((n) => process.env[n]).map((n) => [n, process.env[n]!]));
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url}/health/ready did not answer 200 within ${timeoutMs} ms`);
}

/**
 * Starts one service from the compiled build as a real process on a real port; its JSON logs go to
 * test/output/logs/<name>-<port>.log.
 */
export async function startService(
  name: ServiceName,
  port: number,
  extraEnv: Record<string, string> = {},
): Promise<RunningService> {
  const logDir = join(REPO_ROOT, 'test', 'output', 'logs');
  mkdirSync(join(REPO_ROOT, 'test', 'output'), { recursive: true });
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, `${name}-${port}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'services', name, 'src', 'main.js')], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      KAFKA_BROKERS: process.env.KAFKA_BROKERS!,
      ...kafkaEnvFor(name),
      DATABASE_URL: process.env.DATABASE_URL!,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  // Recorded so the global teardown can stop anything a failed test file left running.
  appendFileSync(SPAWNED_PIDS, `${child.pid}\n`);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, child, 60000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { name, port, url, process: child };
}

/**
 * Starts several services at once; if any fails to come up, the others are stopped before the error is
 * rethrown, so a failed start never leaves consumers running in the shared consumer groups.
 */
export async function startServices(specs: { name: ServiceName; port: number; env?: Record<string, string> }[]): Promise<RunningService[]> {
  const results = await Promise.allSettled(specs.map((s) => startService(s.name, s.port, s.env)));
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((s) => stopService(s, 'SIGKILL')));
    throw failed.reason;
  }
  return started;
}

/** SIGTERM (graceful: finish the batch, commit, disconnect), SIGKILL if it hangs. */
export async function stopService(service: RunningService, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  const child = service.process;
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
