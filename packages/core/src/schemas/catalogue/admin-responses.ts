import * as z from 'zod/mini';
import { ClientSchema } from './client.js';
import { LocationSchema } from './location.js';
import { TreatmentTypeSchema } from './treatment-type.js';

export const TreatmentTypeListSchema = z.object({ treatmentTypes: z.array(TreatmentTypeSchema) });

export const PractitionerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.nullable(z.string()),
  title: z.nullable(z.string()),
  /** Overrides the clinic's cancellation window when set. */
  cancellationWindowHours: z.nullable(z.number()),
  treatmentTypeIds: z.array(z.string()),
});
export type Practitioner = z.infer<typeof PractitionerSchema>;

export const PractitionerListSchema = z.object({ practitioners: z.array(PractitionerSchema) });

export const LocationListSchema = z.object({ locations: z.array(LocationSchema) });

export const ClientListSchema = z.object({ clients: z.array(ClientSchema) });

export const StaffRoleSchema = z.enum(['admin', 'reception', 'practitioner']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

export const StaffSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.nullable(z.string()),
  role: StaffRoleSchema,
  practitionerId: z.nullable(z.string()),
  createdAt: z.string(),
});
export type Staff = z.infer<typeof StaffSchema>;

export const CreateStaffResponseSchema = z.object({ staff: StaffSchema, token: z.string() });
export type CreateStaffResponse = z.infer<typeof CreateStaffResponseSchema>;

export const StaffListSchema = z.object({ staff: z.array(StaffSchema) });
