import { randomUUID } from 'node:crypto';
import { apiKeysCli } from '../support/api-keys';
import { withStore } from '../support/store';

// The operator CLI against the real store: what it prints, what it writes, and how it refuses.
describe('api-keys CLI', () => {
  const tenant = `k-${randomUUID().slice(0, 8)}`;
  const row = (keyId: string) =>
    withStore(async (db) => (await db.query('SELECT tenant_id, integration_id, scopes, items_per_second, revoked_at, rotated_from, key_hash FROM api_keys WHERE key_id = $1', [keyId])).rows[0]);

  it('creates a key with scopes and a rate, printing the secret once and storing only its hash', async () => {
    const out = apiKeysCli('create', '--tenant', tenant, '--integration', 'console', '--scopes', 'cases:write,reports:read', '--items-per-second', '50');
    expect(out.status).toBe(0);
    const created = JSON.parse(out.stdout);
    expect(created).toMatchObject({ tenantId: tenant, integrationId: 'console', scopes: ['reports:read', 'cases:write'], itemsPerSecond: 50 });
    expect(created.apiKey).toMatch(/^lk_[A-Za-z0-9_-]{32}$/);
    const stored = await row(created.keyId);
    expect(stored).toMatchObject({ tenant_id: tenant, integration_id: 'console', scopes: ['reports:read', 'cases:write'], items_per_second: 50, revoked_at: null });
    expect(stored.key_hash).not.toContain(created.apiKey);
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('defaults to ingest only when --scopes is left out', async () => {
    const created = JSON.parse(apiKeysCli('create', '--tenant', tenant, '--integration', 'survey-tool').stdout);
    expect(created.scopes).toEqual(['ingest']);
    expect((await row(created.keyId)).scopes).toEqual(['ingest']);
  });

  it('lists keys without secrets or hashes; revoked ones only when asked', async () => {
    const t = `${tenant}-list`;
    const one = JSON.parse(apiKeysCli('create', '--tenant', t, '--integration', 'one', '--scopes', 'admin').stdout);
    const two = JSON.parse(apiKeysCli('create', '--tenant', t, '--integration', 'two').stdout);
    expect(apiKeysCli('revoke', '--key-id', two.keyId).status).toBe(0);
    const listed = apiKeysCli('list', '--tenant', t);
    expect(listed.status).toBe(0);
    const lines = listed.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ keyId: one.keyId, tenantId: t, integrationId: 'one', scopes: ['admin'], keyPrefix: one.apiKey.slice(0, 10), revokedAt: null }),
    ]);
    const all = apiKeysCli('list', '--tenant', t, '--include-revoked').stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(all.map((k) => k.keyId).sort()).toEqual([one.keyId, two.keyId].sort());
    expect(all.find((k) => k.keyId === two.keyId).revokedAt).not.toBeNull();
    const { key_hash: hash } = await row(one.keyId);
    for (const text of [listed.stdout, JSON.stringify(all)]) {
      expect(text).not.toContain(one.apiKey);
      expect(text).not.toContain(two.apiKey);
      expect(text).not.toContain(hash);
      expect(text).not.toMatch(/apiKey|hash/i);
    }
  });

  it('rotates: a new secret with the same tenant, integration, scopes and rate; the old one revoked', async () => {
    const old = JSON.parse(apiKeysCli('create', '--tenant', tenant, '--integration', 'crm', '--scopes', 'ingest,reports:read', '--items-per-second', '7').stdout);
    const out = apiKeysCli('rotate', '--key-id', old.keyId);
    expect(out.status).toBe(0);
    const fresh = JSON.parse(out.stdout);
    expect(fresh).toMatchObject({ tenantId: tenant, integrationId: 'crm', scopes: ['ingest', 'reports:read'], itemsPerSecond: 7, replaces: old.keyId });
    expect(fresh.apiKey).not.toBe(old.apiKey);
    expect((await row(old.keyId)).revoked_at).not.toBeNull();
    expect(await row(fresh.keyId)).toMatchObject({ tenant_id: tenant, integration_id: 'crm', scopes: ['ingest', 'reports:read'], items_per_second: 7, revoked_at: null, rotated_from: old.keyId });
    // A revoked key cannot be rotated back to life.
    expect(apiKeysCli('rotate', '--key-id', old.keyId)).toMatchObject({ status: 1, stderr: `no active key ${old.keyId}\n` });
  });

  it('revokes once; a second revoke says there is no active key', async () => {
    const created = JSON.parse(apiKeysCli('create', '--tenant', tenant, '--integration', 'gone').stdout);
    expect(apiKeysCli('revoke', '--key-id', created.keyId)).toMatchObject({ status: 0, stdout: `revoked ${created.keyId}\n` });
    expect((await row(created.keyId)).revoked_at).not.toBeNull();
    expect(apiKeysCli('revoke', '--key-id', created.keyId)).toMatchObject({ status: 1, stderr: `no active key ${created.keyId}\n` });
  });

  it.each([
    [['create', '--tenant', 'x', '--integration', 'y', '--scopes', 'ingest,write'], 'api-keys: unknown scope(s) write; known scopes: ingest, reports:read, cases:write, admin'],
    [['create', '--integration', 'y'], 'api-keys: --tenant is required'],
    [['create', '--tenant', 'x', '--integration'], 'api-keys: --integration needs a value'],
    [['create', '--tenant', 'x', '--integration', 'y', '--items-per-second', '0'], 'api-keys: --items-per-second must be a positive whole number, got "0"'],
    [['revoke', '--key-id', 'lk_secret'], 'api-keys: --key-id must be a key id (a UUID, as printed by create and list); the value given is not echoed in case it is a secret'],
    [['rotate'], 'api-keys: --key-id is required'],
    [['delete', '--key-id', randomUUID()], 'api-keys: unknown command "delete"'],
  ])('refuses %j with exit 2, the problem and the usage', (args, problem) => {
    const out = apiKeysCli(...args);
    expect(out.status).toBe(2);
    expect(out.stderr.split('\n')[0]).toBe(problem);
    expect(out.stderr).toContain('usage:');
    expect(out.stdout).toBe('');
    expect(out.stderr).not.toContain('lk_secret');
  });
});
