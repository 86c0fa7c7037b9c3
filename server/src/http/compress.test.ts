import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createTestContext, listen, type TestContext } from '../testing.js';
import { chooseEncoding } from './compress.js';

/**
 * Compression over real HTTP, read with node:http so the bytes are seen as sent (fetch would
 * decode them on the way).
 */
let t: TestContext;
let dir: string;
let server: Awaited<ReturnType<typeof listen>>;

// A bundle-like file: large and repetitive enough to compress well, as real JavaScript does.
const ENTRY = Array.from({ length: 400 }, (_, i) => `export const message${i} = "Boka tid ${i}";\n`).join('');
const CHUNK = 'export const x = 1;\n';

beforeEach(async () => {
  t = await createTestContext();
  dir = mkdtempSync(join(tmpdir(), 'tidbok-compress-'));
  mkdirSync(join(dir, 'embed', 'chunks'), { recursive: true });
  writeFileSync(join(dir, 'embed', 'tidbok.js'), ENTRY);
  writeFileSync(join(dir, 'embed', 'chunks', 'sv-ABCD2345.js'), ENTRY.replaceAll('Boka', 'Book'));
  writeFileSync(join(dir, 'embed', 'chunks', 'tiny-ABCD2345.js'), CHUNK);
  const app = createApp({
    ...t.app.deps,
    files: { embedFile: join(dir, 'embed', 'tidbok.js'), examplesDir: join(dir, 'examples'), findClinic: async () => undefined },
  });
  server = await listen(app);
});
afterEach(async () => {
  await server.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((done, fail) => {
    httpGet(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail);
  });
}

const decode = (res: { headers: IncomingHttpHeaders; body: Buffer }) =>
  (res.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(res.body)
    : res.headers['content-encoding'] === 'gzip'
      ? gunzipSync(res.body)
      : res.body
  ).toString();

describe('chooseEncoding', () => {
  it('takes the best the client accepts, in the server order when weights tie', () => {
    expect(chooseEncoding(undefined)).toBe(null);
    expect(chooseEncoding('')).toBe(null);
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(chooseEncoding('identity')).toBe(null);
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*;q=0')).toBe(null);
    expect(chooseEncoding('gzip;q=0, *')).toBe('br');
    expect(chooseEncoding('BR')).toBe('br');
    expect(chooseEncoding('br', ['gzip'])).toBe(null);
  });
});

describe('the embed bundle', () => {
  it('goes out brotli- or gzip-compressed by Accept-Encoding, each form with its own strong ETag', async () => {
    const br = await get('/embed/tidbok.js', { 'accept-encoding': 'gzip, deflate, br' });
    const gzip = await get('/embed/tidbok.js', { 'accept-encoding': 'gzip' });
    const plain = await get('/embed/tidbok.js');
    expect([br.status, gzip.status, plain.status]).toEqual([200, 200, 200]);
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const res of [br, gzip, plain]) {
      expect(decode(res)).toBe(ENTRY);
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.headers.etag).toMatch(/^"[^"]+"$/);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
    }
    expect(new Set([br.headers.etag, gzip.headers.etag, plain.headers.etag]).size).toBe(3);
    expect(br.body.length).toBeLessThan(gzip.body.length);
    expect(gzip.body.length).toBeLessThan(ENTRY.length / 5);
  });

  it('answers 304 to the ETag of the form it would send, and 200 to that of another form', async () => {
    const br = await get('/embed/chunks/sv-ABCD2345.js', { 'accept-encoding': 'br' });
    const again = await get('/embed/chunks/sv-ABCD2345.js', { 'accept-encoding': 'br', 'if-none-match': br.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(br.headers.etag);
    expect(again.headers.vary).toBe('Accept-Encoding');
    const gzip = await get('/embed/chunks/sv-ABCD2345.js', { 'accept-encoding': 'gzip', 'if-none-match': br.headers.etag! });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(decode(gzip)).toBe(ENTRY.replaceAll('Boka', 'Book'));
  });

  it('sends a file that compression would not make smaller as it is', async () => {
    const res = await get('/embed/chunks/tiny-ABCD2345.js', { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(CHUNK);
  });
});

describe('JSON answers', () => {
  it('are compressed above a kilobyte for clients that accept it', async () => {
    const br = await get('/v1/openapi.json', { 'accept-encoding': 'br, gzip' });
    const gzip = await get('/v1/openapi.json', { 'accept-encoding': 'gzip' });
    const plain = await get('/v1/openapi.json');
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const document = JSON.parse(plain.body.toString()) as { openapi: string };
    expect(document.openapi).toMatch(/^3\./);
    expect(JSON.parse(decode(br))).toEqual(document);
    expect(JSON.parse(decode(gzip))).toEqual(document);
    for (const res of [br, gzip, plain]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers.vary).toMatch(/Accept-Encoding/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(br.body.length).toBeLessThan(plain.body.length / 4);
  });

  it('are sent as they are when small', async () => {
    const res = await get('/v1/health', { 'accept-encoding': 'br, gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary ?? '').not.toMatch(/Accept-Encoding/);
    expect(JSON.parse(res.body.toString())).toEqual(expect.any(Object));
  });

  it('keep their status and headers when compressed', async () => {
    const { slug, token } = await t.clinic('lugna');
    // A list of many treatment types is a large answer from a route with its own headers.
    for (let i = 0; i < 30; i++) {
      const res = await t.call('POST', `/v1/clinics/${slug}/admin/treatment-types`, { token, body: { name: `Behandling nummer ${i}`, durationMinutes: 30 } });
      expect(res.status).toBe(201);
    }
    const res = await get(`/v1/clinics/${slug}/admin/treatment-types`, { 'accept-encoding': 'gzip', authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('no-store');
    const list = JSON.parse(decode(res)) as unknown;
    expect(JSON.stringify(list)).toContain('Behandling nummer 29');
  });
});
