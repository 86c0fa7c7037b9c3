import { MS_PER_DAY, MS_PER_MINUTE, formatDate, formatTime, parseTimeMinutes, requireDateFields, utcFromFields } from './calendar-fields.js';
import { zoneOffsetAt } from './zone-offset.js';

/** True for a wall-clock time written `HH:mm`, 00:00–23:59. */
export function isLocalTime(value: unknown): value is string {
  return typeof value === 'string' && parseTimeMinutes(value) !== null;
}

/**
 * The instant at which the clocks of `timeZone` show `time` on `date`.
 *
 * Wall-clock times that a DST change makes ambiguous are resolved so that a working time typed in
 * local time always lands on a real, predictable instant:
 * - **gap** (spring forward; 02:30 on 2027-03-28 in Europe/Stockholm does not exist): the time is
 *   read with the offset in force *before* the change, which is the instant the clock shows after
 *   moving forward by the gap — 03:30 CEST (01:30Z). A block typed 02:00–04:00 therefore starts
 *   at 03:00 and lasts one real hour, never a negative or shifted-back span.
 * - **overlap** (fall back; 02:30 on 2027-10-31 happens twice): the *earlier* occurrence, still on
 *   the pre-change offset (02:30 CEST, 00:30Z), so a day or a block starts as early as it can.
 */
export function localToInstant(date: string, time: string, timeZone: string): number {
  const { year, month, day } = requireDateFields(date);
  const minutes = typeof time === 'string' ? parseTimeMinutes(time) : null;
  if (minutes === null) {
    throw new RangeError(`Invalid time ${JSON.stringify(time)}: expected HH:mm between 00:00 and 23:59`);
  }
  return wallToInstant(utcFromFields(year, month, day) + minutes * MS_PER_MINUTE, timeZone);
}

/**
 * UTC-as-wall-clock milliseconds to an instant, with the gap/overlap rule of `localToInstant`.
 * Assumes at most one offset change within a day and a half either side of the wall time, which
 * holds for every zone in use today (changes are months apart).
 */
function wallToInstant(wallMs: number, timeZone: string): number {
  // Read a day before and after as instants: offsets lie within -12h..+14h, so these fall
  // strictly before and after any change that could affect this wall time.
  const offsetBefore = zoneOffsetAt(wallMs - MS_PER_DAY, timeZone);
  const offsetAfter = zoneOffsetAt(wallMs + MS_PER_DAY, timeZone);
  const withOffsetBefore = wallMs - offsetBefore;
  // Valid on the earlier offset: either no change nearby, before the change, or the earlier
  // occurrence of an overlap.
  if (zoneOffsetAt(withOffsetBefore, timeZone) === offsetBefore) return withOffsetBefore;
  const withOffsetAfter = wallMs - offsetAfter;
  if (zoneOffsetAt(withOffsetAfter, timeZone) === offsetAfter) return withOffsetAfter;
  // In the gap: neither offset produces this wall time; the earlier offset moves it forward.
  return withOffsetBefore;
}

/**
 * The first instant of `date` in `timeZone`: local midnight, or — where a DST change skips
 * midnight (e.g. America/Santiago) — the moment the clocks jump to, which is the day's start.
 */
export function startOfLocalDay(date: string, timeZone: string): number {
  return localToInstant(date, '00:00', timeZone);
}

/** The local calendar date (`YYYY-MM-DD`) in `timeZone` at `instant`. */
export function localDateOf(instant: number, timeZone: string): string {
  return formatDate(instant + zoneOffsetAt(instant, timeZone));
}

/** The local wall-clock time (`HH:mm`, seconds dropped) in `timeZone` at `instant`. */
export function localTimeOf(instant: number, timeZone: string): string {
  return formatTime(instant + zoneOffsetAt(instant, timeZone));
}
