// The HTTP edge as an outsider meets it, over real HTTP on loopback: body limits while a body
// streams in, rate limits on the HTML form and on a clinic called `admin`, the client address
// behind proxies, reserved slugs, security headers on every kind of answer, and what the log
// says when a client hangs up halfway through its body.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { findClinicBySlug } from '../services/clinics.js';
import { createTestContext, listen, OPERATOR_TOKEN, type TestContext } from '../testing.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface LogLine {
  level: 'info' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** A test context and the same app behind a real loopback port, logging into `logs`. */
async function serve(config: Partial<Config> = {}) {
  const t = await createTestContext({ config });
  const logs: LogLine[] = [];
  const logger: Logger = {
    info: (message, fields = {}) => logs.push({ level: 'info', message, fields }),
    error: (message, fields = {}) => logs.push({ level: 'error', message, fields }),
  };
  const deps = t.app.deps;
  const app = createApp({
    ...deps,
    logger,
    files: {
      embedFile: join(root, 'server/dist/embed/tidbok.js'),
      examplesDir: join(root, 'examples'),
      findClinic: (slug) => findClinicBySlug(deps, slug),
    },
  });
  const srv = await listen(app);
  cleanups.push(async () => {
    await srv.close();
    await t.close();
  });
  return { t, url: srv.url, port: Number(new URL(srv.url).port), logs };
}

async function open(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return socket;
}

/**
 * POSTs a chunked body of up to `max` bytes over a raw socket, a chunk at a time as the socket
 * takes it, and stops sending as soon as the server answers. Returns the answer's head and how
 * much of the body went out before it.
 */
async function uploadChunked(port: number, path: string, max: number, contentType = 'application/x-www-form-urlencoded') {
  const socket = await open(port);
  let answer = '';
  let closed = false;
  const changed: (() => void)[] = [];
  const wake = () => changed.splice(0).forEach((resolve) => resolve());
  socket.on('data', (data: Buffer) => {
    answer += data.toString('latin1');
    wake();
  });
  socket.on('close', () => {
    closed = true;
    wake();
  });
  socket.on('error', () => {}); // a reset after the answer is expected
  socket.write(`POST ${path} HTTP/1.1\r\nHost: tidbok.test\r\nContent-Type: ${contentType}\r\nTransfer-Encoding: chunked\r\n\r\n`);
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
  let sent = 0;
  while (sent < max && answer === '' && !closed) {
    sent += chunk.length;
    if (!socket.write(frame)) {
      await new Promise<void>((resolve) => {
        changed.push(resolve);
        socket.once('drain', resolve);
      });
    }
  }
  const complete = sent >= max && answer === '';
  if (complete) socket.write('0\r\n\r\n');
  while (!answer.includes('\r\n\r\n') && !closed) await new Promise<void>((resolve) => changed.push(resolve));
  socket.destroy();
  return { status: Number(answer.split(' ')[1]), head: answer.split('\r\n\r\n')[0] ?? '', sent, complete };
}

describe('request bodies', () => {
  const MiB = 1024 * 1024;

  it('refuses a chunked upload to the manage page form while it streams, without reading it all', async () => {
    const { port } = await serve();
    const upload = await uploadChunked(port, '/b/test/bk_whatever', 64 * MiB);
    expect(upload.status).toBe(413);
    expect(upload.complete).toBe(false);
    // The answer came after a few chunks (what the sockets buffer), not after the whole body.
    expect(upload.sent).toBeLessThan(16 * MiB);
    expect(upload.head.toLowerCase()).toContain('content-type: text/html');
    expect(upload.head.toLowerCase()).toContain('connection: close');
  });

  it('refuses a declared Content-Length over the limit on every route outside the API at once', async () => {
    const { url } = await serve();
    for (const path of ['/b/test/bk_whatever', '/c/test/', '/demo/', '/no/such/page']) {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `t=${'x'.repeat(9 * 1024)}`,
      });
      expect(res.status, path).toBe(413);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
    }
    // A real form post is well under it.
    const small = await fetch(`${url}/b/test/bk_whatever`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 't=tbm_abc',
    });
    expect(small.status).toBe(404);
  });

  it('answers the API with problem+json, chunked or declared', async () => {
    const { url, port } = await serve();
    const upload = await uploadChunked(port, '/v1/clinics/test/holds', 64 * MiB, 'application/json');
    expect(upload.status).toBe(413);
    expect(upload.complete).toBe(false);
    expect(upload.head.toLowerCase()).toContain('content-type: application/problem+json');
    const res = await fetch(`${url}/v1/clinics/test/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ x: 'y'.repeat(70_000) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('payload_too_large');
  });

  it('logs a client that hangs up halfway through its body as a closed request (499), not a server error', async () => {
    const { port, logs } = await serve();
    const starts = {
      '/b/test/bk_whatever': 'Content-Length: 100\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nt=tbm_',
      '/b/test/bk_other': 'Transfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n6\r\nt=tbm_\r\n',
      '/v1/clinics/test/holds': 'Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n5\r\n{"a":\r\n',
    };
    for (const [path, start] of Object.entries(starts)) {
      const socket = await open(port);
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.write(`POST ${path} HTTP/1.1\r\nHost: tidbok.test\r\n${start}`);
      // Wait until the server is reading the body (its first chunk is in), then hang up.
      await new Promise((resolve) => setImmediate(resolve));
      socket.destroy();
      await closed;
      while (!logs.some((line) => line.fields.path === path)) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(logs.filter((line) => line.level === 'error')).toEqual([]);
    expect(logs.map((line) => [line.fields.path, line.fields.status])).toEqual([
      ['/b/test/bk_whatever', 499],
      ['/b/test/bk_other', 499],
      ['/v1/clinics/test/holds', 499],
    ]);
  });
});

describe('rate limits', () => {
  let t: TestContext;

  it('limit the manage page form per address, with a short page and Retry-After', async () => {
    ({ t } = await serve({ rateLimitPerMinute: 2 }));
    const post = () =>
      t.app.request('/b/test/bk_whatever', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 't=tbm_guess',
      });
    expect((await post()).status).toBe(404);
    expect((await post()).status).toBe(404);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('Too many attempts');
  });

  it('count a clinic whose slug is `admin` like any other, and still not count routes that need a staff token', async () => {
    ({ t } = await serve({ rateLimitPerMinute: 2 }));
    // A clinic that took the slug before it was reserved.
    const { token } = await t.clinic('was-admin');
    await t.store.db.updateTable('clinics').set({ slug: 'admin' }).where('slug', '=', 'was-admin').execute();
    const body = { treatmentTypeId: 'tt_x', practitionerId: 'pr_x', start: '2027-03-03T08:00:00Z' };
    const hold = () => t.call('POST', '/v1/clinics/admin/holds', { body });
    expect((await hold()).status).not.toBe(429);
    expect((await hold()).status).not.toBe(429);
    expect((await hold()).status).toBe(429);
    expect((await t.call('DELETE', '/v1/clinics/admin/holds/ho_x')).status).toBe(429);
    // Staff work goes on: their routes need a token and are not counted.
    for (let i = 0; i < 3; i++) {
      const res = await t.call('POST', '/v1/clinics/admin/admin/locations', { token, body: { name: `Rum ${i}` } });
      expect(res.status).toBe(201);
    }
  });
});

describe('reserved slugs', () => {
  it('refuses a clinic named like a route segment with slug_reserved', async () => {
    const { t } = await serve();
    for (const slug of ['admin', 'v1', 'embed', 'metrics', 'api']) {
      const res = await t.call('POST', '/v1/clinics', { token: OPERATOR_TOKEN, body: { slug, name: 'Klinik' } });
      expect(res.status, slug).toBe(409);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ code: 'slug_reserved', errors: [{ path: 'slug', message: 'Reserved' }] });
    }
    // Near misses are ordinary slugs.
    expect((await t.call('POST', '/v1/clinics', { token: OPERATOR_TOKEN, body: { slug: 'admin-klinik', name: 'Klinik' } })).status).toBe(201);
  });
});

describe('the client address behind proxies', () => {
  const hold = (url: string, forwardedFor: string) =>
    fetch(`${url}/v1/clinics/nowhere/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: '{}',
    }).then((res) => res.status);

  it('is the entry the trusted proxy added (the rightmost), whatever the client put before it', async () => {
    const { url } = await serve({ rateLimitPerMinute: 1, trustProxy: 1 });
    expect(await hold(url, '203.0.113.1, 198.51.100.7')).not.toBe(429);
    // The same client making up a new address on the left is still the same client.
    expect(await hold(url, '203.0.113.2, 198.51.100.7')).toBe(429);
    expect(await hold(url, '198.51.100.7')).toBe(429);
    // Another client, reaching the proxy from elsewhere.
    expect(await hold(url, '203.0.113.1, 198.51.100.8')).not.toBe(429);
  });

  it('is the entry the outermost of N proxies added, and the socket when fewer entries came', async () => {
    const { url } = await serve({ rateLimitPerMinute: 1, trustProxy: 2 });
    expect(await hold(url, 'spoof-1, 198.51.100.7, 10.0.0.1')).not.toBe(429);
    expect(await hold(url, 'spoof-2, 198.51.100.7, 10.0.0.2')).toBe(429);
    // One entry cannot have come through two proxies: the socket's peer (loopback) is counted.
    expect(await hold(url, '192.0.2.50')).not.toBe(429);
    expect(await hold(url, '192.0.2.51')).toBe(429);
  });

  it('is the socket without TIDBOK_TRUST_PROXY, whatever the header says', async () => {
    const { url } = await serve({ rateLimitPerMinute: 1, trustProxy: 0 });
    expect(await hold(url, '203.0.113.1')).not.toBe(429);
    expect(await hold(url, '203.0.113.2')).toBe(429);
  });
});

describe('security headers', () => {
  const policyOf = (res: Response) =>
    new Map(
      (res.headers.get('content-security-policy') ?? '')
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );

  it('give every HTML page a CSP without inline script, and nobody may frame them', async () => {
    const { t, url } = await serve();
    const { token } = await t.clinic('lugna');
    const pages = [`/c/lugna/`, `/b/lugna/bk_whatever?t=x`, '/demo/', '/demo/admin.html'];
    for (const path of pages) {
      const res = await fetch(`${url}${path}`);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      const policy = policyOf(res);
      expect(policy.get('default-src'), path).toEqual(["'none'"]);
      expect(policy.get('script-src')?.[0], path).toBe("'self'");
      expect(policy.get('script-src')?.join(' '), path).not.toMatch(/unsafe/);
      expect(policy.get('object-src') ?? policy.get('default-src'), path).toEqual(["'none'"]);
      expect(policy.get('base-uri'), path).toEqual(["'none'"]);
      expect(policy.get('form-action'), path).toEqual(["'self'"]);
      expect(policy.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
    // The receipt staff print is a page too; it runs nothing.
    const receipt = await fetch(`${url}/v1/clinics/lugna/admin/bookings/bk_x/receipt`, { headers: { authorization: `Bearer ${token}` } });
    expect(policyOf(receipt).get('frame-ancestors')).toEqual(["'none'"]);
    // JSON is no page: nothing may run from it or frame it.
    const json = await fetch(`${url}/v1/clinics/lugna`);
    expect(json.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("allow exactly the demo page's own inline script, by hash", async () => {
    const { url } = await serve();
    const html = readFileSync(join(root, 'examples/intranet-admin/index.html'), 'utf8');
    const code = /<script type="module">([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = `'sha256-${createHash('sha256').update(code).digest('base64')}'`;
    const policy = policyOf(await fetch(`${url}/demo/admin.html`));
    expect(policy.get('script-src')).toEqual(["'self'", hash]);
  });

  it('let the hosted booking page, and only it, be framed by TIDBOK_FRAME_ANCESTORS', async () => {
    const { t, url } = await serve({ frameAncestors: ['https://www.lugna.example', 'https://*.lugna.example'] });
    await t.clinic('lugna');
    const hosted = await fetch(`${url}/c/lugna/`);
    expect(policyOf(hosted).get('frame-ancestors')).toEqual(['https://www.lugna.example', 'https://*.lugna.example']);
    expect(hosted.headers.get('x-frame-options')).toBeNull();
    const manage = await fetch(`${url}/b/lugna/bk_whatever`);
    expect(policyOf(manage).get('frame-ancestors')).toEqual(["'none'"]);
    expect(manage.headers.get('x-frame-options')).toBe('DENY');
  });

  it('send HSTS when the public address is https', async () => {
    const { url } = await serve({ publicUrl: 'https://boka.lugna.example' });
    for (const path of ['/v1/health', '/c/nowhere/', '/demo/']) {
      expect((await fetch(`${url}${path}`)).headers.get('strict-transport-security'), path).toBe('max-age=31536000');
    }
  });
});
