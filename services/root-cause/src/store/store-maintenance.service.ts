import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Logger } from '@loops/observability';
import { PeriodicTasks, PLATFORM_ENV, ROOT_LOGGER } from '@loops/platform';
import { ensurePartitionsAhead, purgeExpired, PurgeOutcome } from '@loops/store';
import { RootCauseEnv } from '../root-cause.env';

/**
 * Keeps the partitioned store in shape: monthly partitions exist three months ahead (so new rows never land
 * in a default partition), and each tenant's retention is applied (whole months dropped when every tenant in
 * them has expired, rows deleted otherwise). Runs in root-cause, the reporting service, on STORE_MAINTENANCE_MS;
 * both steps are idempotent, so several instances running it only repeat work.
 */
@Injectable()
export class StoreMaintenance {
  private readonly log: Logger;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(PLATFORM_ENV) env: RootCauseEnv,
    @Inject(ROOT_LOGGER) logger: Logger,
    tasks: PeriodicTasks,
  ) {
    this.log = logger.child({ component: 'store-maintenance' });
    tasks.schedule({ name: 'store maintenance', everyMs: env.STORE_MAINTENANCE_MS, run: () => this.run(new Date()) });
  }

  async run(now: Date): Promise<{ partitionsCreated: number } & PurgeOutcome> {
    const partitionsCreated = await ensurePartitionsAhead(this.dataSource, now);
    const purged = await purgeExpired(this.dataSource, now);
    this.log.info({ partitionsCreated, ...purged }, 'store maintenance pass');
    return { partitionsCreated, ...purged };
  }
}
