import * as z from 'zod/mini';
import { IdSchema } from '../common/fields.js';

/**
 * Moves a booking to the time of a hold the patient made on it, as when booking: the hold's
 * id and the secret only its maker has. The booking keeps its id and manage token.
 */
export const RescheduleBookingBodySchema = z.strictObject({
  holdId: IdSchema,
  holdSecret: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type RescheduleBookingBody = z.infer<typeof RescheduleBookingBodySchema>;
