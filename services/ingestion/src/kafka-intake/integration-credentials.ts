import { KafkaMessage } from 'kafkajs';
import { ApiKeyRepository, looksLikeApiKey, Principal } from '@loops/auth';

export const API_KEY_HEADER = 'x-loops-api-key';
const SOURCE_PREFIX = 'loops:integration:';

export type Authenticated = { ok: true; principal: Principal } | { ok: false; reason: string };

function header(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
}

/**
 * Kafka carries no per-message identity, so a raw item proves where it comes from like an HTTP request
 * does: its integration's API key in `x-loops-api-key`, and `ce_source` = `loops:integration:<id>` naming
 * the same integration. The tenant comes from the key, never from the message.
 */
export async function authenticateMessage(keys: ApiKeyRepository, message: KafkaMessage, source: string): Promise<Authenticated> {
  if (!source.startsWith(SOURCE_PREFIX)) {
    return { ok: false, reason: `unauthenticated: ce_source must be "${SOURCE_PREFIX}<integrationId>"` };
  }
  const key = header(message, API_KEY_HEADER);
  if (!key || !looksLikeApiKey(key)) return { ok: false, reason: `unauthenticated: header ${API_KEY_HEADER} with an API key is required` };
  const principal = await keys.findByKey(key);
  if (!principal) return { ok: false, reason: 'unauthenticated: unknown API key' };
  if (principal.revoked) return { ok: false, reason: 'forbidden: this API key has been revoked' };
  if (principal.integrationId !== source.slice(SOURCE_PREFIX.length)) {
    return { ok: false, reason: 'forbidden: ce_source names another integration than the API key' };
  }
  return { ok: true, principal };
}
