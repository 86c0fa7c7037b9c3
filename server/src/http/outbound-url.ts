import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * The rules for every request the server makes to an address someone typed in (webhook
 * endpoints, practitioners' busy calendars): such an address must not let a clinic admin reach
 * what only the server can reach (SSRF) — the loopback interface, the private network, a cloud
 * metadata service. So:
 * - https only; no user name or password in the URL;
 * - an address literal in the URL must be public (checked here, before anything is sent);
 * - a host name is resolved by us at connect time and every address it resolves to must be
 *   public, and the connection goes to the address we checked — so a name that answered with a
 *   public address when the URL was saved and a private one now (DNS rebinding) is refused;
 * - redirects are never followed (a public URL could redirect to a private one);
 * - short time limits and a cap on how much of the answer is read.
 * `TIDBOK_ALLOW_PRIVATE_URLS=1` lifts the address rules and allows plain http, for tests and for
 * closed networks whose receivers live on private addresses.
 */
export interface OutboundConfig {
  allowPrivateUrls: boolean;
}

export type OutboundErrorCode = 'url_invalid' | 'url_not_https' | 'url_credentials' | 'url_private_address' | 'redirect_refused' | 'timeout' | 'network';

/** Why an outbound request was refused or failed; `message` is fit to show to an admin. */
export class OutboundError extends Error {
  override name = 'OutboundError';
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// Two lists: a BlockList matches IPv4 addresses against IPv6 rules too (as ::ffff:a.b.c.d), so
// one list with ::ffff:0:0/96 in it would refuse every IPv4 address.
const BLOCKED_V4 = new BlockList();
const BLOCKED_V6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  BLOCKED_V4.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['::ffff:0:0', 96], // IPv4-mapped: would reach an IPv4 address by the back door
  ['::', 96], // IPv4-compatible (deprecated), likewise
  ['64:ff9b::', 96], // NAT64: an IPv4 address behind a translator
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: carries an IPv4 address, possibly a private one
  ['fc00::', 7], // unique local addresses
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  BLOCKED_V6.addSubnet(net, prefix, 'ipv6');
}

/** True for an address a request from the server must not go to (see the list above). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true; // not an address at all: never "public"
  const plain = address.toLowerCase();
  if (family === 6 && (plain.startsWith('::ffff:') || plain.includes('.'))) return true; // mapped/embedded IPv4
  return family === 4 ? BLOCKED_V4.check(plain, 'ipv4') : BLOCKED_V6.check(plain, 'ipv6');
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/**
 * The checks that need no network: call it when a URL is saved, to refuse a bad one at once with
 * a message for the admin. Returns the parsed URL; throws OutboundError.
 */
export function checkOutboundUrl(input: string, config: OutboundConfig): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new OutboundError('url_invalid', 'The address is not a valid URL');
  }
  const allowed = config.allowPrivateUrls ? ['https:', 'http:'] : ['https:'];
  if (!allowed.includes(url.protocol)) throw new OutboundError('url_not_https', 'The address must start with https://');
  if (url.username || url.password) {
    throw new OutboundError('url_credentials', 'The address must not contain a user name or password');
  }
  const host = hostOf(url).toLowerCase();
  if (host === '') throw new OutboundError('url_invalid', 'The address has no host');
  if (!config.allowPrivateUrls) {
    if (isIP(host) !== 0 ? isPrivateAddress(host) : isLocalName(host)) {
      throw new OutboundError('url_private_address', 'The address points to a private or local network');
    }
  }
  return url;
}

/**
 * The check of a host name when a URL is saved: resolved now, and refused if any address it
 * resolves to is private, so an admin hears of the mistake at once. A name that does not resolve
 * (yet) passes; either way the check that counts is the one at connect time (publicOnlyLookup).
 */
export async function checkOutboundHost(
  url: URL,
  config: OutboundConfig,
  resolve: LookupFunction = dnsLookup as unknown as LookupFunction,
  timeoutMs = 3_000,
): Promise<void> {
  const host = hostOf(url);
  if (config.allowPrivateUrls || isIP(host) !== 0) return;
  const addresses = await new Promise<LookupAddress[]>((done) => {
    const timer = setTimeout(() => done([]), timeoutMs);
    resolve(host, { all: true }, (error, result) => {
      clearTimeout(timer);
      done(error ? [] : Array.isArray(result) ? (result as LookupAddress[]) : [{ address: result as unknown as string, family: 0 }]);
    });
  });
  const refused = addresses.find((entry) => isPrivateAddress(entry.address));
  if (refused) throw new OutboundError('url_private_address', `The address's host name resolves to a private or local address (${refused.address})`);
}

/** Names that never leave the machine or the local network, whatever DNS says. */
function isLocalName(host: string): boolean {
  const name = host.replace(/\.$/, '');
  return (
    name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local') || name.endsWith('.internal') || !name.includes('.') // a bare name resolves through the local search domain
  );
}

/**
 * A `lookup` for http(s).request that resolves like the system does and refuses the connection
 * when any resolved address is private: the socket then connects to the address checked here,
 * not to whatever a second resolution would say.
 */
export function publicOnlyLookup(resolve: LookupFunction = dnsLookup as unknown as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = (Array.isArray(addresses) ? addresses : [{ address: addresses, family: 0 }]) as LookupAddress[];
      const refused = list.find((entry) => isPrivateAddress(entry.address));
      if (list.length === 0 || refused) {
        const err = new OutboundError(
          'url_private_address',
          `The address's host name resolves to a private or local address${refused ? ` (${refused.address})` : ''}`,
        );
        return callback(err as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export interface SafeFetchOptions {
  config: OutboundConfig;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The whole exchange, connect to last byte read; default 10 s. */
  timeoutMs?: number;
  /** Bytes of the answer kept; the rest is not read. Default 4 KiB. */
  maxBytes?: number;
  /** Resolver used at connect time (tests pass one); the result is checked all the same. */
  lookup?: LookupFunction;
}

export interface SafeFetchResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The answer was longer than maxBytes; `body` holds its first maxBytes bytes. */
  truncated: boolean;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * One request under the rules above. Resolves with any status except a redirect, which rejects
 * with `redirect_refused` (a 304 Not Modified is not a redirect and resolves). Rejects with
 * OutboundError for refused addresses, time-outs and network failures.
 */
export async function safeFetch(input: string, options: SafeFetchOptions): Promise<SafeFetchResult> {
  const url = checkOutboundUrl(input, options.config);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 4096;
  const host = hostOf(url);
  if (!options.config.allowPrivateUrls && isIP(host) !== 0 && isPrivateAddress(host)) {
    throw new OutboundError('url_private_address', 'The address points to a private or local network');
  }
  const lookup = options.config.allowPrivateUrls ? options.lookup : publicOnlyLookup(options.lookup);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    const fail = (error: OutboundError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const req = send(url, {
      method: options.method ?? 'GET',
      headers: {
        'user-agent': 'Tidbok',
        ...options.headers,
        ...(body ? { 'content-length': String(body.length) } : {}),
      },
      ...(lookup ? { lookup } : {}),
      // A fresh connection per request: a pooled socket would skip the address check.
      agent: false,
    });
    const timer = setTimeout(() => fail(new OutboundError('timeout', `No complete answer within ${timeoutMs / 1000} s`)), timeoutMs);
    req.on('error', (error) => {
      fail(error instanceof OutboundError ? error : new OutboundError('network', describeNetworkError(error)));
    });
    req.on('response', (res) => {
      if (REDIRECTS.has(res.statusCode ?? 0)) {
        return fail(new OutboundError('redirect_refused', `The server answered ${res.statusCode} (a redirect); redirects are not followed`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), truncated });
        res.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = maxBytes - size;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          size = maxBytes;
          truncated = true;
          return finish();
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', finish);
      res.on('error', (error) => fail(new OutboundError('network', describeNetworkError(error))));
    });
    req.end(body);
  });
}

function describeNetworkError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'The connection was refused';
  if (code === 'ENOTFOUND') return 'The host name was not found';
  if (code === 'ECONNRESET') return 'The connection was reset';
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return `TLS failed (${code})`;
  return code ? `Network error (${code})` : error.message;
}
