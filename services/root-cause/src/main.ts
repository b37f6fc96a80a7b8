import { loadConfig } from '@loops/config';
import { bootstrapService } from '@loops/platform';
import { RootCauseEnv } from './root-cause.env';
import { RootCauseModule } from './root-cause.module';

async function main(): Promise<void> {
  const env = loadConfig('root-cause', RootCauseEnv);
  await bootstrapService(RootCauseModule.forRoot(env), env, {
    service: 'root-cause',
    title: 'Loops root-cause service',
    description: 'The outer loop: rollups per tenant, touchpoint, channel, segment, theme and time bucket.',
  });
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
