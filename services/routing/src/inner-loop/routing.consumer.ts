import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { alertTopic, FeedbackAnalyzed, Topics } from '@loops/contracts';
import { ConsumedEvent, ensureTopics } from '@loops/kafka';
import { ConsumerHost, KAFKA, PLATFORM_ENV } from '@loops/platform';
import { RoutingEnv } from '../routing.env';
import { evaluateRoutingTree, receiversOf } from '../routing-tree/evaluate-routing-tree';
import { RoutingTree } from '../routing-tree/routing-tree.types';
import { InnerLoopWriter } from './inner-loop.writer';

export const ROUTING_TREE = Symbol('ROUTING_TREE');

/** feedback.analyzed.v1 → routing tree → cases, alerts.<receiver>.v1 and cases.v1. */
@Injectable()
export class RoutingConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly writer: InnerLoopWriter,
    @Inject(ROUTING_TREE) private readonly tree: RoutingTree,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PLATFORM_ENV) private readonly env: RoutingEnv,
  ) {}

  async onModuleInit(): Promise<void> {
    // Alert topics exist before the first alert is published: producers never auto-create topics.
    await ensureTopics(
      this.kafka,
      receiversOf(this.tree).map((r) => ({ topic: alertTopic(r), numPartitions: this.env.KAFKA_PARTITIONS })),
    );
    this.host.register({ topic: Topics.feedbackAnalyzed, contract: FeedbackAnalyzed, handler: (e) => this.handle(e) });
  }

  async handle(events: ConsumedEvent<FeedbackAnalyzed>[]): Promise<void> {
    const routed = events.map((e) => ({ analyzed: e.data, matches: evaluateRoutingTree(this.tree, e.data) }));
    await this.writer.write(routed.filter((r) => r.matches.length > 0), this.tree);
  }
}
