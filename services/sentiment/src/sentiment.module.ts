import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@loops/platform';
import { DefaultAnalyzer, loadAnalyzer } from '@loops/text-analytics';
import { AnalysisConsumer, ANALYZER } from './analysis/analysis.consumer';
import { AnalysisWriter } from './analysis/analysis-writer';
import { TAXONOMY_CACHE_MS, TenantTaxonomies } from './analysis/tenant-taxonomies';
import { SentimentEnv } from './sentiment.env';
import { SentimentErasureConsumer } from './privacy/erasure.consumer';

@Module({})
export class SentimentModule {
  static forRoot(env: SentimentEnv): DynamicModule {
    return {
      module: SentimentModule,
      imports: [PlatformModule.forRoot('sentiment', env)],
      providers: [
        AnalysisWriter,
        AnalysisConsumer,
        SentimentErasureConsumer,
        TenantTaxonomies,
        { provide: TAXONOMY_CACHE_MS, useValue: env.TAXONOMY_CACHE_MS },
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
}
