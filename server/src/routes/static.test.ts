import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type TidbokApp } from '../app.js';
import { createTestContext, type TestContext } from '../testing.js';

let t: TestContext;
let dir: string;
let app: TidbokApp;

const ENTRY = 'import("./chunks/admin-ABCD2345.js");\n';
const CHUNK = 'export const staff = 1;\n';

/** An app serving the embed bundle from `<dir>/embed/`, the way `server/dist/embed/` is laid out. */
function serving(embedFile = join(dir, 'embed', 'tidbok.js')): TidbokApp {
  const { deps } = t.app;
  return createApp({ ...deps, files: { embedFile, examplesDir: join(dir, 'examples'), findClinic: async () => undefined } });
}

beforeEach(async () => {
  t = await createTestContext();
  dir = mkdtempSync(join(tmpdir(), 'tidbok-static-'));
  mkdirSync(join(dir, 'embed', 'chunks'), { recursive: true });
  writeFileSync(join(dir, 'embed', 'tidbok.js'), ENTRY);
  writeFileSync(join(dir, 'embed', 'chunks', 'admin-ABCD2345.js'), CHUNK);
  writeFileSync(join(dir, 'embed', 'chunks', 'helper.js'), 'export {};\n');
  // Neighbours that must never be served: next to the bundle, and outside its folder.
  writeFileSync(join(dir, 'embed', 'tidbok.db'), 'SQLite format 3');
  writeFileSync(join(dir, 'embed', '.env.js'), 'secret');
  writeFileSync(join(dir, 'secret.js'), 'secret');
  app = serving();
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => app.request(`http://localhost${path}`, { headers });

describe('GET /embed/…', () => {
  it('serves tidbok.js as a cross-origin script with a short cache and an ETag', async () => {
    const res = await get('/embed/tidbok.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(ENTRY);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
  });

  it('serves the chunks tidbok.js imports, hashed ones cached for good', async () => {
    const res = await get('/embed/chunks/admin-ABCD2345.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(CHUNK);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // A file without a content hash in its name may change under the same name.
    expect((await get('/embed/chunks/helper.js')).headers.get('cache-control')).toBe('public, max-age=300');
  });

  it('caches for good the chunk names the Rollup build writes (hash in lower case)', async () => {
    writeFileSync(join(dir, 'embed', 'chunks', 'sv-k8sthx34.js'), CHUNK);
    const res = await get('/embed/chunks/sv-k8sthx34.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers If-None-Match with 304, and a changed file with its new content and ETag', async () => {
    const first = await get('/embed/tidbok.js');
    const etag = first.headers.get('etag')!;
    const again = await get('/embed/tidbok.js', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect((await get('/embed/tidbok.js', { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);

    // A rebuild while the server runs: the new file is served, not the one in memory.
    writeFileSync(join(dir, 'embed', 'tidbok.js'), `${ENTRY}// rebuilt\n`);
    utimesSync(join(dir, 'embed', 'tidbok.js'), new Date(), new Date(Date.now() + 5000));
    const rebuilt = await get('/embed/tidbok.js', { 'if-none-match': etag });
    expect(rebuilt.status).toBe(200);
    expect(await rebuilt.text()).toBe(`${ENTRY}// rebuilt\n`);
    expect(rebuilt.headers.get('etag')).not.toBe(etag);
  });

  it('serves nothing outside the bundle: no traversal, no other files in its folder', async () => {
    symlinkSync(join(dir, 'secret.js'), join(dir, 'embed', 'chunks', 'link.js'));
    const attempts = [
      '/embed/../secret.js',
      '/embed/%2e%2e/secret.js',
      '/embed/..%2fsecret.js',
      '/embed/..%2Fsecret.js',
      '/embed/chunks/..%2F..%2Fsecret.js',
      '/embed/chunks%2F..%2F..%2Fsecret.js',
      '/embed/%2e%2e%2fsecret.js',
      '/embed/..%5csecret.js',
      '/embed/chunks/%2e%2e/%2e%2e/secret.js',
      '/embed//etc/passwd.js',
      '/embed/%2fetc%2fpasswd.js',
      '/embed/chunks/link.js',
      '/embed/tidbok.db',
      '/embed/.env.js',
      '/embed/chunks/',
      '/embed/chunks',
      '/embed/',
      '/embed/chunks/missing-ABCD2345.js',
    ];
    for (const path of attempts) {
      const res = await get(path);
      expect.soft(res.status, path).toBe(404);
      expect.soft(await res.text(), path).not.toMatch(/secret|SQLite/);
    }
  });

  it('says the bundle is not built when the entry is missing', async () => {
    rmSync(join(dir, 'embed'), { recursive: true });
    const res = await get('/embed/tidbok.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await res.json()).detail).toMatch(/npm run build/);
    expect((await get('/embed/chunks/admin-ABCD2345.js')).status).toBe(404);
  });

  it('serves the entry file as /embed/tidbok.js whatever its name, its folder around it', async () => {
    writeFileSync(join(dir, 'embed', 'bundle.js'), 'export const named = 1;\n');
    app = serving(join(dir, 'embed', 'bundle.js'));
    expect(await (await get('/embed/tidbok.js')).text()).toBe('export const named = 1;\n');
    expect((await get('/embed/bundle.js')).headers.get('cache-control')).toBe('public, max-age=300');
    expect(await (await get('/embed/chunks/admin-ABCD2345.js')).text()).toBe(CHUNK);
  });

  it('answers HEAD like GET, without the body', async () => {
    const res = await app.request('http://localhost/embed/chunks/admin-ABCD2345.js', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe('');
  });
});
