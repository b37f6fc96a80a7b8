import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsTimestamp } from '../common/timestamp';
import { ID_PATTERN } from '../feedback-received/feedback-received.event';

export const ACTION_EVENT_TYPE = 'dev.loops.action.v1';
export const ACTION_TARGET_KINDS = ['driver', 'emerging_issue', 'root_cause'] as const;
export type ActionTargetKind = (typeof ACTION_TARGET_KINDS)[number];
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_EVENT_KINDS = ['opened', 'status_changed'] as const;
export type ActionEventKind = (typeof ACTION_EVENT_KINDS)[number];

/**
 * A decision on a root cause: an owner opened an action on a key driver, an emerging issue or a root-cause
 * code (what will change, who, by when), or moved it to another status. Keyed by action id, so one action's
 * events stay in order.
 */
export class ActionEvent {
  @IsUUID()
  eventId!: string;

  @IsUUID()
  actionId!: string;

  @Matches(ID_PATTERN)
  tenantId!: string;

  @IsIn(ACTION_EVENT_KINDS)
  kind!: ActionEventKind;

  @IsIn(ACTION_STATUSES)
  status!: ActionStatus;

  @IsIn(ACTION_TARGET_KINDS)
  targetKind!: ActionTargetKind;

  /** The theme the action addresses (the driver's theme, the emerging issue's theme, or one named for a root cause). */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  theme?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  touchpoint?: string;

  @IsOptional()
  @IsUUID()
  issueId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  rootCauseCode?: string;

  /** What will change. */
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  change!: string;

  /** Who: the owner (a person or team name). */
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  owner!: string;

  /** By when. */
  @IsTimestamp()
  dueAt!: string;

  /** When the change took (or takes) effect: the split of the before/after comparison. */
  @IsTimestamp()
  effectiveAt!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @IsTimestamp()
  at!: string;
}
