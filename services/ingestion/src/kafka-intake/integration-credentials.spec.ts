import { KafkaMessage } from 'kafkajs';
import { Principal } from '@loops/auth';
import { authenticateMessage, messageKey } from './integration-credentials';

const KEY = 'lk_0123456789abcdefghijklmnopqrstuv';
const principal = (scopes: string[]): Principal => ({ keyId: 'k1', tenantId: 'acme', integrationId: 'crm', scopes, itemsPerSecond: null, restriction: null });
const message = (key?: string) => ({ headers: key === undefined ? {} : { 'x-loops-api-key': Buffer.from(key) } }) as unknown as KafkaMessage;
const SOURCE = 'loops:integration:crm';

describe('authenticateMessage', () => {
  it('accepts a key holding ingest whose integration is the ce_source', () => {
    expect(authenticateMessage(new Map([[KEY, principal(['ingest'])]]), message(KEY), SOURCE)).toEqual({ ok: true, principal: principal(['ingest']) });
  });

  it('refuses a key without ingest, naming the scope', () => {
    expect(authenticateMessage(new Map([[KEY, principal(['reports:read', 'admin'])]]), message(KEY), SOURCE)).toEqual({
      ok: false,
      reason: 'forbidden: this API key lacks the scope ingest',
    });
  });

  it('tells a missing key from an unknown or revoked one (absent from the batch lookup)', () => {
    expect(authenticateMessage(new Map(), message(), SOURCE)).toEqual({ ok: false, reason: 'unauthenticated: header x-loops-api-key with an API key is required' });
    expect(authenticateMessage(new Map(), message(KEY), SOURCE)).toEqual({ ok: false, reason: 'unauthenticated: the API key is not valid or has been revoked' });
    expect(authenticateMessage(new Map(), message('garbage'), SOURCE)).toEqual({ ok: false, reason: 'unauthenticated: the API key is not valid or has been revoked' });
  });

  it('looks up only values shaped like keys', () => {
    expect(messageKey(message(KEY))).toBe(KEY);
    expect(messageKey(message('garbage'))).toBeUndefined();
    expect(messageKey(message())).toBeUndefined();
  });
});
