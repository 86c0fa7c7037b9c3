import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BookingTable } from '../store/schema.js';
import { type CalendarClinic, insertHold, seedCalendarClinic } from '../testing-calendar.js';
import { createTestContext, listen, type TestContext } from '../testing.js';

// docs/design.md, "The rules that make a slot", last paragraph: the database itself refuses two
// overlapping booked bookings or holds of one practitioner, whatever the application does.
// These tests race real requests over a loopback socket, and write around the services.

const NOW = '2027-03-01T08:00:00Z';
const MINUTE = 60_000;
const T0 = Date.parse('2027-03-02T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

let t: TestContext;
let c: CalendarClinic;
let server: Awaited<ReturnType<typeof listen>>;

beforeEach(async () => {
  t = await createTestContext({ now: NOW });
  c = await seedCalendarClinic(t);
  server = await listen(t.app);
});
afterEach(async () => {
  await server.close();
  await t.close();
});

async function post(path: string, body: unknown, method = 'POST') {
  const res = await fetch(`${server.url}${c.admin}${path}`, {
    method,
    headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { code?: string; id?: string } };
}

async function bookedRows(practitionerId?: string) {
  let q = t.store.db.selectFrom('bookings').selectAll().where('status', '=', 'booked');
  if (practitionerId) q = q.where('practitioner_id', '=', practitionerId);
  return q.orderBy('start_ms').execute();
}

/** A complete booking row for direct inserts, overlapping nothing until told where. */
async function bookingRow(overrides: Partial<BookingTable>): Promise<BookingTable> {
  const clinic = await t.store.db.selectFrom('clinics').select('id').where('slug', '=', c.slug).executeTakeFirstOrThrow();
  const client = (await c.api('POST', '/clients', { name: 'Direkt' })).json.id as string;
  return {
    id: `bk_direct_${Math.random().toString(36).slice(2, 10)}`,
    clinic_id: clinic.id,
    practitioner_id: c.pr.anna,
    treatment_type_id: c.tt.talk,
    location_id: null,
    client_id: client,
    status: 'booked',
    start_ms: T0,
    end_ms: T0 + 60 * MINUTE,
    note: '',
    late_cancellation: 0,
    confirmation: 'none',
    source: 'staff',
    manage_token_hash: null,
    locale: null,
    paid_amount_cents: null,
    paid_currency: null,
    paid_method: null,
    paid_at: null,
    receipt_number: null,
    cancelled_at: null,
    created_at: t.clock.now(),
    updated_at: t.clock.now(),
    ...overrides,
  };
}

describe('concurrent staff bookings over HTTP', () => {
  it('20 parallel overlapping POSTs: exactly one wins, the other 19 get 409 conflict', async () => {
    // Starts two minutes apart, an hour long: every pair overlaps.
    const attempts = Array.from({ length: 20 }, (_, i) =>
      post('/bookings', {
        client: { name: `Klient ${i}` },
        practitionerId: c.pr.anna,
        treatmentTypeId: c.tt.talk,
        start: iso(T0 + i * 2 * MINUTE),
      }),
    );
    const results = await Promise.all(attempts);
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
    expect(results.filter((r) => r.status === 409).every((r) => r.json.code === 'conflict')).toBe(true);
    const rows = await bookedRows(c.pr.anna);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(results.find((r) => r.status === 201)!.json.id);
  });

  it('parallel POSTs for two practitioners and a free time: one winner each, adjacent times all win', async () => {
    const attempts = [c.pr.anna, c.pr.bo].flatMap((practitionerId) =>
      Array.from({ length: 10 }, (_, i) =>
        post('/bookings', { client: { name: `K${i}` }, practitionerId, treatmentTypeId: c.tt.talk, start: iso(T0 + i * MINUTE) }),
      ),
    );
    // Back-to-back hours after 11:00 touch but never overlap: all of them succeed.
    const adjacent = Array.from({ length: 5 }, (_, i) =>
      post('/bookings', { client: { name: `A${i}` }, practitionerId: c.pr.anna, treatmentTypeId: c.tt.talk, start: iso(T0 + (2 + i) * 60 * MINUTE) }),
    );
    const results = await Promise.all([...attempts, ...adjacent]);
    expect(results.slice(0, 10).filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.slice(10, 20).filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.slice(20).map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(results.filter((r) => r.status !== 201).every((r) => r.status === 409 && r.json.code === 'conflict')).toBe(true);
    expect(await bookedRows(c.pr.anna)).toHaveLength(6);
    expect(await bookedRows(c.pr.bo)).toHaveLength(1);
    // 25 racing writes; on PostgreSQL the losers retry serialization failures, which on a loaded
    // 2-core machine has taken longer than the default 20 s.
  }, 60_000);

  it('parallel moves of different bookings onto the same free time: exactly one lands', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await post('/bookings', {
        client: { name: `K${i}` },
        practitionerId: c.pr.anna,
        treatmentTypeId: c.tt.short,
        start: iso(T0 + i * 30 * MINUTE),
      });
      expect(res.status).toBe(201);
      ids.push(res.json.id!);
    }
    // All ten to 16:00–16:30, plus new bookings racing for the same half hour.
    const target = iso(T0 + 7 * 60 * MINUTE);
    const results = await Promise.all([
      ...ids.map((id) => post(`/bookings/${id}`, { start: target }, 'PATCH')),
      ...Array.from({ length: 5 }, (_, i) =>
        post('/bookings', { client: { name: `N${i}` }, practitionerId: c.pr.anna, treatmentTypeId: c.tt.short, start: target }),
      ),
    ]);
    expect(results.filter((r) => r.status < 300)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.json.code === 'conflict')).toHaveLength(14);
    const rows = await bookedRows(c.pr.anna);
    expect(rows.filter((r) => r.start_ms === Date.parse(target))).toHaveLength(1);
    // No two booked rows of Anna overlap.
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.start_ms).toBeGreaterThanOrEqual(rows[i - 1]!.end_ms);
  });

  it('parallel POSTs against an active hold all fail; against an expired hold exactly one wins', async () => {
    await insertHold(t, c, { practitionerId: c.pr.anna, start: iso(T0), end: iso(T0 + 60 * MINUTE), expiresAt: '2027-03-01T08:10:00Z' });
    await insertHold(t, c, { practitionerId: c.pr.bo, start: iso(T0), end: iso(T0 + 60 * MINUTE), expiresAt: '2027-03-01T07:59:00Z' });
    const race = (practitionerId: string) =>
      Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          post('/bookings', { client: { name: `K${i}` }, practitionerId, treatmentTypeId: c.tt.talk, start: iso(T0 + i * 3 * MINUTE) }),
        ),
      );
    const [held, expired] = await Promise.all([race(c.pr.anna), race(c.pr.bo)]);
    expect(held.map((r) => r.status)).toEqual(Array<number>(10).fill(409));
    expect(expired.filter((r) => r.status === 201)).toHaveLength(1);
    expect(expired.filter((r) => r.status === 409)).toHaveLength(9);
  });
});

describe('the overlap triggers, written around the services', () => {
  it("refuse a direct insert that overlaps a booked booking, even through the service's own connection", async () => {
    const winner = await post('/bookings', { client: { name: 'A' }, practitionerId: c.pr.anna, treatmentTypeId: c.tt.talk, start: iso(T0) });
    expect(winner.status).toBe(201);
    for (const [start, end] of [
      [T0, T0 + 60 * MINUTE],
      [T0 + 59 * MINUTE, T0 + 120 * MINUTE],
      [T0 - 30 * MINUTE, T0 + 1],
      [T0 + 10 * MINUTE, T0 + 20 * MINUTE],
      [T0 - 60 * MINUTE, T0 + 120 * MINUTE],
    ] as const) {
      const row = await bookingRow({ start_ms: start, end_ms: end });
      await expect(t.store.db.insertInto('bookings').values(row).execute()).rejects.toThrow(/tidbok_overlap/);
    }
    // Half-open: touching either end is fine; so is another practitioner, or a cancelled row.
    await t.store.db
      .insertInto('bookings')
      .values(await bookingRow({ start_ms: T0 + 60 * MINUTE, end_ms: T0 + 90 * MINUTE }))
      .execute();
    await t.store.db
      .insertInto('bookings')
      .values(await bookingRow({ start_ms: T0 - 30 * MINUTE, end_ms: T0 }))
      .execute();
    await t.store.db
      .insertInto('bookings')
      .values(await bookingRow({ practitioner_id: c.pr.bo }))
      .execute();
    const cancelled = await bookingRow({ status: 'cancelled' });
    await t.store.db.insertInto('bookings').values(cancelled).execute();
    await t.store.db
      .insertInto('bookings')
      .values(await bookingRow({ status: 'no_show' }))
      .execute();
    expect(await bookedRows(c.pr.anna)).toHaveLength(3);

    // Re-activating the cancelled one, or moving a booking onto another, is refused as well.
    await expect(t.store.db.updateTable('bookings').set({ status: 'booked' }).where('id', '=', cancelled.id).execute()).rejects.toThrow(/tidbok_overlap/);
    const bo = (await bookedRows(c.pr.bo))[0]!;
    await expect(t.store.db.updateTable('bookings').set({ practitioner_id: c.pr.anna }).where('id', '=', bo.id).execute()).rejects.toThrow(/tidbok_overlap/);
    await expect(
      t.store.db
        .updateTable('bookings')
        .set({ start_ms: T0 + 30 * MINUTE, end_ms: T0 + 90 * MINUTE })
        .where('id', '=', winner.json.id!)
        .execute(),
    ).rejects.toThrow(/tidbok_overlap/);
    // A booking may be moved within its own time (it does not overlap itself).
    await t.store.db
      .updateTable('bookings')
      .set({ end_ms: T0 + 45 * MINUTE })
      .where('id', '=', winner.json.id!)
      .execute();
  });

  it('refuse a hold over a booking or another active hold, and a booking over an active hold; inactive holds never count', async () => {
    await t.store.db
      .insertInto('bookings')
      .values(await bookingRow({}))
      .execute();
    const hold = (start: number, active: 0 | 1 = 1) =>
      insertHold(t, c, { practitionerId: c.pr.anna, start: iso(start), end: iso(start + 60 * MINUTE), expiresAt: '2027-03-01T08:10:00Z', active });
    await expect(hold(T0 + 30 * MINUTE)).rejects.toThrow(/tidbok_overlap/);
    await hold(T0 + 60 * MINUTE);
    await expect(hold(T0 + 90 * MINUTE)).rejects.toThrow(/tidbok_overlap/);
    await hold(T0 + 90 * MINUTE, 0); // an inactive row is history, not a claim
    await expect(
      t.store.db
        .insertInto('bookings')
        .values(await bookingRow({ start_ms: T0 + 100 * MINUTE, end_ms: T0 + 110 * MINUTE }))
        .execute(),
    ).rejects.toThrow(/tidbok_overlap/);
    await t.store.db
      .insertInto('bookings')
      .values(await bookingRow({ start_ms: T0 + 120 * MINUTE, end_ms: T0 + 180 * MINUTE }))
      .execute();
  });

  it('refuse an overlapping insert from a second connection to the same database (another process)', async () => {
    const winner = await post('/bookings', { client: { name: 'A' }, practitionerId: c.pr.anna, treatmentTypeId: c.tt.talk, start: iso(T0) });
    expect(winner.status).toBe(201);
    const other = t.database.open();
    try {
      const row = await bookingRow({ start_ms: T0 + 15 * MINUTE, end_ms: T0 + 75 * MINUTE });
      await expect(other.db.insertInto('bookings').values(row).execute()).rejects.toThrow(/tidbok_overlap/);
      await other.db
        .insertInto('bookings')
        .values({ ...row, id: `${row.id}_later`, start_ms: T0 + 60 * MINUTE })
        .execute();
    } finally {
      await other.close();
    }
    expect(await bookedRows(c.pr.anna)).toHaveLength(2);
  });

  // One test on either engine, each racing its own way, so neither pass has a skipped twin.
  it('let exactly one of many truly parallel writers win (each its own connection, no service)', async () => {
    const row = await bookingRow({});
    if (t.engine === 'postgres') await racePostgresConnections(row);
    else await raceSqliteWorkers(row);
    expect(await bookedRows(c.pr.anna)).toHaveLength(1);
  });
});

/**
 * PostgreSQL: WRITERS connections of their own, no service, no transaction, each inserting an
 * overlapping copy of `row` at once; expects exactly one to win.
 */
async function racePostgresConnections(row: BookingTable) {
  const WRITERS = 8;
  const stores = Array.from({ length: WRITERS }, () => t.database.open());
  try {
    // Open every connection first, so the inserts below reach the server together.
    await Promise.all(stores.map((store) => store.db.selectFrom('clinics').select('id').execute()));
    const results = await Promise.all(
      stores.map((store, i) =>
        store.db
          .insertInto('bookings')
          .values({ ...row, id: `${row.id}_${i}`, start_ms: row.start_ms + i * MINUTE, end_ms: row.end_ms + i * MINUTE })
          .execute()
          .then(
            () => 'inserted',
            (error: unknown) => String(error instanceof Error ? error.message : error),
          ),
      ),
    );
    expect(
      results.filter((r) => r === 'inserted'),
      results.join('; '),
    ).toHaveLength(1);
    // Losers that checked each other's uncommitted rows at the same moment can also be told
    // "deadlock detected" (PostgreSQL's documented outcome for racing exclusion checks): refused
    // all the same, and the store turns it into a retry, hence a 409, for the services.
    const refused = results.filter((r) => r.includes('tidbok_overlap') || r.includes('deadlock detected'));
    expect(refused, results.join('; ')).toHaveLength(WRITERS - 1);
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
}

/**
 * SQLite: WORKERS worker threads, each its own connection to the file and no service at all,
 * each inserting an overlapping copy of `row` in BEGIN IMMEDIATE at one go signal; exactly one
 * must win.
 */
async function raceSqliteWorkers(row: BookingTable) {
  const WORKERS = 8;
  const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
  // Each worker opens the file, waits for the go signal, then inserts an overlapping row in a
  // BEGIN IMMEDIATE transaction, as the store does. Only the trigger stands between them.
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.sqlitePath);
    const db = new Database(workerData.file, { timeout: 10000 });
    db.pragma('busy_timeout = 10000');
    const row = workerData.row;
    const insert = db.prepare('INSERT INTO bookings (' + Object.keys(row).join(', ') + ') VALUES (' + Object.keys(row).map((k) => '@' + k).join(', ') + ')');
    const write = db.transaction((r) => insert.run(r));
    const view = new Int32Array(workerData.gate);
    parentPort.postMessage('ready');
    Atomics.wait(view, 0, 0);
    let result;
    try { write.immediate(row); result = 'inserted'; }
    catch (error) { result = String(error && error.message); }
    db.close();
    parentPort.postMessage(result);
  `;
  const gate = new SharedArrayBuffer(4);
  const workers = Array.from(
    { length: WORKERS },
    (_, i) =>
      new Worker(code, {
        eval: true,
        workerData: {
          sqlitePath,
          file: t.file,
          gate,
          row: { ...row, id: `${row.id}_${i}`, start_ms: row.start_ms + i * MINUTE, end_ms: row.end_ms + i * MINUTE },
        },
      }),
  );
  const outcomes = workers.map(
    (worker) =>
      new Promise<string[]>((resolve, reject) => {
        const messages: string[] = [];
        worker.on('message', (m: string) => {
          messages.push(m);
          if (messages.length === 2) resolve(messages);
        });
        worker.on('error', reject);
      }),
  );
  const ready = workers.map((worker) => new Promise<void>((resolve) => worker.once('message', () => resolve())));
  await Promise.all(ready);
  const view = new Int32Array(gate);
  Atomics.store(view, 0, 1);
  Atomics.notify(view, 0);
  const results = (await Promise.all(outcomes)).map((m) => m[1]);
  await Promise.all(workers.map((w) => w.terminate()));
  expect(results.filter((r) => r === 'inserted')).toHaveLength(1);
  expect(results.filter((r) => r?.includes('tidbok_overlap'))).toHaveLength(WORKERS - 1);
}
