import { createDataSource } from '@loops/store';
import { createApiKey, revokeApiKey } from '@loops/auth';

const USAGE = `usage:
  api-keys create --tenant <tenantId> --integration <integrationId>
  api-keys revoke --key-id <keyId>
environment: DATABASE_URL`;

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Operator CLI: creates (printing the key once) and revokes integration API keys. */
async function main(args: string[]): Promise<number> {
  const url = process.env.DATABASE_URL;
  const [command] = args;
  if (!url || !command) {
    console.error(USAGE);
    return 2;
  }
  const dataSource = await createDataSource({ url, poolSize: 1, applicationName: 'loops-api-keys' }).initialize();
  try {
    if (command === 'create') {
      const tenant = arg(args, '--tenant');
      const integration = arg(args, '--integration');
      if (!tenant || !integration) {
        console.error(USAGE);
        return 2;
      }
      const { keyId, key } = await createApiKey(dataSource, tenant, integration);
      console.log(JSON.stringify({ keyId, tenantId: tenant, integrationId: integration, apiKey: key }));
      return 0;
    }
    if (command === 'revoke') {
      const keyId = arg(args, '--key-id');
      if (!keyId) {
        console.error(USAGE);
        return 2;
      }
      const revoked = await revokeApiKey(dataSource, keyId);
      console.log(revoked ? `revoked ${keyId}` : `no active key ${keyId}`);
      return revoked ? 0 : 1;
    }
    console.error(USAGE);
    return 2;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
