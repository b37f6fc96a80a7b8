import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './service-process';

const CLI = join(REPO_ROOT, 'dist', 'services', 'ingestion', 'src', 'cli', 'api-keys.js');

/** Every scope: tests that are not about permissions use one key for ingestion, reports, cases and admin. */
export const ALL_SCOPES = ['ingest', 'reports:read', 'cases:write', 'admin'];

export interface CreatedKey {
  keyId: string;
  apiKey: string;
  tenantId: string;
  integrationId: string;
  scopes: string[];
  itemsPerSecond: number | null;
}

/** Runs the operator CLI as an operator would; returns its exit code and both streams. */
export function apiKeysCli(...args: string[]): { status: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env }, encoding: 'utf8' });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** Creates an API key through the operator CLI, exactly as an operator would. */
export function createApiKey(tenantId: string, integrationId: string, scopes: string[] = ALL_SCOPES, extra: string[] = []): CreatedKey {
  const out = execFileSync(process.execPath, [CLI, 'create', '--tenant', tenantId, '--integration', integrationId, '--scopes', scopes.join(','), ...extra], {
    env: { ...process.env },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

export function revokeApiKey(keyId: string): string {
  return execFileSync(process.execPath, [CLI, 'revoke', '--key-id', keyId], { env: { ...process.env }, encoding: 'utf8' });
}

export function rotateApiKey(keyId: string): CreatedKey & { replaces: string } {
  const out = execFileSync(process.execPath, [CLI, 'rotate', '--key-id', keyId], { env: { ...process.env }, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}
