import * as z from 'zod/mini';
import { IdSchema } from '../common/fields.js';

/** An active hold as staff see it: where it came from, so a run of holds from one place shows. */
export const AdminHoldSchema = z.object({
  id: z.string(),
  practitionerId: z.string(),
  treatmentTypeId: z.string(),
  locationId: z.nullable(z.string()),
  start: z.string(),
  end: z.string(),
  expiresAt: z.string(),
  createdAt: z.string(),
  /** The address the hold was made from (null for holds made before addresses were kept). */
  clientAddress: z.nullable(z.string()),
  /** The address's network: an IPv6 /64, or the IPv4 address itself. */
  network: z.nullable(z.string()),
  /** Active holds from the same network right now, this one included. */
  networkActiveHolds: z.number(),
  /** The logged-in client who made it; null when the visitor was not logged in. */
  clientId: z.nullable(z.string()),
});
export type AdminHold = z.infer<typeof AdminHoldSchema>;

export const AdminHoldListSchema = z.object({ holds: z.array(AdminHoldSchema) });
export type AdminHoldList = z.infer<typeof AdminHoldListSchema>;

/** Merges the client in the path into `into`: bookings and messages move, the path's client goes. */
export const MergeClientBodySchema = z.strictObject({ into: IdSchema });
export type MergeClientBody = z.infer<typeof MergeClientBodySchema>;
