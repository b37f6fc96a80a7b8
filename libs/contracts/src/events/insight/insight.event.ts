import { IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsTimestamp } from '../common/timestamp';
import { ID_PATTERN } from '../feedback-received/feedback-received.event';

export const INSIGHT_TYPE = 'dev.loops.insight.v1';
export const INSIGHT_KINDS = ['rollup_updated', 'emerging_issue_opened', 'emerging_issue_resolved'] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];

/** What the outer loop learned: an emerging issue opening or resolving, or a rollup change. */
export class Insight {
  @IsUUID()
  insightId!: string;

  @Matches(ID_PATTERN)
  tenantId!: string;

  @IsIn(INSIGHT_KINDS)
  kind!: InsightKind;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  touchpoint?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  theme?: string;

  @IsString()
  @MaxLength(1000)
  summary!: string;

  /** Figures that justify the insight (counts, baseline, test statistic). */
  @IsObject()
  evidence!: Record<string, unknown>;

  @IsTimestamp()
  at!: string;
}
