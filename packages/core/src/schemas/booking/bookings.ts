import * as z from 'zod/mini';
import { ConfirmationChannelSchema, LocaleSchema } from '../common/enums.js';

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

/**
 * In staff answers (create, restore): what became of the message to the client the action
 * sends. `queued`: in the outbox, sent shortly; `not_sent`: it cannot be sent (`reason`: the
 * client has no e-mail address or phone number); `withdrawn`: an undo stopped a cancellation
 * notice still waiting in the outbox; `sent`: the cancellation notice had already gone out.
 */
export const BookingNotificationSchema = z.object({
  kind: z.enum(['confirmation', 'cancellation']),
  channel: z.enum(['email', 'sms']),
  status: z.enum(['queued', 'not_sent', 'withdrawn', 'sent']),
  reason: z.optional(z.enum(['no_email', 'no_phone'])),
});
export type BookingNotification = z.infer<typeof BookingNotificationSchema>;

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
  /** The language the booking was made in; its messages and pages use it. */
  locale: z.optional(LocaleSchema),
  /**
   * In answers to the patient (public booking, "My bookings", manage link): when the time with
   * the client ends (clientEndMs), what the patient is told; `end` stays the calendar length.
   */
  clientEnd: z.optional(z.string()),
  /** In answers to the patient: the booking's cancellation window in hours (cancellationWindowHoursFor). */
  cancellationWindowHours: z.optional(z.number()),
  /** In staff answers to create and restore (BookingNotificationSchema); absent when nothing is sent. */
  notification: z.optional(BookingNotificationSchema),
});
export type Booking = z.infer<typeof BookingSchema>;

export const CreateBookingResponseSchema = z.object({ booking: BookingSchema, manageToken: z.string() });
export type CreateBookingResponse = z.infer<typeof CreateBookingResponseSchema>;

export const BookingListSchema = z.object({ bookings: z.array(BookingSchema) });
