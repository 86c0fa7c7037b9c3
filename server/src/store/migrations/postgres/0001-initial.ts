import { type Kysely, sql } from 'kysely';

/**
 * The first schema, PostgreSQL twin of ../0001-initial.ts: the same tables, columns and indexes,
 * so the same queries run on both engines (instants are epoch ms, flags 0/1, JSON in `text`).
 * SQLite's INTEGER is 64-bit (`position` holds epoch ms, for one), so every integer column is
 * `bigint` here, read back as a JS number (postgres.ts); its REAL is an 8-byte float, so
 * `double precision`.
 *
 * The overlap rule (docs/design.md, "The rules that make a slot", last paragraph) is enforced by
 * PostgreSQL itself, over half-open intervals `int8range(start_ms, end_ms)` = [start, end):
 * - `bookings` and `holds` each carry an exclusion constraint: no two booked bookings, and no
 *   two active holds, of one practitioner overlap.
 * - A booking must not overlap an active hold either, and an exclusion constraint cannot span
 *   two tables. So every booked booking and every active hold also writes one row into
 *   `slot_claims` (triggers below, in the same statement), and one exclusion constraint there
 *   covers every pair. Unlike a trigger that looks for overlapping rows, a constraint check
 *   sees rows of transactions that have not committed yet (and waits for them), so it holds
 *   under any isolation level and for any writer, psql included.
 * - Expired holds: a hold row stays `active = 1` until something sets it to 0, exactly as on
 *   SQLite. The services deactivate a practitioner's expired holds (by the injected clock)
 *   inside the write transaction before they insert (services/common.ts, purgeExpiredHolds);
 *   that UPDATE removes their claims, so they stop blocking in the same transaction.
 * Every constraint is named `tidbok_overlap_…`, so the error reads like the SQLite trigger's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // btree_gist lets a GiST index compare `practitioner_id` with `=` beside the range's `&&`.
  // It is a trusted extension: a role with CREATE on the database may install it.
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db);

  await sql`
    CREATE TABLE clinics (
      id text PRIMARY KEY,
      slug text NOT NULL UNIQUE,
      name text NOT NULL,
      time_zone text NOT NULL,
      locale text NOT NULL,
      booking_module bigint NOT NULL DEFAULT 1,
      settings text NOT NULL DEFAULT '{}',
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE practitioners (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      name text NOT NULL,
      email text,
      title text,
      cancellation_window_hours double precision,
      position bigint NOT NULL DEFAULT 0,
      deleted_at bigint,
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX practitioners_clinic ON practitioners (clinic_id)`.execute(db);

  await sql`
    CREATE TABLE staff (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      name text NOT NULL,
      email text,
      role text NOT NULL,
      practitioner_id text REFERENCES practitioners (id),
      created_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX staff_clinic ON staff (clinic_id)`.execute(db);

  await sql`
    CREATE TABLE staff_tokens (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      staff_id text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      created_at bigint NOT NULL,
      revoked_at bigint
    )`.execute(db);

  await sql`
    CREATE TABLE treatment_types (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      duration_minutes bigint NOT NULL,
      client_minutes bigint NOT NULL,
      color text NOT NULL,
      price_cents bigint NOT NULL DEFAULT 0,
      currency text NOT NULL DEFAULT 'SEK',
      vat_percent double precision NOT NULL DEFAULT 0,
      online_bookable bigint NOT NULL DEFAULT 1,
      confirmation_text text NOT NULL DEFAULT '',
      sms_text text NOT NULL DEFAULT '',
      position bigint NOT NULL DEFAULT 0,
      deleted_at bigint,
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX treatment_types_clinic ON treatment_types (clinic_id)`.execute(db);

  await sql`
    CREATE TABLE practitioner_treatment_types (
      practitioner_id text NOT NULL REFERENCES practitioners (id) ON DELETE CASCADE,
      treatment_type_id text NOT NULL REFERENCES treatment_types (id) ON DELETE CASCADE,
      CONSTRAINT practitioner_treatment_types_pk PRIMARY KEY (practitioner_id, treatment_type_id)
    )`.execute(db);

  await sql`
    CREATE TABLE locations (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      name text NOT NULL,
      address text,
      deleted_at bigint,
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX locations_clinic ON locations (clinic_id)`.execute(db);

  await sql`
    CREATE TABLE clients (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      name text NOT NULL,
      email text,
      email_norm text,
      phone text,
      personal_number text,
      is_test bigint NOT NULL DEFAULT 0,
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX clients_clinic_email ON clients (clinic_id, email_norm)`.execute(db);

  await sql`
    CREATE TABLE working_times (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      practitioner_id text NOT NULL REFERENCES practitioners (id),
      start_ms bigint NOT NULL,
      end_ms bigint NOT NULL,
      treatment_type_ids text,
      location_id text REFERENCES locations (id),
      created_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX working_times_practitioner_start ON working_times (practitioner_id, start_ms)`.execute(db);
  await sql`CREATE INDEX working_times_clinic_start ON working_times (clinic_id, start_ms)`.execute(db);

  await sql`
    CREATE TABLE activities (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      practitioner_id text NOT NULL REFERENCES practitioners (id),
      title text NOT NULL,
      note text NOT NULL DEFAULT '',
      start_ms bigint NOT NULL,
      end_ms bigint NOT NULL,
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX activities_clinic_start ON activities (clinic_id, start_ms)`.execute(db);

  await sql`
    CREATE TABLE bookings (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      practitioner_id text NOT NULL REFERENCES practitioners (id),
      treatment_type_id text NOT NULL REFERENCES treatment_types (id),
      location_id text REFERENCES locations (id),
      client_id text NOT NULL REFERENCES clients (id),
      status text NOT NULL,
      start_ms bigint NOT NULL,
      end_ms bigint NOT NULL,
      note text NOT NULL DEFAULT '',
      late_cancellation bigint NOT NULL DEFAULT 0,
      confirmation text NOT NULL DEFAULT 'none',
      source text NOT NULL,
      manage_token_hash text,
      paid_amount_cents bigint,
      paid_currency text,
      paid_method text,
      paid_at bigint,
      receipt_number bigint,
      cancelled_at bigint,
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL,
      CONSTRAINT tidbok_overlap_bookings
        EXCLUDE USING gist (practitioner_id WITH =, int8range(start_ms, end_ms) WITH &&)
        WHERE (status = 'booked')
    )`.execute(db);
  await sql`CREATE INDEX bookings_practitioner_start ON bookings (practitioner_id, start_ms)`.execute(db);
  await sql`CREATE INDEX bookings_clinic_start ON bookings (clinic_id, start_ms)`.execute(db);
  await sql`CREATE INDEX bookings_client ON bookings (client_id)`.execute(db);

  await sql`
    CREATE TABLE holds (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      practitioner_id text NOT NULL REFERENCES practitioners (id),
      treatment_type_id text NOT NULL REFERENCES treatment_types (id),
      location_id text,
      start_ms bigint NOT NULL,
      end_ms bigint NOT NULL,
      expires_at bigint NOT NULL,
      secret_hash text NOT NULL,
      client_ip text,
      -- 1 while the hold blocks its time; 0 once expired (as seen by the service clock), released
      -- or converted. Inactive rows stay a while so a late booking can still be matched to its hold.
      active bigint NOT NULL DEFAULT 1,
      booking_id text,
      created_at bigint NOT NULL,
      CONSTRAINT tidbok_overlap_holds
        EXCLUDE USING gist (practitioner_id WITH =, int8range(start_ms, end_ms) WITH &&)
        WHERE (active = 1)
    )`.execute(db);
  await sql`CREATE INDEX holds_practitioner_start ON holds (practitioner_id, start_ms)`.execute(db);
  await sql`CREATE INDEX holds_clinic_expires ON holds (clinic_id, expires_at)`.execute(db);
  await sql`CREATE INDEX holds_client_ip ON holds (clinic_id, client_ip, expires_at)`.execute(db);

  await sql`
    CREATE TABLE idempotency_keys (
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      scope text NOT NULL,
      -- SHA-256 of the client's key; the stored response is encrypted with a key derived from it.
      key_hash text NOT NULL,
      request_hash text NOT NULL,
      state text NOT NULL,
      response_status bigint,
      response_body text,
      created_at bigint NOT NULL,
      CONSTRAINT idempotency_keys_pk PRIMARY KEY (clinic_id, scope, key_hash)
    )`.execute(db);

  // One row per booked booking and per active hold, kept by the triggers below; never written
  // by the application. `source` is 'booking' or 'hold', `source_id` that row's id.
  await sql`
    CREATE TABLE slot_claims (
      source text NOT NULL,
      source_id text NOT NULL,
      practitioner_id text NOT NULL,
      during int8range NOT NULL,
      PRIMARY KEY (source, source_id),
      CONSTRAINT tidbok_overlap_claims EXCLUDE USING gist (practitioner_id WITH =, during WITH &&)
    )`.execute(db);

  await sql`
    CREATE FUNCTION tidbok_claim_slot(p_source text, p_old_id text, p_id text, p_practitioner_id text,
                                      p_start bigint, p_end bigint, p_blocks boolean) RETURNS void
    LANGUAGE plpgsql AS $$
    BEGIN
      IF p_old_id IS NOT NULL THEN
        DELETE FROM slot_claims WHERE source = p_source AND source_id = p_old_id;
      END IF;
      IF p_blocks THEN
        INSERT INTO slot_claims (source, source_id, practitioner_id, during)
        VALUES (p_source, p_id, p_practitioner_id, int8range(p_start, p_end));
      END IF;
    END $$`.execute(db);

  // AFTER triggers: the row's own exclusion constraint has already been checked, so an
  // overlap within one table is reported under that table's constraint name.
  for (const [table, source, blocks] of [
    ['bookings', 'booking', `NEW.status = 'booked'`],
    ['holds', 'hold', 'NEW.active = 1'],
  ] as const) {
    await sql
      .raw(
        `CREATE FUNCTION ${table}_claim_slot() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP = 'DELETE' THEN
             PERFORM tidbok_claim_slot('${source}', OLD.id, NULL, NULL, NULL, NULL, false);
             RETURN NULL;
           END IF;
           PERFORM tidbok_claim_slot('${source}', CASE WHEN TG_OP = 'UPDATE' THEN OLD.id END, NEW.id,
                                     NEW.practitioner_id, NEW.start_ms, NEW.end_ms, ${blocks});
           RETURN NULL;
         END $$`,
      )
      .execute(db);
    const watched = table === 'bookings' ? 'status' : 'active';
    await sql
      .raw(
        `CREATE TRIGGER ${table}_claim_slot
         AFTER INSERT OR DELETE OR UPDATE OF ${watched}, start_ms, end_ms, practitioner_id, id ON ${table}
         FOR EACH ROW EXECUTE FUNCTION ${table}_claim_slot()`,
      )
      .execute(db);
  }
}
