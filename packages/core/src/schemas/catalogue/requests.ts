import * as z from 'zod/mini';
import { EmailSchema, PhoneSchema } from '../common/contact.js';
import { ColorSchema, CurrencySchema, IdSchema, NameSchema, PersonNameSchema, TextSchema, TitleSchema } from '../common/fields.js';
import { LIMITS } from '../common/limits.js';
import { multiLine, oneLine } from '../common/text.js';
import { StaffRoleSchema } from './admin-responses.js';
import { PersonalNumberSchema } from './personal-number.js';

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
  smsText: multiLine(320),
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

const practitionerFields = {
  name: PersonNameSchema,
  email: z.nullable(EmailSchema),
  title: z.nullable(TitleSchema),
  cancellationWindowHours: z.nullable(z.number().check(z.minimum(0), z.maximum(24 * 60))),
  treatmentTypeIds: z.array(IdSchema).check(z.maxLength(200)),
};

export const CreatePractitionerBodySchema = z.strictObject({
  ...z.partial(z.object(practitionerFields)).shape,
  name: PersonNameSchema,
});
export type CreatePractitionerBody = z.infer<typeof CreatePractitionerBodySchema>;

export const UpdatePractitionerBodySchema = z.partial(z.strictObject(practitionerFields));
export type UpdatePractitionerBody = z.infer<typeof UpdatePractitionerBodySchema>;

export const SetTreatmentTypesBodySchema = z.strictObject({
  treatmentTypeIds: practitionerFields.treatmentTypeIds,
});
export type SetTreatmentTypesBody = z.infer<typeof SetTreatmentTypesBodySchema>;

const locationFields = {
  name: NameSchema,
  address: z.nullable(multiLine(LIMITS.address)),
};

export const CreateLocationBodySchema = z.strictObject({
  name: NameSchema,
  address: z.optional(locationFields.address),
});
export type CreateLocationBody = z.infer<typeof CreateLocationBodySchema>;

export const UpdateLocationBodySchema = z.partial(z.strictObject(locationFields));
export type UpdateLocationBody = z.infer<typeof UpdateLocationBodySchema>;

const clientFields = {
  name: PersonNameSchema,
  email: z.nullable(EmailSchema),
  phone: z.nullable(PhoneSchema),
  personalNumber: z.nullable(PersonalNumberSchema),
  isTest: z.boolean(),
};

export const CreateClientBodySchema = z.strictObject({
  ...z.partial(z.object(clientFields)).shape,
  name: PersonNameSchema,
});
export type CreateClientBody = z.infer<typeof CreateClientBodySchema>;

export const UpdateClientBodySchema = z.partial(z.strictObject(clientFields));
export type UpdateClientBody = z.infer<typeof UpdateClientBodySchema>;

export const ListClientsQuerySchema = z.strictObject({
  q: z.optional(oneLine(LIMITS.query)),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(LIMITS.listPage))),
});
export type ListClientsQuery = z.infer<typeof ListClientsQuerySchema>;

export const CreateStaffBodySchema = z.strictObject({
  name: PersonNameSchema,
  email: z.optional(z.nullable(EmailSchema)),
  role: StaffRoleSchema,
  practitionerId: z.optional(z.nullable(IdSchema)),
});
export type CreateStaffBody = z.infer<typeof CreateStaffBodySchema>;

export const UpdateStaffBodySchema = z.partial(
  z.strictObject({
    name: PersonNameSchema,
    email: z.nullable(EmailSchema),
    role: StaffRoleSchema,
    practitionerId: z.nullable(IdSchema),
  }),
);
export type UpdateStaffBody = z.infer<typeof UpdateStaffBodySchema>;
