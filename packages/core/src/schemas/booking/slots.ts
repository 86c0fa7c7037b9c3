import * as z from 'zod/mini';

export const SlotSchema = z.object({
  start: z.string(),
  end: z.string(),
  practitionerId: z.string(),
  locationId: z.nullable(z.string()),
});
export type Slot = z.infer<typeof SlotSchema>;

export const ListSlotsResponseSchema = z.object({ timeZone: z.string(), slots: z.array(SlotSchema) });
export type ListSlotsResponse = z.infer<typeof ListSlotsResponseSchema>;
