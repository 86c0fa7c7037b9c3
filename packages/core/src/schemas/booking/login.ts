import * as z from 'zod/mini';
import { ClientSchema } from '../catalogue/client.js';

export const VerifyLoginResponseSchema = z.object({ sessionToken: z.string(), client: ClientSchema });
export type VerifyLoginResponse = z.infer<typeof VerifyLoginResponseSchema>;

/**
 * Whose session or login link this is: what a page shows when it asks "Log in as …?" before it
 * takes either over. Never the personal identity number.
 */
export const SessionOwnerSchema = z.object({
  client: z.object({
    id: z.string(),
    name: z.string(),
    email: z.nullable(z.string()),
    phone: z.nullable(z.string()),
    /** Present (true) only for a test client (staff "open as test client"): the page says it is a test session, and whose. */
    isTest: z.optional(z.boolean()),
  }),
});
export type SessionOwner = z.infer<typeof SessionOwnerSchema>;
