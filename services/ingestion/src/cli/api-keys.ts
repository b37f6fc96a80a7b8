import { createDataSource } from '@loops/store';
import { createApiKey, listApiKeys, parseRestrictionList, parseScopes, RESTRICTION_DIMENSIONS, revokeApiKey, rotateApiKey, SCOPES, ViewRestriction } from '@loops/auth';
import { DataSource } from 'typeorm';

const USAGE = `usage:
  api-keys create --tenant <tenantId> --integration <integrationId> [--scopes <scope,...>] [--items-per-second <n>]
                  [--touchpoints <a,b>] [--themes <a,b>] [--accounts <a,b>]
      prints the new key once, as JSON; --scopes defaults to ingest. --touchpoints / --themes / --accounts make a
      department's key: it sees only those touchpoints, themes or accounts (combined with AND), and endpoints that
      cannot narrow their answer that way refuse it
  api-keys list [--tenant <tenantId>] [--include-revoked]
      one JSON line per key: id, tenant, integration, prefix, scopes, rate, dates (never the secret or its hash)
  api-keys rotate --key-id <keyId>
      issues a new secret with the same tenant, integration, scopes and rate, and revokes the old one
  api-keys revoke --key-id <keyId>
      revoked keys are refused by every instance from the next request on
scopes: ${SCOPES.join(', ')}
environment: DATABASE_URL`;

class UsageError extends Error {}

/** `--name value` options; a flag given without its value is a usage error, not a silent undefined. */
function option(args: string[], name: string, required: true): string;
function option(args: string[], name: string, required?: false): string | undefined;
function option(args: string[], name: string, required = false): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) {
    if (required) throw new UsageError(`${name} is required`);
    return undefined;
  }
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--') || value.trim() === '') throw new UsageError(`${name} needs a value`);
  return value;
}

function positiveInt(value: string | undefined, name: string): number | null {
  if (value === undefined) return null;
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new UsageError(`${name} must be a positive whole number, got "${value}"`);
  return Number(value);
}

function scopesOption(args: string[]) {
  try {
    return parseScopes(option(args, '--scopes') ?? 'ingest');
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function restrictionOption(args: string[]): ViewRestriction | null {
  const restriction: ViewRestriction = {};
  for (const dimension of RESTRICTION_DIMENSIONS) {
    const csv = option(args, `--${dimension}`);
    if (csv === undefined) continue;
    try {
      restriction[dimension] = parseRestrictionList(dimension, csv);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return Object.keys(restriction).length > 0 ? restriction : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function keyIdOption(args: string[]): string {
  const keyId = option(args, '--key-id', true);
  if (!UUID.test(keyId)) throw new UsageError("--key-id must be a key id (a UUID, as printed by create and list); the value given is not echoed in case it is a secret");
  return keyId;
}

async function run(dataSource: DataSource, command: string, args: string[]): Promise<number> {
  switch (command) {
    case 'create': {
      const created = await createApiKey(dataSource, {
        tenantId: option(args, '--tenant', true),
        integrationId: option(args, '--integration', true),
        scopes: scopesOption(args),
        itemsPerSecond: positiveInt(option(args, '--items-per-second'), '--items-per-second'),
        restriction: restrictionOption(args),
      });
      const { key, ...rest } = created;
      console.log(JSON.stringify({ ...rest, apiKey: key }));
      return 0;
    }
    case 'list': {
      const keys = await listApiKeys(dataSource, { tenantId: option(args, '--tenant'), includeRevoked: args.includes('--include-revoked') });
      for (const k of keys) console.log(JSON.stringify(k));
      return 0;
    }
    case 'rotate': {
      const keyId = keyIdOption(args);
      const rotated = await rotateApiKey(dataSource, keyId);
      if (!rotated) {
        console.error(`no active key ${keyId}`);
        return 1;
      }
      const { key, ...rest } = rotated;
      console.log(JSON.stringify({ ...rest, apiKey: key, replaces: keyId }));
      return 0;
    }
    case 'revoke': {
      const keyId = keyIdOption(args);
      const revoked = await revokeApiKey(dataSource, keyId);
      if (!revoked) {
        console.error(`no active key ${keyId}`);
        return 1;
      }
      console.log(`revoked ${keyId}`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** Operator CLI for integration API keys: create (the key printed once), list, rotate, revoke. */
async function main(args: string[]): Promise<number> {
  const url = process.env.DATABASE_URL;
  const [command, ...rest] = args;
  if (!command || command === '--help' || command === 'help') {
    console.error(USAGE);
    return command ? 0 : 2;
  }
  if (!url) {
    console.error('DATABASE_URL is not set: point it at the reporting store, e.g. postgres://postgres@127.0.0.1:5432/loops');
    return 2;
  }
  const dataSource = await createDataSource({ url, poolSize: 1, applicationName: 'loops-api-keys' }).initialize();
  try {
    return await run(dataSource, command, rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`api-keys: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
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
