import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { FeedbackAnalyzed, FeedbackAnalyzedV2, Topics } from '@loops/contracts';
import { ConsumedEvent } from '@loops/kafka';
import { ConsumerHost } from '@loops/platform';
import { Clock } from '../clock/clock';
import { AlertTopics } from '../routing-tree/alert-topics';
import { evaluateRoutingTree } from '../routing-tree/evaluate-routing-tree';
import { TreeRegistry } from '../routing-tree/tree-registry';
import { InnerLoopWriter } from './inner-loop.writer';

/** feedback.analyzed.v2 (and v1 while it drains) → each tenant's routing tree → cases, alerts.<receiver>.v1 and cases.v1. */
@Injectable()
export class RoutingConsumer implements OnModuleInit {
  constructor(
    private readonly host: ConsumerHost,
    private readonly writer: InnerLoopWriter,
    private readonly trees: TreeRegistry,
    private readonly topics: AlertTopics,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    // Alert topics exist before the first alert is published: producers never auto-create topics.
    await this.topics.ensureForAllTrees();
    this.host.register({ topic: Topics.feedbackAnalyzedV2, contract: FeedbackAnalyzedV2, handler: (e) => this.handle(e) });
    // v1 events published before the upgrade (or with ANALYZED_V1_ALSO) still route: v1 carries every v2 field.
    this.host.register({ topic: Topics.feedbackAnalyzed, contract: FeedbackAnalyzed, handler: (e) => this.handle(e) });
  }

  async handle(events: ConsumedEvent<FeedbackAnalyzedV2>[]): Promise<void> {
    const trees = await this.trees.treesFor(events.map((e) => e.data.feedback.tenantId));
    const routed = events.map((e) => {
      const { tree } = trees.get(e.data.feedback.tenantId)!;
      return { analyzed: e.data, tree, matches: evaluateRoutingTree(tree, e.data), trace: e.trace?.carrier };
    });
    await this.writer.write(routed.filter((r) => r.matches.length > 0), this.clock.now());
  }
}
