import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ApiKeyRepository, TenantGuard } from '@loops/auth';
import { PlatformModule } from '@loops/platform';
import { DefaultAnalyzer, loadAnalyzer } from '@loops/text-analytics';
import { AnalysisConsumer } from './analysis/analysis.consumer';
import { ANALYZED_V1_ALSO } from './analysis/analyzed-records';
import { ANALYZER } from './analysis/analyzer.token';
import { AnalysisWriter } from './analysis/analysis-writer';
import { TAXONOMY_CACHE_MS, TenantTaxonomies } from './taxonomy/tenant-taxonomies';
import { AdapterTrainer } from './corrections/adapter-trainer';
import { CorrectionStore } from './corrections/correction-store';
import { CorrectionsController } from './corrections/corrections.controller';
import { CorrectionsService } from './corrections/corrections.service';
import { ADAPTER_CACHE_MS, TenantAdapters } from './corrections/tenant-adapters';
import { CORS_ORIGINS, CorsMiddleware } from './http/cors.middleware';
import { SentimentEnv } from './sentiment.env';
import { SentimentErasureConsumer } from './privacy/erasure.consumer';
import { ConsumedFeedback } from './feedback/consumed-feedback';
import { TaxonomyConsumer } from './taxonomy/taxonomy.consumer';

@Module({})
export class SentimentModule implements NestModule {
  static forRoot(env: SentimentEnv): DynamicModule {
    return {
      module: SentimentModule,
      imports: [PlatformModule.forRoot('sentiment', env)],
      controllers: [CorrectionsController],
      providers: [
        AnalysisWriter,
        AnalysisConsumer,
        ConsumedFeedback,
        TaxonomyConsumer,
        SentimentErasureConsumer,
        TenantTaxonomies,
        TenantAdapters,
        AdapterTrainer,
        CorrectionStore,
        CorrectionsService,
        ApiKeyRepository,
        TenantGuard,
        { provide: TAXONOMY_CACHE_MS, useValue: env.TAXONOMY_CACHE_MS },
        { provide: ADAPTER_CACHE_MS, useValue: env.ADAPTER_CACHE_MS },
        { provide: ANALYZED_V1_ALSO, useValue: env.ANALYZED_V1_ALSO === 'true' },
        { provide: CORS_ORIGINS, useValue: env.CORS_ORIGINS.split(',').map((o) => o.trim()) },
        {
          provide: ANALYZER,
          useFactory: async () => {
            const analyzer = await loadAnalyzer({ kind: env.ANALYZER_KIND, path: env.ANALYZER_PATH });
            // Scoring silently on lexicons alone would publish worse results under the same version.
            if (analyzer instanceof DefaultAnalyzer && analyzer.missingModels.length > 0) {
              throw new Error(`sentiment: analyzer model files missing: ${analyzer.missingModels.join(', ')}`);
            }
            return analyzer;
          },
        },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorsMiddleware).forRoutes({ path: 'v1/corrections', method: RequestMethod.ALL }, { path: 'v1/corrections/*path', method: RequestMethod.ALL });
  }
}
