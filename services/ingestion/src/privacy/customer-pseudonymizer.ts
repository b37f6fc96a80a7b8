import { createHmac } from 'node:crypto';

/**
 * The documented development key: used only when LOOPS_PSEUDONYM_KEY is unset outside production
 * (tests, demos). Anyone who knows it can test guesses of customer ids against pseudonyms, so a
 * production deployment must set its own key (boot fails without one when LOOPS_ENV=production).
 */
export const DEV_PSEUDONYM_KEY = 'loops-development-pseudonym-key-not-secret';

/** Pseudonyms look like `cp_<43 base64url chars>`: recognisable, and never a valid e-mail or phone. */
export const PSEUDONYM_PREFIX = 'cp_';

/**
 * Turns a tenant's raw customer id (often an e-mail) into a stable keyed hash, HMAC-SHA256 over the
 * tenant and the id. The same customer always maps to the same pseudonym (so Kafka ordering and
 * routing's one-case-per-customer keep working), but without the key the id cannot be recovered or
 * confirmed by guessing, and the same id in two tenants gives two unrelated pseudonyms.
 */
export class CustomerPseudonymizer {
  constructor(private readonly key: string) {
    if (key.length < 32) throw new Error('the pseudonym key must be at least 32 characters');
  }

  pseudonym(tenantId: string, customerId: string): string {
    return PSEUDONYM_PREFIX + createHmac('sha256', this.key).update(`${tenantId}\u0000${customerId}`).digest('base64url');
  }
}
