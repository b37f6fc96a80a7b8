import { Injectable, OnModuleInit } from '@nestjs/common';
import { OperationalMeasure, Topics } from '@loops/contracts';
import { ConsumedEvent } from '@loops/kafka';
import { ConsumerHost } from '@loops/platform';
import { OperationalMeasuresDataAccess } from './operational-measures.data-access';

/** operational.measures.v1 → `operational_measures`, one upsert per batch (idempotent: the row is keyed by its bucket). */
@Injectable()
export class OperationalMeasureConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly measures: OperationalMeasuresDataAccess,
  ) {}

  onModuleInit(): void {
    this.host.register({ topic: Topics.operationalMeasures, contract: OperationalMeasure, handler: (e) => this.handle(e) });
  }

  async handle(events: ConsumedEvent<OperationalMeasure>[]): Promise<void> {
    await this.measures.upsert(events.map((e) => e.data));
  }
}
