import type { Insertable, Selectable } from 'kysely';
import type { BookingTable, HoldTable } from '../schema.js';
import { lockKey } from '../key-lock.js';
import type { Queryable, Store, Trx } from '../store.js';

type BookingRow = Selectable<BookingTable>;

/** A booking with its treatment type's colour. */
export type BookingWithColor = BookingRow & { color: string };

/** The clinic's booking with this id, with its treatment type's colour, or undefined. */
export async function bookingWithColor(db: Queryable, clinicId: string, id: string): Promise<BookingWithColor | undefined> {
  return db
    .selectFrom('bookings as b')
    .innerJoin('treatment_types as t', 't.id', 'b.treatment_type_id')
    .selectAll('b')
    .select('t.color')
    .where('b.id', '=', id)
    .where('b.clinic_id', '=', clinicId)
    .executeTakeFirst();
}

/** The time a new or moved entry of a practitioner would take, and where overlapping entries may start. */
export interface WantedTime {
  practitionerId: string;
  start: number;
  end: number;
  /** A lower bound on the `start_ms` of anything overlapping `[start, end)` (the index window). */
  startsAfter: number;
}

/** The earliest booked booking of the practitioner overlapping the time (other than `ignoreBookingId`), if any. */
export async function firstBookingInTheWay(
  trx: Trx,
  time: WantedTime & { ignoreBookingId?: string | undefined },
): Promise<Pick<BookingRow, 'start_ms' | 'end_ms'> | undefined> {
  return trx
    .selectFrom('bookings')
    .select(['start_ms', 'end_ms'])
    .where('status', '=', 'booked')
    .where('practitioner_id', '=', time.practitionerId)
    .where('start_ms', '<', time.end)
    .where('start_ms', '>', time.startsAfter)
    .where('end_ms', '>', time.start)
    .where('id', '<>', time.ignoreBookingId ?? '')
    .orderBy('start_ms')
    .executeTakeFirst();
}

/** The earliest active, unexpired hold of the practitioner overlapping the time, if any. */
export async function firstHoldInTheWay(trx: Trx, time: WantedTime & { now: number }): Promise<Pick<Selectable<HoldTable>, 'start_ms' | 'end_ms'> | undefined> {
  return trx
    .selectFrom('holds')
    .select(['start_ms', 'end_ms'])
    .where('active', '=', 1)
    .where('expires_at', '>', time.now)
    .where('practitioner_id', '=', time.practitionerId)
    .where('start_ms', '<', time.end)
    .where('start_ms', '>', time.startsAfter)
    .where('end_ms', '>', time.start)
    .orderBy('start_ms')
    .executeTakeFirst();
}

/** Stores a new booking (the overlap triggers refuse one that collides). */
export async function addBooking(trx: Trx, row: Insertable<BookingTable>): Promise<void> {
  await trx.insertInto('bookings').values(row).execute();
}

/** What staff may change of a booking: its time, practitioner, treatment, location, client and note. */
export type BookingChanges = Pick<
  BookingRow,
  'practitioner_id' | 'treatment_type_id' | 'location_id' | 'client_id' | 'note' | 'start_ms' | 'end_ms' | 'updated_at'
>;

/** Writes the changes to the booking (the overlap triggers refuse a time that collides). */
export async function changeBooking(trx: Trx, id: string, changes: BookingChanges): Promise<void> {
  await trx.updateTable('bookings').set(changes).where('id', '=', id).execute();
}

/** Deletes the booking row. */
export async function removeBooking(trx: Trx, id: string): Promise<void> {
  await trx.deleteFrom('bookings').where('id', '=', id).execute();
}

/** The practitioner's own cancellation window in hours: null when they have none, undefined when there is no such practitioner. */
export async function practitionerCancellationWindow(db: Queryable, practitionerId: string): Promise<number | null | undefined> {
  const practitioner = await db.selectFrom('practitioners').select('cancellation_window_hours').where('id', '=', practitionerId).executeTakeFirst();
  return practitioner?.cancellation_window_hours;
}

/** Marks the booking cancelled (late or not) at `now`; returns the fields written. */
export async function markBookingCancelled(trx: Trx, id: string, { late, now }: { late: boolean; now: number }) {
  const changes = { status: 'cancelled', late_cancellation: late ? 1 : 0, cancelled_at: now, updated_at: now };
  await trx.updateTable('bookings').set(changes).where('id', '=', id).execute();
  return changes;
}

/** Marks the booking a no-show at `now`; returns the fields written. */
export async function markBookingNoShow(trx: Trx, id: string, now: number) {
  const changes = { status: 'no_show', updated_at: now };
  await trx.updateTable('bookings').set(changes).where('id', '=', id).execute();
  return changes;
}

/** Makes a cancelled or no-show booking booked again (not late, not cancelled); returns the fields written. */
export async function markBookingBookedAgain(trx: Trx, id: string, now: number) {
  const changes = { status: 'booked', late_cancellation: 0, cancelled_at: null, updated_at: now };
  await trx.updateTable('bookings').set(changes).where('id', '=', id).execute();
  return changes;
}

/** Replaces the hash of the booking's manage link (the old link stops working). */
export async function replaceManageToken(trx: Trx, id: string, { hash, now }: { hash: string; now: number }): Promise<void> {
  await trx.updateTable('bookings').set({ manage_token_hash: hash, updated_at: now }).where('id', '=', id).execute();
}

/**
 * Makes this transaction wait for any other write to the practitioner's calendar that took its
 * turn first, until that one commits (PostgreSQL: an advisory lock; SQLite writes run alone).
 */
export function takeTurnOnPractitioner(store: Store, trx: Trx, practitionerId: string): Promise<void> {
  return lockKey(store, trx, `practitioner:${practitionerId}`);
}
