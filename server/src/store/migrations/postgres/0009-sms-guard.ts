import { type Kysely, sql } from 'kysely';
import { rememberStaffBookedNumbers } from '../0009-sms-guard.js';

/** Twin of ../0009-sms-guard.ts: known SMS numbers, the budget's count and why a message was withheld. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE sms_known_numbers (
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      number text NOT NULL,
      created_at bigint NOT NULL,
      CONSTRAINT sms_known_numbers_pk PRIMARY KEY (clinic_id, number)
    )`.execute(db);
  await sql`ALTER TABLE messages ADD COLUMN budget_at bigint`.execute(db);
  await sql`ALTER TABLE messages ADD COLUMN withheld_reason text`.execute(db);
  await sql`CREATE INDEX messages_clinic_budget ON messages (clinic_id, budget_at)`.execute(db);
  await rememberStaffBookedNumbers(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX messages_clinic_budget`.execute(db);
  await sql`ALTER TABLE messages DROP COLUMN withheld_reason`.execute(db);
  await sql`ALTER TABLE messages DROP COLUMN budget_at`.execute(db);
  await sql`DROP TABLE sms_known_numbers`.execute(db);
}
