import type { SendOutcome } from '../notify-target';
import { guardedPost } from './guarded-post';
import type { WebhookTargetPolicy } from './ssrf-guard';

/**
 * POSTs a JSON document to an incoming-webhook URL through the SSRF guard (no redirects, no private
 * addresses unless allowed). 2xx is sent; 4xx other than 408/429 means the payload or the URL is wrong
 * and will stay wrong; the rest is worth retrying.
 */
export async function postJson(url: string, payload: unknown, policy: WebhookTargetPolicy, timeoutMs: number): Promise<SendOutcome> {
  const outcome = await guardedPost(url, { 'content-type': 'application/json' }, JSON.stringify(payload), policy, timeoutMs);
  if (outcome.kind === 'refused') return { kind: 'failed', permanent: true, reason: `refused: ${outcome.reason}` };
  if (outcome.kind === 'error') return { kind: 'failed', permanent: false, reason: outcome.message };
  if (outcome.status >= 200 && outcome.status < 300) return { kind: 'sent' };
  const permanent = outcome.status >= 400 && outcome.status < 500 && outcome.status !== 408 && outcome.status !== 429;
  return { kind: 'failed', permanent, reason: `HTTP ${outcome.status}` };
}
