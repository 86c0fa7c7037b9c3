import * as z from 'zod/mini';

export const HoldSchema = z.object({
  id: z.string(),
  secret: z.string(),
  start: z.string(),
  end: z.string(),
  expiresAt: z.string(),
  practitionerId: z.optional(z.string()),
  treatmentTypeId: z.optional(z.string()),
  locationId: z.optional(z.nullable(z.string())),
});
export type Hold = z.infer<typeof HoldSchema>;
