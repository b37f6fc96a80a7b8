import { RE2JS } from 're2js';
import { passesLuhn, PiiRedactor } from './pii-redactor';

describe('PiiRedactor', () => {
  const redactor = new PiiRedactor([{ name: 'order', pattern: RE2JS.compile('ORD-\\d{6}') }]);

  it('replaces e-mail addresses', () => {
    const out = redactor.redact('Tulis ke budi.santoso@example.co.id ya');
    expect(out.text).toBe('Tulis ke [EMAIL] ya');
    expect([...out.kinds]).toEqual(['email']);
  });

  it('replaces Luhn-valid card numbers but keeps other long numbers', () => {
    const out = redactor.redact('card 4111 1111 1111 1111 and invoice 1234 5678 9012 3456');
    expect(out.text).toContain('[CARD]');
    expect(out.text).not.toContain('4111');
    expect(out.kinds.has('payment_card')).toBe(true);
  });

  it('replaces phone numbers in international and local formats', () => {
    expect(redactor.redact('call me +62 812-3456-7890').text).toBe('call me [PHONE]');
    expect(redactor.redact('โทร 081 234 5678 ด่วน').text).toBe('โทร [PHONE] ด่วน');
  });

  it('leaves dates, prices and short numbers alone', () => {
    const text = 'On 2024-05-01 I paid 120000 rupiah for 2 rooms';
    expect(redactor.redact(text)).toEqual({ text, kinds: new Set() });
  });

  it('applies configured patterns', () => {
    expect(redactor.redact('about ORD-123456').text).toBe('about [REDACTED:order]');
  });

  it('checks Luhn', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
  });
});
