import * as z from 'zod/mini';

/**
 * The answer to a booking that waits for a link e-mailed to the visitor (clinic setting
 * `confirmAnonymousBookingsByEmail`): nothing is booked until the link is clicked; the time is
 * held until `expiresAt`.
 */
export const PendingBookingSchema = z.object({
  status: z.literal('awaiting-email'),
  holdId: z.string(),
  email: z.string(),
  expiresAt: z.string(),
});
export type PendingBooking = z.infer<typeof PendingBookingSchema>;

/** The token from the e-mailed link (after `#t=`). */
export const ConfirmBookingBodySchema = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(200)) });
export type ConfirmBookingBody = z.infer<typeof ConfirmBookingBodySchema>;
