import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request as httpRequest, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { refusalFor, WebhookTargetPolicy } from './ssrf-guard';

export type PostOutcome =
  | { kind: 'answered'; status: number }
  /** Not sent: the target is not allowed (non-public address, redirect). Permanent: retrying cannot help. */
  | { kind: 'refused'; reason: string }
  /** Network error or timeout: worth retrying. */
  | { kind: 'error'; message: string };

class RefusedTarget extends Error {}

/**
 * A DNS lookup that refuses non-public answers at connect time: the address checked is the address the
 * socket connects to, so a name that resolves differently on a second query (DNS rebinding) cannot
 * reach a private address.
 */
function guardedLookup(policy: WebhookTargetPolicy, hostname: string, port: string): LookupFunction {
  return ((host: string, options: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(host, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, []);
      for (const a of addresses) {
        const reason = refusalFor(policy, hostname, port, a.address);
        if (reason) return callback(new RefusedTarget(reason), []);
      }
      const all = (options as { all?: boolean }).all;
      if (all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  }) as LookupFunction;
}

/**
 * POSTs a signed webhook body without following redirects (a 3xx could point anywhere, private
 * addresses included) and only to targets the policy allows, both for IP literals and for every
 * address a host name resolves to.
 */
export function guardedPost(
  url: string,
  headers: Record<string, string>,
  body: string,
  policy: WebhookTargetPolicy,
  timeoutMs: number,
): Promise<PostOutcome> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ kind: 'refused', reason: `invalid URL ${JSON.stringify(url)}` });
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.resolve({ kind: 'refused', reason: `scheme ${target.protocol} is not http or https` });
  }
  const hostname = target.hostname.replace(/^\[|\]$/g, '');
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  if (isIP(hostname)) {
    const reason = refusalFor(policy, hostname, port, hostname);
    if (reason) return Promise.resolve({ kind: 'refused', reason });
  }
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    lookup: guardedLookup(policy, hostname, port),
    timeout: timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(target, options, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        resolve({ kind: 'refused', reason: `HTTP ${status} redirect to ${res.headers.location ?? '(no location)'} not followed` });
      } else {
        resolve({ kind: 'answered', status });
      }
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => {
      resolve(error instanceof RefusedTarget ? { kind: 'refused', reason: error.message } : { kind: 'error', message: error.message });
    });
    req.end(body);
  });
}
