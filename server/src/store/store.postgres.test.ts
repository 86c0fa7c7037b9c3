import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFailure, isBusyError } from '../errors.js';
import { newId } from '../secrets.js';
import type { Engine } from '../testing.js';
import { openPostgresStore } from './postgres.js';
import { cleanUp, database, failure, H, seeded, track } from './store-test-support.js';

/**
 * What only the PostgreSQL store has; the cases both engines share are in store.test.ts. These
 * need TIDBOK_TEST_DATABASE_URL: vitest.config.ts collects `*.postgres.test.ts` only when it is
 * set, that is in the PostgreSQL pass of scripts/test.mjs, so the SQLite pass never shows them
 * as skipped.
 */
afterEach(cleanUp);

describe('PostgreSQL only', () => {
  it('has the same tables and columns, nullable alike, as SQLite after every migration (the twins have not drifted)', async () => {
    // PostgreSQL's own bookkeeping for the overlap rule is the one table SQLite does without.
    const shape = async (engine: Engine) => {
      const store = track((await database(engine)).open());
      await store.migrate();
      const tables = await store.db.introspection.getTables();
      return Object.fromEntries(
        tables
          .filter((t) => t.name !== 'slot_claims')
          // SQLite lets a non-integer PRIMARY KEY be NULL (a documented quirk); PostgreSQL does not.
          .map((t) => [t.name, t.columns.map((c) => `${c.name}${c.isNullable && c.name !== 'id' ? '?' : ''}`).sort()])
          .sort(([a], [b]) => String(a).localeCompare(String(b))),
      );
    };
    expect(await shape('postgres')).toEqual(await shape('sqlite'));
  });

  it('runs write transactions at SERIALIZABLE', async () => {
    const store = track((await database('postgres')).open());
    const level = await store.write(async (trx) => {
      const { rows } = await sql<{ level: string }>`select current_setting('transaction_isolation') as level`.execute(trx);
      return rows[0]?.level;
    });
    expect(level).toBe('serializable');
  });

  it('runs a write again when PostgreSQL aborts it for a concurrent change, so both writers succeed', async () => {
    // Write skew: each reads what the other inserts. At SERIALIZABLE one of them must abort
    // (40001); the store runs it again, and then it sees the other's row.
    const { store, ids } = await seeded('postgres');
    let runs = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    const writer = (mine: string, theirs: string) =>
      store.write(async (trx) => {
        runs += 1;
        const seen = await trx.selectFrom('clients').select('id').where('name', '=', theirs).execute();
        if (++reads === 2) release();
        await bothRead;
        await trx
          .insertInto('clients')
          .values({
            id: newId('cli'),
            clinic_id: ids.clinic,
            name: mine,
            email: null,
            email_norm: null,
            phone: null,
            personal_number: null,
            is_test: 0,
            created_at: 0,
            updated_at: 0,
          })
          .execute();
        return seen.length;
      });
    const seen = await Promise.all([writer('a', 'b'), writer('b', 'a')]);
    expect(runs).toBeGreaterThan(2);
    // As if one ran after the other: exactly one saw the other's row.
    expect(seen.sort()).toEqual([0, 1]);
  });

  it('never commits silently after a statement error was caught inside the write, but runs it again', async () => {
    const { store, hold, bookingValues } = await seeded('postgres');
    await hold(10 * H, 11 * H);
    let runs = 0;
    const result = await store.write(async (trx) => {
      runs += 1;
      if (runs <= 2) {
        // Caught and ignored: PostgreSQL has aborted the transaction all the same.
        await trx
          .insertInto('bookings')
          .values(bookingValues(10 * H, 11 * H))
          .execute()
          .catch(() => undefined);
        // Run 1 ends here, so COMMIT answers ROLLBACK; run 2 goes on, and its next statement fails.
        if (runs === 1) return runs;
      }
      await trx
        .updateTable('clinics')
        .set({ name: `run ${runs}` })
        .execute();
      return runs;
    });
    expect(result).toBe(3);
    expect((await store.db.selectFrom('clinics').select('name').executeTakeFirstOrThrow()).name).toBe('run 3');
  });

  it('gives up after a bounded number of attempts with an error the app answers as busy (503)', async () => {
    const db = await database('postgres');
    const store = track(openPostgresStore({ url: db.config.databaseUrl!, maxAttempts: 3 }));
    let runs = 0;
    const error = await failure(
      store.write(async () => {
        runs += 1;
        throw Object.assign(new Error('could not serialize access'), { code: '40001' });
      }),
    );
    expect(runs).toBe(3);
    expect(isBusyError(error)).toBe(true);
  });

  it('fails as busy, never waits without end, when every pooled connection stays taken', async () => {
    const db = await database('postgres');
    const store = track(openPostgresStore({ url: db.config.databaseUrl!, poolSize: 1, connectTimeoutMs: 200 }));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = store.write(async (trx) => {
      await sql`select 1`.execute(trx);
      await held;
    });
    const started = Date.now();
    const error = await failure(sql`select 1`.execute(store.db));
    expect(isBusyError(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    release();
    await writing;
    // The connection came back: the pool serves again.
    expect((await sql<{ one: number }>`select 1 as one`.execute(store.db)).rows).toEqual([{ one: 1 }]);
  });

  it('cancels a statement that runs past the statement timeout, as busy', async () => {
    const db = await database('postgres');
    const store = track(openPostgresStore({ url: db.config.databaseUrl!, statementTimeoutMs: 100 }));
    const error = await failure(sql`select pg_sleep(2)`.execute(store.db));
    expect((error as { code?: string }).code).toBe('57014');
    expect(isBusyError(error)).toBe(true);
  });

  it('runs holds and bookings (guard: constraints) at READ COMMITTED, everything else at SERIALIZABLE', async () => {
    const store = track((await database('postgres')).open());
    const level = (guard?: 'constraints') =>
      store.write(
        async (trx) => {
          const { rows } = await sql<{ level: string }>`select current_setting('transaction_isolation') as level`.execute(trx);
          return rows[0]?.level;
        },
        guard ? { guard } : undefined,
      );
    expect(await level('constraints')).toBe('read committed');
    expect(await level()).toBe('serializable');
  });

  it('outlives a column added by another process: a prepared select * fails once as busy, a write runs again, then all works', async () => {
    const db = await database('postgres');
    // One connection, so the statement prepared before the change is the one used after it.
    const store = track(openPostgresStore({ url: db.config.databaseUrl!, poolSize: 1 }));
    await store.migrate();
    const read = () => store.db.selectFrom('clinics').selectAll().where('slug', '=', 'none').execute();
    await read();
    const other = track(openPostgresStore({ url: db.config.databaseUrl!, poolSize: 1 }));
    await sql`alter table clinics add column added_by_a_newer_version text`.execute(other.db);

    const written = await store.write(async (trx) => (await trx.selectFrom('clinics').selectAll().where('slug', '=', 'none').execute()).length);
    expect(written).toBe(0);
    const outcome = await read().then(
      () => 'ok',
      (error: unknown) => (isBusyError(error) ? 'busy' : String(error)),
    );
    expect(['ok', 'busy']).toContain(outcome);
    expect(await read()).toEqual([]);
  });

  it('says when PostgreSQL takes no writes: health not writable, a write refused as a database failure (503), not a 500', async () => {
    const db = await database('postgres');
    const migrated = track(openPostgresStore({ url: db.config.databaseUrl! }));
    await migrated.migrate();
    const url = new URL(db.config.databaseUrl!);
    url.searchParams.set('options', `${url.searchParams.get('options') ?? ''} -c default_transaction_read_only=on`.trim());
    const store = track(openPostgresStore({ url: url.toString() }));
    expect(await store.health()).toMatchObject({ readable: true, writable: false, problem: expect.stringMatching(/read-only/) });
    const error = await failure(store.write((trx) => trx.deleteFrom('clinics').where('slug', '=', 'none').execute()));
    expect(databaseFailure(error)).toMatch(/read-only.*25006/);
    expect(await migrated.health()).toEqual({ readable: true, writable: true });
  });

  it('says when PostgreSQL cannot be reached: health neither readable nor writable, naming the cause', async () => {
    const store = track(openPostgresStore({ url: 'postgres://tidbok@127.0.0.1:1/tidbok' }));
    const health = await store.health();
    expect(health).toMatchObject({ readable: false, writable: false });
    expect(health.problem).toMatch(/PostgreSQL cannot be reached \(ECONNREFUSED/);
  });
});
