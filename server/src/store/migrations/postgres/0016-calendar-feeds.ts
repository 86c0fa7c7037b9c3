import { type Kysely, sql } from 'kysely';

/** Twin of ../0016-calendar-feeds.ts: one subscription secret (its hash) per practitioner. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE calendar_feeds (
      practitioner_id text PRIMARY KEY REFERENCES practitioners (id) ON DELETE CASCADE,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      created_by text,
      created_at bigint NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE calendar_feeds`.execute(db);
}
