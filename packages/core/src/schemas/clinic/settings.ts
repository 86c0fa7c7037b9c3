import * as z from 'zod/mini';
import { ConfirmationChannelSchema, LocaleSchema } from '../common/enums.js';
import { ColorSchema, NameSchema, TextSchema, TitleSchema } from '../common/fields.js';
import { InstantSchema, LocalDateSchema } from '../common/instants.js';
import { LIMITS } from '../common/limits.js';
import { multiLine, oneLine } from '../common/text.js';

export const OriginSchema = z
  .string()
  .check(z.maxLength(LIMITS.address), z.regex(/^https?:\/\/[^/\s?#\0-\x1f\x7f-\x9f]+$/, 'Expected an origin such as https://clinic.example'));

/** A clinic's own closed day: no public times that local date (holidays/, docs/design.md). */
export const ClosedDaySchema = z.object({
  date: LocalDateSchema,
  name: NameSchema,
});
export type ClosedDay = z.infer<typeof ClosedDaySchema>;

export const BookingSettingsSchema = z.object({
  slotIntervalMinutes: z.int().check(z.minimum(5), z.maximum(240)),
  minNoticeHours: z.number().check(z.minimum(0), z.maximum(24 * 60)),
  horizonDays: z.int().check(z.minimum(1), z.maximum(730)),
  holdMinutes: z.int().check(z.minimum(1), z.maximum(60)),
  cancellationWindowHours: z.number().check(z.minimum(0), z.maximum(24 * 60)),
  publicBooking: z.enum(['open', 'clients-only']),
  personalNumber: z.enum(['hidden', 'optional', 'required']),
  bookingInfoText: TextSchema,
  allowedOrigins: z.array(OriginSchema).check(z.maxLength(50)),
  staffConfirmationDefault: ConfirmationChannelSchema,
  /** Hours before the start to send a reminder; null = no reminders. */
  reminderHoursBefore: z.nullable(z.number().check(z.minimum(1), z.maximum(14 * 24))),
  reminderChannel: z.enum(['email', 'sms']),
  /** An extra address that gets a copy of every confirmation. */
  confirmationCopyTo: z.nullable(z.email().check(z.maxLength(LIMITS.email))),
  /** Whether the practitioner (their e-mail) gets a copy of confirmations. */
  confirmationCopyToPractitioner: z.boolean(),
  /** Sender name of SMS (at most 11 letters and digits, as operators require). */
  smsSender: z.string().check(z.regex(/^[A-Za-z0-9]{1,11}$/, 'At most 11 letters and digits')),
  /**
   * Country calling codes (`+46`, or a longer prefix such as `+1416`) SMS may go to; null = the
   * clinic's own country, from its time zone (Sweden when the zone does not say).
   */
  smsCountries: z.nullable(z.array(z.string().check(z.regex(/^\+[1-9][0-9]{0,3}$/, 'A calling code such as +46'))).check(z.maxLength(50))),
  /** SMS per hour, and per day, to numbers staff have not entered or booked with; 0 = none. */
  smsNewNumbersPerHour: z.int().check(z.minimum(0), z.maximum(10_000)),
  smsNewNumbersPerDay: z.int().check(z.minimum(0), z.maximum(100_000)),
  /** Receipt heading, e.g. "Kvitto"; empty = the default in the clinic's language. */
  receiptTitle: TitleSchema,
  organisationNumber: oneLine(40),
  address: multiLine(LIMITS.address),
  /** The VAT line on receipts, e.g. "Momsfri sjukvård (3 kap. 4 § ML)"; empty = none. */
  vatText: multiLine(LIMITS.address),
  /** Whether Sweden's public holidays (holidays/swedish.ts) are closed days for the public booking. */
  publicHolidays: z.boolean(),
  /** Whether midsommarafton is among them (closed in practice, not by law); on by default. */
  midsummerEveClosed: z.boolean(),
  /** The clinic's own closed days; staff may still book on them. */
  closedDays: z.array(ClosedDaySchema).check(z.maxLength(200)),
  /**
   * Holds visitors who are not logged in may have at once on one practitioner's day, all
   * addresses together: however many addresses someone uses, the rest of the day stays bookable.
   */
  anonymousHoldsPerPractitionerDay: z.int().check(z.minimum(1), z.maximum(500)),
  /**
   * Holds one network (an IPv4 address, an IPv6 /64) may make per hour, booked or not. Every
   * booking starts with a hold, so this bounds how fast one network can fill the calendar.
   */
  holdsPerNetworkPerHour: z.int().check(z.minimum(1), z.maximum(1_000_000)),
  /**
   * Whether a booking by a visitor who is not logged in waits for a click on a link e-mailed to
   * the address it gave before it is made; until then its time stays held, for 30 minutes.
   */
  confirmAnonymousBookingsByEmail: z.boolean(),
  /**
   * Whether practitioners' calendar subscriptions show clients' names. Off by default: a feed
   * ends up in phones and third-party calendar services, outside the clinic's patient records.
   */
  calendarFeedClientNames: z.boolean(),
  /** The clinic's colour on the pages patients open from messages (manage, confirm); null: a neutral one. */
  brandColor: z.nullable(ColorSchema),
  /** Where patients book (the clinic's page with the widget): the manage page's "Book again". */
  bookingPageUrl: z.nullable(
    z.string().check(z.maxLength(LIMITS.address), z.regex(/^https?:\/\/[^\s\0-\x1f\x7f-\x9f]+$/, 'Expected an address such as https://clinic.example/book')),
  ),
});
export type BookingSettings = z.infer<typeof BookingSettingsSchema>;

export const SettingsSchema = z.object({
  name: z.string(),
  timeZone: z.string(),
  locale: LocaleSchema,
  modules: z.object({ booking: z.boolean() }),
  booking: BookingSettingsSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

/** A website that loaded the clinic's widget but is not in `allowedOrigins` (answered 403 `origin_not_allowed`). */
export const RejectedOriginSchema = z.object({
  origin: OriginSchema,
  /** When it was last refused. */
  lastSeenAt: InstantSchema,
  /** Refusals since the server started (kept in memory, per clinic, the few latest origins). */
  count: z.int(),
});
export type RejectedOrigin = z.infer<typeof RejectedOriginSchema>;

export const RejectedOriginListSchema = z.object({ origins: z.array(RejectedOriginSchema) });
export type RejectedOriginList = z.infer<typeof RejectedOriginListSchema>;
