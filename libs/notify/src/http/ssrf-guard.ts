import { BlockList, isIP } from 'node:net';

/**
 * Which webhook targets a tenant may make the routing service call. A routing tree is tenant input, so
 * without this guard any admin key could make Loops POST into the operator's own network (metadata
 * services, databases' HTTP ports, the other Loops services). Private, loopback and link-local targets
 * are refused unless the operator allows them.
 */
export interface WebhookTargetPolicy {
  /** WEBHOOK_ALLOW_PRIVATE=true: every address is allowed (a closed network where receivers are internal). */
  allowPrivate: boolean;
  /**
   * WEBHOOK_ALLOWED_HOSTS: host names (`hooks.internal`), `host:port` (`127.0.0.1:8080`), IP addresses or
   * CIDR ranges (`10.20.0.0/16`) allowed even though they are private.
   */
  allowedHosts: string[];
}

const RANGES: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'this-network'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fec0::', 10, 'ipv6', 'site-local'],
  ['fc00::', 7, 'ipv6', 'unique-local (private)'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const LISTS = RANGES.map(([network, prefix, family, label]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, family, label };
});

/** IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4): the embedded address is what is reached. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) return hexToIpv4(hex[1], hex[2]);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  if (sixToFour) return hexToIpv4(sixToFour[1], sixToFour[2]);
  return null;
}

function hexToIpv4(high: string, low: string): string {
  const h = parseInt(high, 16);
  const l = parseInt(low, 16);
  return [h >> 8, h & 255, l >> 8, l & 255].join('.');
}

/** The non-public range an address falls in (`loopback`, `private`, ...), or null for a public address. */
export function nonPublicRange(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4) return nonPublicRange(v4);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return LISTS.find((l) => l.family === type && l.list.check(address, type))?.label ?? null;
}

function inCidr(address: string, cidr: string): boolean {
  const [network, bits] = cidr.split('/');
  const family = isIP(network);
  if (family === 0 || !/^\d+$/.test(bits ?? '')) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const candidate = type === 'ipv4' && isIP(address) === 6 ? embeddedIpv4(address) : address;
  if (!candidate || isIP(candidate) !== family) return false;
  const list = new BlockList();
  list.addSubnet(network, Number(bits), type);
  return list.check(candidate, type);
}

function explicitlyAllowed(policy: WebhookTargetPolicy, hostname: string, port: string, address: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return policy.allowedHosts.some((entry) => {
    const e = entry.trim().toLowerCase();
    if (!e) return false;
    if (e.includes('/')) return inCidr(address, e);
    if (e === host || e === address) return true;
    return e === `${host}:${port}` || e === `${address}:${port}` || e === `[${address}]:${port}`;
  });
}

/**
 * Why a connection to `address` (what `hostname` resolved to) must not be made, or null when it may.
 * Checked on the address actually connected to, so DNS answers that change between checks (rebinding)
 * cannot slip a private address through.
 */
export function refusalFor(policy: WebhookTargetPolicy, hostname: string, port: string, address: string): string | null {
  if (policy.allowPrivate) return null;
  const range = nonPublicRange(address);
  if (range === null || explicitlyAllowed(policy, hostname, port, address)) return null;
  const via = hostname.replace(/^\[|\]$/g, '') === address ? address : `${hostname} resolves to ${address}`;
  return `${via}, a ${range} address; allow it with WEBHOOK_ALLOWED_HOSTS or WEBHOOK_ALLOW_PRIVATE=true`;
}

export function policyFromEnv(allowPrivate: string | boolean | undefined, allowedHosts: string | undefined): WebhookTargetPolicy {
  return {
    allowPrivate: allowPrivate === true || allowPrivate === 'true',
    allowedHosts: (allowedHosts ?? '').split(',').map((h) => h.trim()).filter(Boolean),
  };
}
