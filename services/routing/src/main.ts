import { loadConfig } from '@loops/config';
import { bootstrapService } from '@loops/platform';
import { RoutingEnv } from './routing.env';
import { RoutingModule } from './routing.module';

async function main(): Promise<void> {
  const env = loadConfig('routing', RoutingEnv);
  await bootstrapService(RoutingModule.forRoot(env), env, {
    service: 'routing',
    title: 'Loops routing service',
    description: 'The inner loop: routing tree, alerts, cases with SLAs.',
  });
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
