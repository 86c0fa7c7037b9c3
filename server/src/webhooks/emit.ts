import type { Booking } from '@tidbok/core';
// bookings.ts imports this module too; only functions cross, at call time, so the cycle is harmless.
import { bookingOf, findBooking } from '../services/bookings.js';
import type { Deps } from '../services/deps.js';
import type { Trx } from '../store/store.js';
import { enqueueWebhook } from './enqueue.js';
import { bookingData, bookingUpdateData } from './events.js';

/** One line for a service: a booking event into the webhook outbox, in the service's transaction. */
export function emitBookingEvent(
  trx: Trx,
  deps: Pick<Deps, 'clock'>,
  clinicId: string,
  type: 'booking.created' | 'booking.cancelled' | 'booking.no_show' | 'booking.paid',
  booking: Booking,
) {
  return enqueueWebhook(trx, deps, { clinicId, type, data: bookingData(booking), clientId: booking.clientId });
}

/** `booking.updated`, when what changed is something other systems track (events.ts). */
export async function emitBookingUpdated(trx: Trx, deps: Pick<Deps, 'clock'>, clinicId: string, before: Booking, after: Booking) {
  const data = bookingUpdateData(before, after);
  if (data) await enqueueWebhook(trx, deps, { clinicId, type: 'booking.updated', data, clientId: after.clientId });
}

/**
 * `booking.rescheduled`: the patient moved their own booking (services/reschedule.ts). Its own
 * type, not `booking.updated`, so a receiver can tell the patient's move from staff's edits;
 * the data is the same shape, with what changed and the previous values.
 */
export async function emitBookingRescheduled(trx: Trx, deps: Pick<Deps, 'clock'>, clinicId: string, before: Booking, after: Booking) {
  const data = bookingUpdateData(before, after) ?? { ...bookingData(after), changes: [], previous: {} };
  await enqueueWebhook(trx, deps, { clinicId, type: 'booking.rescheduled', data, clientId: after.clientId });
}

/** `client.updated`: the id and which fields changed; the details themselves only to endpoints marked for them. */
export function emitClientUpdated(trx: Trx, deps: Pick<Deps, 'clock'>, clinicId: string, clientId: string, changes: string[], updatedAt: string) {
  if (changes.length === 0) return Promise.resolve([]);
  return enqueueWebhook(trx, deps, { clinicId, type: 'client.updated', data: { clientId, changes, updatedAt }, clientId });
}

/**
 * `booking.created` for a booking written without a Booking at hand (a template week applied):
 * read back in the same transaction.
 */
export async function emitStoredBookingCreated(trx: Trx, deps: Pick<Deps, 'clock'>, clinicId: string, bookingId: string) {
  return emitBookingEvent(trx, deps, clinicId, 'booking.created', bookingOf(await findBooking(trx, clinicId, bookingId)));
}

/**
 * `client.updated` for a merge: `mergedClientId` is gone, and its bookings now carry `clientId`,
 * so a receiver that keyed anything by the old id can move it.
 */
export function emitClientMerged(trx: Trx, deps: Pick<Deps, 'clock'>, clinicId: string, clientId: string, mergedClientId: string, updatedAt: string) {
  return enqueueWebhook(trx, deps, { clinicId, type: 'client.updated', data: { clientId, changes: ['merged'], mergedClientId, updatedAt }, clientId });
}
