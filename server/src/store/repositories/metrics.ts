import { sql } from 'kysely';
import type { Queryable } from '../store.js';

/** What `/metrics` reads from the database at each scrape. */

/** Messages waiting in the outbox, and when the oldest of them was made (ms), in one read. */
export async function pendingOutbox(db: Queryable): Promise<{ pending: number; oldest: number | null }> {
  const { rows } = await sql<{
    pending: number | string;
    oldest: number | string | null;
  }>`select count(*) as pending, min(created_at) as oldest from messages where status = 'pending'`.execute(db);
  const row = rows[0];
  return { pending: Number(row?.pending ?? 0), oldest: row?.oldest == null ? null : Number(row.oldest) };
}

/** Holds that have neither expired nor been booked at `now`. */
export async function activeHoldCount(db: Queryable, now: number): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from holds where active = 1 and expires_at > ${now}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
