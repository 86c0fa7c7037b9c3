const DAY_MS = 86_400_000;
/** The largest |ms| a Date can hold. */
const MAX_INSTANT = 8.64e15;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

// The date part of the last whole-second instant formatted: slot lists and calendars format
// hundreds of instants of the same few days, so only the time of day is built per call.
let lastDay = NaN;
let lastDatePart = '';

/** Instants leave the server as UTC RFC 3339 without milliseconds when they have none. */
export function iso(ms: number): string {
  if (ms % 1000 === 0 && ms <= MAX_INSTANT && ms >= -MAX_INSTANT) {
    const day = Math.floor(ms / DAY_MS);
    if (day !== lastDay) {
      const s = new Date(day * DAY_MS).toISOString(); // throws for an invalid date, like the slow path
      lastDatePart = s.slice(0, s.indexOf('T') + 1);
      lastDay = day;
    }
    const seconds = (ms - day * DAY_MS) / 1000;
    const h = Math.floor(seconds / 3600);
    const m = Math.floor(seconds / 60) % 60;
    return `${lastDatePart}${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[seconds % 60]}Z`;
  }
  const s = new Date(ms).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}
