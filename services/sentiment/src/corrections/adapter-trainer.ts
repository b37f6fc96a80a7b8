import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@loops/store';
import {
  fitTenantAdapter,
  type Analyzer,
  type SentimentLabel,
  type TenantAdapterModel,
} from '@loops/text-analytics';
import { ANALYZER } from '../analysis/analyzer.token';
import { analyzerInput } from '../analysis/analyze-feedback';
import { TenantTaxonomies } from '../taxonomy/tenant-taxonomies';
import { CorrectionStore } from './correction-store';

/** The newest corrected items an adapter learns from: enough for any tenant's analysts, and still seconds to fit. */
export const MAX_TRAINING_ITEMS = 5000;
/** Recent analyses whose key phrases tell which phrases are common in the tenant's feedback at large. */
const BACKGROUND_ANALYSES = 2000;

export interface TrainedAdapter {
  revision: number;
  trainedOn: number;
  trainedInMs: number;
  model: TenantAdapterModel;
}

function readable(themeId: string): string {
  const words = themeId.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Retrains a tenant's adapter from all its corrections and stores it as the next revision. The shipped analyzer
 * re-reads each corrected text (with the tenant's taxonomy, without any adapter), so the layer is always fitted
 * on the distributions of the analyzer it will wrap. A per-tenant advisory lock serialises concurrent retrains.
 */
@Injectable()
export class AdapterTrainer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: CorrectionStore,
    private readonly taxonomies: TenantTaxonomies,
    @Inject(ANALYZER) private readonly base: Analyzer,
  ) {}

  /** The analyzer adapters are fitted on, as stored in `tenant_adapters.base_analyzer`. */
  get baseAnalyzer(): string {
    return `${this.base.name}@${this.base.version}`;
  }

  async retrain(tenantId: string): Promise<TrainedAdapter> {
    return (await this.fit(tenantId, false))!;
  }

  /**
   * Refits a tenant's adapter on the running analyzer's distributions when its latest revision was fitted on
   * another analyzer (after a shipped-model upgrade). Every instance may ask at once: the first one refits, the
   * others find the fresh revision under the lock and do nothing.
   */
  async refitIfBaseChanged(tenantId: string): Promise<TrainedAdapter | undefined> {
    return this.fit(tenantId, true);
  }

  private async fit(tenantId: string, onlyIfBaseChanged: boolean): Promise<TrainedAdapter | undefined> {
    const taxonomy = (await this.taxonomies.forTenants([tenantId])).get(tenantId);
    const labels = new Map((taxonomy?.themes ?? []).map((t) => [t.id, t.label]));
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tenant_adapters:' || $1))`, [tenantId]);
      if (onlyIfBaseChanged) {
        const [latest] = rowsOf<{ base_analyzer: string }>(
          await manager.query(
            'SELECT base_analyzer FROM tenant_adapters WHERE tenant_id = $1 ORDER BY revision DESC LIMIT 1',
            [tenantId],
          ),
        );
        if (!latest || latest.base_analyzer === this.baseAnalyzer) return undefined;
      }
      const started = Date.now();
      const rows = await this.store.trainingSet(manager, tenantId, MAX_TRAINING_ITEMS);
      const inputs = rows.map((r) => analyzerInput(r.event));
      const background = rowsOf<{ key_phrases: string[] }>(
        await manager.query(
          'SELECT key_phrases FROM analyses WHERE tenant_id = $1 ORDER BY analyzed_at DESC LIMIT $2',
          [tenantId, BACKGROUND_ANALYSES],
        ),
      ).map((r) => r.key_phrases);
      const baseResults = this.base.analyze(inputs, taxonomy);
      const [{ revision }] = rowsOf<{ revision: number }>(
        await manager.query(
          'SELECT coalesce(max(revision), 0)::int + 1 AS revision FROM tenant_adapters WHERE tenant_id = $1',
          [tenantId],
        ),
      );
      const model = fitTenantAdapter({
        tenantId,
        revision,
        baseAnalyzer: { name: this.base.name, version: this.base.version },
        examples: rows.map((r, i) => ({
          input: inputs[i],
          base: baseResults[i],
          label: (r.corrected_label ?? undefined) as SentimentLabel | undefined,
          themesAdded: r.themes_added,
          themesRemoved: r.themes_removed,
        })),
        themeLabel: (id) => labels.get(id) ?? readable(id),
        background,
      });
      const trainedInMs = Date.now() - started;
      await manager.query(
        'INSERT INTO tenant_adapters (tenant_id, revision, base_analyzer, corrections, model) VALUES ($1, $2, $3, $4, $5::jsonb)',
        [tenantId, revision, this.baseAnalyzer, rows.length, JSON.stringify(model)],
      );
      return { revision, trainedOn: rows.length, trainedInMs, model };
    });
  }
}
