import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '@loops/store';
import { generateApiKey } from './api-key';
import type { Scope } from './scopes';
import { isRestricted, restrictionFromStore, ViewRestriction } from './view-restriction';

export interface NewApiKey {
  tenantId: string;
  integrationId: string;
  scopes: Scope[];
  /** Overrides the ingestion default for this key; omitted = the default. */
  itemsPerSecond?: number | null;
  /** A department's key sees only these touchpoints / themes / accounts; omitted = the whole tenant. */
  restriction?: ViewRestriction | null;
}

export interface CreatedApiKey {
  keyId: string;
  /** The clear key: shown once, stored only as its hash. */
  key: string;
  tenantId: string;
  integrationId: string;
  scopes: Scope[];
  itemsPerSecond: number | null;
  restriction: ViewRestriction | null;
}

/** What an operator may see of a key: never the secret or its hash. */
export interface ApiKeySummary {
  keyId: string;
  tenantId: string;
  integrationId: string;
  keyPrefix: string;
  scopes: string[];
  itemsPerSecond: number | null;
  restriction: ViewRestriction | null;
  createdAt: string;
  revokedAt: string | null;
  rotatedFrom: string | null;
}

async function insertKey(m: EntityManager, spec: NewApiKey, rotatedFrom: string | null): Promise<CreatedApiKey> {
  const { key, prefix, hash } = generateApiKey();
  const keyId = randomUUID();
  const restriction = isRestricted(spec.restriction) ? spec.restriction : null;
  await m.query('INSERT INTO tenants (tenant_id, name) VALUES ($1, $1) ON CONFLICT (tenant_id) DO NOTHING', [spec.tenantId]);
  await m.query(
    `INSERT INTO api_keys (key_id, tenant_id, integration_id, key_prefix, key_hash, scopes, items_per_second, rotated_from, restriction)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [keyId, spec.tenantId, spec.integrationId, prefix, hash, spec.scopes, spec.itemsPerSecond ?? null, rotatedFrom, restriction ? JSON.stringify(restriction) : null],
  );
  return {
    keyId,
    key,
    tenantId: spec.tenantId,
    integrationId: spec.integrationId,
    scopes: spec.scopes,
    itemsPerSecond: spec.itemsPerSecond ?? null,
    restriction,
  };
}

/** Creates a tenant (if new) and an API key for one of its integrations; returns the clear key once. */
export async function createApiKey(dataSource: DataSource, spec: NewApiKey): Promise<CreatedApiKey> {
  return dataSource.transaction((m) => insertKey(m, spec, null));
}

/**
 * Replaces a key with a new secret holding the same tenant, integration, scopes, rate and view, and revokes
 * the old one in the same transaction, so exactly one of the two is valid at any instant. Null when
 * there is no active key with that id.
 */
export async function rotateApiKey(dataSource: DataSource, keyId: string): Promise<CreatedApiKey | null> {
  return dataSource.transaction(async (m) => {
    const old = rowsOf<{ tenant_id: string; integration_id: string; scopes: Scope[]; items_per_second: number | null; restriction: unknown }>(
      await m.query(
        `UPDATE api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL
         RETURNING tenant_id, integration_id, scopes, items_per_second, restriction`,
        [keyId],
      ),
    )[0];
    if (!old) return null;
    return insertKey(
      m,
      {
        tenantId: old.tenant_id,
        integrationId: old.integration_id,
        scopes: old.scopes,
        itemsPerSecond: old.items_per_second,
        restriction: restrictionFromStore(old.restriction),
      },
      keyId,
    );
  });
}

export async function revokeApiKey(dataSource: DataSource, keyId: string): Promise<boolean> {
  const result = await dataSource.query(
    'UPDATE api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL RETURNING key_id',
    [keyId],
  );
  return rowsOf(result).length > 0;
}

/** Keys, newest first, optionally of one tenant; revoked keys only when asked. */
export async function listApiKeys(
  dataSource: DataSource,
  filter: { tenantId?: string; includeRevoked?: boolean } = {},
): Promise<ApiKeySummary[]> {
  const rows: {
    key_id: string;
    tenant_id: string;
    integration_id: string;
    key_prefix: string;
    scopes: string[];
    items_per_second: number | null;
    restriction: unknown;
    created_at: Date;
    revoked_at: Date | null;
    rotated_from: string | null;
  }[] = await dataSource.query(
    `SELECT key_id, tenant_id, integration_id, key_prefix, scopes, items_per_second, restriction, created_at, revoked_at, rotated_from
       FROM api_keys
      WHERE ($1::text IS NULL OR tenant_id = $1) AND ($2 OR revoked_at IS NULL)
      ORDER BY created_at DESC, key_id`,
    [filter.tenantId ?? null, filter.includeRevoked ?? false],
  );
  return rows.map((r) => ({
    keyId: r.key_id,
    tenantId: r.tenant_id,
    integrationId: r.integration_id,
    keyPrefix: r.key_prefix,
    scopes: r.scopes,
    itemsPerSecond: r.items_per_second,
    restriction: restrictionFromStore(r.restriction),
    createdAt: r.created_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
    rotatedFrom: r.rotated_from,
  }));
}
