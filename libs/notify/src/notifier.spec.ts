import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { policyFromEnv } from './http/ssrf-guard';
import { Notifier } from './notifier';

// The sender interface another service uses for a digest: subject and text are enough.
describe('Notifier', () => {
  let server: Server;
  let port: number;
  const bodies: unknown[] = [];
  let answer = 200;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends a plain message to Slack and Teams with default layouts', async () => {
    const env = { SLACK_URL: `http://127.0.0.1:${port}/slack`, TEAMS_URL: `http://127.0.0.1:${port}/teams` };
    const notifier = new Notifier({ policy: policyFromEnv(false, `127.0.0.1:${port}`), env });
    expect(await notifier.send({ kind: 'slack', urlEnv: 'SLACK_URL' }, { subject: 'Weekly digest', text: 'NPS 41 <!here>' })).toEqual({ kind: 'sent' });
    expect(bodies[0]).toEqual({
      text: 'Weekly digest',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Weekly digest' } },
        { type: 'section', text: { type: 'plain_text', text: 'NPS 41 <!here>' } },
      ],
    });
    expect(await notifier.send({ kind: 'teams', urlEnv: 'TEAMS_URL' }, { subject: 'Weekly digest', text: 'NPS 41' })).toEqual({ kind: 'sent' });
    expect(bodies[1]).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } }] });
  });

  it('tells permanent failures from retryable ones, and never names the secret URL', async () => {
    const env = { SLACK_URL: `http://127.0.0.1:${port}/services/secret-token` };
    const guarded = new Notifier({ policy: policyFromEnv(false, ''), env });
    const refused = await guarded.send({ kind: 'slack', urlEnv: 'SLACK_URL' }, { subject: 's', text: 't' });
    expect(refused).toMatchObject({ kind: 'failed', permanent: true });
    expect(JSON.stringify(refused)).not.toContain('secret-token');
    expect(await guarded.send({ kind: 'slack', urlEnv: 'MISSING' }, { subject: 's', text: 't' })).toEqual({
      kind: 'failed',
      permanent: true,
      reason: 'webhook URL environment variable MISSING is not set',
    });
    const allowed = new Notifier({ policy: policyFromEnv(true, ''), env });
    answer = 503;
    expect(await allowed.send({ kind: 'slack', urlEnv: 'SLACK_URL' }, { subject: 's', text: 't' })).toEqual({ kind: 'failed', permanent: false, reason: 'HTTP 503' });
    answer = 404;
    expect(await allowed.send({ kind: 'slack', urlEnv: 'SLACK_URL' }, { subject: 's', text: 't' })).toEqual({ kind: 'failed', permanent: true, reason: 'HTTP 404' });
    expect(await allowed.send({ kind: 'email', to: ['a@example.com'], from: 'b@example.com', smtpUrlEnv: 'NO_SMTP' }, { subject: 's', text: 't' })).toEqual({
      kind: 'failed',
      permanent: true,
      reason: 'SMTP environment variable NO_SMTP is not set',
    });
  });
});
