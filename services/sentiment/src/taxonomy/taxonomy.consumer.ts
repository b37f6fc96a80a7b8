import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TenantThemeDefined, Topics } from '@loops/contracts';
import { ConsumedEvent } from '@loops/kafka';
import { ConsumerHost } from '@loops/platform';
import { insertRows } from '@loops/store';
import { TAXONOMY_THEMES, TaxonomyThemeRow } from './taxonomy-themes.table';

/**
 * taxonomy.v1 → `taxonomy_themes`. Each event carries a theme as it now stands, so the newest by `updatedAt`
 * wins: a redelivered or older event changes nothing. TenantTaxonomies reads the table (within its cache time).
 */
@Injectable()
export class TaxonomyConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.host.register({ topic: Topics.taxonomy, contract: TenantThemeDefined, handler: (events) => this.handle(events) });
  }

  async handle(events: ConsumedEvent<TenantThemeDefined>[]): Promise<void> {
    await keepNewestThemes(this.dataSource.manager, events.map((e) => e.data));
  }
}

/** Upserts each theme unless the read model already holds a newer definition of it. */
export async function keepNewestThemes(m: EntityManager, events: TenantThemeDefined[]): Promise<void> {
  await insertRows(m, TAXONOMY_THEMES, newestPerTheme(events), {
    onConflict: {
      set: `label = EXCLUDED.label, phrases = EXCLUDED.phrases, updated_at = EXCLUDED.updated_at
            WHERE taxonomy_themes.updated_at <= EXCLUDED.updated_at`,
    },
  });
}

/** One row per (tenant, theme), the newest: one INSERT … ON CONFLICT DO UPDATE may touch a row only once. */
export function newestPerTheme(events: TenantThemeDefined[]): TaxonomyThemeRow[] {
  const newest = new Map<string, TenantThemeDefined>();
  for (const e of events) {
    const key = `${e.tenantId}\u0000${e.themeId}`;
    const seen = newest.get(key);
    if (!seen || Date.parse(seen.updatedAt) <= Date.parse(e.updatedAt)) newest.set(key, e);
  }
  return [...newest.values()].map((e) => ({
    tenant_id: e.tenantId,
    theme_id: e.themeId,
    label: e.label,
    phrases: Object.fromEntries(e.phrases.map((p) => [p.language, p.phrases])),
    updated_at: e.updatedAt,
  }));
}
