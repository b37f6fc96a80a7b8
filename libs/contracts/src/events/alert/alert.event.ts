import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { Priority, PRIORITIES } from '../case-event/case-event.event';
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

  // What a person needs to act without calling the case API. Optional on v1: added after the topic was
  // published, so existing producers' messages stay valid; every alert routing writes now carries them.

  /** The customer's own words as ingestion redacted them (PII replaced by placeholders). */
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  text?: string;

  /** The customer's annual value as the integration reported it. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  customerValue?: number;

  /** The case's priority (severity raised one step for high-value customers). */
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  /** When the case's SLA lapses (business hours applied). */
  @IsOptional()
  @IsTimestamp()
  slaDueAt?: string;

  /** The case in the dashboard: `<LOOPS_DASHBOARD_URL>/dashboard#/cases/<caseId>`. */
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @Matches(/^https?:\/\/\S+$/)
  caseUrl?: string;
}
