import { IsIn, IsInt, IsOptional, IsString, Matches, Min } from 'class-validator';
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

  /** How long an instance trusts its copy of a tenant's adapter before checking the store for a newer revision. */
  @IsOptional()
  @IsInt()
  @Min(0)
  ADAPTER_CACHE_MS: number = 5000;

  /**
   * `true` also publishes the superseded FeedbackAnalyzed v1 on feedback.analyzed.v1 beside v2, for integrators
   * who still read v1 during their change (docs/upgrading.md); it costs a second event per item.
   */
  @IsOptional()
  @IsIn(['true', 'false'])
  ANALYZED_V1_ALSO: 'true' | 'false' = 'false';

  /** Browser origins allowed to call the corrections API (comma-separated): the CX dashboard served by root-cause. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,/]+(,https?:\/\/[^\s,/]+)*$/, { message: 'CORS_ORIGINS must be a comma-separated list of http(s)://host[:port] origins' })
  CORS_ORIGINS: string = 'http://127.0.0.1:3004,http://localhost:3004';
}
