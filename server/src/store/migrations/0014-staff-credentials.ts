import type { Kysely } from 'kysely';

/**
 * How staff sign in on the hosted staff page (services/staff-credentials.ts):
 * - `staff_passkeys`: WebAuthn credentials, by the credential id the authenticator gave.
 * - `staff_passwords`: an scrypt hash, and a TOTP secret (sealed with the server's secret key).
 * - `staff_invitations`: one-time links that let a new person set a passkey or password.
 * - `staff_auth_challenges`: WebAuthn challenges, each used once.
 * - `staff_sign_in_failures`: failed attempts per account and per address, for slow-down and lock-out.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_passkeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('credential_id', 'text', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull())
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema.createIndex('staff_passkeys_staff').on('staff_passkeys').column('staff_id').execute();

  await db.schema
    .createTable('staff_passwords')
    .addColumn('staff_id', 'text', (c) => c.primaryKey().notNull().references('staff.id').onDelete('cascade'))
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('totp_last_step', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_invitations_staff').on('staff_invitations').column('staff_id').execute();

  await db.schema
    .createTable('staff_auth_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text')
    .addColumn('challenge', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_auth_challenges_expiry').on('staff_auth_challenges').column('expires_at').execute();

  await db.schema
    .createTable('staff_sign_in_failures')
    .addColumn('key', 'text', (c) => c.primaryKey().notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['staff_sign_in_failures', 'staff_auth_challenges', 'staff_invitations', 'staff_passwords', 'staff_passkeys']) {
    await db.schema.dropTable(table).execute();
  }
}
