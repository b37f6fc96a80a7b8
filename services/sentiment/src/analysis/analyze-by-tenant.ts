import { FeedbackAnalyzed, FeedbackReceived } from '@loops/contracts';
import type { Analyzer } from '@loops/text-analytics';
import { analyzeFeedback } from './analyze-feedback';
import { TenantTaxonomies } from './tenant-taxonomies';

/** Analyzes a batch tenant by tenant (each with its own taxonomy), keeping the batch's order. */
export async function analyzeByTenant(analyzer: Analyzer, taxonomies: TenantTaxonomies, items: FeedbackReceived[]): Promise<FeedbackAnalyzed[]> {
  const byTenant = await taxonomies.forTenants(items.map((i) => i.tenantId));
  const out: FeedbackAnalyzed[] = new Array(items.length);
  const groups = new Map<string, number[]>();
  items.forEach((item, i) => groups.set(item.tenantId, [...(groups.get(item.tenantId) ?? []), i]));
  for (const [tenantId, indexes] of groups) {
    const analyzed = analyzeFeedback(analyzer, indexes.map((i) => items[i]), byTenant.get(tenantId));
    indexes.forEach((index, k) => (out[index] = analyzed[k]));
  }
  return out;
}
