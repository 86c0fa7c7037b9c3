import { type Kysely, sql } from 'kysely';

/** Twin of ../0012-audit-log.ts: the audit log of staff actions. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE audit_log (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      staff_id text NOT NULL,
      staff_name text NOT NULL,
      session_id text,
      action text NOT NULL,
      entity text NOT NULL,
      entity_id text NOT NULL,
      summary text NOT NULL DEFAULT '',
      created_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX audit_log_clinic_time ON audit_log (clinic_id, created_at, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE audit_log`.execute(db);
}
