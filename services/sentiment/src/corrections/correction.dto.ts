import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type CorrectedSentiment = (typeof SENTIMENT_LABELS)[number];
const THEME_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** An analyst's verdict on one analysed item. Stating the sentiment the analyzer gave confirms it (counts as agreement). */
export class CreateCorrectionBody {
  @ApiProperty({ description: 'The feedback event id (as on feedback.analyzed.v1)', format: 'uuid' })
  @IsUUID()
  feedbackEventId!: string;

  @ApiPropertyOptional({
    enum: SENTIMENT_LABELS,
    description: 'The right sentiment; omit when correcting themes only',
  })
  @IsOptional()
  @IsIn(SENTIMENT_LABELS)
  sentiment?: CorrectedSentiment;

  @ApiPropertyOptional({
    type: [String],
    description: 'Theme ids the analysis missed (a theme of the tenant taxonomy, or a new id)',
    example: ['refunds'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(THEME_ID, { each: true, message: 'each theme id must be 1-64 lowercase letters, digits, _ or -' })
  themesAdded?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Theme ids the analysis found wrongly',
    example: ['billing'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(THEME_ID, { each: true, message: 'each theme id must be 1-64 lowercase letters, digits, _ or -' })
  themesRemoved?: string[];

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiProperty({ description: 'Who corrected it (analyst name or id)', example: 'ana@example.com' })
  @IsString()
  @Length(1, 200)
  correctedBy!: string;
}

export class ListCorrectionsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'only the corrections of this item' })
  @IsOptional()
  @IsUUID()
  feedbackEventId?: string;
}

export class AccuracyQuery {
  @ApiPropertyOptional({ description: 'start of the first week (default: 12 weeks ago)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;
}
