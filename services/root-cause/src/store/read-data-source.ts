import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource } from '@loops/store';

/** The pool reports read from: a replica's when DATABASE_READ_URL is set, else the primary's own. */
export const READ_DATA_SOURCE = Symbol('READ_DATA_SOURCE');

/**
 * Reports are read-only and may lag the primary by the replica's replay delay; everything that writes
 * (churn model, theme promotion, the consumers) keeps the primary DataSource. The read pool is closed with
 * the application when it is a separate one.
 */
export function readDataSourceProvider(readUrl: string | undefined): Provider {
  return {
    provide: READ_DATA_SOURCE,
    inject: [DataSource],
    useFactory: async (primary: DataSource) =>
      readUrl ? createDataSource({ url: readUrl, applicationName: 'loops-root-cause-reads', poolSize: 10 }).initialize() : primary,
  };
}

@Injectable()
export class ReadDataSourceLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly reads: DataSource,
    private readonly primary: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.reads !== this.primary && this.reads.isInitialized) await this.reads.destroy();
  }
}
