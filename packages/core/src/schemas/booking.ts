import * as z from 'zod/mini';
import {
  ConfirmationChannelSchema,
  EmailSchema,
  IdSchema,
  InstantOrDateSchema,
  InstantSchema,
  LIMITS,
  LocaleSchema,
  NameSchema,
  PhoneSchema,
  TextSchema,
} from './common.js';
import {
  ClientSchema,
  CreateClientBodySchema,
  LocationSchema,
  PersonalNumberSchema,
  TreatmentTypeSchema,
} from './catalogue.js';

// ---- Public clinic info ----

export const PublicPractitionerSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.nullable(z.string()),
  treatmentTypeIds: z.array(z.string()),
});
export type PublicPractitioner = z.infer<typeof PublicPractitionerSchema>;

export const PublicClinicSchema = z.object({
  slug: z.string(),
  name: z.string(),
  timeZone: z.string(),
  locale: LocaleSchema,
  bookingInfoText: z.string(),
  modules: z.object({ booking: z.boolean() }),
  booking: z.optional(
    z.object({
      publicBooking: z.enum(['open', 'clients-only']),
      personalNumber: z.enum(['hidden', 'optional', 'required']),
      holdMinutes: z.number(),
      cancellationWindowHours: z.number(),
    }),
  ),
  treatmentTypes: z.array(TreatmentTypeSchema),
  practitioners: z.array(PublicPractitionerSchema),
  locations: z.array(LocationSchema),
});
export type PublicClinic = z.infer<typeof PublicClinicSchema>;

// ---- Slots ----

export const ListSlotsQuerySchema = z.strictObject({
  treatmentTypeId: IdSchema,
  from: InstantOrDateSchema,
  to: InstantOrDateSchema,
  practitionerId: z.optional(IdSchema),
  locationId: z.optional(IdSchema),
});
export type ListSlotsQuery = z.infer<typeof ListSlotsQuerySchema>;

export const SlotSchema = z.object({
  start: z.string(),
  end: z.string(),
  practitionerId: z.string(),
  locationId: z.nullable(z.string()),
});
export type Slot = z.infer<typeof SlotSchema>;
export const ListSlotsResponseSchema = z.object({ timeZone: z.string(), slots: z.array(SlotSchema) });
export type ListSlotsResponse = z.infer<typeof ListSlotsResponseSchema>;

// ---- Holds ----

export const CreateHoldBodySchema = z.strictObject({
  treatmentTypeId: IdSchema,
  practitionerId: IdSchema,
  start: InstantSchema,
  locationId: z.optional(z.nullable(IdSchema)),
});
export type CreateHoldBody = z.infer<typeof CreateHoldBodySchema>;

export const HoldSchema = z.object({
  id: z.string(),
  secret: z.string(),
  start: z.string(),
  end: z.string(),
  expiresAt: z.string(),
  practitionerId: z.optional(z.string()),
  treatmentTypeId: z.optional(z.string()),
  locationId: z.optional(z.nullable(z.string())),
});
export type Hold = z.infer<typeof HoldSchema>;

// ---- Bookings ----

export const BookingStatusSchema = z.enum(['booked', 'cancelled', 'no_show']);
export type BookingStatus = z.infer<typeof BookingStatusSchema>;
export const PaymentMethodSchema = z.enum(['swish', 'card', 'cash', 'invoice', 'other']);
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

export const PaymentSchema = z.object({
  amountCents: z.number(),
  currency: z.string(),
  method: PaymentMethodSchema,
  paidAt: z.string(),
  receiptNumber: z.number(),
});
export type Payment = z.infer<typeof PaymentSchema>;

export const BookingSchema = z.object({
  id: z.string(),
  status: BookingStatusSchema,
  start: z.string(),
  end: z.string(),
  practitionerId: z.string(),
  treatmentTypeId: z.string(),
  locationId: z.nullable(z.string()),
  clientId: z.string(),
  note: z.string(),
  color: z.string(),
  lateCancellation: z.boolean(),
  confirmation: z.optional(ConfirmationChannelSchema),
  paid: z.nullable(PaymentSchema),
  cancelledAt: z.optional(z.nullable(z.string())),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Booking = z.infer<typeof BookingSchema>;

export const BookingClientSchema = z.strictObject({
  name: NameSchema,
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
});
export type CreateBookingBody = z.infer<typeof CreateBookingBodySchema>;

export const CreateBookingResponseSchema = z.object({ booking: BookingSchema, manageToken: z.string() });
export type CreateBookingResponse = z.infer<typeof CreateBookingResponseSchema>;

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

export const BookingListSchema = z.object({ bookings: z.array(BookingSchema) });

// ---- Working time, activities, calendar ----

export const WorkingTimeSchema = z.object({
  id: z.string(),
  practitionerId: z.string(),
  start: z.string(),
  end: z.string(),
  treatmentTypeIds: z.nullable(z.array(z.string())),
  locationId: z.nullable(z.string()),
});
export type WorkingTime = z.infer<typeof WorkingTimeSchema>;
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

export const ActivitySchema = z.object({
  id: z.string(),
  practitionerId: z.string(),
  title: z.string(),
  note: z.string(),
  start: z.string(),
  end: z.string(),
});
export type Activity = z.infer<typeof ActivitySchema>;
export const CreateActivityBodySchema = z.strictObject({
  practitionerId: IdSchema,
  title: z.string().check(z.trim(), z.minLength(1, 'Required'), z.maxLength(LIMITS.title)),
  start: InstantSchema,
  end: InstantSchema,
  note: z.optional(TextSchema),
});
export type CreateActivityBody = z.infer<typeof CreateActivityBodySchema>;
export const UpdateActivityBodySchema = z.partial(z.strictObject(CreateActivityBodySchema.shape));
export type UpdateActivityBody = z.infer<typeof UpdateActivityBodySchema>;

/** The fixed colour of activities in every calendar (the seed: "shown purple"). */
export const ACTIVITY_COLOR = '#8e44ad';
/** The colour of a hold (the seed: "light pink without text"). */
export const HOLD_COLOR = '#f8c8dc';
/** The background band of working time. */
export const WORKING_TIME_COLOR = '#e6f4ea';

const entryBase = {
  id: z.string(),
  start: z.string(),
  end: z.string(),
  practitionerId: z.string(),
  color: z.string(),
};
export const CalendarEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('booking'),
    ...entryBase,
    status: BookingStatusSchema,
    clientId: z.string(),
    clientName: z.string(),
    treatmentTypeId: z.string(),
    treatmentName: z.string(),
    locationId: z.nullable(z.string()),
    note: z.string(),
    lateCancellation: z.boolean(),
    paid: z.boolean(),
  }),
  z.object({
    kind: z.literal('workingTime'),
    ...entryBase,
    treatmentTypeIds: z.nullable(z.array(z.string())),
    /** The treatment types bookable in this block, resolved (null above = the practitioner's list). */
    bookableTreatmentTypeIds: z.array(z.string()),
    locationId: z.nullable(z.string()),
  }),
  z.object({ kind: z.literal('activity'), ...entryBase, title: z.string(), note: z.string() }),
  z.object({ kind: z.literal('hold'), ...entryBase, expiresAt: z.string() }),
]);
export type CalendarEntry = z.infer<typeof CalendarEntrySchema>;
export const CalendarResponseSchema = z.object({ timeZone: z.string(), entries: z.array(CalendarEntrySchema) });
export type CalendarResponse = z.infer<typeof CalendarResponseSchema>;

// ---- Template weeks ----

/** One block of working time in a template: a weekday (1 = Monday) and local wall-clock times. */
export const TemplateBlockSchema = z.object({
  weekday: z.number(),
  start: z.string(),
  end: z.string(),
  /** Set when the block ends after midnight (the next day's `end`). */
  endsNextDay: z.optional(z.boolean()),
  practitionerId: z.string(),
  treatmentTypeIds: z.nullable(z.array(z.string())),
  locationId: z.nullable(z.string()),
});
export type TemplateBlock = z.infer<typeof TemplateBlockSchema>;

/** A regular client's booking in a template: booked only where free when the template is applied. */
export const TemplateBookingSchema = z.object({
  weekday: z.number(),
  start: z.string(),
  durationMinutes: z.number(),
  practitionerId: z.string(),
  treatmentTypeId: z.string(),
  clientId: z.string(),
  locationId: z.nullable(z.string()),
});
export type TemplateBooking = z.infer<typeof TemplateBookingSchema>;

export const TemplateWeekSchema = z.object({
  id: z.string(),
  name: z.string(),
  practitionerId: z.nullable(z.string()),
  blocks: z.array(TemplateBlockSchema),
  bookings: z.optional(z.array(TemplateBookingSchema)),
  createdAt: z.string(),
});
export type TemplateWeek = z.infer<typeof TemplateWeekSchema>;
export const TemplateWeekListSchema = z.object({ templateWeeks: z.array(TemplateWeekSchema) });

const MondaySchema = z.iso.date().check(
  z.refine((date) => new Date(`${date}T00:00:00Z`).getUTCDay() === 1, 'Expected a Monday (the first day of a week)'),
);
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

export const TemplateSkipReasonSchema = z.enum(['exists', 'overlaps', 'taken', 'practitioner_missing', 'treatment_missing', 'client_missing', 'invalid_time']);
export const ApplyTemplateWeekResponseSchema = z.object({
  created: z.array(
    z.object({
      kind: z.enum(['workingTime', 'booking']),
      id: z.nullable(z.string()),
      practitionerId: z.string(),
      start: z.string(),
      end: z.string(),
    }),
  ),
  skipped: z.array(
    z.object({
      kind: z.enum(['workingTime', 'booking']),
      weekStart: z.string(),
      weekday: z.number(),
      start: z.string(),
      end: z.string(),
      practitionerId: z.string(),
      reason: TemplateSkipReasonSchema,
    }),
  ),
});
export type ApplyTemplateWeekResponse = z.infer<typeof ApplyTemplateWeekResponseSchema>;

// ---- Outbox messages ----

export const MessageKindSchema = z.enum(['confirmation', 'cancellation', 'reminder', 'receipt', 'login_link', 'copy']);
export type MessageKind = z.infer<typeof MessageKindSchema>;
export const MessageSchema = z.object({
  id: z.string(),
  kind: z.optional(MessageKindSchema),
  bookingId: z.optional(z.nullable(z.string())),
  channel: z.enum(['email', 'sms']),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.optional(z.number()),
  lastError: z.optional(z.nullable(z.string())),
  createdAt: z.string(),
  sentAt: z.nullable(z.string()),
});
export const ListMessagesQuerySchema = z.strictObject({ bookingId: z.optional(IdSchema) });
export type ListMessagesQuery = z.infer<typeof ListMessagesQuerySchema>;
export type Message = z.infer<typeof MessageSchema>;
export const MessageListSchema = z.object({ messages: z.array(MessageSchema) });

// ---- Client login ----

export const EmailLinkBodySchema = z.strictObject({ email: EmailSchema });
export const VerifyLoginBodySchema = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(200)) });
export const VerifyLoginResponseSchema = z.object({ sessionToken: z.string(), client: ClientSchema });
export type VerifyLoginResponse = z.infer<typeof VerifyLoginResponseSchema>;

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
