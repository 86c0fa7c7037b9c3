import { type Kysely, sql } from 'kysely';

/** Twin of ../0019-booking-event-sequences.ts: the SEQUENCE of a booking's calendar event. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE booking_event_sequences (
      booking_id text PRIMARY KEY REFERENCES bookings (id) ON DELETE CASCADE,
      sequence integer NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE booking_event_sequences`.execute(db);
}
