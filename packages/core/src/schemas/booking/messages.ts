import * as z from 'zod/mini';

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
export type Message = z.infer<typeof MessageSchema>;

export const MessageListSchema = z.object({ messages: z.array(MessageSchema) });
