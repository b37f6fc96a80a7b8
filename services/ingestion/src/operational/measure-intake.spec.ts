import { Principal } from '@loops/auth';
import { intakeMeasure } from './measure-intake';

const principal = { tenantId: 'acme', integrationId: 'contact-centre', keyId: 'k1', scopes: ['ingest'], itemsPerSecond: null } as unknown as Principal;
const now = new Date('2026-11-20T15:10:00Z');
const item = { measure: 'phone_wait_seconds', touchpoint: 'support', bucket: 'hour', bucketStart: '2026-11-20T14:00:00Z', value: 312.5, count: 84 };

describe('operational measure intake', () => {
  it('turns a valid item into the canonical event, tenant and integration from the key, id from the bucket', () => {
    const a = intakeMeasure(item, principal, now);
    const b = intakeMeasure({ ...item, value: 1 }, principal, now);
    expect(a.result.status).toBe('accepted');
    expect(a.event).toMatchObject({ tenantId: 'acme', integrationId: 'contact-centre', bucketStart: '2026-11-20T14:00:00.000Z', value: 312.5, count: 84 });
    expect(b.event!.measureId).toBe(a.event!.measureId); // a resend of the bucket replaces it
    expect(intakeMeasure({ ...item, touchpoint: 'web' }, principal, now).event!.measureId).not.toBe(a.event!.measureId);
  });

  it.each([
    [{ ...item, measure: undefined }, 'measure'],
    [{ ...item, measure: 'Phone Wait' }, 'measure'],
    [{ ...item, value: 'slow' }, 'value'],
    [{ ...item, bucket: 'minute' }, 'bucket'],
    [{ ...item, bucketStart: '2026-11-20T14:30:00Z' }, 'bucketStart'],
    [{ ...item, bucket: 'day', bucketStart: '2026-11-20T14:00:00Z' }, 'bucketStart'],
    [{ ...item, bucketStart: '2026-11-25T14:00:00Z' }, 'bucketStart'],
    [{ ...item, count: 0 }, 'count'],
    [{ ...item, tenantId: 'other' }, 'tenantId'],
    [{ ...item, unit: null }, 'unit'],
  ])('rejects %j naming the field %s', (body, field) => {
    const { result, event } = intakeMeasure(body, principal, now);
    expect(event).toBeUndefined();
    expect(result.status).toBe('rejected');
    expect(result.status === 'rejected' && result.errors.map((e) => e.field)).toContain(field);
  });
});
