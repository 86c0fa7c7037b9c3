import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { ManualClock } from '../clock.js';
import { testConfig } from '../config.js';
import { isOverlapError, isTooLongError } from '../errors.js';
import { availableEngines, createTestContext, type Engine, OPERATOR_TOKEN } from '../testing.js';
import { sqliteMigrations } from './migrations/index.js';
import { postgresMigrations } from './migrations/postgres/index.js';
import { openSqliteStore } from './store.js';
import { afterTest, cleanUp, database, failure, H, seeded, track } from './store-test-support.js';

/**
 * The store's cases, one table run against every engine this run can reach: SQLite always,
 * PostgreSQL too when TIDBOK_TEST_DATABASE_URL is set (`npm test` sets it when `.ci/run` has
 * started one). What only SQLite has (PRAGMAs) follows the table; what only PostgreSQL has
 * (SERIALIZABLE retries) is in store.postgres.test.ts, which only the PostgreSQL pass collects.
 */
const MIGRATIONS: Record<Engine, Record<string, unknown>> = { sqlite: sqliteMigrations, postgres: postgresMigrations };

afterEach(cleanUp);

interface StoreCase {
  name: string;
  run(engine: Engine): Promise<void>;
}

const cases: StoreCase[] = [
  {
    name: 'applies every migration, in order, to a new database',
    async run(engine) {
      const applied = await track((await database(engine)).open()).migrate();
      expect(applied).toEqual(Object.keys(MIGRATIONS[engine]).sort());
      expect(applied[0]).toBe('0001-initial');
    },
  },
  {
    name: 'applies nothing twice, also from a second connection (another process starting)',
    async run(engine) {
      const db = await database(engine);
      await track(db.open()).migrate();
      expect(await track(db.open()).migrate()).toEqual([]);
    },
  },
  {
    name: 'keeps clinics, tokens and rows when the same database is opened again, without re-running migrations',
    async run(engine) {
      const t = await createTestContext({ engine });
      afterTest(() => t.close());
      const { slug, token } = await t.clinic('lugna');
      const admin = `/v1/clinics/${slug}/admin`;
      await t.call('PATCH', `${admin}/settings`, { token, body: { booking: { minNoticeHours: 6 } } });
      const tt = await (await t.call('POST', `${admin}/treatment-types`, { token, body: { name: 'Samtal', durationMinutes: 50 } })).json();
      const pr = await (await t.call('POST', `${admin}/practitioners`, { token, body: { name: 'Anna', treatmentTypeIds: [tt.id] } })).json();
      const client = await (await t.call('POST', `${admin}/clients`, { token, body: { name: 'Klara', isTest: true } })).json();
      await t.store.close();

      const reopened = track(t.database.open());
      expect(await reopened.migrate()).toEqual([]);
      const app = createApp({
        store: reopened,
        clock: new ManualClock(Date.parse('2027-03-02T08:00:00Z')),
        config: testConfig({ ...t.database.config, operatorToken: OPERATOR_TOKEN }),
      });
      const get = async (path: string) => {
        const res = await app.request(`${admin}${path}`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status, path).toBe(200);
        return res.json();
      };
      expect((await get('/settings')).booking.minNoticeHours).toBe(6);
      expect(await get(`/treatment-types/${tt.id}`)).toEqual(tt);
      expect(await get(`/practitioners/${pr.id}`)).toEqual(pr);
      expect(await get(`/clients/${client.id}`)).toEqual(client);
      expect((await (await app.request(`/v1/clinics/${slug}`)).json()).treatmentTypes).toEqual([tt]);
    },
  },
  {
    name: 'reads instants, counts and flags back as numbers, and fractions exactly as written',
    async run(engine) {
      const { store, ids } = await seeded(engine);
      const tt = await store.db.selectFrom('treatment_types').selectAll().where('id', '=', ids.tt).executeTakeFirstOrThrow();
      expect(tt.position).toBe(Date.parse('2027-03-01T08:00:00Z'));
      expect(tt.price_cents).toBe(95_000);
      expect(tt.vat_percent).toBe(12.5);
      expect(tt.online_bookable).toBe(1);
      const pr = await store.db.selectFrom('practitioners').select('cancellation_window_hours').executeTakeFirstOrThrow();
      expect(pr.cancellation_window_hours).toBe(0.1);
      const { n } = await store.db
        .selectFrom('clinics')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(n).toBe(1);
    },
  },
  {
    name: 'lower-cases letters beyond ASCII',
    async run(engine) {
      const store = track((await database(engine)).open());
      const { rows } = await sql<{ v: string }>`select lower(${'ÅSA ÖBERG Ärlig'}) as v`.execute(store.db);
      expect(rows[0]?.v).toBe('åsa öberg ärlig');
    },
  },
  {
    name: 'refuses rows that break a foreign key',
    async run(engine) {
      const store = track((await database(engine)).open());
      await store.migrate();
      const error = await failure(
        store.write((trx) =>
          trx
            .insertInto('locations')
            .values({ id: 'lo_x', clinic_id: 'cl_missing', name: 'X', address: null, deleted_at: null, created_at: 0, updated_at: 0 })
            .execute(),
        ),
      );
      expect(String(error)).toMatch(/foreign key/i);
    },
  },
  {
    name: 'rolls back everything a write did when it throws',
    async run(engine) {
      const { store, booking } = await seeded(engine);
      const boom = new Error('boom');
      const error = await failure(
        store.write(async (trx) => {
          await trx.updateTable('clinics').set({ name: 'Changed' }).execute();
          throw boom;
        }),
      );
      expect(error).toBe(boom);
      expect((await store.db.selectFrom('clinics').select('name').executeTakeFirstOrThrow()).name).toBe('X');
      await booking(10 * H, 11 * H); // and the store is still usable
    },
  },
  {
    // docs/design.md, "The rules that make a slot", last paragraph.
    name: 'refuses an overlapping booked booking or active hold, in either table, and allows touching and cancelled ones',
    async run(engine) {
      const { booking, hold } = await seeded(engine);
      await booking(10 * H, 11 * H);
      expect(isOverlapError(await failure(booking(10.5 * H, 11.5 * H)))).toBe(true);
      expect(isOverlapError(await failure(hold(10 * H, 10.25 * H)))).toBe(true);
      await booking(11 * H, 12 * H); // [start, end) touches, does not overlap
      await booking(10 * H, 11 * H, 'cancelled');
      await hold(12 * H, 13 * H);
      expect(isOverlapError(await failure(hold(12.5 * H, 13.5 * H)))).toBe(true);
      await expect(booking(12.5 * H, 13.5 * H)).rejects.toThrow(/tidbok_overlap/);
    },
  },
  {
    // Migration 0006: the guard searches 50 hours back, so it refuses anything longer.
    name: 'refuses a booked booking or an active hold over 50 hours, and still finds an overlap by a long one that began 49 hours before',
    async run(engine) {
      const { booking, hold } = await seeded(engine);
      const day = 100 * H;
      expect(isTooLongError(await failure(booking(day, day + 50 * H + 1)))).toBe(true);
      expect(isTooLongError(await failure(hold(day, day + 50 * H + 1)))).toBe(true);
      await booking(day, day + 50 * H + 1, 'cancelled'); // not booked: not guarded
      await booking(day, day + 50 * H); // exactly the bound
      expect(isOverlapError(await failure(booking(day + 49 * H, day + 49.5 * H)))).toBe(true);
      expect(isOverlapError(await failure(hold(day + 49.75 * H, day + 51 * H)))).toBe(true);
      await booking(day + 50 * H, day + 51 * H); // touches its end
    },
  },
  {
    name: 'refuses moving or re-booking a booking onto a taken time, but not onto its own',
    async run(engine) {
      const { store, booking } = await seeded(engine);
      const first = await booking(10 * H, 11 * H);
      const cancelled = await booking(10 * H, 11 * H, 'cancelled');
      const second = await booking(12 * H, 13 * H);
      const move = (id: string, values: Record<string, unknown>) =>
        failure(store.write((trx) => trx.updateTable('bookings').set(values).where('id', '=', id).execute()));
      expect(isOverlapError(await move(cancelled, { status: 'booked' }))).toBe(true);
      expect(isOverlapError(await move(second, { start_ms: 10.5 * H }))).toBe(true);
      expect(await move(first, { end_ms: 10.5 * H })).toBeNull();
      expect(await move(second, { start_ms: 10.5 * H })).toBeNull(); // now free
    },
  },
  {
    name: 'lets a hold stop blocking once deactivated, and a booking take over its hold in one transaction',
    async run(engine) {
      const { store, hold, bookingValues } = await seeded(engine);
      const held = await hold(10 * H, 11 * H);
      // As the public booking does: the hold stops blocking, the booking takes the time.
      await store.write(async (trx) => {
        await trx.updateTable('holds').set({ active: 0 }).where('id', '=', held).execute();
        await trx
          .insertInto('bookings')
          .values(bookingValues(10 * H, 11 * H))
          .execute();
      });
      // A deactivated hold is history: new holds may overlap it, the booking still blocks.
      await store.write((trx) => trx.updateTable('holds').set({ active: 0 }).where('id', '=', held).execute());
      expect(isOverlapError(await failure(hold(10 * H, 11 * H)))).toBe(true);
      await hold(11 * H, 12 * H);
    },
  },
  {
    name: 'lets exactly one of many concurrent check-then-insert writes for one time win',
    async run(engine) {
      const { store, ids, bookingValues } = await seeded(engine);
      const attempt = (i: number) =>
        store.write(async (trx) => {
          // The services' pattern: look, then insert what looked free.
          const taken = await trx
            .selectFrom('bookings')
            .select('id')
            .where('practitioner_id', '=', ids.pr)
            .where('status', '=', 'booked')
            .where('start_ms', '<', 11 * H + i * 60_000)
            .where('end_ms', '>', 10 * H + i * 60_000)
            .executeTakeFirst();
          if (taken) return 'taken';
          await trx
            .insertInto('bookings')
            .values(bookingValues(10 * H + i * 60_000, 11 * H + i * 60_000))
            .execute();
          return 'booked';
        });
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) => attempt(i).catch((error: unknown) => (isOverlapError(error) ? 'refused' : `unexpected: ${String(error)}`))),
      );
      expect(outcomes.filter((o) => o === 'booked')).toHaveLength(1);
      expect(outcomes.every((o) => o === 'booked' || o === 'taken' || o === 'refused')).toBe(true);
    },
  },
  {
    name: 'numbers a per-clinic counter without gaps under concurrent writes; a rolled-back write gives its number back',
    async run(engine) {
      const { store, ids } = await seeded(engine);
      // As services/payments.ts takes a receipt number: the first one creates the counter row,
      // so the writers also race to create it.
      const take = (fail: boolean) =>
        store.write(async (trx) => {
          const row = await trx
            .updateTable('clinic_counters')
            .set((eb) => ({ value: eb('value', '+', 1) }))
            .where('clinic_id', '=', ids.clinic)
            .where('name', '=', 'receipt')
            .returning('value')
            .executeTakeFirst();
          if (!row) await trx.insertInto('clinic_counters').values({ clinic_id: ids.clinic, name: 'receipt', value: 1 }).execute();
          if (fail) throw new Error('payment failed');
          return row?.value ?? 1;
        });
      const results = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          take(i % 4 === 3).catch((error: unknown) => {
            if (error instanceof Error && error.message === 'payment failed') return null;
            throw error;
          }),
        ),
      );
      const numbers = results.filter((n): n is number => n !== null).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    },
  },
];

for (const engine of availableEngines()) {
  describe(`the store on ${engine}`, () => {
    for (const c of cases) it(c.name, () => c.run(engine));
  });
}

it('has a PostgreSQL twin, of the same name, for every SQLite migration', () => {
  expect(Object.keys(postgresMigrations).sort()).toEqual(Object.keys(sqliteMigrations).sort());
});

describe('SQLite only', () => {
  it('uses WAL, full sync, foreign keys and a busy timeout', async () => {
    const store = track((await database('sqlite')).open());
    await store.migrate();
    const pragma = async (name: string) => {
      const { rows } = await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(store.db);
      return Object.values(rows[0] ?? {})[0];
    };
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2);
    expect(await pragma('foreign_keys')).toBe(1);
    expect(Number(await pragma('busy_timeout'))).toBeGreaterThan(0);
  });

  it("finds an address's active holds through the index alone, however many used holds it has (migration 0007)", async () => {
    const store = track((await database('sqlite')).open());
    await store.migrate();
    // The question services/holds.ts asks for the per-address cap.
    const { rows } = await sql<{ detail: string }>`explain query plan
      select expires_at from holds where clinic_id = ${'c'} and client_ip = ${'ip'} and active = ${1} and expires_at > ${0}
      order by expires_at`.execute(store.db);
    expect(rows.map((r) => r.detail)).toEqual([
      'SEARCH holds USING COVERING INDEX holds_client_ip_active (clinic_id=? AND client_ip=? AND active=? AND expires_at>?)',
    ]);
  });

  it('creates a missing folder for the database file', async () => {
    const db = await database('sqlite');
    const store = track(openSqliteStore({ file: join(db.dir, 'nested', 'deeper', 'tidbok.db') }));
    expect((await store.migrate()).length).toBeGreaterThan(0);
  });

  it('counts a write transaction left open across a turn of the event loop, and none that awaits only its statements', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    try {
      await store.write(async (trx) => {
        await sql`select 1`.execute(trx);
      });
      expect(store.transactionsAcrossTurns).toBe(0);
      await store.write(async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
      });
      expect(store.transactionsAcrossTurns).toBe(1);
    } finally {
      await store.close();
    }
  });
});
