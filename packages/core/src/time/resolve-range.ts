import { MS_PER_HOUR, MS_PER_MINUTE, daysInMonth, utcFromFields } from './calendar-fields.js';
import { addLocalDays, isLocalDate } from './local-date.js';
import { startOfLocalDay } from './local-time.js';

// RFC 3339 as the API accepts it (same shape as the zod InstantSchema): upper-case `T`, seconds
// required, any fraction, and an explicit `Z` or `±HH:MM` — a time without an offset would be
// read in someone's zone, which is exactly the ambiguity the API rules out.
const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * Epoch milliseconds of an RFC 3339 instant with an explicit offset
 * (`2027-03-28T09:00:00+02:00`, `2027-03-28T07:00:00.5Z`), or null when `value` is not one.
 * Fractions beyond milliseconds are truncated.
 */
export function parseInstant(value: string): number | null {
  const match = typeof value === 'string' ? INSTANT_PATTERN.exec(value) : null;
  if (match === null) return null;
  const [, y, mo, d, h, mi, s, fraction = '', zulu, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offset = 0;
  if (zulu === undefined) {
    const offsetHours = Number(oh);
    const offsetMinutes = Number(om);
    if (offsetHours > 23 || offsetMinutes > 59) return null;
    offset = (sign === '-' ? -1 : 1) * (offsetHours * MS_PER_HOUR + offsetMinutes * MS_PER_MINUTE);
  }
  const millisecond = Number(fraction.slice(0, 3).padEnd(3, '0'));
  return utcFromFields(year, month, day, hour, minute, second, millisecond) - offset;
}

/**
 * Turns a `from`/`to` pair (docs/design.md, "Conventions on the wire") into a half-open instant range `[from, to)`.
 * Each side is an RFC 3339 instant with offset, or a local date read in `timeZone`:
 * a local-date `from` is the start of that day, a local-date `to` is inclusive and so becomes the
 * start of the *next* day — a 23- or 25-hour DST day is covered exactly, never by 24h arithmetic.
 *
 * Throws a RangeError naming the side for a value that is neither form. The order of the two
 * sides is not checked here: an empty or inverted range is the caller's decision.
 */
export function resolveRange(from: string, to: string, timeZone: string): { from: number; to: number } {
  return {
    from: resolveBound('from', from, timeZone, 0),
    to: resolveBound('to', to, timeZone, 1),
  };
}

function resolveBound(side: 'from' | 'to', value: string, timeZone: string, daysAfter: 0 | 1): number {
  if (typeof value === 'string') {
    if (isLocalDate(value)) return startOfLocalDay(addLocalDays(value, daysAfter), timeZone);
    const instant = parseInstant(value);
    if (instant !== null) return instant;
  }
  throw new RangeError(
    `Invalid ${side} ${JSON.stringify(value)}: expected a local date YYYY-MM-DD or an RFC 3339 instant ` + `with an offset, e.g. 2027-03-28T09:00:00+02:00`,
  );
}
