import { KafkaMessage } from 'kafkajs';
import { API_KEY_INVALID, grants, looksLikeApiKey, Principal, scopeMissingMessage } from '@loops/auth';

export const API_KEY_HEADER = 'x-loops-api-key';
const SOURCE_PREFIX = 'loops:integration:';

export type Authenticated = { ok: true; principal: Principal } | { ok: false; reason: string };

function header(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
}

/** The API key a raw message carries, if any; resolved for the whole batch in one lookup. */
export function messageKey(message: KafkaMessage): string | undefined {
  const key = header(message, API_KEY_HEADER);
  return key && looksLikeApiKey(key) ? key : undefined;
}

/**
 * Kafka carries no per-message identity, so a raw item proves where it comes from like an HTTP request
 * does: its integration's API key in `x-loops-api-key`, holding the scope `ingest`, and `ce_source` =
 * `loops:integration:<id>` naming the same integration. The tenant comes from the key, never from the
 * message. `principals` holds the batch's active keys (revoked and unknown keys are absent).
 */
export function authenticateMessage(principals: Map<string, Principal>, message: KafkaMessage, source: string): Authenticated {
  if (!source.startsWith(SOURCE_PREFIX)) {
    return { ok: false, reason: `unauthenticated: ce_source must be "${SOURCE_PREFIX}<integrationId>"` };
  }
  const key = header(message, API_KEY_HEADER);
  if (!key) return { ok: false, reason: `unauthenticated: header ${API_KEY_HEADER} with an API key is required` };
  const principal = looksLikeApiKey(key) ? principals.get(key) : undefined;
  if (!principal) return { ok: false, reason: `unauthenticated: ${API_KEY_INVALID}` };
  if (!grants(principal.scopes, ['ingest'])) return { ok: false, reason: `forbidden: ${scopeMissingMessage(['ingest'])}` };
  if (principal.integrationId !== source.slice(SOURCE_PREFIX.length)) {
    return { ok: false, reason: 'forbidden: ce_source names another integration than the API key' };
  }
  return { ok: true, principal };
}
