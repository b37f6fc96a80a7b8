import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './service-process';

/** Creates an API key through the operator CLI, exactly as an operator would. */
export function createApiKey(tenantId: string, integrationId: string): { keyId: string; apiKey: string } {
  const out = execFileSync(
    process.execPath,
    [join(REPO_ROOT, 'dist', 'services', 'ingestion', 'src', 'cli', 'api-keys.js'), 'create', '--tenant', tenantId, '--integration', integrationId],
    { env: { ...process.env }, encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop()!);
}

export function revokeApiKey(keyId: string): string {
  return execFileSync(
    process.execPath,
    [join(REPO_ROOT, 'dist', 'services', 'ingestion', 'src', 'cli', 'api-keys.js'), 'revoke', '--key-id', keyId],
    { env: { ...process.env }, encoding: 'utf8' },
  );
}
