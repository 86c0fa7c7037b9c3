import * as z from 'zod/mini';
import { ClientSchema } from '../catalogue/client.js';

export const VerifyLoginResponseSchema = z.object({ sessionToken: z.string(), client: ClientSchema });
export type VerifyLoginResponse = z.infer<typeof VerifyLoginResponseSchema>;
