import * as z from 'zod/mini';

/**
 * Every date and instant the API takes lies in the years 2000–2199 (the year as written, before
 * any offset). Wide enough for any appointment, and narrow enough that whatever the server
 * derives from it (an end, a week on, the next day) is still an RFC 3339 instant with a
 * four-digit year: year 9999 plus a week is `+010000-…`, which no client can read.
 * Values that do not start with a four-digit year pass here and fail the format check instead.
 * A refinement rather than a pattern, so the OpenAPI document keeps the `date`/`date-time` format.
 */
const YEARS = /^(?:2[01]\d\d-|(?!\d{4}-))/;
const inYears = [z.refine<string>((s) => YEARS.test(s), 'Expected a date in the years 2000 to 2199'), z.describe<string>('years 2000–2199')];

const instant = z.iso.datetime({ offset: true });
const localDate = z.iso.date();

/** An instant with an explicit offset (`Z` or `+01:00`). Responses always use UTC `Z`. */
export const InstantSchema = instant.check(...inYears);

/** A local calendar date `YYYY-MM-DD`, read in the clinic's time zone. */
export const LocalDateSchema = localDate.check(...inYears);

/**
 * `from`/`to` query values: an instant or a local date. The years are checked on the union, so
 * a well-formed date out of range says so instead of the union's "Invalid input".
 */
export const InstantOrDateSchema = z.union([localDate, instant]).check(...inYears);
