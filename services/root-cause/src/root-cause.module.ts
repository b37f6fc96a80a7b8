import { DynamicModule, Module } from '@nestjs/common';
import { ApiKeyRepository, TenantGuard } from '@loops/auth';
import { PlatformModule } from '@loops/platform';
import { AccountsController } from './accounts/accounts.controller';
import { AccountsService } from './accounts/accounts.service';
import { ActionOutbox } from './actions/action-outbox';
import { ActionsController } from './actions/actions.controller';
import { ActionsDataAccess } from './actions/actions.data-access';
import { ActionsService } from './actions/actions.service';
import { CaseOutcomeConsumer } from './cases/case-outcome.consumer';
import { DashboardController, SENTIMENT_PUBLIC_URL } from './dashboard/dashboard.controller';
import { RoutingCasesProxy, ROUTING_URL } from './dashboard/routing-cases.proxy';
import { EmergingIssuesService } from './emerging/emerging-issues.service';
import { ExploreController } from './explore/explore.controller';
import { ExploreService } from './explore/explore.service';
import { GoalsController } from './goals/goals.controller';
import { GoalsDataAccess } from './goals/goals.data-access';
import { GoalsService } from './goals/goals.service';
import { InsightOutbox } from './insights/insight-outbox';
import { OperationalMeasureConsumer } from './operational/operational-measure.consumer';
import { OperationalMeasuresDataAccess } from './operational/operational-measures.data-access';
import { OperationalReportsController } from './operational/operational-reports.controller';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { TaxonomyOutbox } from './taxonomy/taxonomy-outbox';
import { ThemePromotion } from './taxonomy/theme-promotion';
import { RootCauseEnv } from './root-cause.env';
import { RollupConsumer } from './rollups/rollup.consumer';
import { RollupRecompute } from './rollups/rollup-recompute';
import { RollupWriter } from './rollups/rollup.writer';
import { RootCauseErasureConsumer } from './privacy/erasure.consumer';
import { MeController } from './views/me.controller';
import { DigestComposer } from './digest/digest-composer';
import { DigestPageController } from './digest/digest-page.controller';
import { DigestScheduler } from './digest/digest.scheduler';
import { DigestsController } from './digest/digests.controller';
import { DigestsDataAccess } from './digest/digests.data-access';
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
      controllers: [
        ReportsController,
        DashboardController,
        AccountsController,
        MeController,
        ExploreController,
        RoutingCasesProxy,
        GoalsController,
        ActionsController,
        OperationalReportsController,
        DigestsController,
        DigestPageController,
        RetentionController,
      ],
      providers: [
        RollupWriter,
        RollupRecompute,
        RollupConsumer,
        CaseOutcomeConsumer,
        RootCauseErasureConsumer,
        EmergingIssuesService,
        InsightOutbox,
        ReportsService,
        TaxonomyOutbox,
        ThemePromotion,
        AccountsService,
        ExploreService,
        DigestsDataAccess,
        DigestComposer,
        DigestScheduler,
        GoalsDataAccess,
        GoalsService,
        ActionsDataAccess,
        ActionOutbox,
        ActionsService,
        OperationalMeasuresDataAccess,
        OperationalMeasureConsumer,
        readDataSourceProvider(env.DATABASE_READ_URL),
        ReadDataSourceLifecycle,
        RetentionSettings,
        StoreMaintenance,
        ApiKeyRepository,
        TenantGuard,
        { provide: SENTIMENT_PUBLIC_URL, useValue: env.SENTIMENT_PUBLIC_URL },
        { provide: ROUTING_URL, useValue: env.ROUTING_URL },
      ],
    };
  }
}
