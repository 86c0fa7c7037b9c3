import type { Kysely } from 'kysely';

/**
 * A practitioner's calendar subscription (calendar-feed/): at most one per practitioner, found by
 * the SHA-256 of the secret in its URL. The secret itself is never stored; making a new one
 * replaces the row, so the old URL stops working at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('practitioner_id', 'text', (c) => c.primaryKey().notNull().references('practitioners.id').onDelete('cascade'))
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_feeds').execute();
}
