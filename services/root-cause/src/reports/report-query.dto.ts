import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** Filters and paging shared by every report; invalid values get a 400 naming the parameter. */
export class ReportQuery {
  @ApiPropertyOptional({ description: 'Window start (ISO 8601), default 30 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Window end, exclusive (ISO 8601), default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: ['hour', 'day', 'week'] })
  @IsOptional()
  @IsIn(['hour', 'day', 'week'])
  bucket?: 'hour' | 'day' | 'week';

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) touchpoint?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) channel?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) segment?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) theme?: string;

  @ApiPropertyOptional({ enum: ['open', 'acknowledged', 'resolved'] })
  @IsOptional()
  @IsIn(['open', 'acknowledged', 'resolved'])
  status?: string;

  @ApiPropertyOptional({ description: 'Cases only: open cases past their due time' })
  @IsOptional()
  @IsIn(['true', 'false'])
  pastSla?: 'true' | 'false';

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 100;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset = 0;

  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  window(): { from: Date; to: Date } {
    const to = this.to ? new Date(this.to) : new Date();
    const from = this.from ? new Date(this.from) : new Date(to.getTime() - 30 * 86400_000);
    return { from, to };
  }
}
