import { addLocalDays, weekdayOf } from '../time/local-date.js';

/**
 * Sweden's public holidays ("röda dagar", lagen (1989:253) om allmänna helgdagar) and the eves
 * that are closed in practice (midsommarafton, julafton, nyårsafton), computed for any year
 * from the Gregorian Easter and the fixed or "Saturday between" rules. Pure: no clock, no zone.
 * A clinic's closed days (docs/design.md, "The rules that make a slot") build on this.
 */

export type SwedishHolidayKey =
  | 'newYearsDay'
  | 'epiphany'
  | 'goodFriday'
  | 'easterSunday'
  | 'easterMonday'
  | 'mayDay'
  | 'ascensionDay'
  | 'nationalDay'
  | 'whitSunday'
  | 'midsummerEve'
  | 'midsummerDay'
  | 'allSaintsDay'
  | 'christmasEve'
  | 'christmasDay'
  | 'boxingDay'
  | 'newYearsEve';

export interface Holiday {
  /** `YYYY-MM-DD`. */
  date: string;
  key: SwedishHolidayKey;
  name: { sv: string; en: string };
}

export const SWEDISH_HOLIDAY_NAMES: Record<SwedishHolidayKey, { sv: string; en: string }> = {
  newYearsDay: { sv: 'Nyårsdagen', en: "New Year's Day" },
  epiphany: { sv: 'Trettondedag jul', en: 'Epiphany' },
  goodFriday: { sv: 'Långfredagen', en: 'Good Friday' },
  easterSunday: { sv: 'Påskdagen', en: 'Easter Sunday' },
  easterMonday: { sv: 'Annandag påsk', en: 'Easter Monday' },
  mayDay: { sv: 'Första maj', en: 'May Day' },
  ascensionDay: { sv: 'Kristi himmelsfärdsdag', en: 'Ascension Day' },
  nationalDay: { sv: 'Sveriges nationaldag', en: 'National Day of Sweden' },
  whitSunday: { sv: 'Pingstdagen', en: 'Whit Sunday' },
  midsummerEve: { sv: 'Midsommarafton', en: 'Midsummer Eve' },
  midsummerDay: { sv: 'Midsommardagen', en: 'Midsummer Day' },
  allSaintsDay: { sv: 'Alla helgons dag', en: "All Saints' Day" },
  christmasEve: { sv: 'Julafton', en: 'Christmas Eve' },
  christmasDay: { sv: 'Juldagen', en: 'Christmas Day' },
  boxingDay: { sv: 'Annandag jul', en: 'Boxing Day' },
  newYearsEve: { sv: 'Nyårsafton', en: "New Year's Eve" },
};

const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher"). */
export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`easterSunday needs a Gregorian year, got ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dateOf(year, month, day);
}

/** The first day with ISO weekday `weekday` (Monday = 1) on or after `date`. */
function firstOnOrAfter(date: string, weekday: number): string {
  return addLocalDays(date, (weekday - weekdayOf(date) + 7) % 7);
}

export interface SwedishHolidayOptions {
  /** Midsommarafton is not a public holiday by law but closed in practice; on unless turned off. */
  midsummerEve?: boolean;
}

/** The year's Swedish red days (and the closed eves), in date order. */
export function swedishHolidays(year: number, options: SwedishHolidayOptions = {}): Holiday[] {
  const easter = easterSunday(year);
  const days: [string, SwedishHolidayKey][] = [
    [dateOf(year, 1, 1), 'newYearsDay'],
    [dateOf(year, 1, 6), 'epiphany'],
    [addLocalDays(easter, -2), 'goodFriday'],
    [easter, 'easterSunday'],
    [addLocalDays(easter, 1), 'easterMonday'],
    [dateOf(year, 5, 1), 'mayDay'],
    [addLocalDays(easter, 39), 'ascensionDay'],
    [dateOf(year, 6, 6), 'nationalDay'],
    [addLocalDays(easter, 49), 'whitSunday'],
    // Midsommardagen is the Saturday in 20–26 June, its eve the Friday before.
    ...(options.midsummerEve === false ? [] : ([[firstOnOrAfter(dateOf(year, 6, 19), 5), 'midsummerEve']] as [string, SwedishHolidayKey][])),
    [firstOnOrAfter(dateOf(year, 6, 20), 6), 'midsummerDay'],
    // Alla helgons dag is the Saturday in 31 October – 6 November.
    [firstOnOrAfter(dateOf(year, 10, 31), 6), 'allSaintsDay'],
    [dateOf(year, 12, 24), 'christmasEve'],
    [dateOf(year, 12, 25), 'christmasDay'],
    [dateOf(year, 12, 26), 'boxingDay'],
    [dateOf(year, 12, 31), 'newYearsEve'],
  ];
  return days.map(([date, key]) => ({ date, key, name: SWEDISH_HOLIDAY_NAMES[key] })).sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}
