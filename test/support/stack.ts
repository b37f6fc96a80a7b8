import { RunningService, ServiceName, SERVICES, startService, stopService } from './service-process';

export type Stack = Record<ServiceName, RunningService>;

/** Starts the four services (in parallel) on ports base+1..base+4. */
export async function startStack(basePort: number, extraEnv: Partial<Record<ServiceName, Record<string, string>>> = {}): Promise<Stack> {
  const started = await Promise.all(SERVICES.map((name, i) => startService(name, basePort + i + 1, extraEnv[name])));
  return Object.fromEntries(started.map((s) => [s.name, s])) as Stack;
}

export async function stopStack(stack: Partial<Stack> | undefined): Promise<void> {
  if (!stack) return;
  await Promise.all(Object.values(stack).map((s) => (s ? stopService(s) : undefined)));
}
