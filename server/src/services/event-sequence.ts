import { incrementEventSequence, storedEventSequence } from '../store/repositories/event-sequences.js';
import type { Db, Trx } from '../store/store.js';

/**
 * A booking's calendar event SEQUENCE (RFC 5545, 3.8.7.4): 0 as confirmed, one more for each
 * move. Every calendar file sent for the booking carries the current value, so the patient's
 * calendar takes an update or a cancellation over what it already holds.
 */
export async function eventSequence(db: Db | Trx, bookingId: string): Promise<number> {
  return (await storedEventSequence(db, bookingId)) ?? 0;
}

/** Raises the SEQUENCE for a revision of the event (a move); answers the new value. */
export async function raiseEventSequence(trx: Trx, bookingId: string): Promise<number> {
  return incrementEventSequence(trx, bookingId);
}
