import { RANGE_LOOKBACK_MS } from '../services/common.js';
import type { Db, Trx } from '../store/store.js';

/**
 * Whether `[start, end)` overlaps busy time from the practitioner's own calendar: for public
 * bookings made from a hold that expired, whose time may have become busy since the hold was
 * checked (holds themselves are checked against the public slots, which leave busy time out).
 */
export async function overlapsBusyTime(db: Db | Trx, practitionerId: string, start: number, end: number): Promise<boolean> {
  const row = await db
    .selectFrom('busy_times')
    .select('id')
    .where('practitioner_id', '=', practitionerId)
    .where('start_ms', '<', end)
    // Busy time is stored in pieces of at most a day, so the usual lookback bounds the search.
    .where('start_ms', '>', start - RANGE_LOOKBACK_MS)
    .where('end_ms', '>', start)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
