import { Inject, Injectable } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { alertTopic } from '@loops/contracts';
import { ensureTopics } from '@loops/kafka';
import { KAFKA, PLATFORM_ENV } from '@loops/platform';
import { rowsOf } from '@loops/store';
import { RoutingEnv } from '../routing.env';
import { receiversOf } from './evaluate-routing-tree';
import { parseRoutingTree } from './parse-routing-tree';
import { RoutingTree } from './routing-tree.types';
import { TreeRegistry } from './tree-registry';

/** Creates `alerts.<receiver>.v1` for every receiver a tree names, before any alert is published to it. */
@Injectable()
export class AlertTopics {
  private readonly known = new Set<string>();

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PLATFORM_ENV) private readonly env: RoutingEnv,
    private readonly dataSource: DataSource,
    private readonly trees: TreeRegistry,
  ) {}

  async ensureFor(tree: RoutingTree): Promise<void> {
    const missing = receiversOf(tree).map(alertTopic).filter((t) => !this.known.has(t));
    if (missing.length === 0) return;
    await ensureTopics(this.kafka, missing.map((topic) => ({ topic, numPartitions: this.env.KAFKA_PARTITIONS })));
    missing.forEach((t) => this.known.add(t));
  }

  async ensureForAllTrees(): Promise<void> {
    await this.ensureFor(this.trees.defaultTree);
    const rows = rowsOf<{ yaml: string }>(
      await this.dataSource.query('SELECT DISTINCT ON (tenant_id) yaml FROM routing_trees ORDER BY tenant_id, version DESC'),
    );
    for (const row of rows) await this.ensureFor(parseRoutingTree(row.yaml));
  }
}
