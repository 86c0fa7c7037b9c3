import { RANGE_LOOKBACK_MS } from '../services/common.js';
import { busyTimeOverlaps } from '../store/repositories/busy-calendar.js';
import type { Db, Trx } from '../store/store.js';

/**
 * Whether `[start, end)` overlaps busy time from the practitioner's own calendar: for public
 * bookings made from a hold that expired, whose time may have become busy since the hold was
 * checked (holds themselves are checked against the public slots, which leave busy time out).
 */
export async function overlapsBusyTime(db: Db | Trx, practitionerId: string, start: number, end: number): Promise<boolean> {
  // Busy time is stored in pieces of at most a day, so the usual lookback bounds the search.
  return busyTimeOverlaps(db, { practitionerId, start, end, startsAfter: start - RANGE_LOOKBACK_MS });
}
