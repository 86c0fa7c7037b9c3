import * as z from 'zod/mini';
import { LocaleSchema } from '../common/enums.js';
import { NameSchema } from '../common/fields.js';
import { BookingSettingsSchema } from './settings.js';

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

export const UpdateSettingsBodySchema = z.strictObject({
  name: z.optional(NameSchema),
  timeZone: z.optional(TimeZoneSchema),
  locale: z.optional(LocaleSchema),
  modules: z.optional(z.strictObject({ booking: z.optional(z.boolean()) })),
  booking: z.optional(z.partial(z.strictObject(BookingSettingsSchema.shape))),
});
export type UpdateSettingsBody = z.infer<typeof UpdateSettingsBodySchema>;

export const CreateClinicBodySchema = z.strictObject({
  slug: SlugSchema,
  name: NameSchema,
  timeZone: z.optional(TimeZoneSchema),
  locale: z.optional(LocaleSchema),
});
export type CreateClinicBody = z.infer<typeof CreateClinicBodySchema>;
