import { type Kysely, sql } from 'kysely';

/** Twin of ../0015-webhooks.ts: webhook endpoints, their outbox of deliveries, and the attempts. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE webhook_endpoints (
      id text PRIMARY KEY,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      url text NOT NULL,
      events text NOT NULL,
      include_client_data integer NOT NULL DEFAULT 0,
      enabled integer NOT NULL DEFAULT 1,
      secret_sealed text NOT NULL,
      failing_since bigint,
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX webhook_endpoints_clinic ON webhook_endpoints (clinic_id)`.execute(db);
  await sql`
    CREATE TABLE webhook_deliveries (
      id text PRIMARY KEY,
      endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
      clinic_id text NOT NULL REFERENCES clinics (id) ON DELETE CASCADE,
      message_id text NOT NULL,
      event_type text NOT NULL,
      payload text NOT NULL,
      status text NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at bigint NOT NULL,
      locked_until bigint NOT NULL DEFAULT 0,
      last_status_code integer,
      last_error text,
      delivered_at bigint,
      created_at bigint NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at)`.execute(db);
  await sql`
    CREATE TABLE webhook_attempts (
      id text PRIMARY KEY,
      delivery_id text NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
      endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
      attempted_at bigint NOT NULL,
      status_code integer,
      error text,
      ok integer NOT NULL,
      duration_ms integer NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX webhook_attempts_endpoint ON webhook_attempts (endpoint_id, attempted_at)`.execute(db);
  await sql`CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE webhook_attempts`.execute(db);
  await sql`DROP TABLE webhook_deliveries`.execute(db);
  await sql`DROP TABLE webhook_endpoints`.execute(db);
}
