import type { Kysely } from 'kysely';

/**
 * Notes about a client, shown on the staff calendar's client card (issue #22): what the people
 * who treat the client want the clinic to know ("prefers SMS", "uses a wheelchair"). One text per
 * client, in its own table so the client rows every booking reads stay as they were; gone with
 * the client. Who reads and who writes them: docs/security.md, Who can do what.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('client_notes')
    .addColumn('client_id', 'text', (c) => c.primaryKey().notNull().references('clients.id').onDelete('cascade'))
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('client_notes').execute();
}
