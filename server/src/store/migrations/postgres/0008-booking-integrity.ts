import { type Kysely, sql } from 'kysely';

/** Twin of ../0008-booking-integrity.ts: duplicate clients, test sessions, hold networks. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE clients ADD COLUMN duplicate_of text`.execute(db);
  await sql`CREATE INDEX clients_duplicate_of ON clients (duplicate_of)`.execute(db);
  await sql`ALTER TABLE client_sessions ADD COLUMN is_test integer NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE holds ADD COLUMN client_net text`.execute(db);
  await sql`ALTER TABLE holds ADD COLUMN client_id text`.execute(db);
  await sql`CREATE INDEX holds_client_net_created ON holds (clinic_id, client_net, created_at)`.execute(db);
  await sql`ALTER TABLE holds ADD COLUMN pending_booking text`.execute(db);
  await sql`ALTER TABLE holds ADD COLUMN confirm_token_hash text`.execute(db);
  await sql`CREATE INDEX holds_confirm_token ON holds (confirm_token_hash)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX holds_confirm_token`.execute(db);
  await sql`ALTER TABLE holds DROP COLUMN confirm_token_hash`.execute(db);
  await sql`ALTER TABLE holds DROP COLUMN pending_booking`.execute(db);
  await sql`DROP INDEX holds_client_net_created`.execute(db);
  await sql`ALTER TABLE holds DROP COLUMN client_id`.execute(db);
  await sql`ALTER TABLE holds DROP COLUMN client_net`.execute(db);
  await sql`ALTER TABLE client_sessions DROP COLUMN is_test`.execute(db);
  await sql`DROP INDEX clients_duplicate_of`.execute(db);
  await sql`ALTER TABLE clients DROP COLUMN duplicate_of`.execute(db);
}
