import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { ACTION_STATUSES, ACTION_TARGET_KINDS, ActionStatus, ActionTargetKind } from '@loops/contracts';

export class OpenActionBody {
  @ApiProperty({ enum: ACTION_TARGET_KINDS, description: 'driver (needs theme), emerging_issue (needs issueId), root_cause (needs rootCauseCode)' })
  @IsIn(ACTION_TARGET_KINDS)
  targetKind!: ActionTargetKind;

  @ApiPropertyOptional({ description: 'The theme addressed; taken from the emerging issue when targetKind is emerging_issue' })
  @IsOptional() @IsString() @Length(1, 64) theme?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) touchpoint?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() issueId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) rootCauseCode?: string;

  @ApiProperty({ description: 'What will change' }) @IsString() @Length(1, 2000) change!: string;
  @ApiProperty({ description: 'Who' }) @IsString() @Length(1, 128) owner!: string;
  @ApiProperty({ description: 'By when (ISO 8601)' }) @IsISO8601({ strict: true }) dueAt!: string;

  @ApiPropertyOptional({ description: 'When the change takes effect: the split of the before/after comparison (default: now)' })
  @IsOptional() @IsISO8601({ strict: true }) effectiveAt?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

export class ActionStatusBody {
  @ApiProperty({ enum: ACTION_STATUSES }) @IsIn(ACTION_STATUSES) status!: ActionStatus;

  @ApiPropertyOptional({ description: 'When the change actually took effect (moves the before/after split), typically with done' })
  @IsOptional() @IsISO8601({ strict: true }) effectiveAt?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

export class ImpactQuery {
  @ApiPropertyOptional({ description: 'Days compared on each side of the action\'s effective date', default: 14, maximum: 180 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(180) days = 14;
}

export interface Action {
  actionId: string;
  targetKind: ActionTargetKind;
  theme: string | null;
  touchpoint: string | null;
  issueId: string | null;
  rootCauseCode: string | null;
  change: string;
  owner: string;
  dueAt: Date;
  effectiveAt: Date;
  status: ActionStatus;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}
