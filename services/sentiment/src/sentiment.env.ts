import { IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { PlatformEnv } from '@loops/config';

export class SentimentEnv extends PlatformEnv {
  /** `default` uses the analyzer shipped in the repo; `module` loads another from ANALYZER_PATH. */
  @IsOptional()
  @IsIn(['default', 'module'])
  ANALYZER_KIND: 'default' | 'module' = 'default';

  /** Path to an analyzer module (e.g. a transformer wrapper) implementing the Analyzer interface. */
  @IsOptional()
  @IsString()
  ANALYZER_PATH?: string;

  /** How long a tenant's theme taxonomy is cached; promoted themes apply to new feedback after at most this. */
  @IsOptional()
  @IsInt()
  @Min(0)
  TAXONOMY_CACHE_MS: number = 30000;
}
