import { DynamicModule, Module } from '@nestjs/common';
import { ApiKeyRepository, TenantGuard } from '@loops/auth';
import { PlatformModule } from '@loops/platform';
import { CaseOutcomeConsumer } from './cases/case-outcome.consumer';
import { DashboardController } from './dashboard/dashboard.controller';
import { EmergingIssuesService } from './emerging/emerging-issues.service';
import { InsightOutbox } from './insights/insight-outbox';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { RootCauseEnv } from './root-cause.env';
import { RollupConsumer } from './rollups/rollup.consumer';
import { RollupRecompute } from './rollups/rollup-recompute';
import { RollupWriter } from './rollups/rollup.writer';
import { RootCauseErasureConsumer } from './privacy/erasure.consumer';

@Module({})
export class RootCauseModule {
  static forRoot(env: RootCauseEnv): DynamicModule {
    return {
      module: RootCauseModule,
      imports: [PlatformModule.forRoot('root-cause', env)],
      controllers: [ReportsController, DashboardController],
      providers: [
        RollupWriter,
        RollupRecompute,
        RollupConsumer,
        CaseOutcomeConsumer,
        RootCauseErasureConsumer,
        EmergingIssuesService,
        InsightOutbox,
        ReportsService,
        ApiKeyRepository,
        TenantGuard,
      ],
    };
  }
}
