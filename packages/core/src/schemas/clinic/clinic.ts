import * as z from 'zod/mini';
import { LocaleSchema } from '../common/enums.js';

export const ClinicSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  timeZone: z.string(),
  locale: LocaleSchema,
  createdAt: z.string(),
});
export type Clinic = z.infer<typeof ClinicSchema>;
