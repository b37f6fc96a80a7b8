import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashApiKey } from './api-key';
import { restrictionFromStore, ViewRestriction } from './view-restriction';

export interface Principal {
  keyId: string;
  tenantId: string;
  integrationId: string;
  scopes: string[];
  /** Per-key ingestion rate; null means the service default. */
  itemsPerSecond: number | null;
  /** The part of the tenant this key sees; null = the whole tenant. */
  restriction: ViewRestriction | null;
}

interface KeyRow {
  key_id: string;
  key_hash: string;
  tenant_id: string;
  integration_id: string;
  scopes: string[];
  items_per_second: number | null;
  restriction: unknown;
}

const toPrincipal = (r: KeyRow): Principal => ({
  keyId: r.key_id,
  tenantId: r.tenant_id,
  integrationId: r.integration_id,
  scopes: r.scopes,
  itemsPerSecond: r.items_per_second,
  restriction: restrictionFromStore(r.restriction),
});

/**
 * Resolves presented keys to principals. Deliberately uncached: one lookup on the unique hash index per
 * request (or per Kafka batch) costs well under a millisecond, and it makes a revocation effective on
 * every instance the moment it commits; a process cache would need cross-instance invalidation and
 * would still leave a window.
 */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The active key's principal, or null when the key is unknown or revoked. */
  async findByKey(key: string): Promise<Principal | null> {
    return (await this.findByKeys([key])).get(key) ?? null;
  }

  /** Many keys in one query (a Kafka batch carries a few integrations' keys); revoked keys are absent. */
  async findByKeys(keys: string[]): Promise<Map<string, Principal>> {
    const byHash = new Map(keys.map((k) => [hashApiKey(k), k]));
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT key_id, key_hash, tenant_id, integration_id, scopes, items_per_second, restriction
         FROM api_keys WHERE key_hash = ANY($1) AND revoked_at IS NULL`,
      [[...byHash.keys()]],
    );
    return new Map(rows.map((r) => [byHash.get(r.key_hash)!, toPrincipal(r)]));
  }
}
