import { type Kysely, sql } from 'kysely';

/**
 * Payments and receipts, PostgreSQL twin of ../0003-receipts.ts. Receipt numbers come from the
 * per-clinic row in `clinic_counters`, incremented with UPDATE … RETURNING inside the payment's
 * transaction: the row lock makes concurrent payments take turns, and a payment that rolls back
 * takes its number with it, so the numbers stay gap-free (a sequence would not).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE clinic_counters (
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      name text NOT NULL,
      value bigint NOT NULL,
      CONSTRAINT clinic_counters_pk PRIMARY KEY (clinic_id, name)
    )`.execute(db);

  await sql`
    CREATE TABLE receipts (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      booking_id text NOT NULL REFERENCES bookings (id),
      number bigint NOT NULL,
      amount_cents bigint NOT NULL,
      currency text NOT NULL,
      vat_percent double precision NOT NULL,
      vat_cents bigint NOT NULL,
      method text NOT NULL,
      paid_at bigint NOT NULL,
      -- What the receipt says is frozen when it is issued: later renames do not rewrite it.
      client_name text NOT NULL,
      treatment_name text NOT NULL,
      practitioner_name text NOT NULL,
      service_start bigint NOT NULL,
      voided_at bigint,
      voided_by text,
      created_by text
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX receipts_clinic_number ON receipts (clinic_id, number)`.execute(db);
  await sql`CREATE INDEX receipts_booking ON receipts (booking_id)`.execute(db);
}
