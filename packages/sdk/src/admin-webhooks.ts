import {
  type CreateWebhookBody,
  type UpdateWebhookBody,
  type WebhookCreated,
  WebhookCreatedSchema,
  type WebhookDelivery,
  WebhookDeliverySchema,
  type WebhookEndpoint,
  type WebhookEndpointDetail,
  WebhookEndpointDetailSchema,
  WebhookEndpointListSchema,
  WebhookEndpointSchema,
} from '@tidbok/core';
import { json, nothing, type RequestOptions, type Send } from './transport.js';

/** Admin calls for the clinic's webhook endpoints (admins only). */
export interface WebhookMethods {
  list(options?: RequestOptions): Promise<WebhookEndpoint[]>;
  /** The endpoint with its latest deliveries and attempts. */
  get(id: string, options?: RequestOptions): Promise<WebhookEndpointDetail>;
  /** Registers an endpoint; the answer's `secret` (`whsec_…`) is shown this once: keep it for verifyWebhook(). */
  create(body: CreateWebhookBody, options?: RequestOptions): Promise<WebhookCreated>;
  /** Changes the address, events or client data, or switches the endpoint off (`enabled: false`) and on. */
  update(id: string, patch: UpdateWebhookBody, options?: RequestOptions): Promise<WebhookEndpoint>;
  remove(id: string, options?: RequestOptions): Promise<void>;
  /** Sends a delivery again now, with its original `webhook-id` and body. */
  resend(id: string, deliveryId: string, options?: RequestOptions): Promise<WebhookDelivery>;
}

const id = encodeURIComponent;

export function webhookMethods(send: Send, admin: string): WebhookMethods {
  const base = `${admin}/webhooks`;
  return {
    list: async ({ signal } = {}) => (await send({ method: 'get', path: base, signal }, json(WebhookEndpointListSchema))).webhooks,
    get: (endpointId, { signal } = {}) => send({ method: 'get', path: `${base}/${id(endpointId)}`, signal }, json(WebhookEndpointDetailSchema)),
    create: (body, { signal } = {}) => send({ method: 'post', path: base, json: body, signal }, json(WebhookCreatedSchema)),
    update: (endpointId, patch, { signal } = {}) =>
      send({ method: 'patch', path: `${base}/${id(endpointId)}`, json: patch, signal }, json(WebhookEndpointSchema)),
    remove: (endpointId, { signal } = {}) => send({ method: 'delete', path: `${base}/${id(endpointId)}`, signal }, nothing),
    resend: (endpointId, deliveryId, { signal } = {}) =>
      send({ method: 'post', path: `${base}/${id(endpointId)}/deliveries/${id(deliveryId)}/resend`, signal }, json(WebhookDeliverySchema)),
  };
}
