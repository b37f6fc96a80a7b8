import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@loops/platform';
import { RootCauseEnv } from './root-cause.env';
import { RollupConsumer } from './rollups/rollup.consumer';
import { RollupWriter } from './rollups/rollup.writer';

@Module({})
export class RootCauseModule {
  static forRoot(env: RootCauseEnv): DynamicModule {
    return {
      module: RootCauseModule,
      imports: [PlatformModule.forRoot('root-cause', env)],
      providers: [RollupWriter, RollupConsumer],
    };
  }
}
