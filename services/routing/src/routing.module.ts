import { DynamicModule, Module } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { ApiKeyRepository, TenantGuard } from '@loops/auth';
import { PlatformModule } from '@loops/platform';
import { CaseService } from './cases/case.service';
import { CasesController } from './cases/cases.controller';
import { Clock, SystemClock } from './clock/clock';
import { EscalationAdminController } from './escalation/escalation.controller';
import { EscalationService } from './escalation/escalation.service';
import { ExplainController } from './explain/explain.controller';
import { ExplainService } from './explain/explain.service';
import { NotificationsAdminController } from './grouping/notifications-admin.controller';
import { IncidentConsumer } from './incidents/incident.consumer';
import { RoutingErasureConsumer } from './privacy/erasure.consumer';
import { InnerLoopWriter } from './inner-loop/inner-loop.writer';
import { RoutingConsumer } from './inner-loop/routing.consumer';
import { OutboxPublisher } from './outbox/outbox.publisher';
import { NotificationDispatcher } from './receivers/notification.dispatcher';
import { CasesPastSlaSampler } from './sla/cases-past-sla.sampler';
import { RoutingEnv } from './routing.env';
import { AlertTopics } from './routing-tree/alert-topics';
import { parseRoutingTree } from './routing-tree/parse-routing-tree';
import { RoutingTreeController } from './routing-tree/routing-tree.controller';
import { DEFAULT_ROUTING_TREE, TREE_CACHE_MS, TreeRegistry } from './routing-tree/tree-registry';
import { SilenceService } from './silences/silence.service';
import { SilencesController } from './silences/silences.controller';
import { WebhookDispatcher } from './webhooks/webhook.dispatcher';

@Module({})
export class RoutingModule {
  static forRoot(env: RoutingEnv): DynamicModule {
    // Parsed at boot: an invalid default tree stops the service with every problem listed, before it consumes.
    const yaml = readFileSync(env.ROUTING_TREE_PATH, 'utf8');
    const tree = parseRoutingTree(yaml);
    return {
      module: RoutingModule,
      imports: [PlatformModule.forRoot('routing', env)],
      controllers: [CasesController, RoutingTreeController, SilencesController, ExplainController, EscalationAdminController, NotificationsAdminController],
      providers: [
        { provide: Clock, useClass: SystemClock },
        { provide: DEFAULT_ROUTING_TREE, useValue: { tree, yaml } },
        { provide: TREE_CACHE_MS, useValue: env.ROUTING_TREE_CACHE_MS },
        ApiKeyRepository,
        TenantGuard,
        TreeRegistry,
        AlertTopics,
        OutboxPublisher,
        CasesPastSlaSampler,
        InnerLoopWriter,
        RoutingConsumer,
        IncidentConsumer,
        RoutingErasureConsumer,
        CaseService,
        EscalationService,
        SilenceService,
        ExplainService,
        WebhookDispatcher,
        NotificationDispatcher,
      ],
    };
  }
}
