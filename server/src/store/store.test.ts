import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { ManualClock } from '../clock.js';
import { testConfig } from '../config.js';
import { isOverlapError } from '../errors.js';
import { newId } from '../secrets.js';
import { createTestContext, OPERATOR_TOKEN } from '../testing.js';
import { sqliteMigrations } from './migrations/index.js';
import { openSqliteStore, type Store } from './store.js';

let dir: string;
const open: Store[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidbok-store-'));
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function openStore(file = join(dir, 'tidbok.db')) {
  const store = openSqliteStore({ file });
  open.push(store);
  return store;
}

describe('migrations', () => {
  it('applies every migration, in order, to a new file', async () => {
    const applied = await openStore().migrate();
    expect(applied).toEqual(Object.keys(sqliteMigrations).sort());
    expect(applied[0]).toBe('0001-initial');
  });

  it('applies nothing twice', async () => {
    const store = openStore();
    await store.migrate();
    expect(await store.migrate()).toEqual([]);
  });

  it('creates a missing folder for the database file', async () => {
    const store = openStore(join(dir, 'nested', 'deeper', 'tidbok.db'));
    expect((await store.migrate()).length).toBeGreaterThan(0);
  });
});

describe('restart', () => {
  it('keeps clinics, tokens and rows when the same file is opened again, without re-running migrations', async () => {
    const t = await createTestContext();
    const { slug, token } = await t.clinic('lugna');
    const admin = `/v1/clinics/${slug}/admin`;
    await t.call('PATCH', `${admin}/settings`, { token, body: { booking: { minNoticeHours: 6 } } });
    const tt = await (await t.call('POST', `${admin}/treatment-types`, { token, body: { name: 'Samtal', durationMinutes: 50 } })).json();
    const pr = await (
      await t.call('POST', `${admin}/practitioners`, { token, body: { name: 'Anna', treatmentTypeIds: [tt.id] } })
    ).json();
    const client = await (await t.call('POST', `${admin}/clients`, { token, body: { name: 'Klara', isTest: true } })).json();
    await t.store.close();

    const reopened = openStore(t.file);
    try {
      expect(await reopened.migrate()).toEqual([]);
      const app = createApp({
        store: reopened,
        clock: new ManualClock(Date.parse('2027-03-02T08:00:00Z')),
        config: testConfig({ dbFile: t.file, operatorToken: OPERATOR_TOKEN }),
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
    } finally {
      rmSync(t.dir, { recursive: true, force: true });
    }
  });
});

describe('connection settings', () => {
  it('uses WAL, full sync, foreign keys and a busy timeout', async () => {
    const store = openStore();
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

  it('lower-cases letters beyond ASCII, as PostgreSQL does', async () => {
    const store = openStore();
    const { rows } = await sql<{ v: string }>`select lower(${'ÅSA ÖBERG Ärlig'}) as v`.execute(store.db);
    expect(rows[0]?.v).toBe('åsa öberg ärlig');
  });

  it('refuses rows that break a foreign key', async () => {
    const store = openStore();
    await store.migrate();
    const now = 0;
    await expect(
      store.write((trx) =>
        trx
          .insertInto('locations')
          .values({ id: 'lo_x', clinic_id: 'cl_missing', name: 'X', address: null, deleted_at: null, created_at: now, updated_at: now })
          .execute(),
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
  });
});

describe('the database refuses double bookings (API.md, rules that make a slot, last paragraph)', () => {
  const H = 3_600_000;

  async function seed(store: Store) {
    await store.migrate();
    const ids = { clinic: newId('cl'), pr: newId('pr'), tt: newId('tt'), client: newId('cli') };
    await store.write(async (trx) => {
      await trx
        .insertInto('clinics')
        .values({ id: ids.clinic, slug: 'x', name: 'X', time_zone: 'Europe/Stockholm', locale: 'sv', booking_module: 1, settings: '{}', created_at: 0, updated_at: 0 })
        .execute();
      await trx
        .insertInto('practitioners')
        .values({ id: ids.pr, clinic_id: ids.clinic, name: 'A', email: null, title: null, cancellation_window_hours: null, position: 0, deleted_at: null, created_at: 0, updated_at: 0 })
        .execute();
      await trx
        .insertInto('treatment_types')
        .values({
          id: ids.tt, clinic_id: ids.clinic, name: 'T', description: '', duration_minutes: 60, client_minutes: 60, color: '#000000',
          price_cents: 0, currency: 'SEK', vat_percent: 0, online_bookable: 1, confirmation_text: '', sms_text: '', position: 0,
          deleted_at: null, created_at: 0, updated_at: 0,
        })
        .execute();
      await trx
        .insertInto('clients')
        .values({ id: ids.client, clinic_id: ids.clinic, name: 'C', email: null, email_norm: null, phone: null, personal_number: null, is_test: 0, created_at: 0, updated_at: 0 })
        .execute();
    });
    const booking = (start: number, end: number, status = 'booked') =>
      store.write((trx) =>
        trx
          .insertInto('bookings')
          .values({
            id: newId('bk'), clinic_id: ids.clinic, practitioner_id: ids.pr, treatment_type_id: ids.tt, location_id: null,
            client_id: ids.client, status, start_ms: start, end_ms: end, note: '', late_cancellation: 0, confirmation: 'none',
            source: 'staff', manage_token_hash: null, paid_amount_cents: null, paid_currency: null, paid_method: null,
            paid_at: null, receipt_number: null, cancelled_at: null, created_at: 0, updated_at: 0,
          })
          .execute(),
      );
    const hold = (start: number, end: number) =>
      store.write((trx) =>
        trx
          .insertInto('holds')
          .values({
            id: newId('hd'), clinic_id: ids.clinic, practitioner_id: ids.pr, treatment_type_id: ids.tt, location_id: null,
            start_ms: start, end_ms: end, expires_at: end, secret_hash: 'x', client_ip: null, active: 1, created_at: 0,
          })
          .execute(),
      );
    return { booking, hold };
  }

  it('refuses an overlapping booked booking or hold, and allows touching and cancelled ones', async () => {
    const store = openStore();
    const { booking, hold } = await seed(store);
    await booking(10 * H, 11 * H);
    const overlap = booking(10.5 * H, 11.5 * H).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isOverlapError(await overlap)).toBe(true);
    await expect(hold(10 * H, 10.25 * H)).rejects.toThrow(/tidbok_overlap/);
    await booking(11 * H, 12 * H); // [start, end) touches, does not overlap
    await booking(10 * H, 11 * H, 'cancelled');
    await hold(12 * H, 13 * H);
    await expect(booking(12.5 * H, 13.5 * H)).rejects.toThrow(/tidbok_overlap/);
  });
});
