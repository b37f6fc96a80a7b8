import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'lk_';

/** A new API key: shown once to the operator, stored only as a SHA-256 hash. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${PREFIX}${randomBytes(24).toString('base64url')}`;
  return { key, prefix: key.slice(0, 10), hash: hashApiKey(key) };
}

// Keys are 192 random bits, so a fast unsalted hash is enough: there is nothing to brute-force.
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(PREFIX) && value.length >= 20 && value.length <= 100;
}
