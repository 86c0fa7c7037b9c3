import * as z from 'zod/mini';

export const LocationSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.nullable(z.string()),
});
export type Location = z.infer<typeof LocationSchema>;
