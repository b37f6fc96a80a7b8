import { IsIn, IsNumber, IsObject, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export class SentimentScore {
  @IsIn(SENTIMENT_LABELS)
  label!: SentimentLabel;

  @IsNumber()
  @Min(-1)
  @Max(1)
  score!: number;

  @IsNumber()
  @Min(0)
  @Max(1)
  confidence!: number;
}

export class ThemeSentiment {
  @IsIn(SENTIMENT_LABELS)
  label!: SentimentLabel;

  @IsNumber()
  @Min(-1)
  @Max(1)
  score!: number;
}

export class ThemeMention {
  @IsString()
  @Length(1, 64)
  id!: string;

  @IsString()
  @Length(1, 128)
  label!: string;

  @IsObject()
  @ValidateNested()
  @Type(() => ThemeSentiment)
  sentiment!: ThemeSentiment;
}

export class AnalyzerRef {
  @IsString()
  @Length(1, 64)
  name!: string;

  @IsString()
  @Length(1, 32)
  version!: string;
}
