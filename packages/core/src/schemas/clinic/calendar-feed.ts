import * as z from 'zod/mini';

/**
 * `POST …/admin/practitioners/:id/calendar-feed`: the practitioner's new subscription address.
 * Shown this once: the server keeps only a hash of the secret in it.
 */
export const CalendarFeedCreatedSchema = z.object({
  /** An https (or http) address of an iCalendar file; calendar apps also take it as webcal://. */
  url: z.string(),
  createdAt: z.iso.datetime(),
});
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreatedSchema>;

/** `GET …/calendar-feed`: whether the practitioner has a subscription address, never the address. */
export const CalendarFeedStatusSchema = z.object({
  active: z.boolean(),
  /** When the address in use was made; null without one. */
  createdAt: z.nullable(z.iso.datetime()),
});
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatusSchema>;
