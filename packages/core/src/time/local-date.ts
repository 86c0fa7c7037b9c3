import { MS_PER_DAY, formatDate, parseDateFields, requireDateFields, utcFromFields } from './calendar-fields.js';

/** ISO 8601 weekday: Monday = 1 … Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** True for a real calendar date written `YYYY-MM-DD` (2028-02-29 yes, 2027-02-29 and 2027-02-30 no). */
export function isLocalDate(value: unknown): value is string {
  return typeof value === 'string' && parseDateFields(value) !== null;
}

/**
 * `date` moved by a whole number of calendar days. Pure calendar arithmetic: no time zone is
 * involved, so a day is a day even across a DST change (the instants come later, per zone).
 */
export function addLocalDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`addLocalDays needs a whole number of days, got ${days}`);
  const { year, month, day } = requireDateFields(date);
  return formatDate(utcFromFields(year, month, day) + days * MS_PER_DAY);
}

/** The ISO weekday of a local date (Monday = 1). */
export function weekdayOf(date: string): IsoWeekday {
  const { year, month, day } = requireDateFields(date);
  const sundayIsZero = new Date(utcFromFields(year, month, day)).getUTCDay();
  return (sundayIsZero === 0 ? 7 : sundayIsZero) as IsoWeekday;
}

/** The Monday of the ISO week that contains `date` (template weeks are Monday-based). */
export function mondayOf(date: string): string {
  return addLocalDays(date, 1 - weekdayOf(date));
}
