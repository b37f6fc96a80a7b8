import {
  contractValidator,
  FEEDBACK_ANALYZED_TYPE,
  FEEDBACK_ANALYZED_V2_TYPE,
  FeedbackAnalyzed,
  FeedbackAnalyzedV2,
  fromKafkaRecord,
  sampleAnalyzed,
  Topics,
} from '@loops/contracts';
import { analyzedBatches } from './analyzed-records';

const decode = (r: { value: Buffer | string | null; headers: Record<string, string> }) =>
  fromKafkaRecord(Buffer.from(r.value as string), r.headers);

describe('analyzed records: what sentiment publishes', () => {
  it('publishes only FeedbackAnalyzedV2 on feedback.analyzed.v2 by default, valid against its contract', () => {
    const batches = analyzedBatches([sampleAnalyzed()], ['corr-1']);
    expect(batches.map((b) => b.topic)).toEqual([Topics.feedbackAnalyzedV2]);
    const [record] = batches[0].records;
    const event = decode(record);
    expect(event.type).toBe(FEEDBACK_ANALYZED_V2_TYPE);
    expect(event.correlationid).toBe('corr-1');
    expect(event.id).toBe(`${sampleAnalyzed().feedback.eventId}/lexicon-multilingual@2.3.0`);
    expect(contractValidator(FeedbackAnalyzedV2)(event.data).ok).toBe(true);
    expect(Object.keys((event.data as FeedbackAnalyzedV2).feedback)).not.toContain('details');
  });

  it('also publishes the whole v1 event on feedback.analyzed.v1 when asked, with the same id and key', () => {
    const [v2, v1] = analyzedBatches([sampleAnalyzed()], [], true);
    expect(v1.topic).toBe(Topics.feedbackAnalyzed);
    const event = decode(v1.records[0]);
    expect(event.type).toBe(FEEDBACK_ANALYZED_TYPE);
    expect(event.data).toEqual(sampleAnalyzed());
    expect(contractValidator(FeedbackAnalyzed)(event.data).ok).toBe(true);
    expect(v1.records[0].key).toBe(v2.records[0].key);
    expect(decode(v1.records[0]).id).toBe(decode(v2.records[0]).id);
  });

  it('keys by the customer pseudonym, or by the external id the lean event no longer carries', () => {
    const known = sampleAnalyzed();
    const anonymous: FeedbackAnalyzed = { ...sampleAnalyzed(), feedback: { ...sampleAnalyzed().feedback, customer: undefined } };
    const [batch] = analyzedBatches([known, anonymous]);
    expect(batch.records.map((r) => r.key)).toEqual([`acme-id:${known.feedback.customer!.id}`, `acme-id:${known.feedback.externalId}`]);
  });
});
