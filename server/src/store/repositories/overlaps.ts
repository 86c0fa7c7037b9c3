import { prepared } from '../prepared.js';
import type { Trx } from '../store.js';

/**
 * Deactivates a practitioner's expired holds inside the write transaction, before anything is
 * inserted: the overlap triggers count every active hold, so expiry (decided by the injected
 * clock) must be applied first. The statement itself, for repositories that send it `together`
 * with the write it clears the way for (holds.ts); services call `deactivateExpiredHolds`.
 */
export const expiredHoldsPurge = prepared((db, v: { practitionerId: string; now: number }) =>
  db.updateTable('holds').set({ active: 0 }).where('practitioner_id', '=', v.practitionerId).where('active', '=', 1).where('expires_at', '<=', v.now),
);

/** Deactivates the practitioner's holds that expired by `now` (see `expiredHoldsPurge`). */
export async function deactivateExpiredHolds(trx: Trx, practitionerId: string, now: number): Promise<void> {
  await expiredHoldsPurge(trx, { practitionerId, now });
}

/** The time a practitioner's entry would take: `[start, end)`, and the earliest start an overlapping entry can have. */
export interface OccupiedTime {
  practitionerId: string;
  start: number;
  end: number;
  /**
   * A lower bound on the `start_ms` of anything overlapping `[start, end)`, so the
   * `(…, start_ms)` indexes are searched over a window instead of all history.
   */
  startsAfter: number;
}

/** A booked booking of the practitioner that overlaps the time (other than `ignoreBookingId`), if any. */
export async function overlappingBooking(trx: Trx, time: OccupiedTime & { ignoreBookingId?: string | undefined }): Promise<{ id: string } | undefined> {
  let bookings = trx
    .selectFrom('bookings')
    .select('id')
    .where('practitioner_id', '=', time.practitionerId)
    .where('status', '=', 'booked')
    .where('start_ms', '<', time.end)
    .where('start_ms', '>', time.startsAfter)
    .where('end_ms', '>', time.start);
  if (time.ignoreBookingId) bookings = bookings.where('id', '<>', time.ignoreBookingId);
  return bookings.executeTakeFirst();
}

/** An active, unexpired hold of the practitioner that overlaps the time, if any. */
export async function overlappingActiveHold(trx: Trx, time: OccupiedTime & { now: number }): Promise<{ id: string } | undefined> {
  return trx
    .selectFrom('holds')
    .select('id')
    .where('practitioner_id', '=', time.practitionerId)
    .where('active', '=', 1)
    .where('expires_at', '>', time.now)
    .where('start_ms', '<', time.end)
    .where('start_ms', '>', time.startsAfter)
    .where('end_ms', '>', time.start)
    .executeTakeFirst();
}
