export { easterSunday, swedishHolidays, SWEDISH_HOLIDAY_NAMES } from './swedish.js';
export type { Holiday, SwedishHolidayKey, SwedishHolidayOptions } from './swedish.js';
export { closedDatesBetween } from './closed-days.js';
export type { ClosedDayRules } from './closed-days.js';
