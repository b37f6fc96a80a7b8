import { EnvelopeError, fromKafkaRecord } from './cloud-event';

const headers = (extra: Record<string, string> = {}) => ({ ce_specversion: '1.0', ce_id: 'id-1', ce_source: 'test', ce_type: 't', ...extra });
const body = Buffer.from('{"a":1}');

describe('CloudEvent time from Kafka', () => {
  it('uses ce_time when given, normalised to ISO 8601 UTC', () => {
    expect(fromKafkaRecord(body, headers({ ce_time: '2026-11-20T08:30:00+07:00' }), '1700000000000').time).toBe('2026-11-20T01:30:00.000Z');
  });

  it('without ce_time takes the record timestamp, never 1970', () => {
    expect(fromKafkaRecord(body, headers(), String(Date.UTC(2026, 10, 20, 8, 30))).time).toBe('2026-11-20T08:30:00.000Z');
  });

  it('refuses a message with neither ce_time nor a record timestamp, and a ce_time that is not RFC 3339', () => {
    expect(() => fromKafkaRecord(body, headers())).toThrow(new EnvelopeError('missing ce_time header and the record has no timestamp'));
    expect(() => fromKafkaRecord(body, headers({ ce_time: 'yesterday' }), '1700000000000')).toThrow(new EnvelopeError('ce_time "yesterday" is not an RFC 3339 timestamp'));
  });
});
