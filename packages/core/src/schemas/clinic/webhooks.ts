import * as z from 'zod/mini';

/**
 * Webhooks (Standard Webhooks): events a clinic's other systems can subscribe to. Each is sent as
 * `{ type, timestamp, data }`; `data` carries ids and times, and the client's name, e-mail and
 * phone only for endpoints marked `includeClientData`.
 */
export const WEBHOOK_EVENT_TYPES = [
  'booking.created',
  'booking.updated',
  /** The patient moved their own booking (manage link or "My bookings"). */
  'booking.rescheduled',
  'booking.cancelled',
  'booking.no_show',
  'booking.paid',
  'client.updated',
] as const;
export const WebhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

const WebhookUrlSchema = z.string().check(z.minLength(1), z.maxLength(2000));
const WebhookEventsSchema = z.array(WebhookEventTypeSchema).check(z.minLength(1), z.maxLength(WEBHOOK_EVENT_TYPES.length));

export const CreateWebhookBodySchema = z.strictObject({
  /** https only (the server refuses private and loopback addresses). */
  url: WebhookUrlSchema,
  events: WebhookEventsSchema,
  includeClientData: z.optional(z.boolean()),
});
export type CreateWebhookBody = z.infer<typeof CreateWebhookBodySchema>;

export const UpdateWebhookBodySchema = z.strictObject({
  url: z.optional(WebhookUrlSchema),
  events: z.optional(WebhookEventsSchema),
  includeClientData: z.optional(z.boolean()),
  enabled: z.optional(z.boolean()),
});
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBodySchema>;

/** `201` of creating an endpoint: the signing secret (`whsec_…`), shown this once. */
export const WebhookCreatedSchema = z.object({ id: z.string(), secret: z.string() });
export type WebhookCreated = z.infer<typeof WebhookCreatedSchema>;

export const WebhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(WebhookEventTypeSchema),
  includeClientData: z.boolean(),
  enabled: z.boolean(),
  /** `failing`: a delivery used up its retries and none has got through since (`failingSince`). */
  state: z.enum(['ok', 'failing', 'disabled']),
  failingSince: z.nullable(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

export const WebhookEndpointListSchema = z.object({ webhooks: z.array(WebhookEndpointSchema) });

/** One try at sending a delivery. */
export const WebhookAttemptSchema = z.object({
  id: z.string(),
  deliveryId: z.string(),
  at: z.string(),
  ok: z.boolean(),
  /** The receiver's HTTP status; null when no answer came (refused, timed out). */
  statusCode: z.nullable(z.number()),
  error: z.nullable(z.string()),
  durationMs: z.number(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;

/** One event for one endpoint: its `webhook-id` (`messageId`) and where its sending stands. */
export const WebhookDeliverySchema = z.object({
  id: z.string(),
  messageId: z.string(),
  type: WebhookEventTypeSchema,
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.nullable(z.string()),
  lastStatusCode: z.nullable(z.number()),
  lastError: z.nullable(z.string()),
  createdAt: z.string(),
  deliveredAt: z.nullable(z.string()),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

/** `GET …/webhooks/:id`: the endpoint, its latest deliveries and attempts, newest first. */
export const WebhookEndpointDetailSchema = z.object({
  webhook: WebhookEndpointSchema,
  deliveries: z.array(WebhookDeliverySchema),
  attempts: z.array(WebhookAttemptSchema),
});
export type WebhookEndpointDetail = z.infer<typeof WebhookEndpointDetailSchema>;
