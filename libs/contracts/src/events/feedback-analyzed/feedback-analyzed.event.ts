import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNumber,
  IsObject,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AnalyzerRef, SentimentScore, ThemeMention } from '../common/sentiment';
import { IsTimestamp } from '../common/timestamp';
import { FeedbackReceived } from '../feedback-received/feedback-received.event';

export const FEEDBACK_ANALYZED_TYPE = 'dev.loops.feedback.analyzed.v1';

export class Analysis {
  /** ISO 639-1 code, or `und` when detection is unsure. */
  @IsString()
  @Length(2, 8)
  language!: string;

  @IsNumber()
  @Min(0)
  @Max(1)
  languageConfidence!: number;

  @IsObject()
  @ValidateNested()
  @Type(() => SentimentScore)
  sentiment!: SentimentScore;

  @IsArray()
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ThemeMention)
  themes!: ThemeMention[];

  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  keyPhrases!: string[];

  @IsObject()
  @ValidateNested()
  @Type(() => AnalyzerRef)
  analyzer!: AnalyzerRef;

  @IsTimestamp()
  analyzedAt!: string;
}

/** The feedback as received plus what the analyzer understood of it; routing and root cause need both. */
export class FeedbackAnalyzed {
  @IsObject()
  @ValidateNested()
  @Type(() => FeedbackReceived)
  feedback!: FeedbackReceived;

  @IsObject()
  @ValidateNested()
  @Type(() => Analysis)
  analysis!: Analysis;
}
