import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { MEASURE_NAME_PATTERN } from '@loops/contracts';

export const GOAL_METRICS = ['nps', 'csat', 'ces', 'sentiment', 'negative_share', 'measure'] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];
export const GOAL_DIRECTIONS = ['at_least', 'at_most'] as const;
export type GoalDirection = (typeof GOAL_DIRECTIONS)[number];

/** What "better" means when the caller does not say: more is better except for complaints and operational costs. */
export const DEFAULT_DIRECTION: Record<GoalMetric, GoalDirection> = {
  nps: 'at_least',
  csat: 'at_least',
  ces: 'at_least',
  sentiment: 'at_least',
  negative_share: 'at_most',
  measure: 'at_most',
};

export class CreateGoalBody {
  @ApiProperty() @IsString() @Length(1, 200) name!: string;

  @ApiProperty({
    enum: GOAL_METRICS,
    description: 'nps (points), csat (top-2-box share 0..1), ces (mean), sentiment (mean −1..1), negative_share (0..1), measure (an operational measure)',
  })
  @IsIn(GOAL_METRICS)
  metric!: GoalMetric;

  @ApiPropertyOptional({ description: 'The operational measure, when metric is measure' })
  @IsOptional()
  @Matches(MEASURE_NAME_PATTERN)
  measure?: string;

  @ApiPropertyOptional({ enum: GOAL_DIRECTIONS }) @IsOptional() @IsIn(GOAL_DIRECTIONS) direction?: GoalDirection;

  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-1e12) @Max(1e12) target!: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) touchpoint?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) channel?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) segment?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) theme?: string;

  @ApiProperty({ description: 'ISO 8601' }) @IsISO8601({ strict: true }) periodStart!: string;
  @ApiProperty({ description: 'ISO 8601, exclusive' }) @IsISO8601({ strict: true }) periodEnd!: string;

  @ApiProperty({ description: 'Who owns the goal (a person or team)' }) @IsString() @Length(1, 128) owner!: string;
}

export interface Goal {
  goalId: string;
  name: string;
  metric: GoalMetric;
  measure: string | null;
  direction: GoalDirection;
  target: number;
  touchpoint: string | null;
  channel: string | null;
  segment: string | null;
  theme: string | null;
  periodStart: Date;
  periodEnd: Date;
  owner: string;
  createdBy: string;
  createdAt: Date;
}
