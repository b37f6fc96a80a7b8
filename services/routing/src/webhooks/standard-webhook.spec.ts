import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook, webhookHeaders } from './standard-webhook';

describe('Standard Webhooks signing (standardwebhooks package)', () => {
  // The example from the Standard Webhooks specification's reference implementations.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const body = '{"test": 2432232314}';
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  it('matches the specification example signature', () => {
    expect(signWebhook(secret, id, 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs a non-whsec secret as its UTF-8 bytes, as receivers written by hand expect', () => {
    const ts = 1700000000;
    const expected = createHmac('sha256', Buffer.from('plain-sécret', 'utf8')).update(`${id}.${ts}.${body}`).digest('base64');
    expect(signWebhook('plain-sécret', id, ts, body)).toBe(`v1,${expected}`);
  });

  it('verifies a fresh delivery of the signed body', () => {
    expect(verifyWebhook(secret, webhookHeaders(secret, id, nowSeconds(), body), body)).toEqual({ ok: true });
  });

  it('refuses a tampered body and a signature made with another secret', () => {
    const headers = webhookHeaders(secret, id, nowSeconds(), body);
    expect(verifyWebhook(secret, headers, '{"test": 1}')).toEqual({ ok: false, reason: 'No matching signature found' });
    expect(verifyWebhook('whsec_b3RoZXI=', headers, body)).toEqual({ ok: false, reason: 'No matching signature found' });
  });

  it('refuses a captured delivery replayed after the tolerance, though its signature is genuine', () => {
    const sentAt = nowSeconds() - 301;
    const captured = webhookHeaders(secret, id, sentAt, body);
    expect(verifyWebhook(secret, captured, body)).toEqual({ ok: false, reason: 'timestamp older than 300 s (replay?)' });
    // The same capture verified a second after it was sent: only its age was refused.
    jest.useFakeTimers({ now: sentAt * 1000 + 1000 });
    try {
      expect(verifyWebhook(secret, captured, body)).toEqual({ ok: true });
    } finally {
      jest.useRealTimers();
    }
  });

  it('applies a receiver tolerance tighter than five minutes, and refuses timestamps from the future', () => {
    const captured = webhookHeaders(secret, id, nowSeconds() - 61, body);
    expect(verifyWebhook(secret, captured, body, { toleranceSeconds: 60 })).toEqual({ ok: false, reason: 'timestamp older than 60 s (replay?)' });
    const future = webhookHeaders(secret, id, nowSeconds() + 400, body);
    expect(verifyWebhook(secret, future, body)).toEqual({ ok: false, reason: 'timestamp more than 300 s in the future' });
  });

  it('refuses a delivery without its headers', () => {
    expect(verifyWebhook(secret, { 'webhook-id': id }, body)).toEqual({ ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature' });
  });
});
