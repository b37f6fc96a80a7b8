import { defineTable } from '@loops/store';

/**
 * A row of `taxonomy_themes`, sentiment's read model of taxonomy.v1: each tenant's own themes as root-cause
 * (which owns `tenant_themes`) last published them, merged into the default taxonomy at analysis time.
 */
export interface TaxonomyThemeRow {
  tenant_id: string;
  theme_id: string;
  label: string;
  /** ISO 639-1 code → phrases. */
  phrases: Record<string, string[]>;
  updated_at: string;
}

export const TAXONOMY_THEMES = defineTable<TaxonomyThemeRow>({
  name: 'taxonomy_themes',
  columns: { tenant_id: 'text', theme_id: 'text', label: 'text', phrases: 'jsonb', updated_at: 'timestamptz' },
  conflictKey: ['tenant_id', 'theme_id'],
});
