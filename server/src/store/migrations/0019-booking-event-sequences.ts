import type { Kysely } from 'kysely';

/**
 * `booking_event_sequences`: how many times a booking's calendar event has been revised since
 * the confirmation (a move), the SEQUENCE of the next calendar file sent for it. Calendars keep
 * the event with the highest SEQUENCE, so an update or cancellation must outrank what the patient
 * already has. A row of its own (no row: 0) rather than a column on `bookings`, so the many places
 * that write bookings need not know of it; it goes with its booking.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('booking_event_sequences')
    .addColumn('booking_id', 'text', (c) => c.primaryKey().notNull().references('bookings.id').onDelete('cascade'))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('booking_event_sequences').execute();
}
