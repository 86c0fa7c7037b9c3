import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type TidbokApp } from './app.js';
import { ManualClock } from './clock.js';
import { type Config, testConfig } from './config.js';
import { openSqliteStore, type Store } from './store/store.js';

export const OPERATOR_TOKEN = 'operator-token-for-tests-0123456789abcdef';

export interface TestContext {
  app: TidbokApp;
  store: Store;
  clock: ManualClock;
  dir: string;
  file: string;
  /** `app.request` with JSON in and a bearer token. */
  call(method: string, path: string, options?: { token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** Creates a clinic through the operator route and returns its slug and admin token. */
  clinic(slug?: string, extra?: Record<string, unknown>): Promise<{ slug: string; token: string; id: string }>;
  close(): Promise<void>;
}

/**
 * A real app on a real SQLite file in a fresh temp folder, with a manual clock that starts at
 * a fixed instant (never today's date).
 */
export async function createTestContext(options: { now?: string; config?: Partial<Config> } = {}): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), 'tidbok-test-'));
  const file = join(dir, 'tidbok.db');
  const store = openSqliteStore({ file });
  await store.migrate();
  const clock = new ManualClock(Date.parse(options.now ?? '2027-03-01T08:00:00Z'));
  const config = testConfig({ dbFile: file, operatorToken: OPERATOR_TOKEN, rateLimitPerMinute: 0, ...options.config });
  const app = createApp({ store, clock, config });
  const ctx: TestContext = {
    app,
    store,
    clock,
    dir,
    file,
    call(method, path, { token, body, headers } = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      const h = init.headers as Record<string, string>;
      if (token) h.authorization = `Bearer ${token}`;
      if (body !== undefined) {
        h['content-type'] ??= 'application/json';
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
      }
      return Promise.resolve(app.request(path, init));
    },
    async clinic(slug = 'test', extra = {}) {
      const res = await ctx.call('POST', '/v1/clinics', {
        token: OPERATOR_TOKEN,
        body: { slug, name: `Clinic ${slug}`, ...extra },
      });
      if (res.status !== 201) throw new Error(`creating clinic failed: ${res.status} ${await res.text()}`);
      const json = (await res.json()) as { clinic: { id: string; slug: string }; adminToken: string };
      return { slug: json.clinic.slug, token: json.adminToken, id: json.clinic.id };
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return ctx;
}

/** Serves an app on a loopback port for tests that need real HTTP (the SDK, browsers, races). */
export async function listen(app: TidbokApp): Promise<{ url: string; server: ServerType; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        server,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
