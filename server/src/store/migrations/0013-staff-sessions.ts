import type { Kysely } from 'kysely';

/**
 * Staff access beyond the long-lived staff token:
 * - `staff_sessions`: short-lived sign-ins (`tss_` tokens, only their hash stored) made by the
 *   intranet handshake, a passkey, a password or an invitation; with an expiry, an optional idle
 *   timeout and the time they were last seen, so people can see and end them.
 * - `integration_keys`: what an intranet's own server holds to open sessions for its users.
 *   Not a staff token: it cannot call admin routes itself.
 * - `staff_tokens` gain a name, an optional expiry and the time they were last used.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('integration_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('integration_keys_clinic').on('integration_keys').columns(['clinic_id', 'created_at']).execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('integration_key_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('idle_timeout_ms', 'bigint')
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('client_summary', 'text')
    .execute();
  await db.schema.createIndex('staff_sessions_staff').on('staff_sessions').columns(['staff_id', 'created_at']).execute();
  await db.schema.createIndex('staff_sessions_key').on('staff_sessions').columns(['integration_key_id']).execute();

  await db.schema.alterTable('staff_tokens').addColumn('name', 'text').execute();
  await db.schema.alterTable('staff_tokens').addColumn('expires_at', 'bigint').execute();
  await db.schema.alterTable('staff_tokens').addColumn('last_used_at', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff_tokens').dropColumn('last_used_at').execute();
  await db.schema.alterTable('staff_tokens').dropColumn('expires_at').execute();
  await db.schema.alterTable('staff_tokens').dropColumn('name').execute();
  await db.schema.dropTable('staff_sessions').execute();
  await db.schema.dropTable('integration_keys').execute();
}
