/**
 * What a key may do. Scopes are independent: `admin` does not imply `ingest` or `reports:read`, so an
 * admin key leaked from a console cannot flood ingestion, and an integration key cannot change routing.
 *
 * - `ingest`       submit feedback (HTTP `/v1/feedback*`, Kafka `feedback.raw.v1`)
 * - `reports:read` read reports, dashboards and cases
 * - `cases:write`  act on cases (acknowledge, assign, resolve, reopen); also reads cases
 * - `admin`        routing trees, silences, explain, escalation drills, churn models, taxonomies
 *                  (theme promotion); keys themselves are managed with the operator CLI
 */
export const SCOPES = ['ingest', 'reports:read', 'cases:write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Parses `ingest,reports:read`; throws with every unknown name listed so the operator can fix them at once. */
export function parseScopes(csv: string): Scope[] {
  const names = csv
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length === 0) throw new Error(`--scopes needs at least one of: ${SCOPES.join(', ')}`);
  const unknown = names.filter((n) => !isScope(n));
  if (unknown.length > 0) throw new Error(`unknown scope(s) ${unknown.join(', ')}; known scopes: ${SCOPES.join(', ')}`);
  return [...new Set(names as Scope[])].sort((a, b) => SCOPES.indexOf(a) - SCOPES.indexOf(b));
}

/** True when the key holds at least one of the scopes an endpoint accepts. */
export function grants(held: readonly string[], anyOf: readonly Scope[]): boolean {
  return anyOf.some((s) => held.includes(s));
}
