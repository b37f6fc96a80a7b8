import { Alert, Priority } from '@loops/contracts';

export type NotificationReason = 'single' | 'first' | 'update' | 'repeat';

/** What one notification is about: the receiver, why it is sent now, its group and the alerts in it. */
export interface NotificationView {
  receiver: string;
  /** The receiver's `title` from the tree, else its name. */
  title: string;
  reason: NotificationReason;
  /** The group_by values the alerts share (`{ touchpoint: 'delivery' }`); empty when not grouped. */
  labels: Record<string, unknown>;
  /** Alerts the group has gathered so far (this notification's and earlier ones). */
  groupSize: number;
  alerts: Alert[];
}

const PRIORITY_ORDER: Priority[] = ['p1', 'p2', 'p3', 'p4'];

export function topPriority(alerts: Alert[]): Priority | undefined {
  return PRIORITY_ORDER.find((p) => alerts.some((a) => a.priority === p));
}

export function labelText(labels: Record<string, unknown>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v === null ? '(none)' : String(v)}`).join(', ');
}

/** One line that says what happened: the subject of the e-mail and the heading in Slack and Teams. */
export function headline(view: NotificationView): string {
  const priority = topPriority(view.alerts);
  const tag = priority ? `[${priority.toUpperCase()}] ` : '';
  const group = Object.keys(view.labels).length ? ` (${labelText(view.labels)})` : '';
  const n = view.alerts.length;
  switch (view.reason) {
    case 'single':
      return `${tag}${view.title}: ${view.alerts[0]?.summary ?? 'alert'}`;
    case 'first':
      return `${tag}${n} ${n === 1 ? 'alert' : 'alerts'} for ${view.title}${group}`;
    case 'update':
      return `${tag}${n} new ${n === 1 ? 'alert' : 'alerts'} for ${view.title}${group}, ${view.groupSize} in the group`;
    case 'repeat':
      return `Reminder: ${n} ${n === 1 ? 'case' : 'cases'} still open for ${view.title}${group}`;
  }
}

/** The facts every alert shows, in reading order. Values are Loops' own (enums, numbers, times, route names). */
export function alertFacts(a: Alert): { title: string; value: string }[] {
  return [
    { title: 'Priority', value: `${a.priority?.toUpperCase() ?? 'n/a'} (${a.severity})` },
    { title: 'Customer value', value: a.customerValue === undefined ? 'unknown' : a.customerValue.toLocaleString('en-US') },
    { title: 'SLA due', value: a.slaDueAt ? formatUtc(a.slaDueAt) : 'n/a' },
    { title: 'Rule', value: a.rulePath.join(' / ') },
  ];
}

export function formatUtc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** What the customer said, or a note when the feedback had no text (a bare score). */
export function customerWords(a: Alert): string {
  return a.text && a.text.trim() ? a.text : '(no text: score only)';
}
