import * as z from 'zod/mini';

/** An instant with an explicit offset (`Z` or `+01:00`). Responses always use UTC `Z`. */
export const InstantSchema = z.iso.datetime({ offset: true });

/** A local calendar date `YYYY-MM-DD`, read in the clinic's time zone. */
export const LocalDateSchema = z.iso.date();

/** `from`/`to` query values: an instant or a local date. */
export const InstantOrDateSchema = z.union([LocalDateSchema, InstantSchema]);
