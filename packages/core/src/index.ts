export * from './schemas/common.js';
export * from './schemas/clinic.js';
export * from './schemas/catalogue.js';
export * from './schemas/booking.js';
export {
  isLocalDate,
  addLocalDays,
  weekdayOf,
  mondayOf,
  isLocalTime,
  localToInstant,
  startOfLocalDay,
  localDateOf,
  localTimeOf,
  parseInstant,
  resolveRange,
  isValidTimeZone,
  zoneOffsetAt,
} from './time/index.js';
export type { IsoWeekday } from './time/index.js';
export { computeSlots } from './slots/index.js';
export { closedDatesBetween, easterSunday, swedishHolidays, SWEDISH_HOLIDAY_NAMES } from './holidays/index.js';
export type { ClosedDayRules, Holiday, SwedishHolidayKey, SwedishHolidayOptions } from './holidays/index.js';
export type { BusyInterval, ComputeSlotsInput, Slot as ComputedSlot, SlotPractitioner, SlotRules, SlotWorkingTime } from './slots/index.js';
export { buildIcs, escapeIcsText, foldIcsLine, icsUtc } from './ics.js';
export type { IcsEvent, IcsMethod } from './ics.js';
export { bookingEventUid, cancellationDeadlineMs, cancellationWindowHoursFor, clientEndIso, clientEndMs, isLateCancellation } from './patient/index.js';
