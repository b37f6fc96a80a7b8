import { parseNotifyTargets } from '@loops/notify';
import { ReceiverNotify } from './receiver-config';

export const NOTIFY_KEYS = ['email', 'slack', 'teams', 'title'] as const;

/**
 * The e-mail / Slack / Teams part of one `receivers.<name>` entry (the `webhook` part is parsed beside
 * it). Returns undefined when the receiver has none of them.
 */
export function parseReceiverNotify(spec: Record<string, unknown>, at: string, problems: string[]): ReceiverNotify | undefined {
  const targets = parseNotifyTargets(spec, at, problems);
  if (spec.title !== undefined && (typeof spec.title !== 'string' || spec.title.length === 0 || spec.title.length > 80 || /[\r\n]/.test(spec.title))) {
    problems.push(`${at}.title: expected one line of 1-80 characters`);
  }
  if (targets.length === 0) return undefined;
  return { title: typeof spec.title === 'string' ? spec.title : undefined, targets };
}
