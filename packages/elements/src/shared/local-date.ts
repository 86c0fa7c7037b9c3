import { dateTimeFormat } from './format.js';

/*
 * Local dates (`YYYY-MM-DD`) for the slot picker, with Intl and `Date`'s UTC calendar instead of
 * @tidbok/core's hand-written calendar code, which the embed bundle would otherwise carry for
 * these three small jobs (docs/design.md, Budgets). For a valid date they give what core's
 * `addLocalDays`, `mondayOf` and `localDateOf` give (local-date.browser.test.ts holds them to
 * it); core's also refuse malformed input with a RangeError, which the server needs and these
 * callers, passing dates they computed themselves, do not.
 */

const MS_PER_DAY = 86_400_000;
const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };

/** Midnight UTC of a local date: `Date`'s UTC calendar is the proleptic Gregorian one core counts in. */
const utcOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** `date` moved by a whole number of calendar days (no zone involved: a day is a day across DST). */
export const addLocalDays = (date: string, days: number): string => new Date(utcOf(date) + days * MS_PER_DAY).toISOString().slice(0, 10);

/** The Monday of the ISO week that contains `date`. */
export const mondayOf = (date: string): string => addLocalDays(date, -((new Date(utcOf(date)).getUTCDay() + 6) % 7));

/** The local date in `timeZone` at `instant`. */
export function localDateOf(instant: number, timeZone: string): string {
  const parts = dateTimeFormat('en', timeZone, DATE).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
