import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { rowsOf } from '@loops/store';
import { generateApiKey, hashApiKey } from './api-key';

export interface Principal {
  keyId: string;
  tenantId: string;
  integrationId: string;
  revoked: boolean;
}

const CACHE_MS = 5000;

/** API keys per integration, scoped to one tenant. Lookups are cached briefly; revocation lands within 5 s. */
@Injectable()
export class ApiKeyRepository {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();

  constructor(private readonly dataSource: DataSource) {}

  async findByKey(key: string): Promise<Principal | null> {
    const hash = hashApiKey(key);
    const hit = this.cache.get(hash);
    if (hit && hit.until > Date.now()) return hit.principal;
    const rows: { key_id: string; tenant_id: string; integration_id: string; revoked_at: Date | null }[] =
      await this.dataSource.query(
        'SELECT key_id, tenant_id, integration_id, revoked_at FROM api_keys WHERE key_hash = $1',
        [hash],
      );
    const principal = rows[0]
      ? {
          keyId: rows[0].key_id,
          tenantId: rows[0].tenant_id,
          integrationId: rows[0].integration_id,
          revoked: rows[0].revoked_at !== null,
        }
      : null;
    if (this.cache.size > 10000) this.cache.clear();
    this.cache.set(hash, { principal, until: Date.now() + CACHE_MS });
    return principal;
  }
}

/** Creates a tenant (if new) and an API key for one of its integrations; returns the clear key once. */
export async function createApiKey(
  dataSource: DataSource,
  tenantId: string,
  integrationId: string,
): Promise<{ keyId: string; key: string }> {
  const { key, prefix, hash } = generateApiKey();
  const keyId = randomUUID();
  await dataSource.transaction(async (m) => {
    await m.query('INSERT INTO tenants (tenant_id, name) VALUES ($1, $1) ON CONFLICT (tenant_id) DO NOTHING', [tenantId]);
    await m.query(
      'INSERT INTO api_keys (key_id, tenant_id, integration_id, key_prefix, key_hash) VALUES ($1, $2, $3, $4, $5)',
      [keyId, tenantId, integrationId, prefix, hash],
    );
  });
  return { keyId, key };
}

export async function revokeApiKey(dataSource: DataSource, keyId: string): Promise<boolean> {
  const result = await dataSource.query(
    'UPDATE api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL RETURNING key_id',
    [keyId],
  );
  return rowsOf(result).length > 0;
}
