import { swedishHolidays } from './swedish.js';

/** What a clinic says about its closed days (the `BookingSettings` fields of the same names). */
export interface ClosedDayRules {
  /** Whether the built-in Swedish red days close the public booking. */
  publicHolidays: boolean;
  /** Whether midsommarafton counts among them (closed in practice, not by law). */
  midsummerEveClosed: boolean;
  /** The clinic's own closed days. */
  closedDays: readonly { date: string; name: string }[];
}

/**
 * The local dates (`YYYY-MM-DD`) in `[fromDate, toDate]` on which no public time is offered:
 * the red days when the clinic has them on, and its own closed days. Staff may still book then.
 */
export function closedDatesBetween(rules: ClosedDayRules, fromDate: string, toDate: string): Set<string> {
  const closed = new Set<string>();
  if (rules.publicHolidays) {
    const first = Number(fromDate.slice(0, 4));
    const last = Number(toDate.slice(0, 4));
    for (let year = first; year <= last; year++) {
      for (const day of swedishHolidays(year, { midsummerEve: rules.midsummerEveClosed })) if (day.date >= fromDate && day.date <= toDate) closed.add(day.date);
    }
  }
  for (const day of rules.closedDays) if (day.date >= fromDate && day.date <= toDate) closed.add(day.date);
  return closed;
}
