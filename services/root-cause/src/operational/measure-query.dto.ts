import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { MEASURE_NAME_PATTERN } from '@loops/contracts';

/** Filters of the operational reports; an unknown or invalid parameter is a 400 naming it. */
export class MeasureQuery {
  @ApiPropertyOptional({ description: 'Window start (ISO 8601), default 30 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Window end, exclusive (ISO 8601), default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'One measure, e.g. phone_wait_seconds' })
  @IsOptional()
  @Matches(MEASURE_NAME_PATTERN)
  measure?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) touchpoint?: string;

  @ApiPropertyOptional({ enum: ['hour', 'day'], description: 'Bucket size of the measures used' })
  @IsOptional()
  @IsIn(['hour', 'day'])
  bucket?: 'hour' | 'day';

  @ApiPropertyOptional({ description: 'Express the effect per this many units of the measure (60 with seconds = per minute)', default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1e-9)
  @Max(1e9)
  per = 1;

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
