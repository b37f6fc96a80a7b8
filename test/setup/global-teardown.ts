import type { Infrastructure } from '@loops/infra';

/** Stops exactly what the global setup started; endpoints given in the environment are left alone. */
export default async function globalTeardown(): Promise<void> {
  const infra = (globalThis as { __LOOPS_INFRA__?: Infrastructure }).__LOOPS_INFRA__;
  await infra?.stop();
}
