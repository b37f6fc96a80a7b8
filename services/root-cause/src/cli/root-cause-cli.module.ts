import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource } from '@loops/store';
import { RollupRecompute } from '../rollups/rollup-recompute';
import { RollupWriter } from '../rollups/rollup.writer';

/** The store-only slice of root-cause that operator commands need (no Kafka, no HTTP). */
@Module({})
export class RootCauseCliModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: RootCauseCliModule,
      providers: [
        { provide: DataSource, useFactory: () => createDataSource({ url, poolSize: 2, applicationName: 'loops-root-cause-cli' }).initialize() },
        RollupWriter,
        RollupRecompute,
      ],
    };
  }
}
