import { type Kysely, sql } from 'kysely';

/** The outbox, PostgreSQL twin of ../0002-outbox.ts. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE messages (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      booking_id text,
      client_id text,
      kind text NOT NULL,
      channel text NOT NULL,
      to_address text NOT NULL,
      subject text NOT NULL DEFAULT '',
      body_text text NOT NULL,
      body_html text,
      attachments text,
      secret_url text,
      dedupe_key text UNIQUE,
      status text NOT NULL,
      attempts bigint NOT NULL DEFAULT 0,
      last_error text,
      next_attempt_at bigint NOT NULL,
      locked_until bigint NOT NULL DEFAULT 0,
      sent_at bigint,
      created_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX messages_due ON messages (status, next_attempt_at)`.execute(db);
  await sql`CREATE INDEX messages_booking ON messages (booking_id)`.execute(db);
  await sql`CREATE INDEX messages_clinic_created ON messages (clinic_id, created_at)`.execute(db);
}
