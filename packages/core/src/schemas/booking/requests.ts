import * as z from 'zod/mini';
import { PersonalNumberSchema } from '../catalogue/personal-number.js';
import { EmailSchema, PhoneSchema } from '../common/contact.js';
import { ConfirmationChannelSchema, LocaleSchema } from '../common/enums.js';
import { IdSchema, PersonNameSchema, TextSchema } from '../common/fields.js';
import { InstantOrDateSchema, InstantSchema } from '../common/instants.js';

export const ListSlotsQuerySchema = z.strictObject({
  treatmentTypeId: IdSchema,
  from: InstantOrDateSchema,
  to: InstantOrDateSchema,
  practitionerId: z.optional(IdSchema),
  locationId: z.optional(IdSchema),
});
export type ListSlotsQuery = z.infer<typeof ListSlotsQuerySchema>;

export const CreateHoldBodySchema = z.strictObject({
  treatmentTypeId: IdSchema,
  practitionerId: IdSchema,
  start: InstantSchema,
  locationId: z.optional(z.nullable(IdSchema)),
});
export type CreateHoldBody = z.infer<typeof CreateHoldBodySchema>;

export const BookingClientSchema = z.strictObject({
  name: PersonNameSchema,
  email: EmailSchema,
  phone: z.optional(PhoneSchema),
  personalNumber: z.optional(PersonalNumberSchema),
});
export type BookingClient = z.infer<typeof BookingClientSchema>;

export const CreateBookingBodySchema = z.strictObject({
  holdId: IdSchema,
  holdSecret: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Required unless the request carries a client session, whose client is then the one booked. */
  client: z.optional(BookingClientSchema),
  confirmation: ConfirmationChannelSchema,
  note: z.optional(TextSchema),
  /** The language the visitor booked in; the booking's messages and pages use it (else the clinic's). */
  locale: z.optional(LocaleSchema),
});
export type CreateBookingBody = z.infer<typeof CreateBookingBodySchema>;

export const EmailLinkBodySchema = z.strictObject({
  email: EmailSchema,
  /** The language of the page asking; the mail uses it (else the client's, else the clinic's). */
  locale: z.optional(LocaleSchema),
});

export const VerifyLoginBodySchema = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(200)) });
