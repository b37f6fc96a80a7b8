import { IsOptional, Matches } from 'class-validator';
import { PlatformEnv } from '@loops/config';

export class RootCauseEnv extends PlatformEnv {
  /** Where the analyst's browser reaches the sentiment service (the dashboard's "Correct an analysis" calls it). */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+$/, { message: 'SENTIMENT_PUBLIC_URL must be an http(s)://host[:port] origin without a path' })
  SENTIMENT_PUBLIC_URL: string = 'http://127.0.0.1:3002';
}
