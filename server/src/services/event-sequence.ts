import { sql } from 'kysely';
import type { Db, Trx } from '../store/store.js';

/**
 * A booking's calendar event SEQUENCE (RFC 5545, 3.8.7.4): 0 as confirmed, one more for each
 * move. Every calendar file sent for the booking carries the current value, so the patient's
 * calendar takes an update or a cancellation over what it already holds.
 */
export async function eventSequence(db: Db | Trx, bookingId: string): Promise<number> {
  const row = await db.selectFrom('booking_event_sequences').select('sequence').where('booking_id', '=', bookingId).executeTakeFirst();
  return row ? Number(row.sequence) : 0;
}

/** Raises the SEQUENCE for a revision of the event (a move); answers the new value. */
export async function raiseEventSequence(trx: Trx, bookingId: string): Promise<number> {
  const row = await trx
    .insertInto('booking_event_sequences')
    .values({ booking_id: bookingId, sequence: 1 })
    .onConflict((oc) => oc.column('booking_id').doUpdateSet({ sequence: sql<number>`booking_event_sequences.sequence + 1` }))
    .returning('sequence')
    .executeTakeFirstOrThrow();
  return Number(row.sequence);
}
