import { loadConfig } from '@loops/config';
import { contractOpenApiSchemas } from '@loops/contracts';
import { bootstrapService } from '@loops/platform';
import { IngestionEnv } from './ingestion.env';
import { IngestionModule } from './ingestion.module';

async function main(): Promise<void> {
  const env = loadConfig('ingestion', IngestionEnv);
  await bootstrapService(IngestionModule.forRoot(env), env, {
    perItemBodies: true,
    service: 'ingestion',
    title: 'Loops ingestion API',
    description: 'Submit customer feedback from any listening post. Authenticate with an integration API key.',
    bodyLimit: env.BODY_LIMIT,
    schemas: contractOpenApiSchemas(['FeedbackSubmission', 'OperationalMeasureSubmission']),
  });
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
