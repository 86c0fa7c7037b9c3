import * as z from 'zod/mini';

export const ClientSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  personalNumber: z.nullable(z.string()),
  isTest: z.boolean(),
  /**
   * Set when a public booking made this client because its details did not agree with the
   * stored client of the same e-mail (that client's id): possibly the same person, to merge.
   */
  duplicateOf: z.optional(z.nullable(z.string())),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Client = z.infer<typeof ClientSchema>;
