import { DynamicModule, Module } from '@nestjs/common';
import { ApiKeyRepository, TenantGuard } from '@loops/auth';
import { PlatformModule } from '@loops/platform';
import { CaseOutcomeConsumer } from './cases/case-outcome.consumer';
import { DashboardController, SENTIMENT_PUBLIC_URL } from './dashboard/dashboard.controller';
import { EmergingIssuesService } from './emerging/emerging-issues.service';
import { InsightOutbox } from './insights/insight-outbox';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { RootCauseEnv } from './root-cause.env';
import { RollupConsumer } from './rollups/rollup.consumer';
import { RollupRecompute } from './rollups/rollup-recompute';
import { RollupWriter } from './rollups/rollup.writer';
import { RootCauseErasureConsumer } from './privacy/erasure.consumer';
import { RetentionController } from './retention/retention.controller';
import { RetentionSettings } from './retention/retention.service';
import { ReadDataSourceLifecycle, readDataSourceProvider } from './store/read-data-source';
import { StoreMaintenance } from './store/store-maintenance.service';

@Module({})
export class RootCauseModule {
  static forRoot(env: RootCauseEnv): DynamicModule {
    return {
      module: RootCauseModule,
      imports: [PlatformModule.forRoot('root-cause', env)],
      controllers: [ReportsController, DashboardController, RetentionController],
      providers: [
        RollupWriter,
        RollupRecompute,
        RollupConsumer,
        CaseOutcomeConsumer,
        RootCauseErasureConsumer,
        EmergingIssuesService,
        InsightOutbox,
        ReportsService,
        readDataSourceProvider(env.DATABASE_READ_URL),
        ReadDataSourceLifecycle,
        RetentionSettings,
        StoreMaintenance,
        ApiKeyRepository,
        TenantGuard,
        { provide: SENTIMENT_PUBLIC_URL, useValue: env.SENTIMENT_PUBLIC_URL },
      ],
    };
  }
}
