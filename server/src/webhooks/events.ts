import type { Booking } from '@tidbok/core';

/**
 * What a booking event says: ids, times and state. Never the booking's note (staff write
 * clinical remarks there) and never the client's details, which enqueue.ts adds only for
 * endpoints marked to receive them.
 */
export function bookingData(booking: Booking) {
  return {
    bookingId: booking.id,
    status: booking.status,
    start: booking.start,
    end: booking.end,
    practitionerId: booking.practitionerId,
    treatmentTypeId: booking.treatmentTypeId,
    locationId: booking.locationId,
    clientId: booking.clientId,
    lateCancellation: booking.lateCancellation,
    cancelledAt: booking.cancelledAt,
    paid: booking.paid,
    createdAt: booking.createdAt,
    updatedAt: booking.updatedAt,
  };
}

const WATCHED = ['start', 'end', 'practitionerId', 'treatmentTypeId', 'locationId', 'clientId'] as const;

/**
 * `booking.updated` for a change others' systems care about (moved, resized, another
 * practitioner, treatment, place or client), with what it was before; null for a change of
 * the note alone, which sends nothing.
 */
export function bookingUpdateData(before: Booking, after: Booking) {
  const changes = WATCHED.filter((key) => before[key] !== after[key]);
  if (changes.length === 0) return null;
  return {
    ...bookingData(after),
    changes,
    previous: Object.fromEntries(changes.map((key) => [key, before[key]])),
  };
}
