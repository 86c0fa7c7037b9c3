import * as z from 'zod/mini';
import { CreateClientBodySchema } from '../catalogue/requests.js';
import { ConfirmationChannelSchema } from '../common/enums.js';
import { IdSchema, NameSchema, TextSchema, TitleSchema } from '../common/fields.js';
import { InstantOrDateSchema, InstantSchema, LocalDateSchema } from '../common/instants.js';
import { PaymentMethodSchema } from './bookings.js';

export const CreateAdminBookingBodySchema = z
  .strictObject({
    clientId: z.optional(IdSchema),
    client: z.optional(CreateClientBodySchema),
    practitionerId: IdSchema,
    treatmentTypeId: IdSchema,
    start: InstantSchema,
    end: z.optional(InstantSchema),
    locationId: z.optional(z.nullable(IdSchema)),
    confirmation: z.optional(ConfirmationChannelSchema),
    note: z.optional(TextSchema),
  })
  .check(
    z.refine((b) => (b.clientId === undefined) !== (b.client === undefined), {
      message: 'Give either clientId or client',
      path: ['clientId'],
    }),
  );
export type CreateAdminBookingBody = z.infer<typeof CreateAdminBookingBodySchema>;

export const UpdateAdminBookingBodySchema = z.strictObject({
  clientId: z.optional(IdSchema),
  practitionerId: z.optional(IdSchema),
  treatmentTypeId: z.optional(IdSchema),
  start: z.optional(InstantSchema),
  end: z.optional(InstantSchema),
  locationId: z.optional(z.nullable(IdSchema)),
  note: z.optional(TextSchema),
  /**
   * When the time or practitioner changes: tell the client the way they chose for the
   * confirmation (the "moved" message, with the calendar event's SEQUENCE raised). Default false.
   */
  notifyClient: z.optional(z.boolean()),
});
export type UpdateAdminBookingBody = z.infer<typeof UpdateAdminBookingBodySchema>;

export const CancelBookingBodySchema = z.strictObject({
  late: z.optional(z.boolean()),
  /** Whether the client gets a cancellation notice (default true, by their confirmation channel). */
  notify: z.optional(z.boolean()),
});
export type CancelBookingBody = z.infer<typeof CancelBookingBodySchema>;

export const SendConfirmationBodySchema = z.strictObject({ channel: z.enum(['email', 'sms']) });
export type SendConfirmationBody = z.infer<typeof SendConfirmationBodySchema>;

export const PayBookingBodySchema = z.strictObject({
  method: PaymentMethodSchema,
  amountCents: z.optional(z.int().check(z.minimum(0), z.maximum(100_000_000))),
});
export type PayBookingBody = z.infer<typeof PayBookingBodySchema>;

export const SendReceiptBodySchema = z.strictObject({ channel: z.literal('email') });
export type SendReceiptBody = z.infer<typeof SendReceiptBodySchema>;

export const CreateWorkingTimeBodySchema = z.strictObject({
  practitionerId: IdSchema,
  start: InstantSchema,
  end: InstantSchema,
  treatmentTypeIds: z.optional(z.nullable(z.array(IdSchema).check(z.maxLength(200)))),
  locationId: z.optional(z.nullable(IdSchema)),
});
export type CreateWorkingTimeBody = z.infer<typeof CreateWorkingTimeBodySchema>;

export const UpdateWorkingTimeBodySchema = z.partial(z.strictObject(CreateWorkingTimeBodySchema.shape));
export type UpdateWorkingTimeBody = z.infer<typeof UpdateWorkingTimeBodySchema>;

export const RangeQuerySchema = z.strictObject({
  from: InstantOrDateSchema,
  to: InstantOrDateSchema,
  practitionerId: z.optional(IdSchema),
});
export type RangeQuery = z.infer<typeof RangeQuerySchema>;

export const CreateActivityBodySchema = z.strictObject({
  practitionerId: IdSchema,
  title: TitleSchema.check(z.minLength(1, 'Required')),
  start: InstantSchema,
  end: InstantSchema,
  note: z.optional(TextSchema),
});
export type CreateActivityBody = z.infer<typeof CreateActivityBodySchema>;

export const UpdateActivityBodySchema = z.partial(z.strictObject(CreateActivityBodySchema.shape));
export type UpdateActivityBody = z.infer<typeof UpdateActivityBodySchema>;

const MondaySchema = LocalDateSchema.check(z.refine((date) => new Date(`${date}T00:00:00Z`).getUTCDay() === 1, 'Expected a Monday (the first day of a week)'));

export const CreateTemplateWeekBodySchema = z.strictObject({
  name: NameSchema,
  weekStart: MondaySchema,
  practitionerId: z.optional(z.nullable(IdSchema)),
  /** Also keep the week's booked bookings as recurring bookings (a regular client's week). */
  includeBookings: z.optional(z.boolean()),
});
export type CreateTemplateWeekBody = z.infer<typeof CreateTemplateWeekBodySchema>;

export const UpdateTemplateWeekBodySchema = z.strictObject({ name: NameSchema });
export type UpdateTemplateWeekBody = z.infer<typeof UpdateTemplateWeekBodySchema>;

export const ApplyTemplateWeekBodySchema = z.strictObject({
  weekStarts: z.array(MondaySchema).check(z.minLength(1), z.maxLength(104)),
  /** Report what would be created and skipped, and change nothing (a preview). */
  dryRun: z.optional(z.boolean()),
});
export type ApplyTemplateWeekBody = z.infer<typeof ApplyTemplateWeekBodySchema>;

export const ListMessagesQuerySchema = z.strictObject({ bookingId: z.optional(IdSchema) });
export type ListMessagesQuery = z.infer<typeof ListMessagesQuerySchema>;
