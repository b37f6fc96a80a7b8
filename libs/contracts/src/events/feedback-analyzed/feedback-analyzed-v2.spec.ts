import { contractValidator } from '../../validate';
import { sampleAnalyzed, sampleAnalyzedV2 } from '../../testing/sample-events';
import { FeedbackAnalyzedV2, toAnalyzedV2 } from './feedback-analyzed-v2.event';
import { FeedbackAnalyzed } from './feedback-analyzed.event';

describe('FeedbackAnalyzedV2: the lean analyzed event', () => {
  it('carries exactly the feedback fields consumers read, with their v1 values', () => {
    const v1 = sampleAnalyzed();
    const v2 = toAnalyzedV2(v1.feedback, v1.analysis);
    expect(Object.keys(v2.feedback).sort()).toEqual(['attributes', 'channel', 'customer', 'eventId', 'externalId', 'integrationId', 'location', 'occurredAt', 'product', 'scores', 'tenantId', 'text', 'title', 'touchpoint']);
    for (const [field, value] of Object.entries(v2.feedback)) expect(value).toEqual(v1.feedback[field as keyof typeof v1.feedback]);
    expect(v2.analysis).toEqual(v1.analysis);
  });

  it('is smaller on the wire than v1 by the fields it leaves out', () => {
    const v1 = sampleAnalyzed();
    const dropped = ['receivedAt', 'languageHint', 'details', 'redactions'] as const;
    const droppedBytes = dropped.reduce((sum, k) => sum + Buffer.byteLength(JSON.stringify({ [k]: v1.feedback[k] })) - 1, 0);
    expect(Buffer.byteLength(JSON.stringify(sampleAnalyzedV2()))).toBe(Buffer.byteLength(JSON.stringify(v1)) - droppedBytes);
  });

  it('leaves optional fields out rather than writing null or undefined', () => {
    const v1 = sampleAnalyzed();
    const { title, customer, touchpoint, product, location, attributes, ...bare } = v1.feedback;
    void [title, customer, touchpoint, product, location, attributes];
    const v2 = toAnalyzedV2(bare, v1.analysis);
    expect(JSON.parse(JSON.stringify(v2.feedback))).toEqual({ eventId: bare.eventId, tenantId: bare.tenantId, integrationId: bare.integrationId, externalId: bare.externalId, channel: bare.channel, occurredAt: bare.occurredAt, text: bare.text, scores: bare.scores });
    expect(contractValidator(FeedbackAnalyzedV2)(v2).ok).toBe(true);
  });

  it('validates the lean event and refuses v1-only fields, naming them', () => {
    expect(contractValidator(FeedbackAnalyzedV2)(sampleAnalyzedV2()).ok).toBe(true);
    const result = contractValidator(FeedbackAnalyzedV2)(sampleAnalyzed());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field).join(' ')).toMatch(/feedback/);
  });

  it('keeps v1 valid as v1: consumers read both while v1 drains', () => {
    expect(contractValidator(FeedbackAnalyzed)(sampleAnalyzed()).ok).toBe(true);
  });
});
