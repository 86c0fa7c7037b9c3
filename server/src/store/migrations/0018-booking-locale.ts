import type { Kysely } from 'kysely';

/**
 * The patient's language:
 * - `bookings.locale`: the language a booking was made in ('sv' | 'en'); its messages and pages
 *   use it. Null for bookings made before, which keep the clinic's language.
 * - `clients.locale`: the language the client last booked in, for bookings staff make for them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('bookings').addColumn('locale', 'text').execute();
  await db.schema.alterTable('clients').addColumn('locale', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clients').dropColumn('locale').execute();
  await db.schema.alterTable('bookings').dropColumn('locale').execute();
}
