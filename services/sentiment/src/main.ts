import { loadConfig } from '@loops/config';
import { bootstrapService } from '@loops/platform';
import { SentimentEnv } from './sentiment.env';
import { SentimentModule } from './sentiment.module';

async function main(): Promise<void> {
  const env = loadConfig('sentiment', SentimentEnv);
  await bootstrapService(SentimentModule.forRoot(env), env, {
    service: 'sentiment',
    title: 'Loops sentiment service',
    description: 'Language, sentiment, themes and key phrases for every feedback item.',
  });
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
