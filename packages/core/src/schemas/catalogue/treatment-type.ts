import * as z from 'zod/mini';

export const TreatmentTypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** Calendar length: the time the practitioner is taken. */
  durationMinutes: z.number(),
  /** Time with the client; the rest of `durationMinutes` is time after the session (notes). */
  clientMinutes: z.number(),
  color: z.string(),
  priceCents: z.number(),
  currency: z.string(),
  vatPercent: z.number(),
  onlineBookable: z.boolean(),
  confirmationText: z.string(),
  smsText: z.string(),
});
export type TreatmentType = z.infer<typeof TreatmentTypeSchema>;
