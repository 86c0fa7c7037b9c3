import * as z from 'zod/mini';

/**
 * A practitioner's private calendar (Google, Outlook, iCloud "secret address"), read for busy
 * time that blocks public slots. The address is a secret: it is written, never read back.
 */
export const SetBusyCalendarBodySchema = z.strictObject({
  /** https:// (or webcal://, read as https://) address of an iCalendar file. */
  url: z.string().check(z.minLength(1, 'Required'), z.maxLength(2048)),
  /** Whether staff see the events' titles in the calendar; default false (just "busy"). */
  showTitles: z.optional(z.boolean()),
});
export type SetBusyCalendarBody = z.infer<typeof SetBusyCalendarBodySchema>;

export const BusyCalendarStatusSchema = z.object({
  configured: z.boolean(),
  /** The calendar's host, to tell calendars apart without showing the secret address. */
  host: z.nullable(z.string()),
  showTitles: z.boolean(),
  /** When the calendar was last read successfully (an unchanged answer counts). */
  lastFetchedAt: z.nullable(z.string()),
  /** When a read was last tried. */
  lastCheckedAt: z.nullable(z.string()),
  /** Why the last read failed; null after a good one. The last good copy stays in use. */
  lastError: z.nullable(z.string()),
  /** Busy intervals from the last good copy in the window read (a day back, 180 days ahead). */
  events: z.number(),
});
export type BusyCalendarStatus = z.infer<typeof BusyCalendarStatusSchema>;

export const BusyCalendarRefreshSchema = z.object({ events: z.number(), fetchedAt: z.string() });
export type BusyCalendarRefresh = z.infer<typeof BusyCalendarRefreshSchema>;

/** The colour of busy time from a practitioner's own calendar (drawn grey and hatched). */
export const BUSY_COLOR = '#9e9e9e';
