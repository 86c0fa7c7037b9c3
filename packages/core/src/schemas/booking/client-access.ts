import * as z from 'zod/mini';
import { ClientSchema } from '../catalogue/client.js';

export const TestSessionResponseSchema = z.object({
  sessionToken: z.string(),
  client: ClientSchema,
  /** The clinic's hosted booking page, opened with this session. */
  bookingPageUrl: z.string(),
});
export type TestSessionResponse = z.infer<typeof TestSessionResponseSchema>;

export const AccessLogEntrySchema = z.object({
  id: z.string(),
  staffId: z.string(),
  staffName: z.nullable(z.string()),
  action: z.string(),
  detail: z.string(),
  at: z.string(),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntrySchema>;

export const AccessLogResponseSchema = z.object({ entries: z.array(AccessLogEntrySchema) });
