import { generateItems } from './feedback-generator';
import { PipelineStack, SERVICES } from './pipeline-stack';
import { cpuSeconds, MachineLoad, machineLoadWindow } from './process-usage';
import { untilSettled, waitUntil } from './settling';

export interface ThroughputRun {
  items: number;
  acceptedSeconds: number;
  /** First request → every item analyzed, routed (routing committed it) and in `feedback_facts`. */
  endToEndSeconds: number;
  /** CPU seconds used in the window by each service and by the broker. */
  cpu: { name: string; seconds: number }[];
  /** The window on the monotonic clock, in microseconds (to cut CPU profiles to it). */
  fromUs: number;
  toUs: number;
  load: MachineLoad;
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** N items as fast as the batch endpoint takes them (batches of 1,000, 4 in flight), until routing and root-cause are both done. */
export async function throughputRun(stack: PipelineStack, n: number): Promise<ThroughputRun> {
  const items = generateItems(n, 'tp');
  const pids: [string, number][] = [...SERVICES.map((name): [string, number] => [name, stack.pidOf(name)]), ['kafka broker', stack.brokerPid]];
  const baseline = await stack.analyzedEndOffsets();
  // The first request after start-up can meet a producer still finding partition leaders: one warm item settles it
  // outside the clock (it is counted in the store checks below).
  await untilSettled('first batch', () => stack.post(generateItems(1, 'warm')));
  await waitUntil('warm-up item through the pipeline', () => stack.downstreamDone(baseline, 1), 120_000);
  const warmed = await stack.analyzedEndOffsets();
  const cpuBefore = pids.map(([, pid]) => cpuSeconds(pid));
  const closeLoad = machineLoadWindow();
  const fromUs = nowUs();
  const t0 = Date.now();
  const queue = Array.from({ length: Math.ceil(n / 1000) }, (_, i) => items.slice(i * 1000, (i + 1) * 1000));
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let b = queue.shift(); b; b = queue.shift()) await untilSettled('batch', () => stack.post(b!), 4);
    }),
  );
  const acceptedSeconds = (Date.now() - t0) / 1000;
  await waitUntil('routing and root-cause done', () => stack.downstreamDone(warmed, n), 600_000, 50);
  await waitUntil('facts in the store', async () => (await stack.count(`SELECT count(*) AS n FROM feedback_facts WHERE tenant_id = $1`)) >= n + 1 || 'facts missing', 60_000, 50);
  const endToEndSeconds = (Date.now() - t0) / 1000;
  const toUs = nowUs();
  const load = closeLoad();
  const cpu = pids.map(([name, pid], i) => ({ name, seconds: cpuSeconds(pid) - cpuBefore[i] }));
  return { items: n, acceptedSeconds, endToEndSeconds, cpu, fromUs, toUs, load };
}
