// What the store's test files share (store.test.ts on every engine, store.postgres.test.ts on
// PostgreSQL only): throwaway databases and stores that go away after each test, and a seeded
// store with row helpers. Each test file using it calls `afterEach(cleanUp)`.
import { newId } from '../secrets.js';
import { createTestDatabase, type Engine, type TestDatabase } from '../testing.js';
import type { Store } from './store.js';

export const H = 3_600_000;

const cleanup: (() => Promise<void>)[] = [];

/** Runs `undo` after the current test (latest first); see `cleanUp`. */
export function afterTest(undo: () => Promise<void>): void {
  cleanup.push(undo);
}

/** Undoes everything `afterTest` was given, latest first: pass it to `afterEach`. */
export async function cleanUp(): Promise<void> {
  for (const undo of cleanup.splice(0).reverse()) await undo();
}

/** A fresh, empty database on `engine`, dropped after the test. */
export async function database(engine: Engine): Promise<TestDatabase> {
  const db = await createTestDatabase(engine);
  afterTest(() => db.drop());
  return db;
}

/** `store`, closed after the test. */
export function track(store: Store): Store {
  afterTest(() => store.close());
  return store;
}

/** A migrated store with one clinic, practitioner, treatment type and client, and row helpers. */
export async function seeded(engine: Engine) {
  const store = track((await database(engine)).open());
  await store.migrate();
  const ids = { clinic: newId('cl'), pr: newId('pr'), tt: newId('tt'), client: newId('cli') };
  await store.write(async (trx) => {
    await trx
      .insertInto('clinics')
      .values({
        id: ids.clinic,
        slug: 'x',
        name: 'X',
        time_zone: 'Europe/Stockholm',
        locale: 'sv',
        booking_module: 1,
        settings: '{}',
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    await trx
      .insertInto('practitioners')
      .values({
        id: ids.pr,
        clinic_id: ids.clinic,
        name: 'A',
        email: null,
        title: null,
        cancellation_window_hours: 0.1,
        position: 0,
        deleted_at: null,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    await trx
      .insertInto('treatment_types')
      .values({
        id: ids.tt,
        clinic_id: ids.clinic,
        name: 'T',
        description: '',
        duration_minutes: 60,
        client_minutes: 60,
        color: '#000000',
        price_cents: 95_000,
        currency: 'SEK',
        vat_percent: 12.5,
        online_bookable: 1,
        confirmation_text: '',
        sms_text: '',
        // `position` holds epoch ms: 64-bit on both engines.
        position: Date.parse('2027-03-01T08:00:00Z'),
        deleted_at: null,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    await trx
      .insertInto('clients')
      .values({
        id: ids.client,
        clinic_id: ids.clinic,
        name: 'C',
        email: null,
        email_norm: null,
        phone: null,
        personal_number: null,
        is_test: 0,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
  });
  const bookingValues = (start: number, end: number, status = 'booked') => ({
    id: newId('bk'),
    clinic_id: ids.clinic,
    practitioner_id: ids.pr,
    treatment_type_id: ids.tt,
    location_id: null,
    client_id: ids.client,
    status,
    start_ms: start,
    end_ms: end,
    note: '',
    late_cancellation: 0,
    confirmation: 'none',
    source: 'staff',
    manage_token_hash: null,
    paid_amount_cents: null,
    paid_currency: null,
    paid_method: null,
    paid_at: null,
    receipt_number: null,
    cancelled_at: null,
    created_at: 0,
    updated_at: 0,
  });
  const holdValues = (start: number, end: number) => ({
    id: newId('hd'),
    clinic_id: ids.clinic,
    practitioner_id: ids.pr,
    treatment_type_id: ids.tt,
    location_id: null,
    start_ms: start,
    end_ms: end,
    expires_at: end,
    secret_hash: 'x',
    client_ip: null,
    active: 1,
    booking_id: null,
    created_at: 0,
  });
  const booking = async (start: number, end: number, status = 'booked') => {
    const values = bookingValues(start, end, status);
    await store.write((trx) => trx.insertInto('bookings').values(values).execute());
    return values.id;
  };
  const hold = async (start: number, end: number) => {
    const values = holdValues(start, end);
    await store.write((trx) => trx.insertInto('holds').values(values).execute());
    return values.id;
  };
  return { store, ids, booking, hold, bookingValues, holdValues };
}

/** What `promise` rejects with, or null when it resolves. */
export const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );
