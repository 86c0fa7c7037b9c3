import type { Kysely } from 'kysely';

/**
 * Busy time from practitioners' own calendars (busy-calendar/):
 * - `busy_calendars`: one private iCalendar address per practitioner, sealed (it is a secret:
 *   anyone holding it reads the calendar), with what the last fetch learnt — its validators for
 *   conditional requests, when it last succeeded, the last error for staff — and the lease and
 *   due time of the background fetcher.
 * - `busy_times`: the busy intervals of the last good copy, expanded from recurrences, each at
 *   most a day long (longer events are cut into days) so range reads can bound `start_ms`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('busy_calendars')
    .addColumn('practitioner_id', 'text', (c) => c.primaryKey().notNull().references('practitioners.id').onDelete('cascade'))
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('url_sealed', 'text', (c) => c.notNull())
    .addColumn('show_titles', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('fetched_at', 'bigint')
    .addColumn('parsed_at', 'bigint')
    .addColumn('checked_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_fetch_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('busy_calendars_due').on('busy_calendars').columns(['next_fetch_at']).execute();
  await db.schema
    .createTable('busy_times')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('practitioner_id', 'text', (c) => c.notNull().references('practitioners.id').onDelete('cascade'))
    .addColumn('start_ms', 'bigint', (c) => c.notNull())
    .addColumn('end_ms', 'bigint', (c) => c.notNull())
    .addColumn('title', 'text')
    .execute();
  await db.schema.createIndex('busy_times_practitioner_start').on('busy_times').columns(['practitioner_id', 'start_ms']).execute();
  await db.schema.createIndex('busy_times_clinic_start').on('busy_times').columns(['clinic_id', 'start_ms']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('busy_times').execute();
  await db.schema.dropTable('busy_calendars').execute();
}
