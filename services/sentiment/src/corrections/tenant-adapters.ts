import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@loops/store';
import { AdaptedAnalyzer, type Analyzer, type TenantAdapterModel } from '@loops/text-analytics';
import { ANALYZER } from '../analysis/analyzer.token';
import type { TenantAnalyzers } from '../analysis/analyze-by-tenant';
import { AdapterTrainer } from './adapter-trainer';

export const ADAPTER_CACHE_MS = Symbol('ADAPTER_CACHE_MS');

interface Entry {
  revision: number;
  analyzer: AdaptedAnalyzer | undefined;
  checkedUntil: number;
}

/**
 * Every tenant's current adapter, as stored by whichever instance retrained it. Per batch, tenants whose entry is
 * older than ADAPTER_CACHE_MS get one cheap query for their latest revision; the model is read only when the
 * revision changed. So every instance of the consumer group picks up a new adapter within that interval.
 */
@Injectable()
export class TenantAdapters implements TenantAnalyzers {
  private readonly cache = new Map<string, Entry>();
  private readonly refitting = new Set<string>();
  private readonly logger = new Logger(TenantAdapters.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(ANALYZER) private readonly base: Analyzer,
    @Optional() @Inject(ADAPTER_CACHE_MS) private readonly cacheMs = 5000,
    /** Absent in the reprocess CLI, which applies adapters as stored. */
    @Optional() private readonly trainer?: AdapterTrainer,
  ) {}

  async forTenants(tenantIds: string[]): Promise<Map<string, Analyzer>> {
    const now = Date.now();
    const unique = [...new Set(tenantIds)];
    const stale = unique.filter((t) => (this.cache.get(t)?.checkedUntil ?? 0) <= now);
    if (stale.length > 0) await this.refresh(stale, now);
    const out = new Map<string, Analyzer>();
    for (const tenantId of unique) {
      const analyzer = this.cache.get(tenantId)?.analyzer;
      if (analyzer) out.set(tenantId, analyzer);
    }
    return out;
  }

  /** The adapter a tenant's results are produced with right now (fresh from the store). */
  async current(tenantId: string): Promise<AdaptedAnalyzer | undefined> {
    await this.refresh([tenantId], Date.now());
    return this.cache.get(tenantId)?.analyzer;
  }

  private async refresh(tenantIds: string[], now: number): Promise<void> {
    const latest = rowsOf<{ tenant_id: string; revision: number }>(
      await this.dataSource.query(
        'SELECT tenant_id, max(revision)::int AS revision FROM tenant_adapters WHERE tenant_id = ANY($1::text[]) GROUP BY tenant_id',
        [tenantIds],
      ),
    );
    const revisions = new Map(latest.map((r) => [r.tenant_id, r.revision]));
    const changed = latest.filter((r) => this.cache.get(r.tenant_id)?.revision !== r.revision);
    const models =
      changed.length === 0
        ? []
        : rowsOf<{ tenant_id: string; model: TenantAdapterModel }>(
            await this.dataSource.query(
              'SELECT tenant_id, model FROM tenant_adapters WHERE (tenant_id, revision) IN (SELECT * FROM unnest($1::text[], $2::int[]))',
              [changed.map((r) => r.tenant_id), changed.map((r) => r.revision)],
            ),
          );
    if (this.cache.size > 10000) this.cache.clear();
    for (const tenantId of tenantIds) {
      const revision = revisions.get(tenantId) ?? 0;
      const model = models.find((m) => m.tenant_id === tenantId)?.model;
      const previous = this.cache.get(tenantId);
      const analyzer = model
        ? new AdaptedAnalyzer(this.base, model)
        : revision === 0
          ? undefined
          : previous?.analyzer;
      this.cache.set(tenantId, { revision, analyzer, checkedUntil: now + this.cacheMs });
      if (
        model &&
        `${model.baseAnalyzer.name}@${model.baseAnalyzer.version}` !==
          `${this.base.name}@${this.base.version}`
      )
        this.refitInBackground(tenantId);
    }
  }

  /**
   * An adapter fitted on another analyzer's distributions still applies (and is replayable under its version), but
   * fits better refitted: done off the hot path, picked up by every instance like any new revision.
   */
  private refitInBackground(tenantId: string): void {
    if (!this.trainer || this.refitting.has(tenantId)) return;
    this.refitting.add(tenantId);
    this.trainer
      .refitIfBaseChanged(tenantId)
      .then(
        (trained) => {
          if (trained)
            this.logger.log(
              `refitted the adapter of tenant ${tenantId} on ${this.base.name}@${this.base.version}: revision ${trained.revision}`,
            );
        },
        (error: Error) =>
          this.logger.warn(
            `refitting the adapter of tenant ${tenantId} failed (kept the previous one): ${error.message}`,
          ),
      )
      .finally(() => this.refitting.delete(tenantId));
  }
}
