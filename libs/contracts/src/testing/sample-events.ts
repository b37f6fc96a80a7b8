import type { Alert } from '../events/alert/alert.event';
import type { CaseEvent } from '../events/case-event/case-event.event';
import type { DlqRecord } from '../events/dlq-record/dlq-record.event';
import type { FeedbackAnalyzed } from '../events/feedback-analyzed/feedback-analyzed.event';
import { toAnalyzedV2, type FeedbackAnalyzedV2 } from '../events/feedback-analyzed/feedback-analyzed-v2.event';
import type { FeedbackReceived } from '../events/feedback-received/feedback-received.event';
import type { FeedbackSubmission } from '../events/feedback-submission/feedback-submission.event';
import type { Insight } from '../events/insight/insight.event';
import type { PrivacyErasure } from '../events/privacy-erasure/privacy-erasure.event';
import type { ActionEvent } from '../events/action/action-event.event';
import type { TenantThemeDefined } from '../events/taxonomy/tenant-theme-defined.event';
import type { OperationalMeasure, OperationalMeasureSubmission } from '../events/operational-measure/operational-measure.event';

/**
 * One valid, realistic message per contract, as a consumer sees it after `JSON.parse` (no `undefined`
 * values, every optional field present), for the parity tests and the validation benchmark.
 */
export function sampleReceived(): FeedbackReceived {
  return {
    eventId: '5b0f7d0e-1c7a-4b8e-9d4a-2f3e6a7b8c9d',
    tenantId: 'acme-id',
    integrationId: 'survey-tool',
    externalId: 'resp-2026-11-20-00042',
    channel: 'survey',
    occurredAt: '2026-11-20T08:30:00.000Z',
    receivedAt: '2026-11-20T08:30:02.117Z',
    text:
      'Pengiriman terlambat tiga hari dan kurirnya tidak bisa dihubungi. The parcel arrived late and the ' +
      'courier never answered; support asked me to wait again. Sangat kecewa, saya mau refund.',
    title: 'Late delivery, no answer',
    languageHint: 'id-ID',
    scores: { nps: 2, csat: 1, ces: 2 },
    customer: { id: 'cust-88123', segment: 'smb', tier: 'premium', annualValue: 12500, locale: 'id-ID', accountId: 'acme-logistics' },
    touchpoint: { journey: 'delivery', step: 'last-mile' },
    product: 'express-shipping',
    location: 'jakarta',
    attributes: { plan: 'gold', orders: 14, app: true, region: 'ID-JK' },
    details: { surveyId: 'nps-q4', questionId: 'q1' },
    redactions: ['email', 'phone'],
  };
}

export function sampleAnalyzed(): FeedbackAnalyzed {
  return {
    feedback: sampleReceived(),
    analysis: {
      language: 'id',
      languageConfidence: 0.92,
      sentiment: { label: 'negative', score: -0.71, confidence: 0.88 },
      themes: [
        { id: 'late-delivery', label: 'Late delivery', sentiment: { label: 'negative', score: -0.8 } },
        { id: 'courier-contact', label: 'Courier unreachable', sentiment: { label: 'negative', score: -0.6 } },
        { id: 'refund', label: 'Refund request', sentiment: { label: 'neutral', score: -0.1 } },
      ],
      keyPhrases: ['pengiriman terlambat', 'courier never answered', 'refund'],
      analyzer: { name: 'lexicon-multilingual', version: '2.3.0' },
      analyzedAt: '2026-11-20T08:30:02.251Z',
    },
  };
}

/** The same analysis as sentiment publishes it now: only the feedback fields consumers read. */
export function sampleAnalyzedV2(): FeedbackAnalyzedV2 {
  const v1 = sampleAnalyzed();
  return toAnalyzedV2(v1.feedback, v1.analysis);
}

export function sampleCaseEvent(): CaseEvent {
  return {
    eventId: '0d6f1f8e-2b7c-4c1d-8e9f-1a2b3c4d5e6f',
    caseId: '7e57ca5e-0000-4000-8000-000000000001',
    tenantId: 'acme-id',
    kind: 'escalated',
    status: 'open',
    priority: 'p2',
    ownerTeam: 'logistics',
    assignee: 'dewi',
    dueAt: '2026-11-20T12:30:00.000Z',
    escalationLevel: 1,
    feedbackEventId: '5b0f7d0e-1c7a-4b8e-9d4a-2f3e6a7b8c9d',
    touchpoint: 'delivery',
    accountId: 'acme-logistics',
    rootCauseCode: 'carrier-delay',
    note: 'Past first-response SLA',
    at: '2026-11-20T10:30:00.000Z',
  };
}

export function sampleInsight(): Insight {
  return {
    insightId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    tenantId: 'acme-id',
    kind: 'emerging_issue_opened',
    touchpoint: 'delivery',
    theme: 'late-delivery',
    summary: 'Late delivery complaints at 4.1x the weekly baseline',
    evidence: { count: 41, baseline: 10, z: 5.2 },
    at: '2026-11-20T09:00:00.000Z',
  };
}

export function sampleAlert(): Alert {
  return {
    alertId: '9f8e7d6c-5b4a-4c3d-9e1f-0a1b2c3d4e5f',
    caseId: '7e57ca5e-0000-4000-8000-000000000001',
    tenantId: 'acme-id',
    receiver: 'logistics-oncall',
    rulePath: ['root', 'detractors', 'delivery'],
    matched: { 'scores.nps': 2, 'touchpoint.journey': 'delivery' },
    severity: 'high',
    feedbackEventId: '5b0f7d0e-1c7a-4b8e-9d4a-2f3e6a7b8c9d',
    customerId: 'cust-88123',
    summary: 'NPS 2 detractor on delivery: late parcel, courier unreachable',
    createdAt: '2026-11-20T08:30:02.400Z',
    text: 'The parcel came a week late and nobody at [PHONE] answered.',
    customerValue: 12000,
    priority: 'p2',
    slaDueAt: '2026-11-21T08:30:02.400Z',
    caseUrl: 'https://loops.example.com/dashboard#/cases/7e57ca5e-0000-4000-8000-000000000001',
  };
}

export function sampleDlqRecord(): DlqRecord {
  return {
    service: 'sentiment',
    sourceTopic: 'feedback.received.v1',
    partition: 3,
    offset: '1842',
    key: 'acme-id:cust-88123',
    reasonKind: 'validation',
    reason: 'scores.nps: nps must not be greater than 10',
    attempts: 1,
    originalValue: 'eyJ0ZXh0IjoiLi4uIn0=',
    originalHeaders: { ce_type: 'dev.loops.feedback.received.v1' },
    failedAt: '2026-11-20T08:30:03.000Z',
  };
}

export function sampleSubmission(): FeedbackSubmission {
  return {
    externalId: 'resp-2026-11-20-00042',
    channel: 'chat',
    occurredAt: '2026-11-20T15:30+07:00',
    text: 'fallback text',
    title: 'Chat with support',
    languageHint: 'id-ID',
    scores: { csat: 2 },
    customer: { id: 'cust-88123', tier: 'vip', annualValue: 90000 },
    touchpoint: { journey: 'support' },
    product: 'express-shipping',
    location: 'jakarta',
    attributes: { plan: 'gold' },
    details: { conversationId: 'c-991' },
    chat: {
      turns: [
        { speaker: 'customer', text: 'Paket saya belum datang', at: '2026-11-20T15:30:00+07:00' },
        { speaker: 'agent', text: 'Mohon maaf, kami cek dulu' },
      ],
    },
  };
}

export function samplePrivacyErasure(): PrivacyErasure {
  return {
    erasureId: '6f1c2e0a-4b7d-4c1e-9a3f-2d5b8e7c1a90',
    tenantId: 'acme-id',
    customerPseudonym: 'cp_Q2x1c3RlcmVkLXBzZXVkb255bS1mb3ItdGVzdHMtMDE',
    feedbackEventIds: ['0b9f6c1e-2a4d-4e8f-9c3b-7d1a5e2f8c40'],
    requestedAt: '2026-11-20T09:00:00.000Z',
  };
}

export function sampleOperationalSubmission(): OperationalMeasureSubmission {
  return { measure: 'phone_wait_seconds', touchpoint: 'support', bucket: 'hour', bucketStart: '2026-11-20T14:00:00.000Z', value: 312.5, count: 84, unit: 's' };
}

export function sampleOperationalMeasure(): OperationalMeasure {
  return {
    measureId: '3c9d2f4e-8a1b-5c7d-9e0f-1a2b3c4d5e6f',
    tenantId: 'acme-id',
    integrationId: 'contact-centre',
    measure: 'phone_wait_seconds',
    touchpoint: 'support',
    bucket: 'hour',
    bucketStart: '2026-11-20T14:00:00.000Z',
    value: 312.5,
    count: 84,
    unit: 's',
    receivedAt: '2026-11-20T15:00:03.000Z',
  };
}

export function sampleActionEvent(): ActionEvent {
  return {
    eventId: '8e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
    actionId: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
    tenantId: 'acme-id',
    kind: 'opened',
    status: 'open',
    targetKind: 'driver',
    theme: 'late-delivery',
    touchpoint: 'delivery',
    issueId: '7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
    rootCauseCode: 'carrier-delay',
    change: 'Switch the Jakarta last-mile carrier and add an SMS when a parcel is late',
    owner: 'logistics',
    dueAt: '2026-12-15T00:00:00.000Z',
    effectiveAt: '2026-12-01T00:00:00.000Z',
    note: 'Top driver for three weeks',
    at: '2026-11-20T09:00:00.000Z',
  };
}

export function sampleTenantThemeDefined(): TenantThemeDefined {
  return {
    changeId: '9d3c1a52-6f0e-4b7a-8c21-5e4f3a2b1c0d',
    tenantId: 'acme-id',
    themeId: 'refund_delay',
    label: 'Refund delays',
    phrases: [
      { language: 'id', phrases: ['refund lama', 'dana belum kembali'] },
      { language: 'en', phrases: ['refund delay*'] },
    ],
    updatedAt: '2026-11-20T09:15:00.000Z',
  };
}
