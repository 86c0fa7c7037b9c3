import { execFileSync } from 'node:child_process';
import { chmodSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import type { Logger } from './logger.js';
import type { SqliteStore } from './store/store.js';
import { createTestContext, createTestDatabase, listen, OPERATOR_TOKEN, type TestDatabase } from './testing.js';
import { type Bundle, bundleEntry, type ServerProcess, startServer } from './testing-process.js';

/**
 * Faults of a SQLite database under a running server, each against a real server process where
 * the fault needs one: a foreign lock holder, the file deleted, the file made read-only, a
 * folder the server cannot write at start; and a full database (a size limit) in-process.
 * Every one must end in a clear answer (503 with Retry-After, or one line at start) and a log
 * line that names the cause — never a frozen process, a 500, or a 2xx for a write that is lost.
 */

let bundle: Bundle;
beforeAll(async () => {
  bundle = await bundleEntry('main');
}, 60_000);
afterAll(() => bundle?.remove());

const running: ServerProcess[] = [];
const databases: TestDatabase[] = [];
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const undo of cleanups.splice(0)) undo();
  await Promise.all(running.splice(0).map((server) => server.kill()));
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

/**
 * Makes a file or folder unwritable for the server: mode 0444/0555 for an ordinary user; for
 * root (whom modes do not stop) the immutable flag, which stops root too. Undone after the test.
 */
function makeUnwritable(path: string, folder = false) {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', path]);
    cleanups.push(() => execFileSync('chattr', ['-i', path]));
  } else {
    chmodSync(path, folder ? 0o555 : 0o444);
    cleanups.push(() => chmodSync(path, folder ? 0o755 : 0o644));
  }
}

async function serverOn(database: TestDatabase, env: Record<string, string> = {}) {
  const server = await startServer(bundle, { ...database.env, TIDBOK_OPERATOR_TOKEN: OPERATOR_TOKEN, ...env });
  running.push(server);
  return server;
}

async function newDatabase() {
  const database = await createTestDatabase('sqlite');
  databases.push(database);
  return database;
}

let slugs = 0;
/** A write: creates a clinic through the operator route. */
function createClinic(server: ServerProcess) {
  const slug = `fault-${++slugs}`;
  return fetch(`${server.url}/v1/clinics`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ slug, name: `Clinic ${slug}` }),
  }).then(async (res) => ({ res, body: (await res.json()) as { code?: string; clinic?: { slug: string } }, slug }));
}

const ready = async (url: string) => {
  const res = await fetch(`${url}/v1/health/ready`);
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
};

describe('another connection holding the SQLite write lock', () => {
  it('leaves health and reads answering at once; a write waits without blocking, answers 503 with Retry-After, then works once the lock is free', async () => {
    const database = await newDatabase();
    const server = await serverOn(database, { TIDBOK_BUSY_TIMEOUT_MS: '1500' });
    const first = await createClinic(server);
    expect(first.res.status).toBe(201);

    // Another process's connection, as a second better-sqlite3 handle: it takes the write lock and keeps it.
    const foreign = new SqliteDatabase(database.config.dbFile);
    cleanups.push(() => foreign.close());
    foreign.exec('BEGIN IMMEDIATE');

    // A write first: before, it waited for the lock inside better-sqlite3 and froze the process.
    const order: string[] = [];
    const write = createClinic(server).then((result) => (order.push('write'), result));
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the write reach the database
    const started = performance.now();
    const health = await fetch(`${server.url}/v1/health`).then((res) => (order.push('health'), res));
    const read = await fetch(`${server.url}/v1/clinics/${first.slug}`).then((res) => (order.push('read'), res));
    const elapsed = performance.now() - started;
    expect(health.status).toBe(200);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { slug: string }).slug).toBe(first.slug);
    // Both answered while the lock was held and the write was still waiting for it.
    expect(foreign.inTransaction).toBe(true);
    expect(order).toEqual(['health', 'read']);
    expect(elapsed).toBeLessThan(1000);

    const refused = await write;
    expect(refused.res.status).toBe(503);
    expect(refused.res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.body.code).toBe('unavailable');
    expect(order).toEqual(['health', 'read', 'write']);

    foreign.exec('ROLLBACK');
    const again = await createClinic(server);
    expect(again.res.status).toBe(201);
  });
});

describe('a booking the locked database could not take', () => {
  it('lets its hold go once the lock is free, so the visitor is not stuck at the hold cap, and the same hold still books', async () => {
    const database = await newDatabase();
    const server = await serverOn(database, { TIDBOK_BUSY_TIMEOUT_MS: '1000' });
    const clinic = await createClinic(server);
    const token = (clinic.body as { adminToken: string }).adminToken;
    const call = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${server.url}/v1/clinics/${clinic.slug}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const admin = (path: string, body: unknown) => call(`/admin${path}`, body, { authorization: `Bearer ${token}` });
    const treatmentTypeId = (await admin('/treatment-types', { name: 'Samtal', durationMinutes: 30 })).body.id;
    const practitionerId = (await admin('/practitioners', { name: 'Anna', treatmentTypeIds: [treatmentTypeId] })).body.id;
    const day = Math.ceil((Date.now() + 3 * 86_400_000) / 86_400_000) * 86_400_000 + 7 * 3_600_000;
    const at = (slot: number) => new Date(day + slot * 30 * 60_000).toISOString();
    expect((await admin('/working-times', { practitionerId, start: at(0), end: at(8) })).status).toBe(201);
    const holds = [];
    for (let slot = 0; slot < 3; slot++) {
      const hold = await call('/holds', { treatmentTypeId, practitionerId, start: at(slot) });
      expect(hold.status).toBe(201);
      holds.push(hold.body);
    }
    // At the cap of three active holds.
    expect((await call('/holds', { treatmentTypeId, practitionerId, start: at(3) })).status).toBe(429);

    const foreign = new SqliteDatabase(database.config.dbFile);
    cleanups.push(() => foreign.close());
    foreign.exec('BEGIN IMMEDIATE');
    const booking = { holdId: holds[0].id, holdSecret: holds[0].secret, client: { name: 'Eva', email: 'eva@example.com' }, confirmation: 'none' };
    const refused = await call('/bookings', booking);
    expect(refused.status).toBe(503);
    foreign.exec('ROLLBACK');

    // The release goes through as soon as the lock is free; until then the cap still holds.
    let fourth = await call('/holds', { treatmentTypeId, practitionerId, start: at(3) });
    for (let i = 0; i < 50 && fourth.status === 429; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      fourth = await call('/holds', { treatmentTypeId, practitionerId, start: at(3) });
    }
    expect(fourth.status).toBe(201);
    // The same hold, released but its time still free, books.
    expect((await call('/bookings', booking)).status).toBe(201);
  });
});

describe('the SQLite file deleted under a running server', () => {
  it('refuses every write with 503 and a log line, so no write is answered 2xx into a file that is gone', async () => {
    const database = await newDatabase();
    const server = await serverOn(database);
    expect((await createClinic(server)).res.status).toBe(201);
    expect((await ready(server.url)).status).toBe(200);

    unlinkSync(database.config.dbFile);
    for (let i = 0; i < 3; i++) {
      const { res, body } = await createClinic(server);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(body.code).toBe('unavailable');
    }
    await server.waitFor(/"message":"database unavailable".*was deleted while the server ran/);
    const state = await ready(server.url);
    expect(state.status).toBe(503);
    expect(state.retryAfter).toMatch(/^\d+$/);
    expect(state.body.database).toMatchObject({ engine: 'sqlite', readable: true, writable: false });
    expect(state.body.database.problem).toMatch(/deleted/);
    // Liveness is not readiness: the process itself is fine.
    expect((await fetch(`${server.url}/v1/health`)).status).toBe(200);
  });
});

describe('the SQLite write-ahead log deleted under a running server', () => {
  it('refuses writes with 503 and a log line naming it', async () => {
    const database = await newDatabase();
    const server = await serverOn(database);
    expect((await createClinic(server)).res.status).toBe(201);
    unlinkSync(`${database.config.dbFile}-wal`);
    const { res } = await createClinic(server);
    expect(res.status).toBe(503);
    await server.waitFor(/"message":"database unavailable".*write-ahead log .*-wal was deleted/);
    expect((await ready(server.url)).status).toBe(503);
  });
});

describe('the SQLite file made read-only under a running server', () => {
  it('answers writes 503 with a log line (no crash), says so at /v1/health/ready, and writes again once it is writable', async () => {
    const database = await newDatabase();
    const server = await serverOn(database);
    const first = await createClinic(server);
    expect(first.res.status).toBe(201);

    makeUnwritable(database.config.dbFile);
    const { res, body } = await createClinic(server);
    expect(res.status).toBe(503);
    expect(body.code).toBe('unavailable');
    await server.waitFor(/"message":"database unavailable".*read-only or immutable/);
    const state = await ready(server.url);
    expect(state.status).toBe(503);
    expect(state.body.database).toMatchObject({ readable: true, writable: false });
    // Reads still work from the open file.
    expect((await fetch(`${server.url}/v1/clinics/${first.slug}`)).status).toBe(200);

    for (const undo of cleanups.splice(0)) undo();
    expect((await createClinic(server)).res.status).toBe(201);
    expect((await ready(server.url)).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
  });
});

describe('the SQLite shared-memory file (-shm) made immutable under a running server', () => {
  it('answers 503 with a log line instead of dying of SIGBUS, and works again once it is writable', async () => {
    const database = await newDatabase();
    const server = await serverOn(database);
    const first = await createClinic(server);
    expect(first.res.status).toBe(201);

    makeUnwritable(`${database.config.dbFile}-shm`);
    for (let i = 0; i < 5; i++) {
      const { res } = await createClinic(server);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    // Reads touch the shared memory too: refused as well, not a crash.
    expect((await fetch(`${server.url}/v1/clinics/${first.slug}`)).status).toBe(503);
    await server.waitFor(/"message":"database unavailable".*-shm is read-only or immutable/);
    const state = await ready(server.url);
    expect(state.status).toBe(503);
    expect(state.body.database.problem).toMatch(/-shm/);
    expect(server.child.exitCode).toBeNull();
    expect(server.child.signalCode).toBeNull();

    for (const undo of cleanups.splice(0)) undo();
    expect((await createClinic(server)).res.status).toBe(201);
    expect((await fetch(`${server.url}/v1/clinics/${first.slug}`)).status).toBe(200);
  });
});

describe('a folder the server cannot write at start', () => {
  it('stops the server with one line saying what to do, no stack trace', async () => {
    const database = await newDatabase();
    const folder = join(database.dir, 'locked');
    execFileSync('mkdir', [folder]);
    makeUnwritable(folder, true);
    const exited = startServer(bundle, { TIDBOK_DB: join(folder, 'tidbok.db') }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    const message = await exited;
    expect(message).toMatch(/exited before printing/);
    const output = message.slice(message.indexOf('\n') + 1).trim();
    expect(output.split('\n')).toHaveLength(1);
    expect(output).toMatch(/cannot use the database file .*locked\/tidbok\.db: .*not writable.*set TIDBOK_DB/);
    expect(output).not.toMatch(/\bat .*\.m?js:\d+/);
  });

  it('says the same when a part of the path is a file', async () => {
    const database = await newDatabase();
    const file = join(database.dir, 'plain-file');
    writeFileSync(file, 'not a folder');
    const message = await startServer(bundle, { TIDBOK_DB: join(file, 'tidbok.db') }).then(
      () => 'started',
      (error: Error) => error.message,
    );
    const output = message.slice(message.indexOf('\n') + 1).trim();
    expect(output.split('\n')).toHaveLength(1);
    expect(output).toMatch(/cannot use the database file .*is a file, not a folder.*TIDBOK_DB/);
  });
});

describe('a full SQLite database (its size limit reached)', () => {
  it('answers writes 503 with a log line naming "disk full", reports it at /v1/health/ready, and writes again once there is room', async () => {
    const t = await createTestContext({ engine: 'sqlite' });
    const lines: string[] = [];
    const logger: Logger = {
      info() {},
      error: (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`),
    };
    const app = createApp({ store: t.store, clock: t.clock, config: t.app.deps.config, logger });
    const http = await listen(app);
    try {
      const post = (slug: string) =>
        fetch(`${http.url}/v1/clinics`, {
          method: 'POST',
          headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ slug, name: 'A clinic with a name long enough to need room '.repeat(4).slice(0, 100) }),
        });
      expect((await post('roomy')).status).toBe(201);
      // The connection's size limit: no page beyond those the file has now.
      const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(t.store.db);
      await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(t.store.db);

      // Writes until the file has no room left (the first few may still fit in free pages).
      let refused: Response | undefined;
      for (let i = 0; i < 200 && !refused; i++) {
        const res = await post(`full-${i}`);
        if (res.status !== 201) refused = res;
      }
      expect(refused?.status).toBe(503);
      expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await refused!.json()) as { code: string }).code).toBe('unavailable');
      expect(lines.some((line) => line.startsWith('database unavailable') && line.includes('disk full'))).toBe(true);
      expect(lines.join('\n')).not.toMatch(/cannot rollback/);
      const state = await ready(http.url);
      expect(state.status).toBe(503);
      expect(state.body.database.problem).toMatch(/disk full/);

      await sql.raw('pragma max_page_count = 1073741823').execute(t.store.db);
      expect((await post('room-again')).status).toBe(201);
      expect((await ready(http.url)).status).toBe(200);
    } finally {
      await http.close();
      await t.close();
    }
  });
});

describe('SQLite write transactions', () => {
  it('never stay open across a turn of the event loop, under a burst of holds, bookings and staff writes', async () => {
    const t = await createTestContext({ engine: 'sqlite', config: { trustProxy: 1 } });
    const http = await listen(t.app);
    try {
      const store = t.store as SqliteStore;
      const before = store.transactionsAcrossTurns;
      const { slug, token } = await t.clinic('turns');
      const call = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
        const res = await fetch(`${http.url}/v1/clinics/${slug}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as any };
      };
      const staff = { authorization: `Bearer ${token}` };
      const treatmentTypeId = (await call('POST', '/admin/treatment-types', { name: 'Samtal', durationMinutes: 30 }, staff)).body.id;
      const day = Date.parse('2027-03-03T07:00:00Z');
      const at = (slot: number) => new Date(day + slot * 30 * 60_000).toISOString();
      const practitioners: string[] = [];
      for (let p = 0; p < 4; p++) {
        const id = (await call('POST', '/admin/practitioners', { name: `Behandlare ${p}`, treatmentTypeIds: [treatmentTypeId] }, staff)).body.id;
        expect((await call('POST', '/admin/working-times', { practitionerId: id, start: at(0), end: at(8) }, staff)).status).toBe(201);
        practitioners.push(id);
      }
      // Many at once, so that group commit puts several in one transaction.
      const results = await Promise.all(
        practitioners.flatMap((practitionerId, p) =>
          [0, 1, 2].map(async (slot) => {
            const headers = { 'x-forwarded-for': `198.51.100.${p * 3 + slot + 1}` };
            const hold = await call('POST', '/holds', { treatmentTypeId, practitionerId, start: at(slot) }, headers);
            if (hold.status !== 201) return hold.status;
            const booked = await call(
              'POST',
              '/bookings',
              { holdId: hold.body.id, holdSecret: hold.body.secret, client: { name: 'Eva', email: `eva${p}@example.com` }, confirmation: 'email' },
              headers,
            );
            return booked.status;
          }),
        ),
      );
      expect(results.every((status) => status === 201)).toBe(true);
      expect(store.transactionsAcrossTurns - before).toBe(0);
    } finally {
      await http.close();
      await t.close();
    }
  });
});
