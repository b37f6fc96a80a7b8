import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@loops/platform';
import { loadAnalyzer } from '@loops/text-analytics';
import { AnalysisConsumer, ANALYZER } from './analysis/analysis.consumer';
import { AnalysisWriter } from './analysis/analysis-writer';
import { SentimentEnv } from './sentiment.env';

@Module({})
export class SentimentModule {
  static forRoot(env: SentimentEnv): DynamicModule {
    return {
      module: SentimentModule,
      imports: [PlatformModule.forRoot('sentiment', env)],
      providers: [
        AnalysisWriter,
        AnalysisConsumer,
        {
          provide: ANALYZER,
          useFactory: () => loadAnalyzer({ kind: env.ANALYZER_KIND, path: env.ANALYZER_PATH }),
        },
      ],
    };
  }
}
