import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Customer, Touchpoint } from '../common/customer';
import { FlatAttributes, IsFlatAttributes } from '../common/flat-attributes';
import { Scores } from '../common/scores';
import { IsTimestamp } from '../common/timestamp';
import { Channel, CHANNELS, ID_PATTERN } from '../feedback-received/feedback-received.event';
import { Analysis } from './feedback-analyzed.event';

export const FEEDBACK_ANALYZED_V2_TYPE = 'dev.loops.feedback.analyzed.v2';

/**
 * The part of the received feedback its consumers read: routing (matchers on scores, channel, touchpoint,
 * product, location, customer and attributes; the redacted text and title for alerts), root cause (facts,
 * complaint texts) and integrators (`integrationId` + `externalId` tie an analysis back to the source
 * record). Left out, because nobody downstream reads them: `receivedAt`, `languageHint` (sentiment has used
 * it), `details` and `redactions` (all stay in ingestion's `feedback` table and on feedback.received.v1).
 * Every field kept has exactly its `FeedbackReceived` rules, so a v1 message's feedback is also a valid one.
 */
export class AnalyzedFeedback {
  @IsUUID()
  eventId!: string;

  @Matches(ID_PATTERN)
  tenantId!: string;

  @Matches(ID_PATTERN)
  integrationId!: string;

  @Matches(ID_PATTERN)
  externalId!: string;

  @IsIn(CHANNELS)
  channel!: Channel;

  @IsTimestamp()
  occurredAt!: string;

  /** The customer's own words, redacted. May be empty for score-only surveys. */
  @IsString()
  @MaxLength(20000)
  text!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string;

  @IsObject()
  @ValidateNested()
  @Type(() => Scores)
  scores!: Scores;

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
}

/**
 * Version 2 of the analyzed event on `feedback.analyzed.v2`: the analysis and only the feedback fields its
 * consumers read (fewer bytes to send, parse and validate on each of its two hops). A v1 `FeedbackAnalyzed`
 * has every field of this type, so code written against v2 reads both while v1 drains.
 */
export class FeedbackAnalyzedV2 {
  @IsObject()
  @ValidateNested()
  @Type(() => AnalyzedFeedback)
  feedback!: AnalyzedFeedback;

  @IsObject()
  @ValidateNested()
  @Type(() => Analysis)
  analysis!: Analysis;
}

/** What sentiment publishes for one item: exactly the v2 fields, copied so nothing else travels. */
export function toAnalyzedV2(feedback: AnalyzedFeedback & object, analysis: Analysis): FeedbackAnalyzedV2 {
  const lean: AnalyzedFeedback = {
    eventId: feedback.eventId,
    tenantId: feedback.tenantId,
    integrationId: feedback.integrationId,
    externalId: feedback.externalId,
    channel: feedback.channel,
    occurredAt: feedback.occurredAt,
    text: feedback.text,
    scores: feedback.scores,
  };
  if (feedback.title != null) lean.title = feedback.title;
  if (feedback.customer != null) lean.customer = feedback.customer;
  if (feedback.touchpoint != null) lean.touchpoint = feedback.touchpoint;
  if (feedback.product != null) lean.product = feedback.product;
  if (feedback.location != null) lean.location = feedback.location;
  if (feedback.attributes != null) lean.attributes = feedback.attributes;
  return { feedback: lean, analysis };
}
