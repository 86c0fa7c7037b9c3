import { type Kysely, sql } from 'kysely';

/** Template weeks, PostgreSQL twin of ../0004-template-weeks.ts. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE template_weeks (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      name text NOT NULL,
      practitioner_id text,
      -- JSON arrays of TemplateBlock and TemplateBooking (packages/core).
      blocks text NOT NULL,
      bookings text NOT NULL DEFAULT '[]',
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX template_weeks_clinic ON template_weeks (clinic_id)`.execute(db);
}
