import { signWebhook, verifyWebhook, webhookHeaders } from './standard-webhook';

describe('Standard Webhooks signing', () => {
  // The example from the Standard Webhooks specification's reference implementations.
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';

  it('matches the specification example signature', () => {
    expect(signWebhook(secret, id, timestamp, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it.each([
    ['the signed body', body, true],
    ['a tampered body', '{"test": 1}', false],
  ])('verifies %s', (_name, received, ok) => {
    expect(verifyWebhook(secret, webhookHeaders(secret, id, timestamp, body), received)).toBe(ok);
  });

  it('rejects a signature made with another secret', () => {
    expect(verifyWebhook('whsec_b3RoZXI=', webhookHeaders(secret, id, timestamp, body), body)).toBe(false);
  });
});
