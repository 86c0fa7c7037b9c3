import { type Kysely, sql } from 'kysely';

/** Staff passkeys, passwords with TOTP, invitations, WebAuthn challenges and sign-in failures: PostgreSQL twin of ../0014-staff-credentials.ts. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE staff_passkeys (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      staff_id text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
      credential_id text NOT NULL UNIQUE,
      public_key text NOT NULL,
      counter bigint NOT NULL,
      transports text NOT NULL,
      created_at bigint NOT NULL,
      last_used_at bigint
    )`.execute(db);
  await sql`CREATE INDEX staff_passkeys_staff ON staff_passkeys (staff_id)`.execute(db);

  await sql`
    CREATE TABLE staff_passwords (
      staff_id text PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      password_hash text NOT NULL,
      totp_secret text,
      totp_last_step bigint,
      updated_at bigint NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE staff_invitations (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      staff_id text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      expires_at bigint NOT NULL,
      used_at bigint,
      created_by text,
      created_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX staff_invitations_staff ON staff_invitations (staff_id)`.execute(db);

  await sql`
    CREATE TABLE staff_auth_challenges (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      purpose text NOT NULL,
      staff_id text,
      challenge text NOT NULL,
      expires_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX staff_auth_challenges_expiry ON staff_auth_challenges (expires_at)`.execute(db);

  await sql`
    CREATE TABLE staff_sign_in_failures (
      key text PRIMARY KEY,
      failures integer NOT NULL,
      locked_until bigint NOT NULL,
      updated_at bigint NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE staff_sign_in_failures, staff_auth_challenges, staff_invitations, staff_passwords, staff_passkeys`.execute(db);
}
