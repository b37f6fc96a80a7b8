import { Injectable } from '@nestjs/common';
import { newCloudEvent, OPERATIONAL_MEASURE_TYPE, OperationalMeasure, toKafkaRecord, Topics } from '@loops/contracts';
import { BufferedPublisher } from '@loops/kafka';

/**
 * Publishes validated measures to `operational.measures.v1`, acknowledged by all in-sync replicas before the
 * caller answers. No outbox: a measure holds no customer data to keep, its id is derived from its bucket
 * (a resend replaces), so an integration that gets an error simply sends again.
 */
@Injectable()
export class MeasurePublisher {
  constructor(private readonly publisher: BufferedPublisher) {}

  async publish(events: OperationalMeasure[]): Promise<void> {
    if (events.length === 0) return;
    await this.publisher.publish(
      Topics.operationalMeasures,
      events.map((e) =>
        toKafkaRecord(
          newCloudEvent({ type: OPERATIONAL_MEASURE_TYPE, source: 'loops/ingestion', id: `${e.measureId}@${e.receivedAt}`, subject: e.measure, data: e }),
          e.tenantId,
        ),
      ),
    );
  }
}
