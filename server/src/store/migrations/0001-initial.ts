import { type Kysely, sql } from 'kysely';

/**
 * The first schema. Instants are epoch milliseconds in `bigint`-compatible integer columns.
 * The overlap rule (docs/design.md, "The rules that make a slot", last paragraph) lives in triggers so
 * that no code path, present or future, can store two overlapping booked bookings or holds.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ms = 'bigint';
  await db.schema
    .createTable('clinics')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('booking_module', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('practitioners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('title', 'text')
    .addColumn('cancellation_window_hours', 'real')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('practitioners_clinic').on('practitioners').column('clinic_id').execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('practitioner_id', 'text', (c) => c.references('practitioners.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_clinic').on('staff').column('clinic_id').execute();

  await db.schema
    .createTable('staff_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('revoked_at', ms)
    .execute();

  await db.schema
    .createTable('treatment_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('client_minutes', 'integer', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('price_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('SEK'))
    .addColumn('vat_percent', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('online_bookable', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('confirmation_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sms_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deleted_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('treatment_types_clinic').on('treatment_types').column('clinic_id').execute();

  await db.schema
    .createTable('practitioner_treatment_types')
    .addColumn('practitioner_id', 'text', (c) => c.notNull().references('practitioners.id').onDelete('cascade'))
    .addColumn('treatment_type_id', 'text', (c) => c.notNull().references('treatment_types.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('practitioner_treatment_types_pk', ['practitioner_id', 'treatment_type_id'])
    .execute();

  await db.schema
    .createTable('locations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('deleted_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('locations_clinic').on('locations').column('clinic_id').execute();

  await db.schema
    .createTable('clients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('email_norm', 'text')
    .addColumn('phone', 'text')
    .addColumn('personal_number', 'text')
    .addColumn('is_test', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clients_clinic_email').on('clients').columns(['clinic_id', 'email_norm']).execute();

  await db.schema
    .createTable('working_times')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('practitioner_id', 'text', (c) => c.notNull().references('practitioners.id'))
    .addColumn('start_ms', ms, (c) => c.notNull())
    .addColumn('end_ms', ms, (c) => c.notNull())
    .addColumn('treatment_type_ids', 'text')
    .addColumn('location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('working_times_practitioner_start').on('working_times').columns(['practitioner_id', 'start_ms']).execute();
  await db.schema.createIndex('working_times_clinic_start').on('working_times').columns(['clinic_id', 'start_ms']).execute();

  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('practitioner_id', 'text', (c) => c.notNull().references('practitioners.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_ms', ms, (c) => c.notNull())
    .addColumn('end_ms', ms, (c) => c.notNull())
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activities_clinic_start').on('activities').columns(['clinic_id', 'start_ms']).execute();

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('practitioner_id', 'text', (c) => c.notNull().references('practitioners.id'))
    .addColumn('treatment_type_id', 'text', (c) => c.notNull().references('treatment_types.id'))
    .addColumn('location_id', 'text', (c) => c.references('locations.id'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_ms', ms, (c) => c.notNull())
    .addColumn('end_ms', ms, (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('late_cancellation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirmation', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('manage_token_hash', 'text')
    .addColumn('paid_amount_cents', 'integer')
    .addColumn('paid_currency', 'text')
    .addColumn('paid_method', 'text')
    .addColumn('paid_at', ms)
    .addColumn('receipt_number', 'integer')
    .addColumn('cancelled_at', ms)
    .addColumn('created_at', ms, (c) => c.notNull())
    .addColumn('updated_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bookings_practitioner_start').on('bookings').columns(['practitioner_id', 'start_ms']).execute();
  await db.schema.createIndex('bookings_clinic_start').on('bookings').columns(['clinic_id', 'start_ms']).execute();
  await db.schema.createIndex('bookings_client').on('bookings').column('client_id').execute();

  await db.schema
    .createTable('holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('practitioner_id', 'text', (c) => c.notNull().references('practitioners.id'))
    .addColumn('treatment_type_id', 'text', (c) => c.notNull().references('treatment_types.id'))
    .addColumn('location_id', 'text')
    .addColumn('start_ms', ms, (c) => c.notNull())
    .addColumn('end_ms', ms, (c) => c.notNull())
    .addColumn('expires_at', ms, (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('client_ip', 'text')
    // 1 while the hold blocks its time; 0 once expired (as seen by the service clock), released
    // or converted. Inactive rows stay a while so a late booking can still be matched to its hold.
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('booking_id', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('holds_practitioner_start').on('holds').columns(['practitioner_id', 'start_ms']).execute();
  await db.schema.createIndex('holds_clinic_expires').on('holds').columns(['clinic_id', 'expires_at']).execute();
  await db.schema.createIndex('holds_client_ip').on('holds').columns(['clinic_id', 'client_ip', 'expires_at']).execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull())
    // SHA-256 of the client's key; the stored response is encrypted with a key derived from it.
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', ms, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['clinic_id', 'scope', 'key_hash'])
    .execute();

  // The no-double-booking rule, enforced by SQLite itself over half-open intervals [start, end).
  // Expired holds are deactivated by the service in the same transaction before it writes, so
  // every active hold row is treated as blocking here.
  const overlap = (table: 'bookings' | 'holds', extra: string) => `
    SELECT RAISE(ABORT, 'tidbok_overlap')
    WHERE EXISTS (SELECT 1 FROM bookings b WHERE b.practitioner_id = NEW.practitioner_id
                  AND b.status = 'booked' AND b.start_ms < NEW.end_ms AND b.end_ms > NEW.start_ms
                  ${table === 'bookings' ? extra : ''})
       OR EXISTS (SELECT 1 FROM holds h WHERE h.practitioner_id = NEW.practitioner_id AND h.active = 1
                  AND h.start_ms < NEW.end_ms AND h.end_ms > NEW.start_ms
                  ${table === 'holds' ? extra : ''});`;
  await sql
    .raw(
      `CREATE TRIGGER bookings_no_overlap_insert BEFORE INSERT ON bookings
       WHEN NEW.status = 'booked' BEGIN ${overlap('bookings', '')} END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER bookings_no_overlap_update
       BEFORE UPDATE OF status, start_ms, end_ms, practitioner_id ON bookings
       WHEN NEW.status = 'booked' BEGIN ${overlap('bookings', 'AND b.id <> NEW.id')} END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER holds_no_overlap_insert BEFORE INSERT ON holds WHEN NEW.active = 1
          BEGIN ${overlap('holds', '')} END`,
    )
    .execute(db);
}
