import { DynamicModule, Module } from '@nestjs/common';
import { BufferedPublisher, EventProducer } from '@loops/kafka';
import { PLATFORM_ENV, PlatformModule } from '@loops/platform';
import { ApiKeyRepository, TenantGuard } from '@loops/auth';
import { ItemRateLimitGuard } from './auth/item-rate-limit.guard';
import { SharedRateLimiter } from './auth/shared-rate-limiter';
import { FeedbackController } from './feedback/feedback.controller';
import { FeedbackIntakeService } from './feedback/feedback-intake.service';
import { FeedbackOutbox } from './feedback/feedback-outbox';
import { IngestionEnv } from './ingestion.env';
import { RawFeedbackConsumer } from './kafka-intake/raw-feedback.consumer';
import { MeasurePublisher } from './operational/measure-publisher';
import { OperationalController } from './operational/operational.controller';
import { RawMeasureConsumer } from './operational/raw-measure.consumer';
import { ErasureController } from './privacy/erasure.controller';
import { ErasureService } from './privacy/erasure.service';
import { pseudonymizerOf } from './privacy/pseudonym-key';
import { CustomerPseudonymizer } from './privacy/customer-pseudonymizer';
import { PiiRedactor } from './redaction/pii-redactor';
import { OccurredAtWindow } from './feedback/occurred-at-window';
import { parseRedactionPatterns } from './redaction/redaction-patterns';

@Module({})
export class IngestionModule {
  static forRoot(env: IngestionEnv): DynamicModule {
    return {
      module: IngestionModule,
      imports: [PlatformModule.forRoot('ingestion', env)],
      controllers: [FeedbackController, ErasureController, OperationalController],
      providers: [
        ApiKeyRepository,
        TenantGuard,
        SharedRateLimiter,
        ItemRateLimitGuard,
        FeedbackOutbox,
        FeedbackIntakeService,
        RawFeedbackConsumer,
        MeasurePublisher,
        RawMeasureConsumer,
        ErasureService,
        { provide: CustomerPseudonymizer, useValue: pseudonymizerOf(env) },
        { provide: PiiRedactor, useValue: new PiiRedactor(parseRedactionPatterns(env.REDACTION_PATTERNS)) },
        { provide: OccurredAtWindow, useValue: OccurredAtWindow.fromEnv(env) },
        {
          provide: BufferedPublisher,
          inject: [EventProducer, PLATFORM_ENV],
          useFactory: (producer: EventProducer, e: IngestionEnv) =>
            new BufferedPublisher(producer, { maxRecords: 2000, lingerMs: e.PUBLISH_LINGER_MS }),
        },
      ],
    };
  }
}
