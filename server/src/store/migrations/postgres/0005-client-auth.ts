import { type Kysely, sql } from 'kysely';

/** Client login by e-mail link, client sessions and the access log: PostgreSQL twin of ../0005-client-auth.ts. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE login_tokens (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      client_id text NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      expires_at bigint NOT NULL,
      used_at bigint,
      created_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX login_tokens_client ON login_tokens (client_id, created_at)`.execute(db);

  await sql`
    CREATE TABLE client_sessions (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      client_id text NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      expires_at bigint NOT NULL,
      revoked_at bigint,
      created_at bigint NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE access_log (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      client_id text NOT NULL,
      staff_id text NOT NULL,
      action text NOT NULL,
      detail text NOT NULL DEFAULT '',
      created_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX access_log_client ON access_log (client_id, created_at)`.execute(db);
}
