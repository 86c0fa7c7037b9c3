export { isLocalDate, addLocalDays, weekdayOf, mondayOf } from './local-date.js';
export type { IsoWeekday } from './local-date.js';
export { isLocalTime, localToInstant, startOfLocalDay, localDateOf, localTimeOf } from './local-time.js';
export { parseInstant, resolveRange } from './resolve-range.js';
export { isValidTimeZone, zoneOffsetAt } from './zone-offset.js';
