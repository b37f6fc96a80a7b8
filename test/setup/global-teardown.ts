import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Infrastructure } from '@loops/infra';

const spawned = join(__dirname, '..', 'output', 'spawned.pids');

/** Kills any service process a failed test file left behind (each file stops its own when it can). */
function killLeftoverServices(): number {
  if (!existsSync(spawned)) return 0;
  let killed = 0;
  for (const pid of readFileSync(spawned, 'utf8').split('\n').filter(Boolean).map(Number)) {
    try {
      process.kill(pid, 'SIGKILL');
      killed++;
    } catch {
      /* already gone */
    }
  }
  rmSync(spawned, { force: true });
  return killed;
}

/** Stops exactly what the global setup started; endpoints given in the environment are left alone. */
export default async function globalTeardown(): Promise<void> {
  const leftovers = killLeftoverServices();
  if (leftovers > 0) console.warn(`[test] killed ${leftovers} service process(es) a test left running`);
  const infra = (globalThis as { __LOOPS_INFRA__?: Infrastructure }).__LOOPS_INFRA__;
  await infra?.stop();
}
