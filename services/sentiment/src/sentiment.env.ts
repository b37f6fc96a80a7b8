import { IsIn, IsOptional, IsString } from 'class-validator';
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
}
