import { RE2JS } from 're2js';
import { FeedbackReceived } from '@loops/contracts';
import { PiiRedactor } from '../redaction/pii-redactor';
import { CustomerPseudonymizer, DEV_PSEUDONYM_KEY } from './customer-pseudonymizer';
import { protectEvent } from './protect-event';

describe('protectEvent', () => {
  const redactor = new PiiRedactor([{ name: 'order', pattern: RE2JS.compile('ORD-\\d{6}') }]);
  const pseudonyms = new CustomerPseudonymizer(DEV_PSEUDONYM_KEY);
  const event: FeedbackReceived = {
    eventId: '00000000-0000-4000-8000-000000000001',
    tenantId: 'acme',
    integrationId: 'survey-tool',
    externalId: 'x-1',
    channel: 'social',
    occurredAt: '2026-11-24T10:00:00.000Z',
    receivedAt: '2026-11-24T10:00:01.000Z',
    text: 'late again',
    customer: { id: 'jane@corp.com', tier: 'premium' },
    attributes: { contact: 'write to jane@corp.com', mobile: '+62 812-3456-7890', order: 'ORD-123456', visits: 3, vip: true },
    details: { handle: 'reach me at +44 20 7946 0958', network: 'x' },
    product: 'card 4111 1111 1111 1111',
    scores: {},
    redactions: [],
  };

  it('redacts e-mails, phones, cards and configured patterns in every string of attributes and details', () => {
    const out = protectEvent(event, redactor, pseudonyms);
    expect(out.attributes).toEqual({ contact: 'write to [EMAIL]', mobile: '[PHONE]', order: '[REDACTED:order]', visits: 3, vip: true });
    expect(out.details).toEqual({ handle: 'reach me at [PHONE]', network: 'x' });
    expect(out.product).toBe('card [CARD]');
    expect(out.redactions).toEqual(['custom', 'email', 'payment_card', 'phone']);
    expect(JSON.stringify(out)).not.toMatch(/jane|3456|7946|4111/);
  });

  it('replaces the customer id by a keyed, per-tenant, stable pseudonym and leaves the input untouched', () => {
    const out = protectEvent(event, redactor, pseudonyms);
    expect(out.customer).toEqual({ id: pseudonyms.pseudonym('acme', 'jane@corp.com'), tier: 'premium' });
    expect(out.customer!.id).toMatch(/^cp_[A-Za-z0-9_-]{43}$/);
    expect(protectEvent(event, redactor, pseudonyms).customer!.id).toBe(out.customer!.id);
    expect(pseudonyms.pseudonym('globex', 'jane@corp.com')).not.toBe(out.customer!.id);
    expect(new CustomerPseudonymizer('another-key-of-at-least-32-characters!').pseudonym('acme', 'jane@corp.com')).not.toBe(out.customer!.id);
    expect(event.customer!.id).toBe('jane@corp.com');
  });

  it('refuses a short key', () => {
    expect(() => new CustomerPseudonymizer('short')).toThrow('at least 32 characters');
  });
});
