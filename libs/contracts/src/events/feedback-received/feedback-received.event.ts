import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Customer, Touchpoint } from '../common/customer';
import { FlatAttributes, IsFlatAttributes } from '../common/flat-attributes';
import { Scores } from '../common/scores';
import { IsTimestamp } from '../common/timestamp';

export const CHANNELS = ['survey', 'review', 'support_ticket', 'chat', 'social', 'employee'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PII_KINDS = ['email', 'phone', 'payment_card', 'custom'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export const FEEDBACK_RECEIVED_TYPE = 'dev.loops.feedback.received.v1';

/** Identifier shape shared by tenants, integrations and external ids: no whitespace, no control chars. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:@/-]{0,127}$/;

/**
 * The canonical event every listening post is normalised into. Text is already PII-redacted;
 * channel-specific fields that matter downstream are lifted into `scores`, `text`, `title`, `details`.
 */
export class FeedbackReceived {
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

  @IsTimestamp()
  receivedAt!: string;

  /** The customer's own words (for chat: the customer's turns), redacted. May be empty for score-only surveys. */
  @IsString()
  @MaxLength(20000)
  text!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string;

  /** Language hint from the source (BCP 47); the sentiment service detects the language regardless. */
  @IsOptional()
  @IsString()
  @Length(2, 35)
  languageHint?: string;

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

  /** Channel-specific source fields (survey id, site, ticket status, agent, handle...), flat. */
  @IsOptional()
  @IsFlatAttributes()
  details?: FlatAttributes;

  /** Kinds of PII that were replaced by placeholders in `text`, `title`, `product`, `location`, `attributes` or `details`. */
  @IsArray()
  @ArrayMaxSize(PII_KINDS.length)
  @IsIn(PII_KINDS, { each: true })
  redactions!: PiiKind[];
}
