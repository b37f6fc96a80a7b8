import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ACTION_EVENT_TYPE, newCloudEvent, toKafkaRecord, Topics } from '@loops/contracts';
import { EventProducer } from '@loops/kafka';
import { outboxSampler, PipelineMetrics } from '@loops/observability';
import { PeriodicTask, PeriodicTasks } from '@loops/platform';
import { ActionsDataAccess } from './actions.data-access';

/**
 * Action events are stored with the change that made them and published to `actions.v1` afterwards; a relay
 * pass every few seconds publishes whatever a crash left behind. The relay and the inline publish share one
 * periodic task, so they never send the same rows at once. Keyed by action id: one action's events in order.
 */
@Injectable()
export class ActionOutbox {
  private readonly relay: PeriodicTask<number>;

  constructor(
    private readonly actions: ActionsDataAccess,
    private readonly producer: EventProducer,
    tasks: PeriodicTasks,
    metrics: PipelineMetrics,
    dataSource: DataSource,
  ) {
    this.relay = tasks.schedule({ name: 'action outbox relay', everyMs: 5000, run: () => this.publishOnce() });
    // loops_outbox_depth{outbox="action_events"} and its oldest age, read once per scrape like the other outboxes.
    metrics.samplers.add(
      'action-outbox',
      outboxSampler((sql, params) => dataSource.query(sql, params), [{ outbox: 'action_events', table: 'action_events', since: 'at' }], {
        depth: metrics.outboxDepth,
        oldestAge: metrics.outboxOldestAge,
      }),
    );
  }

  publishPending(): Promise<number> {
    return this.relay.runNow();
  }

  private async publishOnce(): Promise<number> {
    const events = await this.actions.unpublished(500);
    if (events.length === 0) return 0;
    await this.producer.publish([
      {
        topic: Topics.actions,
        records: events.map((e) =>
          toKafkaRecord(newCloudEvent({ type: ACTION_EVENT_TYPE, source: 'loops/root-cause', id: e.eventId, subject: e.kind, time: e.at, data: e }), e.actionId),
        ),
      },
    ]);
    await this.actions.markPublished(events.map((e) => e.eventId));
    return events.length;
  }
}
