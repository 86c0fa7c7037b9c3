import { type Selectable, sql } from 'kysely';
import type { AuditLogTable, BookingTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

/** A booking row with its treatment type's colour, as the booking answers are made from. */
export type BookingWithColor = Selectable<BookingTable> & { color: string };

/** A client's bookings at the clinic with their treatment colours, soonest first, at most `limit`. */
export async function bookingsOfClient(db: Queryable, v: { clinicId: string; clientId: string; limit: number }): Promise<BookingWithColor[]> {
  return db
    .selectFrom('bookings as b')
    .innerJoin('treatment_types as t', 't.id', 'b.treatment_type_id')
    .selectAll('b')
    .select('t.color')
    .where('b.clinic_id', '=', v.clinicId)
    .where('b.client_id', '=', v.clientId)
    .orderBy('b.start_ms')
    .limit(v.limit)
    .execute();
}

/** The time with the client (`client_minutes`, null: the whole booking) of each of these treatment types. */
export async function clientMinutesOfTreatments(db: Queryable, treatmentTypeIds: string[]): Promise<{ id: string; client_minutes: number | null }[]> {
  return db.selectFrom('treatment_types').select(['id', 'client_minutes']).where('id', 'in', treatmentTypeIds).execute();
}

/** The own cancellation window (null: the clinic's) of each of these practitioners. */
export async function cancellationWindowsOfPractitioners(
  db: Queryable,
  practitionerIds: string[],
): Promise<{ id: string; cancellation_window_hours: number | null }[]> {
  return db.selectFrom('practitioners').select(['id', 'cancellation_window_hours']).where('id', 'in', practitionerIds).execute();
}

/** Where and when a booking moves to. */
export interface BookingTime {
  practitioner_id: string;
  location_id: string | null;
  start_ms: number;
  end_ms: number;
  updated_at: number;
}

/** Moves a booking that is still booked to a new time; the overlap guard's refusal is thrown as the database throws it. */
export async function moveBookedBooking(trx: Trx, bookingId: string, next: BookingTime): Promise<void> {
  await trx.updateTable('bookings').set(next).where('id', '=', bookingId).where('status', '=', 'booked').execute();
}

/** Writes an entry to the audit log, where staff look for who changed a booking. */
export async function recordInAuditLog(trx: Trx, entry: AuditLogTable): Promise<void> {
  await trx.insertInto('audit_log').values(entry).execute();
}

/**
 * A reminder names the time it was for. The old time's reminder stops being the booking's (its
 * key, by which the dispatcher finds it, becomes its own message id), so one for the new time is
 * sent when that is due; one not sent yet is marked failed with `lastError` and is not sent at
 * all. Staff still see both.
 */
export async function setReminderAside(trx: Trx, bookingId: string, lastError: string): Promise<void> {
  await trx
    .updateTable('messages')
    .set({ status: 'failed', last_error: lastError })
    .where('dedupe_key', '=', `reminder:${bookingId}`)
    .where('status', '=', 'pending')
    .execute();
  await trx
    .updateTable('messages')
    .set({ dedupe_key: sql<string>`'moved:' || id` })
    .where('dedupe_key', '=', `reminder:${bookingId}`)
    .execute();
}

/** What the manage page shows of a booking beside its own fields, and what its calendar event needs. */
export interface BookingPageDetails {
  id: string;
  start_ms: number;
  end_ms: number;
  client_minutes: number | null;
  treatment_name: string;
  practitioner_name: string;
  practitioner_title: string | null;
  location_name: string | null;
  location_address: string | null;
  client_name: string;
  is_test: number;
}

/** The names a booking's page shows (treatment, practitioner, place, client); throws Kysely's NoResultError when there is no such booking. */
export async function bookingPageDetails(db: Queryable, bookingId: string): Promise<BookingPageDetails> {
  return db
    .selectFrom('bookings as b')
    .innerJoin('treatment_types as t', 't.id', 'b.treatment_type_id')
    .innerJoin('practitioners as p', 'p.id', 'b.practitioner_id')
    .innerJoin('clients as c', 'c.id', 'b.client_id')
    .leftJoin('locations as l', 'l.id', 'b.location_id')
    .select([
      'b.id',
      'b.start_ms',
      'b.end_ms',
      't.client_minutes',
      't.name as treatment_name',
      'p.name as practitioner_name',
      'p.title as practitioner_title',
      'l.name as location_name',
      'l.address as location_address',
      'c.name as client_name',
      'c.is_test',
    ])
    .where('b.id', '=', bookingId)
    .executeTakeFirstOrThrow();
}

/** A practitioner's name, for the page that confirms an e-mailed booking. */
export async function practitionerName(db: Queryable, practitionerId: string): Promise<{ name: string } | undefined> {
  return db.selectFrom('practitioners').select('name').where('id', '=', practitionerId).executeTakeFirst();
}

/** A treatment type's name and time with the client, for the page that confirms an e-mailed booking. */
export async function treatmentNameAndClientMinutes(
  db: Queryable,
  treatmentTypeId: string,
): Promise<{ name: string; client_minutes: number | null } | undefined> {
  return db.selectFrom('treatment_types').select(['name', 'client_minutes']).where('id', '=', treatmentTypeId).executeTakeFirst();
}
