import * as z from 'zod/mini';

export const DeletedResponseSchema = z.object({ deleted: z.number() });
export type DeletedResponse = z.infer<typeof DeletedResponseSchema>;
