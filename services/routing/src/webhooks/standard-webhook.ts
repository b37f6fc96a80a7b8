import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/**
 * Standard Webhooks (https://www.standardwebhooks.com) through the `standardwebhooks` package: the
 * signature is HMAC-SHA256 over `${id}.${timestamp}.${body}`, base64, sent as `webhook-signature: v1,<sig>`.
 * Secrets given as `whsec_<base64>` are decoded; any other value is used as raw UTF-8 bytes.
 */
export const DEFAULT_TOLERANCE_SECONDS = 300;

function webhookFor(secret: string): Webhook {
  return secret.startsWith('whsec_') ? new Webhook(secret) : new Webhook(new Uint8Array(Buffer.from(secret, 'utf8')), { format: 'raw' });
}

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  return webhookFor(secret).sign(id, new Date(timestampSeconds * 1000), body);
}

export function webhookHeaders(secret: string, id: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signWebhook(secret, id, timestampSeconds, body),
  };
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export interface VerifyOptions {
  /** Messages signed longer ago (or further ahead) than this are refused: a captured delivery cannot be replayed later. */
  toleranceSeconds?: number;
  now?: Date;
}

/**
 * Receiver-side check, used by tests and documented for integrators. The timestamp window is checked
 * here against `now` (so a receiver may choose a tolerance tighter than the package's fixed five
 * minutes), then the package verifies the signature and its own window.
 */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | undefined>,
  body: string,
  options: VerifyOptions = {},
): VerifyResult {
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature' };
  const sentAt = Number(timestamp);
  if (!Number.isInteger(sentAt)) return { ok: false, reason: 'webhook-timestamp is not an integer' };
  if (nowSeconds - sentAt > tolerance) return { ok: false, reason: `timestamp older than ${tolerance} s (replay?)` };
  if (sentAt - nowSeconds > tolerance) return { ok: false, reason: `timestamp more than ${tolerance} s in the future` };
  try {
    webhookFor(secret).verify(body, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }, { jsonParse: false });
    return { ok: true };
  } catch (error) {
    if (error instanceof WebhookVerificationError) return { ok: false, reason: error.message };
    throw error;
  }
}
