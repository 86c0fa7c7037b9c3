import * as z from 'zod/mini';

export const MessageKindSchema = z.enum(['confirmation', 'cancellation', 'reminder', 'receipt', 'login_link', 'copy', 'booking_request', 'moved']);
export type MessageKind = z.infer<typeof MessageKindSchema>;

/** Why an SMS was not sent (server/src/notifications/sms-guard.ts). */
export const WithheldReasonSchema = z.enum(['cancelled_early', 'number_invalid', 'country_not_allowed', 'budget_hour', 'budget_day']);
export type WithheldReason = z.infer<typeof WithheldReasonSchema>;

export const MessageSchema = z.object({
  id: z.string(),
  kind: z.optional(MessageKindSchema),
  bookingId: z.optional(z.nullable(z.string())),
  channel: z.enum(['email', 'sms']),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  /** `withheld`: not sent, by the clinic's SMS limits; `withheldReason` says which. */
  status: z.enum(['pending', 'sent', 'failed', 'withheld']),
  withheldReason: z.optional(z.nullable(WithheldReasonSchema)),
  attempts: z.optional(z.number()),
  lastError: z.optional(z.nullable(z.string())),
  createdAt: z.string(),
  sentAt: z.nullable(z.string()),
});
export type Message = z.infer<typeof MessageSchema>;

export const MessageListSchema = z.object({ messages: z.array(MessageSchema) });

const BudgetUseSchema = z.object({ used: z.number(), limit: z.number() });

/** The clinic's budget of SMS to numbers staff have not entered or booked with. */
export const SmsBudgetSchema = z.object({
  /** Where SMS may go: the clinic's setting, or its own country's calling code. */
  callingCodes: z.array(z.string()),
  hour: BudgetUseSchema,
  day: BudgetUseSchema,
  /** True while no SMS to a new number can go (either limit reached). */
  exhausted: z.boolean(),
  /** SMS withheld by the budget in the last 24 hours, and when the last one was. */
  refusedLastDay: z.number(),
  lastRefusedAt: z.nullable(z.string()),
  checkedAt: z.string(),
});
export type SmsBudget = z.infer<typeof SmsBudgetSchema>;
