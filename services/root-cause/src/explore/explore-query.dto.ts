import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';

/**
 * Filters of the analyst's reads (`/v1/explore/*`): the dashboard's time range and the five dimensions it
 * filters on. Computed from the facts, so every filter combines with every other. Unknown parameters and bad
 * values are a 400 naming the parameter.
 */
export class ExploreQuery {
  @ApiPropertyOptional({ description: 'Window start (ISO 8601), default 30 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Window end, exclusive (ISO 8601), default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: ['hour', 'day', 'week'], description: 'Trends only: bucket size (UTC; weeks start on Monday)' })
  @IsOptional()
  @IsIn(['hour', 'day', 'week'])
  bucket?: 'hour' | 'day' | 'week';

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) touchpoint?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) channel?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) segment?: string;

  @ApiPropertyOptional({ description: 'Detected language (ISO 639-1, e.g. en); items without words have none and drop out' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}$/, { message: 'language must be a 2-3 letter language code such as en' })
  language?: string;

  @ApiPropertyOptional({ description: 'Verbatims only: items that mention this theme id' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  theme?: string;

  @ApiPropertyOptional({ enum: ['negative', 'neutral', 'positive'], description: 'Verbatims only' })
  @IsOptional()
  @IsIn(['negative', 'neutral', 'positive'])
  sentiment?: 'negative' | 'neutral' | 'positive';

  @ApiPropertyOptional({ description: "Verbatims only: the negative items behind an emerging issue (its touchpoint, theme and time)" })
  @IsOptional()
  @IsUUID()
  issueId?: string;

  @ApiPropertyOptional({ description: 'Verbatims only: one feedback item (e.g. one of a case)' })
  @IsOptional()
  @IsUUID()
  feedbackEventId?: string;

  @ApiPropertyOptional({ enum: ['open', 'resolved'], description: 'Emerging issues only' })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';

  @ApiPropertyOptional({ default: 20, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 20;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;

  window(): { from: Date; to: Date } {
    const to = this.to ? new Date(this.to) : new Date();
    const from = this.from ? new Date(this.from) : new Date(to.getTime() - 30 * 86400_000);
    return { from, to };
  }
}
