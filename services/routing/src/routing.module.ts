import { DynamicModule, Module } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { PlatformModule } from '@loops/platform';
import { InnerLoopWriter } from './inner-loop/inner-loop.writer';
import { ROUTING_TREE, RoutingConsumer } from './inner-loop/routing.consumer';
import { RoutingEnv } from './routing.env';
import { parseRoutingTree } from './routing-tree/parse-routing-tree';

@Module({})
export class RoutingModule {
  static forRoot(env: RoutingEnv): DynamicModule {
    // Parsed at boot: an invalid tree stops the service with every problem listed, before it consumes.
    const tree = parseRoutingTree(readFileSync(env.ROUTING_TREE_PATH, 'utf8'));
    return {
      module: RoutingModule,
      imports: [PlatformModule.forRoot('routing', env)],
      providers: [InnerLoopWriter, RoutingConsumer, { provide: ROUTING_TREE, useValue: tree }],
    };
  }
}
