/**
 * What part of a tenant a key may see. A department's key (a touchpoint owner, a theme owner, an account
 * manager) carries one; a key without one sees the whole tenant. Dimensions combine with AND: a key limited
 * to touchpoint `checkout` and theme `delivery` sees delivery complaints at checkout only.
 */
export interface ViewRestriction {
  touchpoints?: string[];
  themes?: string[];
  accounts?: string[];
}

export const RESTRICTION_DIMENSIONS = ['touchpoints', 'themes', 'accounts'] as const;
export type RestrictionDimension = (typeof RESTRICTION_DIMENSIONS)[number];

const NAME = /^[\p{L}\p{N}][\p{L}\p{N}_.:@/ -]{0,63}$/u;

/** True when the key sees only part of its tenant. */
export function isRestricted(r: ViewRestriction | null | undefined): r is ViewRestriction {
  return !!r && RESTRICTION_DIMENSIONS.some((d) => (r[d]?.length ?? 0) > 0);
}

/** Parses `a,b,c` for one dimension; every problem is named so the operator fixes them at once. */
export function parseRestrictionList(dimension: RestrictionDimension, csv: string): string[] {
  const names = [...new Set(csv.split(',').map((s) => s.trim()).filter((s) => s.length > 0))];
  if (names.length === 0) throw new Error(`--${dimension} needs at least one name`);
  const bad = names.filter((n) => !NAME.test(n));
  if (bad.length > 0) throw new Error(`--${dimension}: not a valid name: ${bad.map((b) => JSON.stringify(b)).join(', ')} (1-64 letters, digits, _ . : @ / - or space)`);
  if (names.length > 100) throw new Error(`--${dimension}: at most 100 names`);
  return names.sort();
}

/** The restriction in words, for error messages and the dashboard ("touchpoints checkout, delivery"). */
export function describeRestriction(r: ViewRestriction): string {
  return RESTRICTION_DIMENSIONS.filter((d) => (r[d]?.length ?? 0) > 0)
    .map((d) => `${d} ${r[d]!.join(', ')}`)
    .join('; ');
}

/** Normalises what the store holds (jsonb, possibly with empty lists) into a restriction or null. */
export function restrictionFromStore(value: unknown): ViewRestriction | null {
  if (!value || typeof value !== 'object') return null;
  const raw = value as Record<string, unknown>;
  const out: ViewRestriction = {};
  for (const d of RESTRICTION_DIMENSIONS) {
    const list = raw[d];
    if (Array.isArray(list) && list.length > 0) out[d] = list.map(String);
  }
  return isRestricted(out) ? out : null;
}
