import { cancellationWindowHoursFor, clientEndIso, type CreateBookingBody, type CreateBookingResponse } from '@tidbok/core';
import { bookingLocale } from '../notifications/booking-locale.js';
import { overlapsBusyTime } from '../busy-calendar/overlap.js';
import { ApiError, databaseFailure, invalid, isBusyError, isOverlapError, notFound } from '../errors.js';
import { enqueueBookingMessage } from '../notifications/compose.js';
import { hashSecret, newId, newSecret } from '../secrets.js';
import { releaseUnusedHold } from '../store/repositories/holds.js';
import { bookingsOfClient } from '../store/repositories/patient-bookings.js';
import { holdWithTreatment, insertPublicBooking, markHoldBookedAndReadClients, setClientLocale } from '../store/repositories/public-bookings.js';
import type { Trx } from '../store/store.js';
import { clientAmong, emailKey } from './client-match.js';
import { findOverlap, purgeExpiredHolds } from './common.js';
import { type BookingRow, bookingOf, cancelBookingRow, findBooking } from './bookings.js';
import type { Deps } from './deps.js';
import { sessionClient } from './client-auth.js';
import { bookingSettingsOf, type ClientRow, type ClinicRow } from './rows.js';
import { emitBookingEvent } from '../webhooks/emit.js';
import { bookingForPatient, bookingsForPatient } from './patient-view.js';

/** What the clinic's settings ask of a public booking before anything is looked up. */
export function checkBookingRules(clinic: ClinicRow, body: CreateBookingBody, session?: ClientRow) {
  const settings = bookingSettingsOf(clinic);
  if (!session && settings.publicBooking === 'clients-only') {
    throw new ApiError('unauthorized', 'This clinic only takes bookings from clients who have logged in');
  }
  if (!session && !body.client) throw invalid('client', 'Required: name and e-mail of the client');
  const personalNumber = body.client?.personalNumber;
  if (settings.personalNumber === 'required' && !personalNumber && !session?.personal_number) {
    throw invalid('client.personalNumber', 'This clinic needs your personal identity number');
  }
  if (settings.personalNumber === 'hidden' && personalNumber) {
    throw invalid('client.personalNumber', 'This clinic does not ask for a personal identity number');
  }
}

/**
 * Turns a hold into a booking, atomically. An unexpired, matching hold is converted; an expired
 * one still books when its time is free; otherwise 410 hold_expired (or 409 when the hold was
 * already used). Inside one BEGIN IMMEDIATE transaction, guarded by the overlap trigger.
 */
export async function createPublicBooking(deps: Deps, clinic: ClinicRow, body: CreateBookingBody, session?: ClientRow): Promise<CreateBookingResponse> {
  checkBookingRules(clinic, body, session);
  const now = deps.clock.now();
  const manageToken = newSecret('tbm');

  const booked = deps.store.write(
    async (trx) => {
      // Read in one round trip on PostgreSQL (holdWithTreatment).
      const { hold, treatment } = await holdWithTreatment(trx, clinic.id, body.holdId);
      if (!hold) throw new ApiError('hold_expired', 'The hold has expired or does not exist; choose a time again');
      if (hold.secret_hash !== hashSecret(body.holdSecret)) throw new ApiError('unauthorized', 'The hold secret does not match');
      if (hold.booking_id !== null) throw new ApiError('conflict', 'This hold has already been used for a booking');
      if (!treatment) throw notFound('Treatment type');

      const expired = hold.active !== 1 || hold.expires_at <= now;
      // The hold stops blocking its own time before the booking takes it over, and records the
      // booking it becomes in the same statement (all of it is undone if the booking fails).
      // With it go the lock on the visitor's e-mail and the read of its stored clients: two
      // bookings with one address at once must not both find no match and both create
      // (key-lock.ts), and the read, run after the lock is granted, sees what the other committed.
      const bookingId = newId('bk');
      const given = session ? null : body.client!;
      const email = given && emailKey(given);
      const { converted, clients } = await markHoldBookedAndReadClients(trx, deps.store, { clinicId: clinic.id, holdId: hold.id, bookingId, email });
      if (!converted) throw new ApiError('conflict', 'This hold has already been used for a booking');
      // While the hold was live nothing else could take its time (the overlap guard refused it),
      // so only an expired hold needs a look at what happened since.
      if (expired) {
        await purgeExpiredHolds(trx, hold.practitioner_id, now);
        if (
          (await findOverlap(trx, hold.practitioner_id, hold.start_ms, hold.end_ms, now)) ||
          (await overlapsBusyTime(trx, hold.practitioner_id, hold.start_ms, hold.end_ms))
        ) {
          throw new ApiError('hold_expired', 'The hold expired and the time has been taken; choose another time');
        }
      }

      // A logged-in client books as themselves, whatever the body says.
      const client = given ? await clientAmong(trx, clinic.id, given, now, clients!) : session!;
      // Remembered for what staff book for this client later.
      if (body.locale && client.locale !== body.locale) {
        await setClientLocale(trx, client.id, body.locale);
      }
      const row: BookingRow = {
        id: bookingId,
        clinic_id: clinic.id,
        practitioner_id: hold.practitioner_id,
        treatment_type_id: hold.treatment_type_id,
        location_id: hold.location_id,
        client_id: client.id,
        status: 'booked',
        start_ms: hold.start_ms,
        end_ms: hold.end_ms,
        note: body.note ?? '',
        late_cancellation: 0,
        confirmation: body.confirmation,
        source: 'public',
        manage_token_hash: hashSecret(manageToken),
        // The language the visitor booked in (the widget sends its own); null is the clinic's.
        locale: body.locale ?? null,
        paid_amount_cents: null,
        paid_currency: null,
        paid_method: null,
        paid_at: null,
        receipt_number: null,
        cancelled_at: null,
        created_at: now,
        updated_at: now,
      };
      try {
        await insertPublicBooking(trx, row);
      } catch (error) {
        if (isOverlapError(error)) throw new ApiError('slot_unavailable', 'That time has just been taken');
        throw error;
      }
      if (body.confirmation !== 'none') {
        await enqueueBookingMessage(trx, deps, {
          clinic,
          bookingId: row.id,
          kind: 'confirmation',
          channel: body.confirmation,
          manageToken,
        });
      }
      const booking = bookingOf({ ...row, color: treatment.color });
      await emitBookingEvent(trx, deps, clinic.id, 'booking.created', booking);
      // The visitor's answer is the booking as its patient is told about it everywhere
      // (patient-view.ts): when their time with the client ends, the cancellation rule that
      // applies to it and the language they booked in.
      const told = {
        ...booking,
        locale: bookingLocale(row.locale, clinic),
        clientEnd: clientEndIso(booking.start, booking.end, treatment.client_minutes),
        cancellationWindowHours: cancellationWindowHoursFor(treatment.practitioner_window_hours, bookingSettingsOf(clinic).cancellationWindowHours),
      };
      return { booking: told, manageToken };
    },
    { guard: 'constraints', grouped: true },
  );
  return booked.catch((error: unknown) => {
    // The database could not take the booking (busy, down): the hold is let go, so the visitor
    // is not left at the cap of active holds until it expires. A retry with the same hold still
    // books while the time is free (an inactive hold is treated as expired, above). Not awaited:
    // the 503 goes out now, and the release waits for the lock (or the database) in the store's
    // own retries; if it never gets through, the hold simply expires.
    if (isBusyError(error) || databaseFailure(error)) {
      deps.store.write((trx) => releaseUnusedHold(trx, body.holdId), { guard: 'constraints' }).catch(() => {});
    }
    throw error;
  });
}

/**
 * A booking seen through its manage token or its client's session. Unknown ids and wrong
 * tokens answer the same 404, so a token cannot be used to learn which bookings exist.
 */
export async function bookingForToken(trx: Trx | Deps['store']['db'], deps: Deps, clinic: ClinicRow, id: string, token: string | null) {
  if (!token) throw new ApiError('unauthorized', 'The manage token from the confirmation, or a login, is required');
  const row = await findBooking(trx, clinic.id, id).catch(() => null);
  if (row && row.manage_token_hash !== null && row.manage_token_hash === hashSecret(token)) return row;
  const client = row ? await sessionClient(trx, clinic, token, deps.clock.now()) : undefined;
  if (row && client && client.id === row.client_id) return row;
  throw notFound('Booking');
}

export async function getManagedBooking(deps: Deps, clinic: ClinicRow, id: string, token: string | null) {
  return bookingForPatient(deps.store.db, clinic, await bookingForToken(deps.store.db, deps, clinic, id, token));
}

/** The logged-in client's bookings, soonest first. */
export async function myBookings(deps: Deps, clinic: ClinicRow, client: ClientRow) {
  const rows = await bookingsOfClient(deps.store.db, { clinicId: clinic.id, clientId: client.id, limit: 500 });
  return bookingsForPatient(deps.store.db, clinic, rows);
}

export async function cancelManagedBooking(deps: Deps, clinic: ClinicRow, id: string, token: string | null) {
  return deps.store.write(async (trx) => {
    const row = await bookingForToken(trx, deps, clinic, id, token);
    const now = deps.clock.now();
    if (row.status === 'booked' && now >= row.start_ms) {
      throw new ApiError('conflict', 'The booking has already started; contact the clinic');
    }
    const cancelled = await cancelBookingRow(trx, deps, clinic, row);
    const view = await bookingForPatient(trx, clinic, row);
    return { ...cancelled, locale: view.locale, clientEnd: view.clientEnd, cancellationWindowHours: view.cancellationWindowHours };
  });
}
