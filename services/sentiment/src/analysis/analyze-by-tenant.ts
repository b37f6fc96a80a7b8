import { FeedbackAnalyzed, FeedbackReceived } from '@loops/contracts';
import type { Analyzer } from '@loops/text-analytics';
import { analyzeFeedback } from './analyze-feedback';
import { TenantTaxonomies } from '../taxonomy/tenant-taxonomies';

/** Per-tenant analyzers that replace the shared one (tenant adapters learned from corrections). */
export interface TenantAnalyzers {
  forTenants(tenantIds: string[]): Promise<Map<string, Analyzer>>;
}

/**
 * Analyzes a batch tenant by tenant (each with its own taxonomy, and its own adapter where analysts corrected
 * it), keeping the batch's order. A tenant without an adapter gets the shared analyzer, untouched.
 */
export async function analyzeByTenant(analyzer: Analyzer, taxonomies: TenantTaxonomies, items: FeedbackReceived[], adapters?: TenantAnalyzers): Promise<FeedbackAnalyzed[]> {
  const tenantIds = items.map((i) => i.tenantId);
  const [byTenant, adapted] = await Promise.all([taxonomies.forTenants(tenantIds), adapters ? adapters.forTenants(tenantIds) : new Map<string, Analyzer>()]);
  const out: FeedbackAnalyzed[] = new Array(items.length);
  const groups = new Map<string, number[]>();
  // Appends in place: copying the list per item made a batch of n items of one tenant cost n² copies.
  items.forEach((item, i) => {
    const indexes = groups.get(item.tenantId);
    if (indexes) indexes.push(i);
    else groups.set(item.tenantId, [i]);
  });
  for (const [tenantId, indexes] of groups) {
    const analyzed = analyzeFeedback(adapted.get(tenantId) ?? analyzer, indexes.map((i) => items[i]), byTenant.get(tenantId));
    indexes.forEach((index, k) => (out[index] = analyzed[k]));
  }
  return out;
}
