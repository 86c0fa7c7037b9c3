import * as z from 'zod/mini';

/**
 * What a staff booking, move or undo ran into (a 409 `conflict`'s extension member
 * `conflictsWith`): the other booking or hold of the same practitioner, so staff can be told
 * what is in the way.
 */
export const ConflictingEntrySchema = z.object({
  kind: z.enum(['booking', 'hold']),
  start: z.string(),
  end: z.string(),
  practitionerId: z.string(),
});
export type ConflictingEntry = z.infer<typeof ConflictingEntrySchema>;

/** RFC 9457 problem details, as every error response carries them. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.optional(z.string()),
  code: z.string(),
  errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  conflictsWith: z.optional(ConflictingEntrySchema),
});
export type Problem = z.infer<typeof ProblemSchema>;
