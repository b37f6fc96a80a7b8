import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Customer, Touchpoint } from '../common/customer';
import { FlatAttributes, IsFlatAttributes } from '../common/flat-attributes';
import { Scores } from '../common/scores';
import { Channel, CHANNELS, ID_PATTERN } from '../feedback-received/feedback-received.event';

export const FEEDBACK_SUBMISSION_TYPE = 'dev.loops.feedback.raw.v1';

/**
 * What an integration sends: over HTTP (`POST /v1/feedback`) or as the body of a `feedback.raw.v1`
 * message. The tenant is never part of it: HTTP takes it from the API key, Kafka from the `ce_source`
 * registered for the integration.
 */
export class FeedbackSubmission {
  @Matches(ID_PATTERN, { message: 'externalId must be 1-128 characters of letters, digits and _.:@/-' })
  externalId!: string;

  @IsIn(CHANNELS)
  channel!: Channel;

  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO 8601 timestamp' })
  occurredAt!: string;

  @IsOptional()
  @IsString()
  @MaxLength(20000)
  text?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string;

  @IsOptional()
  @IsString()
  @Length(2, 35)
  languageHint?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => Scores)
  scores?: Scores;

  @IsOptional()
  @ValidateNested()
  @Type(() => Customer)
  customer?: Customer;

  @IsOptional()
  @ValidateNested()
  @Type(() => Touchpoint)
  touchpoint?: Touchpoint;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  product?: string;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  location?: string;

  @IsOptional()
  @IsFlatAttributes()
  attributes?: FlatAttributes;

  @IsOptional()
  @IsFlatAttributes()
  details?: FlatAttributes;
}
