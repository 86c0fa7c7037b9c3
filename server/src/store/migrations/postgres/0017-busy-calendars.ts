import { type Kysely, sql } from 'kysely';

/** Twin of ../0017-busy-calendars.ts: practitioners' private calendars and their busy times. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE busy_calendars (
      practitioner_id text PRIMARY KEY REFERENCES practitioners (id) ON DELETE CASCADE,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      url_sealed text NOT NULL,
      show_titles integer NOT NULL DEFAULT 0,
      etag text,
      last_modified text,
      fetched_at bigint,
      parsed_at bigint,
      checked_at bigint,
      last_error text,
      event_count integer NOT NULL DEFAULT 0,
      next_fetch_at bigint NOT NULL,
      locked_until bigint NOT NULL DEFAULT 0,
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX busy_calendars_due ON busy_calendars (next_fetch_at)`.execute(db);
  await sql`
    CREATE TABLE busy_times (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      practitioner_id text NOT NULL REFERENCES practitioners (id) ON DELETE CASCADE,
      start_ms bigint NOT NULL,
      end_ms bigint NOT NULL,
      title text
    )`.execute(db);
  await sql`CREATE INDEX busy_times_practitioner_start ON busy_times (practitioner_id, start_ms)`.execute(db);
  await sql`CREATE INDEX busy_times_clinic_start ON busy_times (clinic_id, start_ms)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE busy_times`.execute(db);
  await sql`DROP TABLE busy_calendars`.execute(db);
}
