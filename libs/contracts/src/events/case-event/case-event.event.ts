import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { IsTimestamp } from '../common/timestamp';
import { ID_PATTERN } from '../feedback-received/feedback-received.event';

export const CASE_EVENT_TYPE = 'dev.loops.case.v1';
export const CASE_EVENT_KINDS = [
  'opened',
  'feedback_attached',
  'acknowledged',
  'assigned',
  'escalated',
  'resolved',
  'reopened',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];
export const CASE_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const PRIORITIES = ['p1', 'p2', 'p3', 'p4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Every change to a case is one of these on `cases.v1`. */
export class CaseEvent {
  @IsUUID()
  eventId!: string;

  @IsUUID()
  caseId!: string;

  @Matches(ID_PATTERN)
  tenantId!: string;

  @IsIn(CASE_EVENT_KINDS)
  kind!: CaseEventKind;

  @IsIn(CASE_STATUSES)
  status!: CaseStatus;

  @IsIn(PRIORITIES)
  priority!: Priority;

  @IsString()
  ownerTeam!: string;

  @IsOptional()
  @IsString()
  assignee?: string;

  @IsTimestamp()
  dueAt!: string;

  @IsInt()
  @Min(0)
  escalationLevel!: number;

  @IsOptional()
  @IsUUID()
  feedbackEventId?: string;

  /** The touchpoint (journey) of the feedback that opened the case: a touchpoint owner's view filters on it. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  touchpoint?: string;

  /** The customer's business account, when the feedback named one: an account manager's view filters on it. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  accountId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  rootCauseCode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @IsTimestamp()
  at!: string;
}
