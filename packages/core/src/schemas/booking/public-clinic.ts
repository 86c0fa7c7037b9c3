import * as z from 'zod/mini';
import { LocationSchema } from '../catalogue/location.js';
import { TreatmentTypeSchema } from '../catalogue/treatment-type.js';
import { LocaleSchema } from '../common/enums.js';

export const PublicPractitionerSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.nullable(z.string()),
  treatmentTypeIds: z.array(z.string()),
  /**
   * This practitioner's cancellation window in hours: their own, else the clinic's
   * (cancellationWindowHoursFor). What a patient booking with them is told.
   */
  cancellationWindowHours: z.optional(z.number()),
});
export type PublicPractitioner = z.infer<typeof PublicPractitionerSchema>;

export const PublicClinicSchema = z.object({
  slug: z.string(),
  name: z.string(),
  timeZone: z.string(),
  locale: LocaleSchema,
  bookingInfoText: z.string(),
  modules: z.object({ booking: z.boolean() }),
  booking: z.optional(
    z.object({
      publicBooking: z.enum(['open', 'clients-only']),
      personalNumber: z.enum(['hidden', 'optional', 'required']),
      holdMinutes: z.number(),
      cancellationWindowHours: z.number(),
    }),
  ),
  treatmentTypes: z.array(TreatmentTypeSchema),
  practitioners: z.array(PublicPractitionerSchema),
  locations: z.array(LocationSchema),
});
export type PublicClinic = z.infer<typeof PublicClinicSchema>;
