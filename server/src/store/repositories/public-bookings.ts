import type { Selectable } from 'kysely';
import { lockKeyQuery } from '../key-lock.js';
import { prepared, together } from '../prepared.js';
import type { BookingTable, ClientTable, TreatmentTypeTable } from '../schema.js';
import type { Store, Trx } from '../store.js';
import { clientsByEmail } from './client-matches.js';
import { holdBecomesBooking, holdById, type HoldRow } from './holds.js';

// The hold's treatment type, in the same round trip as the hold (none if it was deleted since).
const treatmentOfHold = prepared((db, v: { id: string; clinicId: string }) =>
  db
    .selectFrom('treatment_types')
    .selectAll('treatment_types')
    // The held practitioner's own cancellation window (null: the clinic's), for the answer.
    .select((eb) =>
      eb
        .selectFrom('holds')
        .innerJoin('practitioners', 'practitioners.id', 'holds.practitioner_id')
        .select('practitioners.cancellation_window_hours')
        .where('holds.id', '=', v.id)
        .as('practitioner_window_hours'),
    )
    .where('id', '=', db.selectFrom('holds').select('treatment_type_id').where('id', '=', v.id).where('clinic_id', '=', v.clinicId))
    .where('clinic_id', '=', v.clinicId)
    .where('deleted_at', 'is', null),
);

/** The treatment type of a hold, with the held practitioner's own cancellation window (null: the clinic's). */
export type HeldTreatment = Selectable<TreatmentTypeTable> & { practitioner_window_hours: number | null };

/**
 * A hold of the clinic and its treatment type (undefined: no such hold, or the treatment was
 * deleted since), read together: one round trip on PostgreSQL (prepared.ts, `together`).
 */
export async function holdWithTreatment(
  trx: Trx,
  clinicId: string,
  holdId: string,
): Promise<{ hold: HoldRow | undefined; treatment: HeldTreatment | undefined }> {
  const key = { id: holdId, clinicId };
  const [{ rows: holds }, { rows: treatments }] = await together(trx, [holdById.compile(trx, key), treatmentOfHold.compile(trx, key)]);
  return { hold: holds[0], treatment: treatments[0] };
}

/**
 * Marks the hold as become booking `bookingId` (holds.ts, `holdBecomesBooking`: only while it
 * has not become one yet), and with it, when an e-mail is given, takes the lock on the clinic's
 * clients of that e-mail and reads them: two bookings with one address at once must not both
 * find no match and both create (key-lock.ts), and the read, run after the lock is granted, sees
 * what the other committed. All started together, so they share a round trip on PostgreSQL;
 * they run in this order. `converted` is false when the hold was already used.
 */
export async function markHoldBookedAndReadClients(
  trx: Trx,
  store: Store,
  v: { clinicId: string; holdId: string; bookingId: string; email: string | null },
): Promise<{ converted: boolean; clients: Selectable<ClientTable>[] | undefined }> {
  const { email } = v;
  const lock = email === null ? null : lockKeyQuery(store, trx, `client:${v.clinicId}:${email}`);
  const [converted, ...rest] = await together(trx, [
    holdBecomesBooking.compile(trx, { id: v.holdId, bookingId: v.bookingId }),
    ...(lock ? [lock] : []),
    ...(email === null ? [] : [clientsByEmail.compile(trx, { clinicId: v.clinicId, email })]),
  ]);
  return {
    converted: Number(converted.numAffectedRows ?? 0) === 1,
    clients: email === null ? undefined : (rest.at(-1)!.rows as Selectable<ClientTable>[]),
  };
}

/** Remembers the language a client last booked in (for what staff book for them later). */
export async function setClientLocale(trx: Trx, clientId: string, locale: string): Promise<void> {
  await trx.updateTable('clients').set({ locale }).where('id', '=', clientId).execute();
}

const insertBooking = prepared((db, row: Selectable<BookingTable>) => db.insertInto('bookings').values(row));

/** Inserts a booking; the overlap guard's refusal is thrown as the database throws it. */
export async function insertPublicBooking(trx: Trx, row: Selectable<BookingTable>): Promise<void> {
  await insertBooking(trx, row);
}
