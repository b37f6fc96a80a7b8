import { createDataSource, ensurePartitionsAhead, ensurePartitionsBetween, purgeExpired, tenantRetentions } from '@loops/store';

const USAGE = `usage (environment: DATABASE_URL):
  store-maintenance partitions [--from YYYY-MM-DD --to YYYY-MM-DD]   create monthly partitions (default: this month + 3 ahead)
  store-maintenance purge [--now <ISO time>]                         apply every tenant's retention now
  store-maintenance retention list
  store-maintenance retention set --tenant <id> --days <n>
  store-maintenance retention clear --tenant <id>`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function date(value: string | undefined, name: string): Date {
  const d = new Date(value ?? '');
  if (!value || Number.isNaN(d.getTime())) throw new UsageError(`${name} must be a date or time (ISO 8601)`);
  return d;
}

class UsageError extends Error {}

/** Operator command for the partitioned store: partitions ahead or for an import's range, retention, purge. */
async function main(args: string[]): Promise<number> {
  const [command, sub] = args;
  if (!process.env.DATABASE_URL || !['partitions', 'purge', 'retention'].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const ds = await createDataSource({ url: process.env.DATABASE_URL, poolSize: 1, applicationName: 'loops-store-maintenance' }).initialize();
  try {
    if (command === 'partitions') {
      const created = args.includes('--from')
        ? await ensurePartitionsBetween(ds, date(option(args, '--from'), '--from'), date(option(args, '--to'), '--to'))
        : await ensurePartitionsAhead(ds, new Date());
      console.log(JSON.stringify({ partitionsCreated: created }));
      return 0;
    }
    if (command === 'purge') {
      const now = args.includes('--now') ? date(option(args, '--now'), '--now') : new Date();
      console.log(JSON.stringify(await purgeExpired(ds, now)));
      return 0;
    }
    if (sub === 'list') {
      console.log(JSON.stringify(await tenantRetentions(ds)));
      return 0;
    }
    const tenant = option(args, '--tenant');
    if (!tenant) throw new UsageError('--tenant is required');
    if (sub === 'set') {
      const days = Number(option(args, '--days'));
      if (!Number.isInteger(days) || days < 1 || days > 36500) throw new UsageError('--days must be a whole number from 1 to 36500');
      await ds.query(
        `INSERT INTO tenant_retention (tenant_id, retention_days, updated_by) VALUES ($1, $2, 'cli')
         ON CONFLICT (tenant_id) DO UPDATE SET retention_days = EXCLUDED.retention_days, updated_by = 'cli', updated_at = now()`,
        [tenant, days],
      );
      console.log(JSON.stringify({ tenantId: tenant, retentionDays: days }));
      return 0;
    }
    if (sub === 'clear') {
      await ds.query('DELETE FROM tenant_retention WHERE tenant_id = $1', [tenant]);
      console.log(JSON.stringify({ tenantId: tenant, retentionDays: null }));
      return 0;
    }
    throw new UsageError(`unknown retention command "${sub ?? ''}"`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  } finally {
    await ds.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
