import { createHmac } from 'node:crypto';

/** The documented development key the services use when LOOPS_PSEUDONYM_KEY is unset (tests, demos). */
export const DEV_PSEUDONYM_KEY = 'loops-development-pseudonym-key-not-secret';

/** A customer's pseudonym as ingestion publishes it, computed independently of the service's code. */
export function pseudonymOf(tenantId: string, customerId: string, key = DEV_PSEUDONYM_KEY): string {
  return `cp_${createHmac('sha256', key).update(`${tenantId}\u0000${customerId}`).digest('base64url')}`;
}
