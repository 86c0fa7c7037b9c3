import { type Kysely, sql } from 'kysely';

/**
 * The overlap triggers of 0001, made to read a window instead of a practitioner's whole history.
 * They looked for any booked booking (or active hold) with `start < NEW.end AND end > NEW.start`,
 * and through the `(practitioner_id, start_ms)` index that meant every earlier row: a year of one
 * practitioner's bookings, about 1 ms for each insert into a year-old database against 0.02 ms
 * into an empty one. An overlapping row can only start up to its own length before NEW.start, so
 * with a bound on that length the search needs only `start > NEW.start - bound`.
 *
 * The bound is the services' `RANGE_LOOKBACK_MS` (twice the longest entry, 25 hours: 50 hours),
 * written out here because a migration must not change when the code later does. The triggers
 * now also refuse a booked booking or an active hold longer than that (`tidbok_too_long`), so the
 * window is sound whatever code path writes; the services already refuse anything over 25 hours.
 */
const LONGEST_MS = 50 * 3_600_000;

export async function up(db: Kysely<any>): Promise<void> {
  const guard = (table: 'bookings' | 'holds', extra: string) => `
    SELECT RAISE(ABORT, 'tidbok_too_long') WHERE NEW.end_ms - NEW.start_ms > ${LONGEST_MS};
    SELECT RAISE(ABORT, 'tidbok_overlap')
    WHERE EXISTS (SELECT 1 FROM bookings b WHERE b.practitioner_id = NEW.practitioner_id
                  AND b.status = 'booked' AND b.start_ms < NEW.end_ms AND b.start_ms > NEW.start_ms - ${LONGEST_MS}
                  AND b.end_ms > NEW.start_ms ${table === 'bookings' ? extra : ''})
       OR EXISTS (SELECT 1 FROM holds h WHERE h.practitioner_id = NEW.practitioner_id AND h.active = 1
                  AND h.start_ms < NEW.end_ms AND h.start_ms > NEW.start_ms - ${LONGEST_MS}
                  AND h.end_ms > NEW.start_ms ${table === 'holds' ? extra : ''});`;
  for (const name of ['bookings_no_overlap_insert', 'bookings_no_overlap_update', 'holds_no_overlap_insert']) {
    await sql.raw(`DROP TRIGGER ${name}`).execute(db);
  }
  await sql
    .raw(
      `CREATE TRIGGER bookings_no_overlap_insert BEFORE INSERT ON bookings
       WHEN NEW.status = 'booked' BEGIN ${guard('bookings', '')} END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER bookings_no_overlap_update
       BEFORE UPDATE OF status, start_ms, end_ms, practitioner_id ON bookings
       WHEN NEW.status = 'booked' BEGIN ${guard('bookings', 'AND b.id <> NEW.id')} END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER holds_no_overlap_insert BEFORE INSERT ON holds WHEN NEW.active = 1
          BEGIN ${guard('holds', '')} END`,
    )
    .execute(db);
}
