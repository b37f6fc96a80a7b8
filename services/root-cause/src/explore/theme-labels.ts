import { DEFAULT_TAXONOMY } from '@loops/text-analytics';

const SHIPPED = new Map(DEFAULT_TAXONOMY.themes.map((t) => [t.id, t.label]));

/** `late_refunds` → "Late refunds": what an analyst reads when no taxonomy names the theme. */
export function readableThemeId(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : id;
}

/** A theme's label: the tenant's own taxonomy first, then the shipped one, then the id made readable. */
export function themeLabel(id: string, tenantLabels: ReadonlyMap<string, string>): string {
  return tenantLabels.get(id) ?? SHIPPED.get(id) ?? readableThemeId(id);
}
