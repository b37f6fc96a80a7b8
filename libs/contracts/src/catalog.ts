import { ClassConstructor } from 'class-transformer';
import { Alert, ALERT_TYPE } from './events/alert/alert.event';
import { CASE_EVENT_TYPE, CaseEvent } from './events/case-event/case-event.event';
import { DLQ_RECORD_TYPE, DlqRecord } from './events/dlq-record/dlq-record.event';
import { FEEDBACK_ANALYZED_TYPE, FeedbackAnalyzed } from './events/feedback-analyzed/feedback-analyzed.event';
import { FEEDBACK_ANALYZED_V2_TYPE, FeedbackAnalyzedV2 } from './events/feedback-analyzed/feedback-analyzed-v2.event';
import { FEEDBACK_RECEIVED_TYPE, FeedbackReceived } from './events/feedback-received/feedback-received.event';
import {
  FEEDBACK_SUBMISSION_TYPE,
  FeedbackSubmission,
} from './events/feedback-submission/feedback-submission.event';
import { INSIGHT_TYPE, Insight } from './events/insight/insight.event';
import { PRIVACY_ERASURE_TYPE, PrivacyErasure } from './events/privacy-erasure/privacy-erasure.event';
import { ACTION_EVENT_TYPE, ActionEvent } from './events/action/action-event.event';
import {
  OPERATIONAL_MEASURE_TYPE,
  OPERATIONAL_SUBMISSION_TYPE,
  OperationalMeasure,
  OperationalMeasureSubmission,
} from './events/operational-measure/operational-measure.event';
import { TENANT_THEME_DEFINED_TYPE, TenantThemeDefined } from './events/taxonomy/tenant-theme-defined.event';
import { Topics } from './topics';

export interface ContractEntry {
  name: string;
  cls: ClassConstructor<object>;
  /** CloudEvents `type`. */
  type: string;
  /** Topic, or a pattern for per-receiver topics. */
  topic: string;
  key: string;
  description: string;
  publishers: string[];
  subscribers: string[];
  /**
   * Untrusted input from outside Loops: consumers validate it with class-validator (field-level messages
   * written for integrators, class instances for the intake), not with the compiled schema.
   */
  edge?: boolean;
}

/** Every event Loops publishes or consumes. Schemas and the AsyncAPI document are generated from this. */
export const CONTRACTS: ContractEntry[] = [
  {
    name: 'FeedbackSubmission',
    cls: FeedbackSubmission,
    type: FEEDBACK_SUBMISSION_TYPE,
    topic: Topics.feedbackRaw,
    key: 'integration-defined (externalId recommended)',
    description: 'Raw feedback published by integrations that prefer Kafka over HTTP.',
    publishers: ['integrations'],
    subscribers: ['ingestion'],
    edge: true,
  },
  {
    name: 'FeedbackReceived',
    cls: FeedbackReceived,
    type: FEEDBACK_RECEIVED_TYPE,
    topic: Topics.feedbackReceived,
    key: 'tenantId:customerPseudonym',
    description:
      'Validated, de-duplicated, PII-redacted feedback in canonical form. customer.id is a pseudonym (cp_ + HMAC-SHA256 of tenant and raw id), never the raw id; PII patterns are redacted in text, title, product, location, attributes and details.',
    publishers: ['ingestion'],
    subscribers: ['sentiment'],
  },
  {
    name: 'FeedbackAnalyzed',
    cls: FeedbackAnalyzed,
    type: FEEDBACK_ANALYZED_TYPE,
    topic: Topics.feedbackAnalyzed,
    key: 'tenantId:customerPseudonym',
    description:
      'Version 1, superseded by FeedbackAnalyzedV2 on feedback.analyzed.v2 (see docs/upgrading.md): the whole FeedbackReceived with language, sentiment, themes and key phrases, naming the analyzer. customer.id is the pseudonym. Sentiment publishes it only with ANALYZED_V1_ALSO=true; routing and root cause still read it.',
    publishers: ['sentiment (only with ANALYZED_V1_ALSO=true)'],
    subscribers: ['routing', 'root-cause'],
  },
  {
    name: 'FeedbackAnalyzedV2',
    cls: FeedbackAnalyzedV2,
    type: FEEDBACK_ANALYZED_V2_TYPE,
    topic: Topics.feedbackAnalyzedV2,
    key: 'tenantId:customerPseudonym',
    description:
      'Feedback with language, sentiment, themes and key phrases, naming the analyzer, carrying only the feedback fields consumers read (no receivedAt, languageHint, details or redactions). customer.id is the pseudonym; text and title are redacted.',
    publishers: ['sentiment'],
    subscribers: ['routing', 'root-cause'],
  },
  {
    name: 'Alert',
    cls: Alert,
    type: ALERT_TYPE,
    topic: 'alerts.{receiver}.v1',
    key: 'caseId',
    description: 'An unhappy customer routed to a receiver, with the rule path and the matched values.',
    publishers: ['routing'],
    subscribers: ['ops teams'],
  },
  {
    name: 'CaseEvent',
    cls: CaseEvent,
    type: CASE_EVENT_TYPE,
    topic: Topics.cases,
    key: 'caseId',
    description: 'Every change to a case: opened, attached, acknowledged, assigned, escalated, resolved, reopened.',
    publishers: ['routing'],
    subscribers: ['root-cause', 'ops teams'],
  },
  {
    name: 'Insight',
    cls: Insight,
    type: INSIGHT_TYPE,
    topic: Topics.insights,
    key: 'tenantId',
    description: 'Outer-loop findings: emerging issues opening and resolving, rollup updates.',
    publishers: ['root-cause'],
    subscribers: ['routing', 'analysts'],
  },
  {
    name: 'PrivacyErasure',
    cls: PrivacyErasure,
    type: PRIVACY_ERASURE_TYPE,
    topic: Topics.privacyErasure,
    key: 'tenantId:customerPseudonym',
    description: 'A customer to erase (GDPR): every service deletes what it holds about the pseudonym and the listed feedback events.',
    publishers: ['ingestion'],
    subscribers: ['sentiment', 'routing', 'root-cause'],
  },
  {
    name: 'OperationalMeasureSubmission',
    cls: OperationalMeasureSubmission,
    type: OPERATIONAL_SUBMISSION_TYPE,
    topic: Topics.operationalRaw,
    key: 'integration-defined (touchpoint:measure recommended)',
    description:
      'An operational figure (phone wait seconds, first-response time, page load ms, on-time rate) for a touchpoint and hour or day, published by integrations that prefer Kafka over HTTP; carries the API key in x-loops-api-key.',
    publishers: ['integrations'],
    subscribers: ['ingestion'],
    edge: true,
  },
  {
    name: 'OperationalMeasure',
    cls: OperationalMeasure,
    type: OPERATIONAL_MEASURE_TYPE,
    topic: Topics.operationalMeasures,
    key: 'tenantId',
    description: 'A validated operational measure, tenant from the API key; the id is derived from tenant, measure, touchpoint and bucket, so a resend replaces the value.',
    publishers: ['ingestion'],
    subscribers: ['root-cause'],
  },
  {
    name: 'ActionEvent',
    cls: ActionEvent,
    type: ACTION_EVENT_TYPE,
    topic: Topics.actions,
    key: 'actionId',
    description: 'An action plan on a root cause (a driver, an emerging issue or a root-cause code): opened with what will change, the owner and the due date, then each status change.',
    publishers: ['root-cause'],
    subscribers: ['analysts', 'ops teams'],
  },
  {
    name: 'TenantThemeDefined',
    cls: TenantThemeDefined,
    type: TENANT_THEME_DEFINED_TYPE,
    topic: Topics.taxonomy,
    key: 'tenantId',
    description:
      "A theme of a tenant's taxonomy as it now stands (label and phrases per language), published by root-cause, which owns the taxonomy, whenever an analyst promotes or extends a theme; sentiment keeps the newest per (tenant, theme) to match feedback against.",
    publishers: ['root-cause'],
    subscribers: ['sentiment'],
  },
  {
    name: 'DlqRecord',
    cls: DlqRecord,
    type: DLQ_RECORD_TYPE,
    topic: Topics.feedbackDlq,
    key: 'original key',
    description: 'A message that could not be processed, with its reason and original bytes.',
    publishers: ['ingestion', 'sentiment', 'routing', 'root-cause'],
    subscribers: ['operators'],
  },
];
