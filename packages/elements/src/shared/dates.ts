import { localTimeOf } from '@tidbok/core';
import type { Locale } from '../i18n.js';

/*
 * Dates and times in the elements, with Intl and `Date`'s UTC calendar only (no date library:
 * the embed budget, docs/design.md, Budgets). Three kinds of value:
 *
 * - instants (epoch milliseconds or ISO strings), always shown in the clinic's zone, never the
 *   visitor's: the clinic's "09:00" is what the practitioner and the confirmation say;
 * - local dates `YYYY-MM-DD`, calendar days with no zone: shown and counted whatever the
 *   machine's zone;
 * - server timestamps in staff lists, shown in the reader's own zone.
 *
 * English uses en-GB (day before month, 24-hour clock), which reads naturally next to Swedish
 * times. The local-date arithmetic here (`addLocalDays`, `weekdayOf`, `mondayOf`, `localDateOf`)
 * mirrors @tidbok/core's so the public flow need not carry core's calendar code; for a valid date
 * it gives the same answers (dates.browser.test.ts holds it to them). Core's also refuse
 * malformed input with a RangeError, which the server needs and these callers, passing dates
 * they computed or checked (`isLocalDate`) themselves, do not. What is only core's (a wall-clock
 * time to an instant, the start of a local day) the calendar's geometry takes from core
 * (calendar/week.ts).
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const cache = new Map<string, Intl.DateTimeFormat>();

/**
 * An `Intl.DateTimeFormat` for `locale` (en-GB for English) in `timeZone` (`undefined`: the
 * browser's), made once per options.
 */
export function dateTimeFormat(locale: Locale, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { ...options, timeZone });
    cache.set(key, format);
  }
  return format;
}

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const DAY_LONG: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
const DATE_LONG: Intl.DateTimeFormatOptions = { ...DAY_LONG, year: 'numeric' };
const DAY_SHORT: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
/** What a wall clock shows, to the second: two zones agree at an instant when this does. */
const CLOCK: Intl.DateTimeFormatOptions = { ...TIME, year: 'numeric', month: 'numeric', day: 'numeric', second: '2-digit' };
const DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };

/** Midnight UTC of a local date: `Date`'s UTC calendar is the proleptic Gregorian one core counts in. */
const utcOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
/** Noon UTC of a local date: formatted in UTC it is that date whatever the zone. */
const noonOf = (date: string) => Date.parse(`${date}T12:00:00Z`);

// ---- Instants, in the clinic's zone ----------------------------------------------------------

/** `09:00` in the clinic's zone. */
export const formatTime = (instant: number | string, timeZone: string, locale: Locale): string =>
  dateTimeFormat(locale, timeZone, TIME).format(new Date(instant));

/** `tisdag 3 mars 2026` / `Tuesday 3 March 2026`, in the clinic's zone. */
export const formatDate = (instant: number | string, timeZone: string, locale: Locale): string =>
  dateTimeFormat(locale, timeZone, DATE_LONG).format(new Date(instant));

/** `tisdag 3 mars 09:00`: a time's accessible name, whole enough to be heard out of context. */
export const formatDayTime = (instant: number | string, timeZone: string, locale: Locale): string =>
  `${dateTimeFormat(locale, timeZone, DAY_LONG).format(new Date(instant))} ${formatTime(instant, timeZone, locale)}`;

/** `HH:mm` of an instant on the clinic's clock, the same in both languages (core's `localTimeOf`). */
export const clockTime = (instant: number, timeZone: string): string => localTimeOf(instant, timeZone);

/** The local date in `timeZone` at `instant`. */
export function localDateOf(instant: number, timeZone: string): string {
  const parts = dateTimeFormat('en', timeZone, DATE).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Today's local date in the clinic's zone. */
export const todayIn = (timeZone: string, now = Date.now()): string => localDateOf(now, timeZone);

/** `instant` moved by `minutes` of real time (not wall-clock time: across a DST change too). */
export const addMinutes = (instant: number, minutes: number): number => instant + minutes * MS_PER_MINUTE;

/** Length in whole minutes between two instants (real time, not wall-clock). */
export const minutesBetween = (start: number, end: number): number => Math.round((end - start) / MS_PER_MINUTE);

/** The visitor's own zone, as the browser reports it. */
export const visitorTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Whether a visitor in `visitorZone` would read the clinic's clock differently at any of
 * `instants`: compared by what the clocks show, not by name, so Berlin and Stockholm count as
 * the same. An unknown zone counts as different.
 */
export function zonesDiffer(clinicZone: string, visitorZone: string, instants: number[]): boolean {
  if (clinicZone === visitorZone) return false;
  const clock = (instant: number, timeZone: string) => dateTimeFormat('en', timeZone, CLOCK).format(instant);
  try {
    return instants.some((t) => clock(t, clinicZone) !== clock(t, visitorZone));
  } catch {
    return true;
  }
}

// ---- Local dates, whatever the machine's zone ------------------------------------------------

/** A local date `YYYY-MM-DD` as `tisdag 3 mars` (long) or `tis 3 mars` (short). */
export const formatLocalDay = (date: string, locale: Locale, long = false): string =>
  dateTimeFormat(locale, 'UTC', long ? DAY_LONG : DAY_SHORT).format(noonOf(date));

/** A local date `YYYY-MM-DD` with any Intl date options (`sön 28 mars`, `28/3`), whatever the zone. */
export const formatLocalDate = (date: string, locale: Locale, options: Intl.DateTimeFormatOptions): string =>
  dateTimeFormat(locale, 'UTC', options).format(noonOf(date));

/** Two local dates as one range: `2–8 mars 2026`, `30 mars–5 apr. 2026`. */
export const formatLocalRange = (from: string, to: string, locale: Locale): string =>
  dateTimeFormat(locale, 'UTC', { day: 'numeric', month: 'short', year: 'numeric' }).formatRange(noonOf(from), noonOf(to));

/** `date` moved by a whole number of calendar days (no zone involved: a day is a day across DST). */
export const addLocalDays = (date: string, days: number): string => new Date(utcOf(date) + days * MS_PER_DAY).toISOString().slice(0, 10);

/** The ISO weekday of a local date: 1 for Monday to 7 for Sunday. */
export const weekdayOf = (date: string): number => new Date(utcOf(date)).getUTCDay() || 7;

/** The Monday of the ISO week that contains `date`. */
export const mondayOf = (date: string): string => addLocalDays(date, -((new Date(utcOf(date)).getUTCDay() + 6) % 7));

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((utcOf(to) - utcOf(from)) / MS_PER_DAY);

/** An ISO 8601 week: its week-numbering year and number. */
export interface IsoWeek {
  /** The year of the week's Thursday (may differ from the date's, around New Year). */
  year: number;
  /** 1–53. */
  week: number;
}

/** The ISO 8601 week number of a local date (Swedes say "vecka 10"). */
export function isoWeek(date: string): number {
  const thursday = new Date(utcOf(date));
  // A week belongs to the year of its Thursday; week 1 holds that year's first Thursday.
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
  return Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / (7 * MS_PER_DAY)) + 1;
}

/** The ISO 8601 week of a local date with its year, the year of its Thursday. */
export const isoWeekOf = (date: string): IsoWeek => ({ year: Number(addLocalDays(date, 4 - weekdayOf(date)).slice(0, 4)), week: isoWeek(date) });

// ---- Server timestamps and prices ------------------------------------------------------------

/**
 * When something happened on the server (an ISO timestamp: last used, sent, fetched), in the
 * reader's own zone, for staff lists: `2026-12-04 21:30` / `04/12/2026, 21:30`.
 */
export const formatStamp = (iso: string, locale: Locale, dateStyle: 'short' | 'medium' | 'long' = 'short'): string =>
  dateTimeFormat(locale, undefined, { dateStyle, timeStyle: 'short' }).format(Date.parse(iso));

/** `950 kr` / `SEK 950`; öre shown only when there are any. */
export function formatPrice(cents: number, currency: string, locale: Locale): string {
  const whole = cents % 100 === 0;
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'sv-SE', {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(cents / 100);
}
