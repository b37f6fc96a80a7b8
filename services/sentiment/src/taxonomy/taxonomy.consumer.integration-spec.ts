import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TenantThemeDefined } from '@loops/contracts';
import { createDataSource } from '@loops/store';
import { keepNewestThemes } from './taxonomy.consumer';
import { TenantTaxonomies } from './tenant-taxonomies';

// Sentiment's read model of taxonomy.v1 on the migrated test database, without starting the service:
// the newest definition of a theme wins whatever order the events come in, and the analyzer's taxonomy
// is built from it alone.
describe('keepNewestThemes (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let tenantId: string;

  beforeAll(async () => {
    dataSource = await createDataSource({ url: process.env.DATABASE_URL!, poolSize: 2 }).initialize();
  });

  beforeEach(() => {
    tenantId = `tx-${randomUUID().slice(0, 8)}`;
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  const defined = (label: string, en: string[], updatedAt: string): TenantThemeDefined => ({
    changeId: randomUUID(),
    tenantId,
    themeId: 'refund_delay',
    label,
    phrases: [{ language: 'en', phrases: en }],
    updatedAt,
  });
  const stored = async () =>
    (await dataSource.query('SELECT label, phrases FROM taxonomy_themes WHERE tenant_id = $1', [tenantId])) as { label: string; phrases: Record<string, string[]> }[];

  it('keeps the newest definition: an older or redelivered event changes nothing', async () => {
    const older = defined('Refunds', ['refund*'], '2026-11-20T09:00:00.000Z');
    const newer = defined('Refund delays', ['refund*', 'money back'], '2026-11-20T10:00:00.000Z');
    await keepNewestThemes(dataSource.manager, [newer]);
    await keepNewestThemes(dataSource.manager, [older]);
    await keepNewestThemes(dataSource.manager, [newer]);
    expect(await stored()).toEqual([{ label: 'Refund delays', phrases: { en: ['refund*', 'money back'] } }]);
  });

  it('takes the newest of one theme within a batch (one upsert may touch a row once)', async () => {
    await keepNewestThemes(dataSource.manager, [
      defined('Second', ['b'], '2026-11-20T10:00:00.000Z'),
      defined('First', ['a'], '2026-11-20T09:00:00.000Z'),
    ]);
    expect(await stored()).toEqual([{ label: 'Second', phrases: { en: ['b'] } }]);
  });

  it("builds the tenant's taxonomy from the read model, beside the default themes", async () => {
    await keepNewestThemes(dataSource.manager, [defined('Refund delays', ['refund delay*'], '2026-11-20T10:00:00.000Z')]);
    const taxonomy = (await new TenantTaxonomies(dataSource, 0).forTenants([tenantId])).get(tenantId)!;
    expect(taxonomy.id).toBe(`tenant:${tenantId}`);
    expect(taxonomy.themes.find((t) => t.id === 'refund_delay')).toEqual({ id: 'refund_delay', label: 'Refund delays', phrases: { en: ['refund delay*'] } });
    expect(taxonomy.themes.length).toBeGreaterThan(1);
  });
});
