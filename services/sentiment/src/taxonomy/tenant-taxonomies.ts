import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@loops/store';
import { DEFAULT_TAXONOMY, ThemeDefinition, ThemeTaxonomy } from '@loops/text-analytics';

export const TAXONOMY_CACHE_MS = Symbol('TAXONOMY_CACHE_MS');

/**
 * Each tenant's theme taxonomy: the default one plus the themes the tenant added (promoted candidate
 * themes), from sentiment's own read model of taxonomy.v1 (`taxonomy_themes`; root-cause owns the taxonomy). Cached briefly, read once per batch for all its tenants; the version changes whenever the
 * tenant's themes do, so the analyzer recompiles only then.
 */
@Injectable()
export class TenantTaxonomies {
  private readonly cache = new Map<string, { taxonomy: ThemeTaxonomy; until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    /** How long a tenant's taxonomy is reused before re-reading it (env TAXONOMY_CACHE_MS). */
    @Optional() @Inject(TAXONOMY_CACHE_MS) private readonly cacheMs = 30000,
  ) {}

  async forTenants(tenantIds: string[]): Promise<Map<string, ThemeTaxonomy>> {
    const now = Date.now();
    const out = new Map<string, ThemeTaxonomy>();
    const stale = [...new Set(tenantIds)].filter((t) => {
      const hit = this.cache.get(t);
      if (hit && hit.until > now) out.set(t, hit.taxonomy);
      return !out.has(t);
    });
    if (stale.length === 0) return out;
    const rows = rowsOf<{ tenant_id: string; theme_id: string; label: string; phrases: Record<string, string[]>; updated_at: Date }>(
      await this.dataSource.query('SELECT tenant_id, theme_id, label, phrases, updated_at FROM taxonomy_themes WHERE tenant_id = ANY($1::text[]) ORDER BY theme_id', [stale]),
    );
    for (const tenantId of stale) {
      const own = rows.filter((r) => r.tenant_id === tenantId);
      const taxonomy = own.length === 0 ? DEFAULT_TAXONOMY : merge(tenantId, own);
      if (this.cache.size > 10000) this.cache.clear();
      this.cache.set(tenantId, { taxonomy, until: now + this.cacheMs });
      out.set(tenantId, taxonomy);
    }
    return out;
  }
}

function merge(tenantId: string, own: { theme_id: string; label: string; phrases: Record<string, string[]>; updated_at: Date }[]): ThemeTaxonomy {
  const themes = new Map<string, ThemeDefinition>(DEFAULT_TAXONOMY.themes.map((t) => [t.id, t]));
  for (const row of own) {
    const base = themes.get(row.theme_id);
    const phrases: Record<string, string[]> = { ...(base?.phrases ?? {}) };
    for (const [language, list] of Object.entries(row.phrases)) phrases[language] = [...new Set([...(phrases[language] ?? []), ...list])];
    themes.set(row.theme_id, { id: row.theme_id, label: row.label, phrases });
  }
  const version = `${DEFAULT_TAXONOMY.version}+${Math.max(...own.map((r) => r.updated_at.getTime()))}`;
  return { id: `tenant:${tenantId}`, version, themes: [...themes.values()] };
}
