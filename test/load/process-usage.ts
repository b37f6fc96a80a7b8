import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** CPU seconds a process has used so far (user + system, all its threads), from /proc; ticks are 1/100 s on Linux. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** Busy and total jiffies of the whole machine (all cores), from the first line of /proc/stat. */
function machineJiffies(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = values.map(Number);
  const idle = n[3] + (n[4] ?? 0);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

export interface MachineLoad {
  /** Share of all cores busy during the window, 0..1 (everything on the machine, not only the bench). */
  busy: number;
  /** 1-minute load average at the end of the window. */
  loadAverage: number;
}

/** Starts a window over the machine's CPU use; the returned function closes it. */
export function machineLoadWindow(): () => MachineLoad {
  const start = machineJiffies();
  return () => {
    const end = machineJiffies();
    return { busy: (end.busy - start.busy) / Math.max(1, end.total - start.total), loadAverage: loadavg()[0] };
  };
}
