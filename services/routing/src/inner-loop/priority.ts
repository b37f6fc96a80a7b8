import { Priority, Severity } from '@loops/contracts';

const BY_SEVERITY: Record<Severity, Priority> = { critical: 'p1', high: 'p2', medium: 'p3', low: 'p4' };
const ORDER: Priority[] = ['p1', 'p2', 'p3', 'p4'];

/** Priority from the route's severity, raised one step for customers worth at least the threshold. */
export function priorityFor(severity: Severity, customerValue: number | undefined, highValueThreshold: number): Priority {
  const base = ORDER.indexOf(BY_SEVERITY[severity]);
  const raised = customerValue !== undefined && customerValue >= highValueThreshold ? Math.max(0, base - 1) : base;
  return ORDER[raised];
}

export function highestPriority(priorities: Priority[]): Priority {
  return ORDER[Math.min(...priorities.map((p) => ORDER.indexOf(p)))];
}
