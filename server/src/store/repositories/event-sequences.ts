import { sql } from 'kysely';
import type { Queryable, Trx } from '../store.js';

/** A booking's stored calendar event SEQUENCE; undefined when it was never raised. */
export async function storedEventSequence(q: Queryable, bookingId: string): Promise<number | undefined> {
  const row = await q.selectFrom('booking_event_sequences').select('sequence').where('booking_id', '=', bookingId).executeTakeFirst();
  return row ? Number(row.sequence) : undefined;
}

/** Raises a booking's SEQUENCE by one (to 1 when it was never raised); answers the new value. */
export async function incrementEventSequence(trx: Trx, bookingId: string): Promise<number> {
  const row = await trx
    .insertInto('booking_event_sequences')
    .values({ booking_id: bookingId, sequence: 1 })
    .onConflict((oc) => oc.column('booking_id').doUpdateSet({ sequence: sql<number>`booking_event_sequences.sequence + 1` }))
    .returning('sequence')
    .executeTakeFirstOrThrow();
  return Number(row.sequence);
}
