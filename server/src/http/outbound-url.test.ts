import { createServer, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutboundHost, checkOutboundUrl, isPrivateAddress, OutboundError, safeFetch } from './outbound-url.js';

const closed = { allowPrivateUrls: false };
const open = { allowPrivateUrls: true };

function refusal(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as OutboundError).code;
  }
}

describe('outbound URL rules (SSRF)', () => {
  it.each([
    ['https://10.1.2.3/hook', 'url_private_address'],
    ['https://127.0.0.1/hook', 'url_private_address'],
    ['https://127.12.0.1:8443/hook', 'url_private_address'],
    ['https://169.254.169.254/latest/meta-data', 'url_private_address'],
    ['https://172.20.0.1/hook', 'url_private_address'],
    ['https://192.168.1.1/hook', 'url_private_address'],
    ['https://100.100.0.1/hook', 'url_private_address'],
    ['https://224.0.0.1/hook', 'url_private_address'],
    ['https://0.0.0.0/hook', 'url_private_address'],
    ['https://2130706433/hook', 'url_private_address'], // 127.0.0.1 written as one number
    ['https://0x7f.1/hook', 'url_private_address'],
    ['https://[::1]/hook', 'url_private_address'],
    ['https://[fc00::1]/hook', 'url_private_address'],
    ['https://[fd12:3456::1]/hook', 'url_private_address'],
    ['https://[fe80::1]/hook', 'url_private_address'],
    ['https://[ff02::1]/hook', 'url_private_address'],
    ['https://[::ffff:127.0.0.1]/hook', 'url_private_address'],
    ['https://[::ffff:a00:1]/hook', 'url_private_address'],
    ['https://[64:ff9b::a00:1]/hook', 'url_private_address'],
    ['https://localhost/hook', 'url_private_address'],
    ['https://api.localhost/hook', 'url_private_address'],
    ['https://intranet/hook', 'url_private_address'],
    ['http://hooks.example.com/hook', 'url_not_https'],
    ['ftp://hooks.example.com/hook', 'url_not_https'],
    ['file:///etc/passwd', 'url_not_https'],
    ['https://user:pw@hooks.example.com/hook', 'url_credentials'],
    ['not a url', 'url_invalid'],
    ['https://hooks.example.com/hook', null],
    ['https://93.184.216.34/hook', null],
    ['https://[2606:4700::1111]/hook', null],
  ])('%s → %s', (url, code) => {
    expect(refusal(() => checkOutboundUrl(url, closed))).toBe(code);
  });

  it('TIDBOK_ALLOW_PRIVATE_URLS allows loopback and plain http, still not other schemes', () => {
    expect(refusal(() => checkOutboundUrl('http://127.0.0.1:9/hook', open))).toBeNull();
    expect(refusal(() => checkOutboundUrl('https://[::1]/hook', open))).toBeNull();
    expect(refusal(() => checkOutboundUrl('file:///etc/passwd', open))).toBe('url_not_https');
  });

  it('classifies addresses', () => {
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('2001:4860:4860::8888')).toBe(false);
    expect(isPrivateAddress('127.0.0.1')).toBe(true);
    expect(isPrivateAddress('::ffff:8.8.8.8')).toBe(true);
    expect(isPrivateAddress('not-an-ip')).toBe(true);
  });
});

describe('safeFetch', () => {
  let server: Server;
  let port = 0;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' });
        return res.end();
      }
      if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('x'.repeat(100_000));
      }
      if (req.url === '/silent') return; // never answers
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('hello');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A resolver that answers every name with loopback, as a rebinding DNS server would. */
  const toLoopback: LookupFunction = (_host, options, callback) => {
    if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
  };

  it('refuses a public-looking name that resolves to loopback, without connecting', async () => {
    const before = hits.length;
    const error = await safeFetch(`https://hooks.example.com:${port}/`, { config: closed, lookup: toLoopback }).catch((e) => e);
    expect(error).toBeInstanceOf(OutboundError);
    expect(error.code).toBe('url_private_address');
    expect(hits.length).toBe(before);
  });

  it('refuses a loopback literal unless private URLs are allowed', async () => {
    const error = await safeFetch(`http://127.0.0.1:${port}/`, { config: closed }).catch((e) => e);
    expect(error.code).toBe('url_not_https');
    const https = await safeFetch(`https://127.0.0.1:${port}/`, { config: closed }).catch((e) => e);
    expect(https.code).toBe('url_private_address');
    const ok = await safeFetch(`http://127.0.0.1:${port}/`, { config: open });
    expect(ok.status).toBe(200);
    expect(ok.body.toString()).toBe('hello');
  });

  it('does not follow redirects', async () => {
    const before = hits.length;
    const error = await safeFetch(`http://127.0.0.1:${port}/redirect`, { config: open }).catch((e) => e);
    expect(error.code).toBe('redirect_refused');
    expect(hits.slice(before)).toEqual(['/redirect']);
  });

  it('reads no more than maxBytes of the answer', async () => {
    const result = await safeFetch(`http://127.0.0.1:${port}/big`, { config: open, maxBytes: 1000 });
    expect(result.body.length).toBe(1000);
    expect(result.truncated).toBe(true);
  });

  it('gives up on a server that does not answer', async () => {
    const error = await safeFetch(`http://127.0.0.1:${port}/silent`, { config: open, timeoutMs: 200 }).catch((e) => e);
    expect(error.code).toBe('timeout');
  });
});

describe('checkOutboundHost (when a URL is saved)', () => {
  const answering =
    (...addresses: string[]): LookupFunction =>
    (_host, _options, callback) =>
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(
        null,
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
  const failing: LookupFunction = (_host, _options, callback) => callback(Object.assign(new Error('no'), { code: 'ENOTFOUND' }), '', 0);
  const check = (url: string, resolve: LookupFunction, config = closed) =>
    checkOutboundHost(new URL(url), config, resolve).then(
      () => null,
      (e: OutboundError) => e.code,
    );

  it('refuses a name that resolves to any private address', async () => {
    expect(await check('https://hooks.example.com/', answering('93.184.216.34', '10.0.0.5'))).toBe('url_private_address');
    expect(await check('https://hooks.example.com/', answering('::1'))).toBe('url_private_address');
  });
  it('lets a public name, an unresolvable one, or any name with private URLs allowed pass', async () => {
    expect(await check('https://hooks.example.com/', answering('93.184.216.34', '2606:4700::1111'))).toBeNull();
    expect(await check('https://hooks.example.com/', failing)).toBeNull();
    expect(await check('https://hooks.example.com/', answering('127.0.0.1'), open)).toBeNull();
  });
});
