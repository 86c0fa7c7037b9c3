import { parseInstant, resolveRange } from '@tidbok/core';
import { ApiError, invalid } from '../errors.js';
import { deactivateExpiredHolds, overlappingActiveHold, overlappingBooking } from '../store/repositories/overlaps.js';
import type { Trx } from '../store/store.js';

const HOUR = 3_600_000;

/**
 * The longest calendar entry (working time, activity, booking) `checkInterval` lets through: a
 * whole local day, which is 25 hours on a fall-back day.
 */
export const MAX_ENTRY_HOURS = 25;

/**
 * How far before `from` an entry overlapping `[from, …)` may start. Range queries use it as a
 * lower bound on `start_ms` so the `(…, start_ms)` indexes are searched over a window instead of
 * all history. Twice the longest entry: a template week pasted across a DST change can stretch a
 * block by an hour, and a missed entry would be a wrong answer, while a wider window costs nothing.
 */
export const RANGE_LOOKBACK_MS = 2 * MAX_ENTRY_HOURS * HOUR;

/** An instant the schema has already checked; a second parse turns it into epoch ms. */
export function instant(value: string, path: string): number {
  const ms = parseInstant(value);
  if (ms === null) throw invalid(path, 'Expected an instant with offset, e.g. 2027-03-01T09:00:00Z');
  return ms;
}

/** A `[start, end)` that is not empty and not longer than `MAX_ENTRY_HOURS` (see there). */
export function checkInterval(start: number, end: number, maxHours = MAX_ENTRY_HOURS) {
  if (end <= start) throw invalid('end', 'end must be after start');
  if (end - start > maxHours * HOUR) throw invalid('end', `An entry may last at most ${maxHours} hours`);
}

/**
 * `resolveRange` results by (from, to, zone): a pure function of its text (the zone rules are
 * the runtime's), and its time-zone arithmetic is a few percent of a slot request, while a
 * booking page asks for the same few weeks over and over. Bounded; cleared when full.
 */
const resolvedRanges = new Map<string, { from: number; to: number }>();
const RESOLVED_RANGES_MAX = 2000;

function resolveRangeOnce(from: string, to: string, timeZone: string): { from: number; to: number } {
  const key = `${from}\n${to}\n${timeZone}`;
  let resolved = resolvedRanges.get(key);
  if (resolved === undefined) {
    resolved = resolveRange(from, to, timeZone); // an invalid range throws, every time
    if (resolvedRanges.size >= RESOLVED_RANGES_MAX) resolvedRanges.clear();
    resolvedRanges.set(key, resolved);
  }
  return { ...resolved };
}

/** Resolves `from`/`to` (instants or local dates in the clinic's zone) and bounds the span. */
export function range(from: string, to: string, timeZone: string, maxDays: number) {
  let resolved: { from: number; to: number };
  try {
    resolved = resolveRangeOnce(from, to, timeZone);
  } catch (error) {
    throw invalid('query.from', error instanceof Error ? error.message : 'Not a valid range');
  }
  if (resolved.to <= resolved.from) throw invalid('query.to', 'to must be after from');
  // A local-date range of N days can be an hour longer than N×24 h across a DST change.
  if (resolved.to - resolved.from > maxDays * 24 * HOUR + HOUR) {
    throw invalid('query.to', `The range may span at most ${maxDays} days`);
  }
  return resolved;
}

/**
 * Deactivates a practitioner's expired holds inside the write transaction, before anything is
 * inserted: the overlap triggers count every active hold, so expiry (decided by the injected
 * clock) must be applied first.
 */
export async function purgeExpiredHolds(trx: Trx, practitionerId: string, now: number) {
  await deactivateExpiredHolds(trx, practitionerId, now);
}

/** What, if anything, already occupies `[start, end)` for a practitioner: a booked booking or an active hold. */
export async function findOverlap(
  trx: Trx,
  practitionerId: string,
  start: number,
  end: number,
  now: number,
  ignoreBookingId?: string,
): Promise<'booking' | 'hold' | null> {
  const time = { practitionerId, start, end, startsAfter: start - RANGE_LOOKBACK_MS };
  if (await overlappingBooking(trx, { ...time, ignoreBookingId })) return 'booking';
  const hold = await overlappingActiveHold(trx, { ...time, now });
  return hold ? 'hold' : null;
}

export function conflictFor(kind: 'booking' | 'hold'): ApiError {
  return new ApiError(
    'conflict',
    kind === 'booking' ? 'The practitioner already has a booking at that time' : 'Someone is booking that time right now (it is held)',
  );
}

export function parseIds(json: string | null): string[] | null {
  if (json === null) return null;
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
}
