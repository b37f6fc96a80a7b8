import { nonPublicRange, policyFromEnv, refusalFor } from './ssrf-guard';

describe('webhook SSRF guard', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'this-network'],
    ['224.0.0.1', 'multicast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'unique-local (private)'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
  ])('classifies %s as %s', (address, range) => {
    expect(nonPublicRange(address)).toBe(range);
  });

  it.each(['93.184.215.14', '172.32.0.1', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('treats %s as public', (address) => {
    expect(nonPublicRange(address)).toBeNull();
  });

  const closed = policyFromEnv(undefined, undefined);

  it('refuses a loopback target with the reason and the way to allow it', () => {
    expect(refusalFor(closed, '127.0.0.1', '80', '127.0.0.1')).toBe(
      '127.0.0.1, a loopback address; allow it with WEBHOOK_ALLOWED_HOSTS or WEBHOOK_ALLOW_PRIVATE=true',
    );
    expect(refusalFor(closed, 'localhost', '8080', '::1')).toBe(
      'localhost resolves to ::1, a loopback address; allow it with WEBHOOK_ALLOWED_HOSTS or WEBHOOK_ALLOW_PRIVATE=true',
    );
    expect(refusalFor(closed, 'hooks.example.com', '443', '93.184.215.14')).toBeNull();
  });

  it('allows exactly what the configuration names: host, host:port, address or CIDR', () => {
    const policy = policyFromEnv('false', 'hooks.internal, 127.0.0.1:8080,10.20.0.0/16 ,fd00::/8');
    expect(refusalFor(policy, 'hooks.internal', '443', '10.9.9.9')).toBeNull();
    expect(refusalFor(policy, '127.0.0.1', '8080', '127.0.0.1')).toBeNull();
    expect(refusalFor(policy, '127.0.0.1', '8081', '127.0.0.1')).toMatch(/loopback/);
    expect(refusalFor(policy, 'db.internal', '80', '10.20.3.4')).toBeNull();
    expect(refusalFor(policy, 'db.internal', '80', '10.21.3.4')).toMatch(/private/);
    expect(refusalFor(policy, 'v6.internal', '80', 'fd00::5')).toBeNull();
    expect(refusalFor(policyFromEnv('true', ''), 'anything', '80', '169.254.169.254')).toBeNull();
  });
});
