import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { guardedPost } from './guarded-post';
import { policyFromEnv } from './ssrf-guard';

// A real HTTP server on loopback stands in for a receiver inside the operator's network.
describe('guardedPost: webhook delivery that cannot be pointed inwards', () => {
  let server: Server;
  let port: number;
  const received: { url: string; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        if (req.url === '/redirect') res.writeHead(302, { location: `http://127.0.0.1:${port}/internal-admin` }).end();
        else res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (received.length = 0));

  const post = (url: string, allowed: string) =>
    guardedPost(url, { 'content-type': 'application/json' }, '{"a":1}', policyFromEnv('false', allowed), 5000);

  it('refuses a loopback IP literal without connecting, naming the reason', async () => {
    expect(await post(`http://127.0.0.1:${port}/hook`, '')).toEqual({
      kind: 'refused',
      reason: '127.0.0.1, a loopback address; allow it with WEBHOOK_ALLOWED_HOSTS or WEBHOOK_ALLOW_PRIVATE=true',
    });
    expect(received).toEqual([]);
  });

  it('refuses a host name after DNS resolution (localhost → loopback)', async () => {
    const outcome = await post(`http://localhost:${port}/hook`, '');
    expect(outcome).toMatchObject({ kind: 'refused' });
    expect((outcome as { reason: string }).reason).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(received).toEqual([]);
  });

  it('delivers to an explicitly allowed target', async () => {
    expect(await post(`http://127.0.0.1:${port}/hook`, `127.0.0.1:${port}`)).toEqual({ kind: 'answered', status: 204 });
    expect(received).toEqual([{ url: '/hook', body: '{"a":1}' }]);
  });

  it('does not follow a redirect, even to an allowed target', async () => {
    expect(await post(`http://127.0.0.1:${port}/redirect`, `127.0.0.1:${port}`)).toEqual({
      kind: 'refused',
      reason: `HTTP 302 redirect to http://127.0.0.1:${port}/internal-admin not followed`,
    });
    expect(received.map((r) => r.url)).toEqual(['/redirect']);
  });

  it('refuses schemes other than http(s)', async () => {
    expect(await post('file:///etc/passwd', '')).toEqual({ kind: 'refused', reason: 'scheme file: is not http or https' });
  });
});
