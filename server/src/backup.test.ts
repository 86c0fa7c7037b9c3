import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from './clock.js';
import { testConfig } from './config.js';
import { createClinic } from './services/clinics.js';
import { openStore } from './store/open-store.js';
import { createTestDatabase, type TestDatabase } from './testing.js';
import { type Bundle, bundleEntry, type ServerProcess, startServer } from './testing-process.js';

/**
 * `tidbok backup` and `restore` against a SQLite file that a real server process is writing to.
 * The promise under test: a booking the server answered 201 before the backup began is in the
 * backup, and the restore brings it back.
 */
const run = promisify(execFile);
let main: Bundle;
let cli: Bundle;
let database: TestDatabase;
let server: ServerProcess | undefined;

beforeAll(async () => {
  [main, cli] = await Promise.all([bundleEntry('main'), bundleEntry('cli')]);
}, 60_000);
afterAll(() => {
  main?.remove();
  cli?.remove();
});
beforeEach(async () => {
  // SQLite whatever the pass: backup and restore are the SQLite file's.
  database = await createTestDatabase('sqlite');
});
afterEach(async () => {
  await server?.kill();
  server = undefined;
  await database.drop();
});

async function tidbok(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli.file, ...args], { env: { PATH: process.env.PATH, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function bookingIds(file: string): Promise<Set<string>> {
  const store = openStore({ dbFile: file, databaseUrl: null });
  try {
    const rows = await store.db.selectFrom('bookings').select('id').execute();
    return new Set(rows.map((row) => row.id));
  } finally {
    await store.close();
  }
}

describe('tidbok backup and restore', () => {
  it('backs up during a burst of bookings; the restore has every booking answered before the backup began', async () => {
    const store = database.open();
    await store.migrate();
    const { adminToken: token } = await createClinic(
      { store, clock: systemClock, config: testConfig(database.config) },
      { slug: 'lugna', name: 'Lugna', timeZone: 'Europe/Stockholm' },
    );
    await store.close();
    server = await startServer(main, database.env);
    const admin = async (path: string, body: unknown) => {
      const res = await fetch(`${server!.url}/v1/clinics/lugna/admin${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { id: string } };
    };
    const treatmentTypeId = (await admin('/treatment-types', { name: 'Kort samtal', durationMinutes: 15 })).body.id;
    const practitionerId = (await admin('/practitioners', { name: 'Anna', treatmentTypeIds: [treatmentTypeId] })).body.id;
    const first = Math.ceil((Date.now() + 3 * 86_400_000) / 3_600_000) * 3_600_000;
    for (let day = 0; day < 4; day++) {
      const start = first + day * 86_400_000;
      const wt = await admin('/working-times', { practitionerId, start: new Date(start).toISOString(), end: new Date(start + 8 * 3_600_000).toISOString() });
      expect(wt.status).toBe(201);
    }
    const starts = Array.from({ length: 4 * 32 }, (_, i) => first + Math.floor(i / 32) * 86_400_000 + (i % 32) * 15 * 60_000);

    // The burst: four clients booking one time after another until every time is taken.
    const answered: string[] = [];
    let answeredBeforeBackup: string[] | undefined;
    let backup: Promise<Awaited<ReturnType<typeof tidbok>>> | undefined;
    const file = join(database.dir, 'backup.db');
    const worker = async () => {
      for (let start = starts.shift(); start !== undefined; start = starts.shift()) {
        const res = await admin('/bookings', { client: { name: `Client ${start}` }, practitionerId, treatmentTypeId, start: new Date(start).toISOString() });
        expect(res.status).toBe(201);
        answered.push(res.body.id);
        if (answered.length === 40 && !backup) {
          answeredBeforeBackup = [...answered];
          backup = tidbok(database.env, 'backup', file);
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    const result = await backup!;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Backed up .* to .*backup\.db/);
    // One self-contained file: no WAL, no journal, no partial copy left beside it.
    expect(readdirSync(database.dir).filter((name) => name.startsWith('backup') || name.includes('partial'))).toEqual(['backup.db']);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // Not while the server has the database open…
    const refused = await tidbok(database.env, 'restore', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^tidbok: the database .* is in use: stop every Tidbok server on it/);
    expect((await bookingIds(database.config.dbFile)).size).toBe(answered.length);

    // …but once it has stopped.
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const restored = await tidbok(database.env, 'restore', file);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const ids = await bookingIds(database.config.dbFile);
    for (const id of answeredBeforeBackup!) expect(ids.has(id)).toBe(true);
    expect(ids.size).toBeLessThanOrEqual(answered.length);
    for (const id of ids) expect(answered).toContain(id);

    // A server starts on the restored file and serves it.
    server = await startServer(main, database.env);
    const res = await fetch(`${server.url}/v1/clinics/lugna/admin/bookings/${answeredBeforeBackup![0]}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
  }, 60_000);

  it('explains what it cannot do, in one line', async () => {
    const missing = await tidbok(database.env, 'backup', join(database.dir, 'copy.db'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^tidbok: there is no database at /);
    expect(existsSync(join(database.dir, 'copy.db'))).toBe(false);

    const postgres = await tidbok({ ...database.env, TIDBOK_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, 'backup', join(database.dir, 'copy.db'));
    expect(postgres.code).toBe(1);
    expect(postgres.stderr).toMatch(/^tidbok: .*use pg_dump/);

    const noFile = await tidbok(database.env, 'backup');
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toMatch(/^tidbok: backup needs a file/);

    const notTidbok = await tidbok(database.env, 'restore', join(process.cwd(), 'package.json'));
    expect(notTidbok.code).toBe(1);
    expect(notTidbok.stderr).toMatch(/^tidbok: The backup .* is not a SQLite database/);
    expect(existsSync(database.config.dbFile)).toBe(false);
  });
});
