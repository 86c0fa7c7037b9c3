import { type Booking, isLateCancellation, type RescheduleBookingBody } from '@tidbok/core';
import { overlapsBusyTime } from '../busy-calendar/overlap.js';
import { ApiError, invalid, isOverlapError } from '../errors.js';
import { hashSecret, newId } from '../secrets.js';
import { holdOfClinic, markHoldBooked } from '../store/repositories/holds.js';
import { moveBookedBooking, recordInAuditLog } from '../store/repositories/patient-bookings.js';
import type { Trx } from '../store/store.js';
import { iso } from '../time.js';
import { bookingOf, cancellationWindowHours } from './bookings.js';
import { findOverlap, purgeExpiredHolds } from './common.js';
import type { Deps } from './deps.js';
import { tellClientOfMove } from './moved-notice.js';
import { bookingForPatient } from './patient-view.js';
import { bookingForToken } from './public-booking.js';
import type { ClinicRow } from './rows.js';
import { emitBookingRescheduled } from '../webhooks/emit.js';

/**
 * A patient moves their own booking to the time of a hold they made, with the booking's manage
 * token or their client session. One transaction: the hold is used up, the booking takes its
 * time (its old time is free the moment this commits), the calendar event's SEQUENCE goes up,
 * and the messages, webhook and audit entry are written with it. The booking keeps its id and
 * manage token, so the link in the confirmation still opens it.
 *
 * The rules are the cancellation's: a patient may move a booking until its cancellation window
 * starts (the same instant a cancellation would start counting as late); after that, only the
 * clinic can.
 */
export async function rescheduleBooking(deps: Deps, clinic: ClinicRow, id: string, token: string | null, body: RescheduleBookingBody): Promise<Booking> {
  const now = deps.clock.now();
  return deps.store.write(async (trx) => {
    const row = await bookingForToken(trx, deps, clinic, id, token);
    const via = row.manage_token_hash !== null && row.manage_token_hash === hashSecret(token ?? '') ? 'manage-link' : 'session';
    if (row.status !== 'booked') {
      throw new ApiError('conflict', `The booking is ${row.status.replace('_', '-')}; only a booked time can be moved`);
    }
    const windowHours = await cancellationWindowHours(trx, clinic, row.practitioner_id);
    if (isLateCancellation(row.start_ms, now, windowHours)) {
      throw new ApiError(
        'inside_cancellation_window',
        `A booking can be moved until ${windowHours} hours before it starts; contact the clinic to change it now`,
      );
    }

    const hold = await holdOfClinic(trx, clinic.id, body.holdId);
    if (!hold) throw new ApiError('hold_expired', 'The hold has expired or does not exist; choose a time again');
    if (hold.secret_hash !== hashSecret(body.holdSecret)) throw new ApiError('unauthorized', 'The hold secret does not match');
    if (hold.booking_id !== null) throw new ApiError('conflict', 'This hold has already been used for a booking');
    if (hold.treatment_type_id !== row.treatment_type_id) {
      throw invalid('holdId', 'The hold is for another treatment than the booking; hold a time for the same treatment');
    }
    // A hold made in someone else's session is theirs (a test client's included), not this patient's.
    if (hold.client_id !== null && hold.client_id !== row.client_id) {
      throw new ApiError('forbidden', 'The hold was made by another client');
    }

    // Used up in the same statement that checks it is unused: of two requests with one hold,
    // the second finds nothing to update (as when a hold becomes a booking).
    if (!(await markHoldBooked(trx, hold.id, row.id))) throw new ApiError('conflict', 'This hold has already been used for a booking');

    const taken = () => new ApiError('slot_unavailable', 'The new time has just been taken; your booking is unchanged, choose another time');
    // A live hold kept its time free until now; an expired one still counts if nobody took it since.
    if (hold.active !== 1 || hold.expires_at <= now) {
      await purgeExpiredHolds(trx, hold.practitioner_id, now);
      if (
        (await findOverlap(trx, hold.practitioner_id, hold.start_ms, hold.end_ms, now, row.id)) ||
        (await overlapsBusyTime(trx, hold.practitioner_id, hold.start_ms, hold.end_ms))
      ) {
        throw taken();
      }
    }

    const next = {
      practitioner_id: hold.practitioner_id,
      location_id: hold.location_id,
      start_ms: hold.start_ms,
      end_ms: hold.end_ms,
      updated_at: now,
    };
    try {
      await moveBookedBooking(trx, row.id, next);
    } catch (error) {
      if (isOverlapError(error)) throw taken();
      throw error;
    }
    await tellClientOfMove(trx, deps, clinic, row);
    const before = bookingOf(row);
    const moved = bookingOf({ ...row, ...next });
    await emitBookingRescheduled(trx, deps, clinic.id, before, moved);
    await recordMove(trx, now, clinic.id, row.id, via, `${iso(row.start_ms)} → ${iso(next.start_ms)}–${iso(next.end_ms)}`);
    // As the patient's other answers: with the end of their time with the client, the window, the language.
    return bookingForPatient(trx, clinic, { ...row, ...next });
  });
}

/**
 * The audit log is where staff look for who changed a booking. A patient's own move is written
 * there too, with no staff member: "Client", and how they were let in.
 */
async function recordMove(trx: Trx, now: number, clinicId: string, bookingId: string, via: 'manage-link' | 'session', change: string) {
  await recordInAuditLog(trx, {
    id: newId('au'),
    clinic_id: clinicId,
    staff_id: '',
    staff_name: 'Client',
    session_id: null,
    action: 'moved',
    entity: 'booking',
    entity_id: bookingId,
    summary: `${change}; by the client (${via === 'session' ? 'logged in' : 'manage link'})`,
    created_at: now,
  });
}
