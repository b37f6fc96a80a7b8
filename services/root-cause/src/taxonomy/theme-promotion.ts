import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@loops/store';
import { TaxonomyOutbox } from './taxonomy-outbox';

export interface PromotedTheme {
  themeId: string;
  label: string;
  phrases: Record<string, string[]>;
  updatedAt: Date;
}

/**
 * Adds a theme to a tenant's taxonomy (`tenant_themes`, root-cause's own) and tells sentiment through
 * taxonomy.v1, staged in the same transaction, so the taxonomy and what sentiment learns never part.
 */
@Injectable()
export class ThemePromotion {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: TaxonomyOutbox,
  ) {}

  async promote(tenantId: string, theme: { themeId: string; label: string; phrases: Record<string, string[]> }, author: string): Promise<PromotedTheme> {
    const phrases = Object.fromEntries(Object.entries(theme.phrases).map(([l, list]) => [l, list.map((p) => p.trim().toLowerCase())]));
    const { promoted, event } = await this.dataSource.transaction(async (m) => {
      // Phrases accumulate: promoting more candidates into the same theme extends it.
      const [row] = rowsOf<PromotedTheme>(
        await m.query(
          `INSERT INTO tenant_themes (tenant_id, theme_id, label, phrases, created_by) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (tenant_id, theme_id) DO UPDATE SET label = EXCLUDED.label, updated_at = now(),
             phrases = (SELECT jsonb_object_agg(k, (SELECT jsonb_agg(DISTINCT v) FROM jsonb_array_elements_text(
                          coalesce(tenant_themes.phrases -> k, '[]'::jsonb) || coalesce(EXCLUDED.phrases -> k, '[]'::jsonb)) v))
                        FROM (SELECT jsonb_object_keys(tenant_themes.phrases || EXCLUDED.phrases) k) keys)
           RETURNING theme_id AS "themeId", label, phrases, updated_at AS "updatedAt"`,
          [tenantId, theme.themeId, theme.label, JSON.stringify(phrases), author],
        ),
      );
      return { promoted: row, event: await this.outbox.stage(m, { tenantId, ...row }) };
    });
    await this.outbox.publishOrLeave([event]);
    return promoted;
  }
}
