import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'kysely';
import pg from 'pg';
import { createApp, type TidbokApp } from './app.js';
import { ManualClock } from './clock.js';
import { type Config, testConfig } from './config.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

export const OPERATOR_TOKEN = 'operator-token-for-tests-0123456789abcdef';

export type Engine = 'sqlite' | 'postgres';

/**
 * The PostgreSQL database the tests may use (`.ci/run` starts one and sets it), or null. With
 * it set, every test context and test database is on PostgreSQL; without it, on SQLite.
 */
export function testDatabaseUrl(): string | null {
  return process.env.TIDBOK_TEST_DATABASE_URL?.trim() || null;
}

/** The engine this test run uses (`npm test` runs the suite once per engine). */
export function testEngine(): Engine {
  return testDatabaseUrl() ? 'postgres' : 'sqlite';
}

/** The engines a test can reach in this run: SQLite always, PostgreSQL when configured. */
export function availableEngines(): Engine[] {
  return testDatabaseUrl() ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** A fresh, empty database of its own for one test, on either engine. */
export interface TestDatabase {
  engine: Engine;
  /** What the server reads (`configFromEnv`): a file in `dir`, or a URL of a schema of its own. */
  config: Pick<Config, 'dbFile' | 'databaseUrl'>;
  /** The same as environment variables, for a server or CLI started as a process. */
  env: { TIDBOK_DB: string; TIDBOK_DATABASE_URL?: string };
  /** A temp folder, removed by `drop`; the SQLite file lives here. */
  dir: string;
  /** Opens a store on it, as a server process would (unmigrated until `migrate()`). */
  open(): Store;
  /** Every byte stored, as far as the engine shows it: the SQLite files, or every row as text. */
  contents(): Promise<Buffer>;
  drop(): Promise<void>;
}

let extensionReady: Promise<void> | null = null;

/**
 * btree_gist is per database and shared by every schema in it, so it is installed once here,
 * outside any test schema (a schema dropped with CASCADE would take it, and every other test's
 * constraints, with it). Two workers racing to install it are fine: the loser's error is ignored.
 */
function ensureExtension(url: string): Promise<void> {
  extensionReady ??= (async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS btree_gist');
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== '23505' && code !== '42710') throw error;
    } finally {
      await client.end();
    }
  })();
  return extensionReady;
}

async function admin(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A database for one test. On PostgreSQL a schema `t_<random>` in the configured database,
 * reached through `search_path` in the URL, so tests never see each other's rows and need no
 * database to be created; `drop` removes the schema.
 */
export async function createTestDatabase(engine: Engine = testEngine()): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'tidbok-test-'));
  const file = join(dir, 'tidbok.db');
  if (engine === 'sqlite') {
    return {
      engine,
      config: { dbFile: file, databaseUrl: null },
      env: { TIDBOK_DB: file },
      dir,
      open: () => openStore({ dbFile: file, databaseUrl: null }),
      async contents() {
        return Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));
      },
      async drop() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = testDatabaseUrl();
  if (!base) throw new Error('TIDBOK_TEST_DATABASE_URL is not set, so there is no PostgreSQL to test on');
  await ensureExtension(base);
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await admin(base, `CREATE SCHEMA ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  const open = () => openStore({ dbFile: file, databaseUrl });
  return {
    engine,
    config: { dbFile: file, databaseUrl },
    env: { TIDBOK_DB: file, TIDBOK_DATABASE_URL: databaseUrl },
    dir,
    open,
    async contents() {
      const store = open();
      try {
        const dumps: string[] = [];
        for (const { name } of await store.db.introspection.getTables({ withInternalKyselyTables: true })) {
          const { rows } = await sql<{ rows: string | null }>`select json_agg(t)::text as rows from ${sql.table(name)} t`.execute(store.db);
          dumps.push(`${name} ${rows[0]?.rows ?? '[]'}`);
        }
        return Buffer.from(dumps.join('\n'));
      } finally {
        await store.close();
      }
    },
    async drop() {
      await admin(base, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestContext {
  app: TidbokApp;
  store: Store;
  clock: ManualClock;
  engine: Engine;
  /** The test's own database; `database.open()` is a second connection, as another process. */
  database: TestDatabase;
  dir: string;
  /** The SQLite file (SQLite only; on PostgreSQL a path where nothing is). */
  file: string;
  /** `app.request` with JSON in and a bearer token. */
  call(method: string, path: string, options?: { token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** Creates a clinic through the operator route and returns its slug and admin token. */
  clinic(slug?: string, extra?: Record<string, unknown>): Promise<{ slug: string; token: string; id: string }>;
  close(): Promise<void>;
}

/**
 * A real app on a real database of its own — a SQLite file in a fresh temp folder, or a fresh
 * PostgreSQL schema when `TIDBOK_TEST_DATABASE_URL` is set — with a manual clock that starts at
 * a fixed instant (never today's date).
 */
export async function createTestContext(options: { now?: string; config?: Partial<Config>; engine?: Engine } = {}): Promise<TestContext> {
  const database = await createTestDatabase(options.engine);
  const store = database.open();
  await store.migrate();
  const clock = new ManualClock(Date.parse(options.now ?? '2027-03-01T08:00:00Z'));
  const config = testConfig({ ...database.config, operatorToken: OPERATOR_TOKEN, rateLimitPerMinute: 0, ...options.config });
  const app = createApp({ store, clock, config });
  const ctx: TestContext = {
    app,
    store,
    clock,
    engine: database.engine,
    database,
    dir: database.dir,
    file: database.config.dbFile,
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
      await database.drop();
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
