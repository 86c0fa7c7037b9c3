import type { Kysely } from 'kysely';

/**
 * Payments and receipts. Receipt numbers come from a per-clinic counter incremented in the
 * same transaction as the payment, so they are gap-free: a failed payment rolls its number back.
 * A voided receipt keeps its row and number for ever.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('clinic_counters')
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('clinic_counters_pk', ['clinic_id', 'name'])
    .execute();

  await db.schema
    .createTable('receipts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('vat_percent', 'real', (c) => c.notNull())
    .addColumn('vat_cents', 'integer', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'bigint', (c) => c.notNull())
    // What the receipt says is frozen when it is issued: later renames do not rewrite it.
    .addColumn('client_name', 'text', (c) => c.notNull())
    .addColumn('treatment_name', 'text', (c) => c.notNull())
    .addColumn('practitioner_name', 'text', (c) => c.notNull())
    .addColumn('service_start', 'bigint', (c) => c.notNull())
    .addColumn('voided_at', 'bigint')
    .addColumn('voided_by', 'text')
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('receipts_clinic_number').on('receipts').columns(['clinic_id', 'number']).unique().execute();
  await db.schema.createIndex('receipts_booking').on('receipts').column('booking_id').execute();
}
