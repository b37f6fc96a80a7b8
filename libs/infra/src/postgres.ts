import { Client } from 'pg';
import { InfraError, InfraErrorCode } from './infra-error';

/** Fails with an actionable message when PostgreSQL cannot be reached at the server level. */
export async function assertPostgresReachable(url: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const safe = new URL(url);
    safe.password = safe.password ? '***' : '';
    throw new InfraError(
      InfraErrorCode.POSTGRES_UNREACHABLE,
      `PostgreSQL is not reachable at ${safe.toString()}: ${(error as Error).message}. Start it ` +
        "(pg_ctlcluster <version> main start) or set DATABASE_URL.",
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops and re-creates a database: the test suite starts from an empty, migrated schema. */
export async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const database = target.pathname.replace(/^\//, '');
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`database name "${database}" must be [A-Za-z0-9_]`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    // Identifiers cannot be bound as parameters; the name was validated above.
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
}
