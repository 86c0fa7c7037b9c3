import { utcFromFields } from './calendar-fields.js';

/*
 * Why not date-fns-tz here: its public helpers pass through `Date` objects read with the machine's
 * local getters (`toZonedTime` builds a machine-local Date, `fromZonedTime` and
 * `getTimezoneOffset` read `getHours()` etc.). Around a DST change of the *machine's* zone that
 * shifts results: under TZ=America/New_York, `formatInTimeZone` prints Stockholm's 02:30 on
 * 2027-03-14 as 03:30, and `fromZonedTime` picks the other occurrence of an ambiguous time than
 * under TZ=UTC. Reading the offset of an instant straight from Intl (the same mechanism
 * date-fns-tz uses inside) is independent of the process TZ.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`Unknown time zone ${JSON.stringify(timeZone)}: expected an IANA name such as Europe/Stockholm`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when Intl knows `timeZone` (an IANA name such as `Europe/Stockholm`, or `UTC`). */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone's offset from UTC at `instant`, in milliseconds east of UTC (Stockholm in summer:
 * +7 200 000). Throws a RangeError for an unknown zone or a non-finite instant.
 */
export function zoneOffsetAt(instant: number, timeZone: string): number {
  if (!Number.isFinite(instant)) throw new RangeError(`Invalid instant ${instant}`);
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let beforeCommonEra = false;
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      // Some engines print midnight as 24 of the same day even with h23.
      case 'hour':
        hour = Number(part.value) % 24;
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        beforeCommonEra = part.value === 'BC' || part.value === 'B';
        break;
    }
  }
  if (beforeCommonEra) year = 1 - year;
  const wallMs = utcFromFields(year, month, day, hour, minute, second);
  // Intl has whole seconds only; compare against the instant floored to its second.
  return wallMs - (instant - (((instant % 1000) + 1000) % 1000));
}
