import { NestFactory } from '@nestjs/core';
import { RollupRecompute } from '../rollups/rollup-recompute';
import { RootCauseCliModule } from './root-cause-cli.module';

const USAGE = 'usage: rollups verify|rebuild --tenant <tenantId>   (environment: DATABASE_URL)';

/** Operator command: compare the incremental rollups with a recomputation from the facts, or rebuild them. */
async function main(args: string[]): Promise<number> {
  const [command] = args;
  const tenant = args[args.indexOf('--tenant') + 1];
  if (!['verify', 'rebuild'].includes(command) || !args.includes('--tenant') || !tenant || !process.env.DATABASE_URL) {
    console.error(USAGE);
    return 2;
  }
  const app = await NestFactory.createApplicationContext(RootCauseCliModule.forRoot(process.env.DATABASE_URL), { logger: false });
  try {
    const recompute = app.get(RollupRecompute);
    if (command === 'rebuild') {
      console.log(`rebuilt rollups of ${tenant} from ${await recompute.rebuild(tenant)} facts`);
      return 0;
    }
    const differences = await recompute.verify(tenant);
    console.log(JSON.stringify({ tenant, differences: differences.length, sample: differences.slice(0, 10) }, null, 2));
    return differences.length === 0 ? 0 : 1;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
