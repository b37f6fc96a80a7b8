import { Column, Entity, PrimaryColumn } from 'typeorm';

// Read models of the reporting store. The schema itself is owned by the migrations; these entities
// map it for typed reads (reporting API, tests). Hot-path writes use multi-row SQL (see bulk-insert.ts).

@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn({ name: 'key_id', type: 'uuid' }) keyId!: string;
  @Column({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @Column({ name: 'integration_id', type: 'text' }) integrationId!: string;
  @Column({ name: 'key_prefix', type: 'text' }) keyPrefix!: string;
  @Column({ name: 'key_hash', type: 'text' }) keyHash!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'text', array: true }) scopes!: string[];
  @Column({ name: 'items_per_second', type: 'integer', nullable: true }) itemsPerSecond!: number | null;
  @Column({ name: 'rotated_from', type: 'uuid', nullable: true }) rotatedFrom!: string | null;
}

@Entity({ name: 'feedback' })
export class FeedbackEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @Column({ name: 'integration_id', type: 'text' }) integrationId!: string;
  @Column({ name: 'external_id', type: 'text' }) externalId!: string;
  @Column({ type: 'text' }) channel!: string;
  @Column({ name: 'customer_id', type: 'text', nullable: true }) customerId!: string | null;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'jsonb' }) event!: Record<string, unknown>;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
}

@Entity({ name: 'analyses' })
export class AnalysisEntity {
  @PrimaryColumn({ name: 'feedback_event_id', type: 'uuid' }) feedbackEventId!: string;
  @PrimaryColumn({ name: 'analyzer_name', type: 'text' }) analyzerName!: string;
  @PrimaryColumn({ name: 'analyzer_version', type: 'text' }) analyzerVersion!: string;
  @Column({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @Column({ type: 'text' }) language!: string;
  @Column({ name: 'sentiment_label', type: 'text' }) sentimentLabel!: string;
  @Column({ name: 'sentiment_score', type: 'double precision' }) sentimentScore!: number;
  @Column({ name: 'sentiment_confidence', type: 'double precision' }) sentimentConfidence!: number;
  @Column({ type: 'jsonb' }) themes!: unknown[];
  @Column({ name: 'key_phrases', type: 'jsonb' }) keyPhrases!: string[];
  @Column({ name: 'analyzed_at', type: 'timestamptz' }) analyzedAt!: Date;
  /** The feedback's occurred_at: the partition key (migration 1732720000000). */
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
}

@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @Column({ name: 'customer_key', type: 'text' }) customerKey!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'text' }) priority!: string;
  @Column({ name: 'owner_team', type: 'text' }) ownerTeam!: string;
  @Column({ type: 'text' }) receiver!: string;
  @Column({ type: 'text', nullable: true }) assignee!: string | null;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt!: Date | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'escalation_level', type: 'integer' }) escalationLevel!: number;
  @Column({ name: 'root_cause_code', type: 'text', nullable: true }) rootCauseCode!: string | null;
  @Column({ name: 'resolution_note', type: 'text', nullable: true }) resolutionNote!: string | null;
  @Column({ name: 'last_alert_at', type: 'timestamptz' }) lastAlertAt!: Date;
}

@Entity({ name: 'alerts' })
export class AlertEntity {
  @PrimaryColumn({ name: 'alert_id', type: 'uuid' }) alertId!: string;
  @Column({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ type: 'text' }) receiver!: string;
  @Column({ name: 'feedback_event_id', type: 'uuid' }) feedbackEventId!: string;
  @Column({ name: 'rule_path', type: 'text', array: true }) rulePath!: string[];
  @Column({ type: 'text' }) severity!: string;
  @Column({ type: 'jsonb' }) alert!: Record<string, unknown>;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
}

@Entity({ name: 'rollups' })
export class RollupEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @PrimaryColumn({ name: 'bucket_size', type: 'text' }) bucketSize!: string;
  @PrimaryColumn({ name: 'bucket_start', type: 'timestamptz' }) bucketStart!: Date;
  @PrimaryColumn({ type: 'text' }) touchpoint!: string;
  @PrimaryColumn({ type: 'text' }) channel!: string;
  @PrimaryColumn({ type: 'text' }) segment!: string;
  @PrimaryColumn({ type: 'text' }) theme!: string;
  @Column({ type: 'integer' }) count!: number;
  @Column({ name: 'nps_count', type: 'integer' }) npsCount!: number;
  @Column({ type: 'integer' }) promoters!: number;
  @Column({ type: 'integer' }) passives!: number;
  @Column({ type: 'integer' }) detractors!: number;
  @Column({ name: 'csat_count', type: 'integer' }) csatCount!: number;
  @Column({ name: 'csat_sum', type: 'double precision' }) csatSum!: number;
  @Column({ name: 'csat_top2', type: 'integer' }) csatTop2!: number;
  @Column({ name: 'ces_count', type: 'integer' }) cesCount!: number;
  @Column({ name: 'ces_sum', type: 'double precision' }) cesSum!: number;
  @Column({ name: 'sentiment_count', type: 'integer' }) sentimentCount!: number;
  @Column({ name: 'sentiment_sum', type: 'double precision' }) sentimentSum!: number;
  @Column({ name: 'negative_count', type: 'integer' }) negativeCount!: number;
}

@Entity({ name: 'insights' })
export class InsightEntity {
  @PrimaryColumn({ name: 'insight_id', type: 'uuid' }) insightId!: string;
  @Column({ name: 'tenant_id', type: 'text' }) tenantId!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text', nullable: true }) touchpoint!: string | null;
  @Column({ type: 'text', nullable: true }) theme!: string | null;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'jsonb' }) evidence!: Record<string, unknown>;
  @Column({ type: 'timestamptz' }) at!: Date;
}

export const REPORTING_ENTITIES = [
  TenantEntity,
  ApiKeyEntity,
  FeedbackEntity,
  AnalysisEntity,
  CaseEntity,
  AlertEntity,
  RollupEntity,
  InsightEntity,
];
