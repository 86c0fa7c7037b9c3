import * as z from 'zod/mini';

/** One block of working time in a template: a weekday (1 = Monday) and local wall-clock times. */
export const TemplateBlockSchema = z.object({
  weekday: z.number(),
  start: z.string(),
  end: z.string(),
  /** Set when the block ends after midnight (the next day's `end`). */
  endsNextDay: z.optional(z.boolean()),
  practitionerId: z.string(),
  treatmentTypeIds: z.nullable(z.array(z.string())),
  locationId: z.nullable(z.string()),
});
export type TemplateBlock = z.infer<typeof TemplateBlockSchema>;

/** A regular client's booking in a template: booked only where free when the template is applied. */
export const TemplateBookingSchema = z.object({
  weekday: z.number(),
  start: z.string(),
  durationMinutes: z.number(),
  practitionerId: z.string(),
  treatmentTypeId: z.string(),
  clientId: z.string(),
  locationId: z.nullable(z.string()),
});
export type TemplateBooking = z.infer<typeof TemplateBookingSchema>;

export const TemplateWeekSchema = z.object({
  id: z.string(),
  name: z.string(),
  practitionerId: z.nullable(z.string()),
  blocks: z.array(TemplateBlockSchema),
  bookings: z.optional(z.array(TemplateBookingSchema)),
  createdAt: z.string(),
});
export type TemplateWeek = z.infer<typeof TemplateWeekSchema>;

export const TemplateWeekListSchema = z.object({ templateWeeks: z.array(TemplateWeekSchema) });

export const TemplateSkipReasonSchema = z.enum(['exists', 'overlaps', 'taken', 'practitioner_missing', 'treatment_missing', 'client_missing', 'invalid_time']);

export const ApplyTemplateWeekResponseSchema = z.object({
  created: z.array(
    z.object({
      kind: z.enum(['workingTime', 'booking']),
      id: z.nullable(z.string()),
      practitionerId: z.string(),
      start: z.string(),
      end: z.string(),
    }),
  ),
  skipped: z.array(
    z.object({
      kind: z.enum(['workingTime', 'booking']),
      weekStart: z.string(),
      weekday: z.number(),
      start: z.string(),
      end: z.string(),
      practitionerId: z.string(),
      reason: TemplateSkipReasonSchema,
    }),
  ),
});
export type ApplyTemplateWeekResponse = z.infer<typeof ApplyTemplateWeekResponseSchema>;
