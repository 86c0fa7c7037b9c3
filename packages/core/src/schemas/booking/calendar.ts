import * as z from 'zod/mini';
import { BookingStatusSchema } from './bookings.js';

export const WorkingTimeSchema = z.object({
  id: z.string(),
  practitionerId: z.string(),
  start: z.string(),
  end: z.string(),
  treatmentTypeIds: z.nullable(z.array(z.string())),
  locationId: z.nullable(z.string()),
});
export type WorkingTime = z.infer<typeof WorkingTimeSchema>;

export const ActivitySchema = z.object({
  id: z.string(),
  practitionerId: z.string(),
  title: z.string(),
  note: z.string(),
  start: z.string(),
  end: z.string(),
});
export type Activity = z.infer<typeof ActivitySchema>;

/** The fixed colour of activities in every calendar (the seed: "shown purple"). */
export const ACTIVITY_COLOR = '#8e44ad';

/** The colour of a hold (the seed: "light pink without text"). */
export const HOLD_COLOR = '#f8c8dc';

/** The background band of working time. */
export const WORKING_TIME_COLOR = '#e6f4ea';

const entryBase = {
  id: z.string(),
  start: z.string(),
  end: z.string(),
  practitionerId: z.string(),
  color: z.string(),
};

export const CalendarEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('booking'),
    ...entryBase,
    status: BookingStatusSchema,
    clientId: z.string(),
    clientName: z.string(),
    treatmentTypeId: z.string(),
    treatmentName: z.string(),
    locationId: z.nullable(z.string()),
    note: z.string(),
    lateCancellation: z.boolean(),
    paid: z.boolean(),
  }),
  z.object({
    kind: z.literal('workingTime'),
    ...entryBase,
    treatmentTypeIds: z.nullable(z.array(z.string())),
    /** The treatment types bookable in this block, resolved (null above = the practitioner's list). */
    bookableTreatmentTypeIds: z.array(z.string()),
    locationId: z.nullable(z.string()),
  }),
  z.object({ kind: z.literal('activity'), ...entryBase, title: z.string(), note: z.string() }),
  z.object({ kind: z.literal('hold'), ...entryBase, expiresAt: z.string() }),
  /** Busy time from the practitioner's own calendar; a title only where the practitioner allows. */
  z.object({ kind: z.literal('busy'), ...entryBase, title: z.nullable(z.string()) }),
]);
export type CalendarEntry = z.infer<typeof CalendarEntrySchema>;

export const CalendarResponseSchema = z.object({ timeZone: z.string(), entries: z.array(CalendarEntrySchema) });
export type CalendarResponse = z.infer<typeof CalendarResponseSchema>;
