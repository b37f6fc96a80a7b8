import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsObject,
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
import {
  ChatTranscript,
  EmployeeFeedback,
  ReviewPost,
  SocialPost,
  SupportTicket,
  SurveyAnswer,
} from './channel-payloads';
import { OnlyForChannel } from './only-for-channel';
import { ZONED_TIMESTAMP } from './zoned-timestamp';

export const FEEDBACK_SUBMISSION_TYPE = 'dev.loops.feedback.raw.v1';

/**
 * What an integration sends: over HTTP (`POST /v1/feedback`) or as the body of a `feedback.raw.v1`
 * message. The tenant is never part of it: HTTP takes it from the API key, Kafka from the `ce_source`
 * registered for the integration.
 *
 * Each channel has its own payload object (`survey`, `review`, `supportTicket`, `chat`, `social`,
 * `employee`), allowed only with its channel. The generic `text`, `title`, `scores` and `details` stay
 * accepted for integrations written before the channel payloads; when both are sent, the channel
 * payload's values win and the generic ones fill the gaps.
 *
 * Every nested object is also `@IsObject()`: `@ValidateNested()` alone accepts an array of such objects,
 * validating each element, and the item would be accepted with its data silently ignored.
 */
export class FeedbackSubmission {
  @Matches(ID_PATTERN, { message: 'externalId must be 1-128 characters of letters, digits and _.:@/-' })
  externalId!: string;

  @IsIn(CHANNELS)
  channel!: Channel;

  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO 8601 timestamp' })
  @Matches(ZONED_TIMESTAMP, { message: 'occurredAt must carry a time zone (Z or +hh:mm), e.g. 2026-11-20T08:30:00Z' })
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
  @IsObject()
  @ValidateNested()
  @Type(() => Scores)
  scores?: Scores;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => Customer)
  customer?: Customer;

  @IsOptional()
  @IsObject()
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

  @IsOptional()
  @OnlyForChannel('survey')
  @IsObject()
  @ValidateNested()
  @Type(() => SurveyAnswer)
  survey?: SurveyAnswer;

  @IsOptional()
  @OnlyForChannel('review')
  @IsObject()
  @ValidateNested()
  @Type(() => ReviewPost)
  review?: ReviewPost;

  @IsOptional()
  @OnlyForChannel('support_ticket')
  @IsObject()
  @ValidateNested()
  @Type(() => SupportTicket)
  supportTicket?: SupportTicket;

  @IsOptional()
  @OnlyForChannel('chat')
  @IsObject()
  @ValidateNested()
  @Type(() => ChatTranscript)
  chat?: ChatTranscript;

  @IsOptional()
  @OnlyForChannel('social')
  @IsObject()
  @ValidateNested()
  @Type(() => SocialPost)
  social?: SocialPost;

  @IsOptional()
  @OnlyForChannel('employee')
  @IsObject()
  @ValidateNested()
  @Type(() => EmployeeFeedback)
  employee?: EmployeeFeedback;
}
