import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsTimestamp } from '../common/timestamp';
import { ID_PATTERN } from '../feedback-received/feedback-received.event';

export const ALERT_TYPE = 'dev.loops.alert.v1';
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** An unhappy customer's feedback in front of the touchpoint owner, with the reason it was routed. */
export class Alert {
  /** Deterministic fingerprint of (feedback, receiver, rule path): redeliveries map to the same alert. */
  @IsUUID()
  alertId!: string;

  @IsUUID()
  caseId!: string;

  @Matches(ID_PATTERN)
  tenantId!: string;

  @IsString()
  @Length(1, 63)
  receiver!: string;

  /** Route names from the root of the routing tree to the route that fired. */
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  rulePath!: string[];

  /** The analyzed values the matchers tested, keyed by field path. */
  @IsObject()
  matched!: Record<string, unknown>;

  @IsIn(SEVERITIES)
  severity!: Severity;

  @IsUUID()
  feedbackEventId!: string;

  @IsOptional()
  @IsString()
  customerId?: string;

  @IsString()
  @MaxLength(1000)
  summary!: string;

  @IsTimestamp()
  createdAt!: string;
}
