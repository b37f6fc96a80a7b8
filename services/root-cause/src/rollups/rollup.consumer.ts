import { Injectable, OnModuleInit } from '@nestjs/common';
import { FeedbackAnalyzed, Topics } from '@loops/contracts';
import { ConsumedEvent } from '@loops/kafka';
import { ConsumerHost } from '@loops/platform';
import { RollupWriter } from './rollup.writer';

/** feedback.analyzed.v1 → incremental, idempotent rollups. */
@Injectable()
export class RollupConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly writer: RollupWriter,
  ) {}

  onModuleInit(): void {
    this.host.register({ topic: Topics.feedbackAnalyzed, contract: FeedbackAnalyzed, handler: (e) => this.handle(e) });
  }

  async handle(events: ConsumedEvent<FeedbackAnalyzed>[]): Promise<void> {
    await this.writer.add(events.map((e) => e.data));
  }
}
