import type { Kysely } from 'kysely';

/** Template weeks: a week's working time (and optionally recurring bookings) as local times. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('template_weeks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('practitioner_id', 'text')
    // JSON arrays of TemplateBlock and TemplateBooking (packages/core).
    .addColumn('blocks', 'text', (c) => c.notNull())
    .addColumn('bookings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('template_weeks_clinic').on('template_weeks').column('clinic_id').execute();
}
