import { IsOptional, IsString } from 'class-validator';
import { PlatformEnv } from '@loops/config';

export class RoutingEnv extends PlatformEnv {
  /** The routing tree applied to every tenant (YAML, version-controlled). */
  @IsOptional()
  @IsString()
  ROUTING_TREE_PATH: string = 'services/routing/config/routing.yaml';
}
