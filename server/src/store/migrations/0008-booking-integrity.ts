import type { Kysely } from 'kysely';

/**
 * Booking integrity (issue 17):
 * - `clients.duplicate_of`: a client a public booking created because its details did not agree
 *   with the stored client of the same e-mail; staff see and merge these (services/client-duplicates.ts).
 * - `client_sessions.is_test`: a session staff opened as a test client; it lives only while the
 *   client is still marked as a test client.
 * - `holds.client_net` (the address's network: an IPv6 /64, or the IPv4 address) and
 *   `holds.client_id` (the logged-in client, null for an anonymous visitor), for the hold caps
 *   per network and per practitioner-day (services/hold-limits.ts).
 * - `holds.pending_booking` and `holds.confirm_token_hash`: a booking that waits for its e-mail
 *   link to be clicked (services/email-confirmation.ts); the request is sealed with the link's
 *   token, of which only the hash is stored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('clients').addColumn('duplicate_of', 'text').execute();
  await db.schema.createIndex('clients_duplicate_of').on('clients').column('duplicate_of').execute();
  await db.schema
    .alterTable('client_sessions')
    .addColumn('is_test', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('holds').addColumn('client_net', 'text').execute();
  await db.schema.alterTable('holds').addColumn('client_id', 'text').execute();
  // One index for both questions about a network: holds made in the last hour, and active holds
  // (which were all made within the longest hold period, so the same range finds them).
  await db.schema.createIndex('holds_client_net_created').on('holds').columns(['clinic_id', 'client_net', 'created_at']).execute();
  await db.schema.alterTable('holds').addColumn('pending_booking', 'text').execute();
  await db.schema.alterTable('holds').addColumn('confirm_token_hash', 'text').execute();
  await db.schema.createIndex('holds_confirm_token').on('holds').column('confirm_token_hash').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('holds_confirm_token').execute();
  await db.schema.alterTable('holds').dropColumn('confirm_token_hash').execute();
  await db.schema.alterTable('holds').dropColumn('pending_booking').execute();
  await db.schema.dropIndex('holds_client_net_created').execute();
  await db.schema.alterTable('holds').dropColumn('client_id').execute();
  await db.schema.alterTable('holds').dropColumn('client_net').execute();
  await db.schema.alterTable('client_sessions').dropColumn('is_test').execute();
  await db.schema.dropIndex('clients_duplicate_of').execute();
  await db.schema.alterTable('clients').dropColumn('duplicate_of').execute();
}
