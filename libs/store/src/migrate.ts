import { Client } from 'pg';
import { createDataSource } from './data-source';

/** Creates the database named in the URL when it is missing (the native path owns its own database). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`database name "${database}" must be [A-Za-z0-9_]`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    // CREATE DATABASE takes no bind parameters; the name was checked against a strict pattern above.
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${database}`);
  } catch (error) {
    // Two migrators racing: the loser sees duplicate_database, which is the state it wanted.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

/** Applies pending migrations; safe to run on every start and from several processes. */
export async function migrate(url: string): Promise<string[]> {
  await ensureDatabase(url);
  const dataSource = createDataSource({ url, poolSize: 1, applicationName: 'loops-migrate' });
  await dataSource.initialize();
  try {
    // An advisory lock serialises concurrent migrators (compose starts may overlap with a CLI run).
    await dataSource.query('SELECT pg_advisory_lock(774411)');
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query('SELECT pg_advisory_unlock(774411)');
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required, e.g. postgres://postgres@127.0.0.1:5432/loops');
    process.exit(2);
  }
  migrate(url)
    .then((applied) => {
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    })
    .catch((error: Error) => {
      console.error(`migration failed: ${error.message}`);
      process.exit(1);
    });
}
