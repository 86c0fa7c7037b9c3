import * as z from 'zod/mini';
import {
  ColorSchema,
  CurrencySchema,
  EmailSchema,
  IdSchema,
  LIMITS,
  NameSchema,
  PhoneSchema,
  TextSchema,
} from './common.js';

// ---- Treatment types (behandlingsformer) ----

export const TreatmentTypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  /** Calendar length: the time the practitioner is taken. */
  durationMinutes: z.number(),
  /** Time with the client; the rest of `durationMinutes` is time after the session (notes). */
  clientMinutes: z.number(),
  color: z.string(),
  priceCents: z.number(),
  currency: z.string(),
  vatPercent: z.number(),
  onlineBookable: z.boolean(),
  confirmationText: z.string(),
  smsText: z.string(),
});
export type TreatmentType = z.infer<typeof TreatmentTypeSchema>;

const treatmentTypeFields = {
  name: NameSchema,
  description: TextSchema,
  durationMinutes: z.int().check(z.minimum(5), z.maximum(24 * 60)),
  clientMinutes: z.int().check(z.minimum(1), z.maximum(24 * 60)),
  color: ColorSchema,
  priceCents: z.int().check(z.minimum(0), z.maximum(100_000_000)),
  currency: CurrencySchema,
  vatPercent: z.number().check(z.minimum(0), z.maximum(100)),
  onlineBookable: z.boolean(),
  confirmationText: TextSchema,
  smsText: z.string().check(z.maxLength(320)),
};

export const CreateTreatmentTypeBodySchema = z
  .strictObject({
    ...z.partial(z.object(treatmentTypeFields)).shape,
    name: NameSchema,
    durationMinutes: treatmentTypeFields.durationMinutes,
  })
  .check(
    z.refine((b) => b.clientMinutes === undefined || b.clientMinutes <= b.durationMinutes, {
      message: 'clientMinutes may not exceed durationMinutes',
      path: ['clientMinutes'],
    }),
  );
export type CreateTreatmentTypeBody = z.infer<typeof CreateTreatmentTypeBodySchema>;

export const UpdateTreatmentTypeBodySchema = z.partial(z.strictObject(treatmentTypeFields));
export type UpdateTreatmentTypeBody = z.infer<typeof UpdateTreatmentTypeBodySchema>;

export const TreatmentTypeListSchema = z.object({ treatmentTypes: z.array(TreatmentTypeSchema) });

// ---- Practitioners (behandlare) ----

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

const practitionerFields = {
  name: NameSchema,
  email: z.nullable(EmailSchema),
  title: z.nullable(z.string().check(z.maxLength(LIMITS.title))),
  cancellationWindowHours: z.nullable(z.number().check(z.minimum(0), z.maximum(24 * 60))),
  treatmentTypeIds: z.array(IdSchema).check(z.maxLength(200)),
};
export const CreatePractitionerBodySchema = z.strictObject({
  ...z.partial(z.object(practitionerFields)).shape,
  name: NameSchema,
});
export type CreatePractitionerBody = z.infer<typeof CreatePractitionerBodySchema>;
export const UpdatePractitionerBodySchema = z.partial(z.strictObject(practitionerFields));
export type UpdatePractitionerBody = z.infer<typeof UpdatePractitionerBodySchema>;
export const SetTreatmentTypesBodySchema = z.strictObject({
  treatmentTypeIds: practitionerFields.treatmentTypeIds,
});
export type SetTreatmentTypesBody = z.infer<typeof SetTreatmentTypesBodySchema>;
export const PractitionerListSchema = z.object({ practitioners: z.array(PractitionerSchema) });

// ---- Locations (platser) ----

export const LocationSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.nullable(z.string()),
});
export type Location = z.infer<typeof LocationSchema>;
const locationFields = {
  name: NameSchema,
  address: z.nullable(z.string().check(z.maxLength(LIMITS.address))),
};
export const CreateLocationBodySchema = z.strictObject({
  name: NameSchema,
  address: z.optional(locationFields.address),
});
export type CreateLocationBody = z.infer<typeof CreateLocationBodySchema>;
export const UpdateLocationBodySchema = z.partial(z.strictObject(locationFields));
export type UpdateLocationBody = z.infer<typeof UpdateLocationBodySchema>;
export const LocationListSchema = z.object({ locations: z.array(LocationSchema) });

// ---- Clients (klienter) ----

export const ClientSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  personalNumber: z.nullable(z.string()),
  isTest: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Client = z.infer<typeof ClientSchema>;

/**
 * Whether a Swedish personnummer or samordningsnummer (day + 60) is well formed: a real month,
 * a plausible day, and the Luhn check digit over the ten digits YYMMDD-NNNC.
 */
export function isValidPersonalNumber(value: string): boolean {
  const match = /^(\d{2})?(\d{6})[-+]?(\d{4})$/.exec(value.trim());
  if (!match) return false;
  const ten = `${match[2]}${match[3]}`;
  const month = Number(ten.slice(2, 4));
  const rawDay = Number(ten.slice(4, 6));
  const day = rawDay > 60 ? rawDay - 60 : rawDay;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(ten[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(ten[9]);
}

/** Swedish personnummer / samordningsnummer, with or without century and separator. */
export const PersonalNumberSchema = z.string().check(
  z.trim(),
  z.refine(isValidPersonalNumber, 'Expected a valid personal identity number (YYYYMMDD-XXXX)'),
);

const clientFields = {
  name: NameSchema,
  email: z.nullable(EmailSchema),
  phone: z.nullable(PhoneSchema),
  personalNumber: z.nullable(PersonalNumberSchema),
  isTest: z.boolean(),
};
export const CreateClientBodySchema = z.strictObject({
  ...z.partial(z.object(clientFields)).shape,
  name: NameSchema,
});
export type CreateClientBody = z.infer<typeof CreateClientBodySchema>;
export const UpdateClientBodySchema = z.partial(z.strictObject(clientFields));
export type UpdateClientBody = z.infer<typeof UpdateClientBodySchema>;
export const ListClientsQuerySchema = z.strictObject({
  q: z.optional(z.string().check(z.maxLength(LIMITS.query))),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(LIMITS.listPage))),
});
export type ListClientsQuery = z.infer<typeof ListClientsQuerySchema>;
export const ClientListSchema = z.object({ clients: z.array(ClientSchema) });

// ---- Staff ----

export const StaffRoleSchema = z.enum(['admin', 'practitioner']);
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
export const CreateStaffBodySchema = z.strictObject({
  name: NameSchema,
  email: z.optional(z.nullable(EmailSchema)),
  role: StaffRoleSchema,
  practitionerId: z.optional(z.nullable(IdSchema)),
});
export type CreateStaffBody = z.infer<typeof CreateStaffBodySchema>;
export const UpdateStaffBodySchema = z.partial(
  z.strictObject({
    name: NameSchema,
    email: z.nullable(EmailSchema),
    role: StaffRoleSchema,
    practitionerId: z.nullable(IdSchema),
  }),
);
export type UpdateStaffBody = z.infer<typeof UpdateStaffBodySchema>;
export const CreateStaffResponseSchema = z.object({ staff: StaffSchema, token: z.string() });
export type CreateStaffResponse = z.infer<typeof CreateStaffResponseSchema>;
export const StaffListSchema = z.object({ staff: z.array(StaffSchema) });
