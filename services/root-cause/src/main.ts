import { loadConfig } from '@loops/config';
import { bootstrapService } from '@loops/platform';
import { RootCauseEnv } from './root-cause.env';
import { RootCauseModule } from './root-cause.module';

async function main(): Promise<void> {
  const env = loadConfig('root-cause', RootCauseEnv);
  await bootstrapService(RootCauseModule.forRoot(env), env, {
    service: 'root-cause',
    title: 'Loops root-cause and reporting API',
    description: 'The outer loop and the reporting API: NPS trends, key drivers, revenue at risk, emerging issues, candidate themes, cases. Dashboard at /dashboard.',
  });
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
