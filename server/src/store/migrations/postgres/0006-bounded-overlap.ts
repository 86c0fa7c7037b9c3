import { type Kysely, sql } from 'kysely';

/**
 * PostgreSQL twin of ../0006-bounded-overlap.ts. Its exclusion constraints search a GiST index
 * over the interval, so they never read a whole history and need no window. What the twin adds is
 * the same refusal of a booked booking or an active hold longer than 50 hours, so that both
 * engines accept the same rows.
 */
const LONGEST_MS = 50 * 3_600_000;

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `ALTER TABLE bookings ADD CONSTRAINT tidbok_too_long_bookings
         CHECK (status <> 'booked' OR end_ms - start_ms <= ${LONGEST_MS});
       ALTER TABLE holds ADD CONSTRAINT tidbok_too_long_holds
         CHECK (active <> 1 OR end_ms - start_ms <= ${LONGEST_MS});`,
    )
    .execute(db);
}
