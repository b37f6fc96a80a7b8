import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@loops/store';
import { parseRoutingTree } from './parse-routing-tree';
import { RoutingTree } from './routing-tree.types';

export const DEFAULT_ROUTING_TREE = Symbol('DEFAULT_ROUTING_TREE');
export const TREE_CACHE_MS = Symbol('TREE_CACHE_MS');

export interface DefaultTree {
  tree: RoutingTree;
  yaml: string;
}

export interface LoadedTree {
  tenantId: string;
  /** 0 is the default tree from config/, used by tenants that never stored their own. */
  version: number;
  tree: RoutingTree;
  yaml: string;
}

/**
 * Each tenant's current routing tree: its highest stored version, else the default. Lookups are per
 * batch (one query for every tenant not cached) and cached briefly, so a PUT lands within the TTL on
 * every instance and at once on the one that took it.
 */
@Injectable()
export class TreeRegistry {
  private readonly cache = new Map<string, { loaded: LoadedTree; until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DEFAULT_ROUTING_TREE) private readonly fallback: DefaultTree,
    @Inject(TREE_CACHE_MS) private readonly ttlMs: number,
  ) {}

  get defaultTree(): RoutingTree {
    return this.fallback.tree;
  }

  async treeFor(tenantId: string): Promise<LoadedTree> {
    return (await this.treesFor([tenantId])).get(tenantId)!;
  }

  async treesFor(tenantIds: string[]): Promise<Map<string, LoadedTree>> {
    const now = Date.now();
    const out = new Map<string, LoadedTree>();
    const missing: string[] = [];
    for (const tenantId of new Set(tenantIds)) {
      const hit = this.cache.get(tenantId);
      if (hit && hit.until > now) out.set(tenantId, hit.loaded);
      else missing.push(tenantId);
    }
    if (missing.length === 0) return out;
    const rows = rowsOf<{ tenant_id: string; version: number; yaml: string }>(
      await this.dataSource.query(
        `SELECT DISTINCT ON (tenant_id) tenant_id, version, yaml FROM routing_trees
          WHERE tenant_id = ANY($1::text[]) ORDER BY tenant_id, version DESC`,
        [missing],
      ),
    );
    const stored = new Map(rows.map((r) => [r.tenant_id, r]));
    for (const tenantId of missing) {
      const row = stored.get(tenantId);
      // Stored trees were validated on PUT; parsing again only fails if the grammar changed since.
      const loaded: LoadedTree = row
        ? { tenantId, version: row.version, yaml: row.yaml, tree: parseRoutingTree(row.yaml) }
        : { tenantId, version: 0, yaml: this.fallback.yaml, tree: this.fallback.tree };
      this.cache.set(tenantId, { loaded, until: now + this.ttlMs });
      out.set(tenantId, loaded);
    }
    return out;
  }

  /** Validates (throws RoutingTreeError with every problem) and stores the next version. */
  async store(tenantId: string, yaml: string, loadedBy: string): Promise<LoadedTree> {
    const tree = parseRoutingTree(yaml);
    // Two PUTs of one tenant's tree would both read the same MAX(version) and one would hit the primary
    // key; a per-tenant transaction lock serialises them so both are stored, one after the other.
    const rows = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`routing-tree:${tenantId}`]);
      return rowsOf<{ version: number }>(
        await manager.query(
          `INSERT INTO routing_trees (tenant_id, version, yaml, loaded_by)
           SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3 FROM routing_trees WHERE tenant_id = $1
           RETURNING version`,
          [tenantId, yaml, loadedBy],
        ),
      );
    });
    const loaded: LoadedTree = { tenantId, version: rows[0].version, yaml, tree };
    this.cache.set(tenantId, { loaded, until: Date.now() + this.ttlMs });
    return loaded;
  }

  async history(tenantId: string): Promise<{ version: number; loadedAt: string; loadedBy: string }[]> {
    const rows = rowsOf<{ version: number; loaded_at: Date; loaded_by: string }>(
      await this.dataSource.query('SELECT version, loaded_at, loaded_by FROM routing_trees WHERE tenant_id = $1 ORDER BY version DESC LIMIT 50', [tenantId]),
    );
    return rows.map((r) => ({ version: r.version, loadedAt: r.loaded_at.toISOString(), loadedBy: r.loaded_by }));
  }
}
