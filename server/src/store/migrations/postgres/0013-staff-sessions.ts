import { type Kysely, sql } from 'kysely';

/** Twin of ../0013-staff-sessions.ts: integration keys, staff sessions, named expiring staff tokens. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE integration_keys (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      name text NOT NULL,
      key_hash text NOT NULL UNIQUE,
      created_by text,
      created_at bigint NOT NULL,
      last_used_at bigint,
      revoked_at bigint
    )`.execute(db);
  await sql`CREATE INDEX integration_keys_clinic ON integration_keys (clinic_id, created_at)`.execute(db);
  await sql`
    CREATE TABLE staff_sessions (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      staff_id text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      method text NOT NULL,
      integration_key_id text,
      created_at bigint NOT NULL,
      expires_at bigint NOT NULL,
      idle_timeout_ms bigint,
      last_seen_at bigint NOT NULL,
      revoked_at bigint,
      client_summary text
    )`.execute(db);
  await sql`CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id, created_at)`.execute(db);
  await sql`CREATE INDEX staff_sessions_key ON staff_sessions (integration_key_id)`.execute(db);
  await sql`ALTER TABLE staff_tokens ADD COLUMN name text`.execute(db);
  await sql`ALTER TABLE staff_tokens ADD COLUMN expires_at bigint`.execute(db);
  await sql`ALTER TABLE staff_tokens ADD COLUMN last_used_at bigint`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE staff_tokens DROP COLUMN last_used_at`.execute(db);
  await sql`ALTER TABLE staff_tokens DROP COLUMN expires_at`.execute(db);
  await sql`ALTER TABLE staff_tokens DROP COLUMN name`.execute(db);
  await sql`DROP TABLE staff_sessions`.execute(db);
  await sql`DROP TABLE integration_keys`.execute(db);
}
