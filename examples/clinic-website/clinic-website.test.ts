// End to end: the example clinic page on its own origin, the embed script and the API on the
// Tidbok server's, a real Chromium booking a time, and the booking checked on the server.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTidbokAdmin } from '@tidbok/sdk';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app.js';
import { systemClock } from '../../server/src/clock.js';
import { testConfig } from '../../server/src/config.js';
import { seedDemo } from '../../server/src/demo.js';
import { openSqliteStore, type Store } from '../../server/src/store/store.js';
import { listen } from '../../server/src/testing.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

let dir: string;
let store: Store;
let api: Awaited<ReturnType<typeof listen>>;
let site: Server;
let siteUrl: string;
let adminToken: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: install it with 'apt-get install chromium' (or set CHROMIUM_PATH).`);
  dir = mkdtempSync(join(tmpdir(), 'tidbok-e2e-'));
  // The embed bundle from source, as `npm run build` makes it (unminified is enough here).
  const embedFile = join(dir, 'tidbok.js');
  await build({
    entryPoints: [join(root, 'packages/elements/src/embed.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    tsconfig: join(root, 'tsconfig.json'),
    outfile: embedFile,
    logLevel: 'warning',
  });
  store = openSqliteStore({ file: join(dir, 'tidbok.db') });
  await store.migrate();
  // The system clock: the browser's clock is real too.
  const deps = { store, clock: systemClock, config: testConfig({ dbFile: join(dir, 'tidbok.db'), rateLimitPerMinute: 0 }) };
  ({ adminToken } = await seedDemo(deps));
  const files = { embedFile, examplesDir: join(root, 'examples'), findClinic: async () => undefined };
  api = await listen(createApp({ ...deps, files }));

  // The clinic's own website, elsewhere: the page as shipped, pointed at the Tidbok server.
  const page = readFileSync(join(root, 'examples/clinic-website/index.html'), 'utf8')
    .replace('src="/embed/tidbok.js"', `src="${api.url}/embed/tidbok.js"`)
    .replace('<tidbok-booking clinic="demo">', `<tidbok-booking clinic="demo" api="${api.url}">`);
  site = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page));
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
  const admin = createTidbokAdmin({ baseUrl: api.url, clinic: 'demo', token: adminToken });
  await admin.settings.update({ booking: { allowedOrigins: [siteUrl] } });

  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  await api?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('examples/clinic-website', () => {
  it('has exactly one script tag, the embed, and one booking element', () => {
    const html = readFileSync(join(root, 'examples/clinic-website/index.html'), 'utf8');
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="/embed/tidbok.js">']);
    expect(html).toContain('<tidbok-booking clinic="demo"></tidbok-booking>');
  });

  it('books a time from another origin, and the booking is on the server', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(siteUrl);
    const widget = page.locator('tidbok-booking');
    await widget.getByRole('button', { name: /^Fysioterapi/ }).click();
    // Only Erik offers it: straight to the times.
    await widget.locator('[part~="slot"]').first().click();
    await widget.getByLabel('Namn', { exact: true }).fill('Karin Ek');
    await widget.getByLabel('E-post', { exact: true }).fill('karin.ek@example.com');
    const booked = page.evaluate(
      () =>
        new Promise<{ id: string; status: string }>((resolve) =>
          document.addEventListener('tidbok-booked', (e) => resolve((e as CustomEvent).detail.booking), { once: true }),
        ),
    );
    await widget.getByRole('button', { name: /^Boka/ }).click();
    const booking = await booked;
    await expect(widget.getByRole('heading', { name: 'Din tid är bokad' }).isVisible()).resolves.toBe(true);

    const admin = createTidbokAdmin({ baseUrl: api.url, clinic: 'demo', token: adminToken });
    const stored = await admin.bookings.get(booking.id);
    expect(stored.status).toBe('booked');
    const client = await admin.clients.get(stored.clientId);
    expect(client).toMatchObject({ name: 'Karin Ek', email: 'karin.ek@example.com' });
    expect(failures).toEqual([]);
    await page.close();
  });
});
