/**
 * Calendar arithmetic on plain fields, shared by the modules of this folder and not exported from
 * it. Everything here works on "UTC-as-wall-clock" milliseconds: a local date and time encoded as
 * if it were UTC, so the machine's own time zone never takes part (docs/design.md, "Time in the
 * code": no test, and no code, may depend on the process `TZ`).
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

export interface DateFields {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The fields of a valid `YYYY-MM-DD`, or null; 2027-02-30 and month 13 are null, not rolled over. */
export function parseDateFields(value: string): DateFields | null {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Minutes since local midnight of a valid `HH:mm` (00:00–23:59), or null. */
export function parseTimeMinutes(value: string): number | null {
  const match = LOCAL_TIME_PATTERN.exec(value);
  if (match === null) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

export function requireDateFields(value: string, what = 'date'): DateFields {
  const fields = typeof value === 'string' ? parseDateFields(value) : null;
  if (fields === null) {
    throw new RangeError(`Invalid ${what} ${JSON.stringify(value)}: expected a calendar date YYYY-MM-DD`);
  }
  return fields;
}

/**
 * Milliseconds for the given fields read as UTC. `Date.UTC` maps years 0–99 to 1900–1999, so the
 * year is set separately; months, days and hours may overflow and roll over like `Date.UTC`.
 */
export function utcFromFields(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  return date.getTime();
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DD` of UTC-as-wall-clock milliseconds; only years 0000–9999 have that form. */
export function formatDate(wallMs: number): string {
  const date = new Date(wallMs);
  const year = date.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) {
    throw new RangeError(`Date out of range: year ${year} cannot be written as YYYY-MM-DD`);
  }
  return `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** `HH:mm` of UTC-as-wall-clock milliseconds; seconds are dropped, not rounded. */
export function formatTime(wallMs: number): string {
  const date = new Date(wallMs);
  return `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}`;
}
