import * as z from 'zod/mini';
import { ConfirmationChannelSchema, LIMITS, LocaleSchema, NameSchema, TextSchema } from './common.js';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const SlugSchema = z.string().check(z.regex(SLUG_PATTERN, 'Lower-case letters, digits and dashes'));

export const TimeZoneSchema = z.string().check(
  z.maxLength(64),
  z.refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown IANA time zone'),
);

export const OriginSchema = z.string().check(
  z.maxLength(LIMITS.address),
  z.regex(/^https?:\/\/[^/\s?#]+$/, 'Expected an origin such as https://clinic.example'),
);

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
  /** Receipt heading, e.g. "Kvitto"; empty = the default in the clinic's language. */
  receiptTitle: z.string().check(z.maxLength(LIMITS.title)),
  organisationNumber: z.string().check(z.maxLength(40)),
  address: z.string().check(z.maxLength(LIMITS.address)),
});
export type BookingSettings = z.infer<typeof BookingSettingsSchema>;

export const DEFAULT_BOOKING_SETTINGS: BookingSettings = {
  slotIntervalMinutes: 15,
  minNoticeHours: 2,
  horizonDays: 90,
  holdMinutes: 10,
  cancellationWindowHours: 24,
  publicBooking: 'open',
  personalNumber: 'hidden',
  bookingInfoText: '',
  allowedOrigins: [],
  staffConfirmationDefault: 'email',
  reminderHoursBefore: null,
  reminderChannel: 'sms',
  confirmationCopyTo: null,
  confirmationCopyToPractitioner: false,
  smsSender: 'Tidbok',
  receiptTitle: '',
  organisationNumber: '',
  address: '',
};

export const SettingsSchema = z.object({
  name: z.string(),
  timeZone: z.string(),
  locale: LocaleSchema,
  modules: z.object({ booking: z.boolean() }),
  booking: BookingSettingsSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const UpdateSettingsBodySchema = z.strictObject({
  name: z.optional(NameSchema),
  timeZone: z.optional(TimeZoneSchema),
  locale: z.optional(LocaleSchema),
  modules: z.optional(z.strictObject({ booking: z.optional(z.boolean()) })),
  booking: z.optional(z.partial(z.strictObject(BookingSettingsSchema.shape))),
});
export type UpdateSettingsBody = z.infer<typeof UpdateSettingsBodySchema>;

export const ClinicSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  timeZone: z.string(),
  locale: LocaleSchema,
  createdAt: z.string(),
});
export type Clinic = z.infer<typeof ClinicSchema>;

export const CreateClinicBodySchema = z.strictObject({
  slug: SlugSchema,
  name: NameSchema,
  timeZone: z.optional(TimeZoneSchema),
  locale: z.optional(LocaleSchema),
});
export type CreateClinicBody = z.infer<typeof CreateClinicBodySchema>;
