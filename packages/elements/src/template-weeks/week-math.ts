import { isLocalDate } from '@tidbok/core';
import { addLocalDays, isoWeek, mondayOf } from '../shared/dates.js';

/*
 * Week arithmetic for template weeks, on local dates (`YYYY-MM-DD`) only. A local date is a
 * calendar day, not an instant: every step here is `addLocalDays` (shared/dates.ts, UTC date
 * arithmetic on the date alone), so a week that contains a daylight-saving change is still seven
 * days and a Monday stays a Monday whatever the browser's zone. No `Date` in local time is ever
 * made. The ISO week number is shared/dates.ts's too.
 */

/** The most weeks one paste may name (`ApplyTemplateWeekBody.weekStarts`, max 104). */
export const MAX_WEEKS = 104;

export type WeekParity = 'odd' | 'even';

/** `odd` or `even` by ISO week number, as Swedish clinics say "udda/jämna veckor". */
export function parityOf(date: string): WeekParity {
  return isoWeek(date) % 2 === 1 ? 'odd' : 'even';
}

/** `monday` moved by whole weeks. */
export function addWeeks(monday: string, weeks: number): string {
  return addLocalDays(monday, weeks * 7);
}

/** The Sunday that ends the week starting on `monday`. */
export function weekEndOf(monday: string): string {
  return addLocalDays(monday, 6);
}

/** The Monday of `date`'s week, or '' when `date` is not a valid local date. */
export function mondayOrEmpty(date: string | null | undefined): string {
  return date && isLocalDate(date) ? mondayOf(date) : '';
}

/**
 * The Mondays of every week from the week containing `from` to the week containing `to`, both
 * included, in order; empty when `to`'s week is before `from`'s. Stops after `limit` weeks so a
 * mistyped year cannot build a list of thousands (the caller compares the length with `limit`).
 */
export function mondaysBetween(from: string, to: string, limit = MAX_WEEKS + 1): string[] {
  const first = mondayOrEmpty(from);
  const last = mondayOrEmpty(to);
  if (!first || !last) return [];
  const mondays: string[] = [];
  for (let monday = first; monday <= last && mondays.length < limit; monday = addWeeks(monday, 1)) mondays.push(monday);
  return mondays;
}

/**
 * The Mondays between `from` and `to` (as `mondaysBetween`) whose ISO week number is odd or
 * even. A 53-week year puts two odd weeks in a row (53 and 1): that is what "odd weeks" means on
 * a Swedish calendar, so it is kept rather than "every 14 days".
 */
export function alternateMondays(from: string, to: string, parity: WeekParity, limit = MAX_WEEKS + 1): string[] {
  // Filtering halves the list, so look through twice the limit before filtering.
  return mondaysBetween(from, to, limit * 2)
    .filter((monday) => parityOf(monday) === parity)
    .slice(0, limit);
}
