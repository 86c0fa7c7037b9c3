import * as z from 'zod/mini';
import { TextSchema } from '../common/fields.js';
import { BookingStatusSchema } from '../booking/bookings.js';

/** One booking of the client, as the client card lists it. */
export const ClientVisitSchema = z.object({
  /** The booking's id. */
  id: z.string(),
  start: z.string(),
  end: z.string(),
  status: BookingStatusSchema,
  lateCancellation: z.boolean(),
  practitionerId: z.string(),
  practitionerName: z.string(),
  treatmentTypeId: z.string(),
  treatmentName: z.string(),
  paid: z.boolean(),
});
export type ClientVisit = z.infer<typeof ClientVisitSchema>;

/** The client's notes for the staff; `updatedAt` null while none were written. */
export const ClientNotesSchema = z.object({
  text: z.string(),
  updatedAt: z.nullable(z.string()),
});
export type ClientNotes = z.infer<typeof ClientNotesSchema>;

/** `PUT …/admin/clients/:id/notes`: the whole text; empty clears it. */
export const UpdateClientNotesBodySchema = z.strictObject({ text: TextSchema });
export type UpdateClientNotesBody = z.infer<typeof UpdateClientNotesBodySchema>;

/**
 * `GET …/admin/clients/:id/history`: the client card's visits and counts. A practitioner sees
 * only their own bookings of the client (docs/security.md, Who can do what), counts included.
 */
export const ClientHistorySchema = z.object({
  clientId: z.string(),
  /** Booked and not yet over, soonest first. */
  upcoming: z.array(ClientVisitSchema),
  /** Everything else (over, cancelled, no-show), latest first; at most `limit`. */
  past: z.array(ClientVisitSchema),
  counts: z.object({
    upcoming: z.int(),
    /** Booked bookings that are over: the client came (or was not marked otherwise). */
    visits: z.int(),
    noShows: z.int(),
    lateCancellations: z.int(),
    /** All cancellations, late ones included. */
    cancellations: z.int(),
  }),
  notes: ClientNotesSchema,
});
export type ClientHistory = z.infer<typeof ClientHistorySchema>;

export const ClientHistoryQuerySchema = z.strictObject({
  /** How many past visits to list (latest first); default 50. */
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500))),
});
export type ClientHistoryQuery = z.infer<typeof ClientHistoryQuerySchema>;
