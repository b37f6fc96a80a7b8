import { RunningService, ServiceName, SERVICES, startServices, stopService } from './service-process';

export type Stack = Record<ServiceName, RunningService>;

/** Starts the four services (in parallel) on ports base+1..base+4. */
export async function startStack(basePort: number, extraEnv: Partial<Record<ServiceName, Record<string, string>>> = {}): Promise<Stack> {
  // Root-cause's case proxy (the dashboard's case queue) forwards to this stack's routing.
  const routingPort = basePort + SERVICES.indexOf('routing') + 1;
  const env = { ...extraEnv, 'root-cause': { ROUTING_URL: `http://127.0.0.1:${routingPort}`, ...extraEnv['root-cause'] } };
  const started = await startServices(SERVICES.map((name, i) => ({ name, port: basePort + i + 1, env: env[name] })));
  return Object.fromEntries(started.map((s) => [s.name, s])) as Stack;
}

export async function stopStack(stack: Partial<Stack> | undefined): Promise<void> {
  if (!stack) return;
  await Promise.all(Object.values(stack).map((s) => (s ? stopService(s) : undefined)));
}
