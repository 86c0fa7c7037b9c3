import { type Kysely, sql } from 'kysely';

/** Twin of ../0007-active-holds-by-address.ts: the per-address hold cap reads active holds only. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX holds_client_ip`.execute(db);
  await sql`CREATE INDEX holds_client_ip_active ON holds (clinic_id, client_ip, active, expires_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX holds_client_ip_active`.execute(db);
  await sql`CREATE INDEX holds_client_ip ON holds (clinic_id, client_ip, expires_at)`.execute(db);
}
