import {
  CreateWebhookBodySchema,
  UpdateWebhookBodySchema,
  WebhookCreatedSchema,
  WebhookDeliverySchema,
  WebhookEndpointDetailSchema,
  WebhookEndpointListSchema,
  WebhookEndpointSchema,
} from '@tidbok/core';
import { Api, idParam } from '../http/api.js';
import type { Deps } from '../services/deps.js';
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, resendDelivery, updateWebhook } from '../webhooks/endpoints.js';

export function adminWebhookRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'post',
      path: '/webhooks',
      summary: 'Register a webhook endpoint (https; Standard Webhooks signatures). The signing secret is in this answer only',
      tag: 'Webhooks',
      access: 'admin',
      permission: 'settings',
      body: CreateWebhookBodySchema,
      responses: { 201: { description: 'The endpoint id and its secret (`whsec_…`), shown this once', schema: WebhookCreatedSchema } },
    },
    async (c, { body }) => c.json(await createWebhook(deps, c.get('clinic'), body), 201),
  );
  api.route(
    {
      method: 'get',
      path: '/webhooks',
      summary: "The clinic's webhook endpoints, each ok, failing or disabled",
      tag: 'Webhooks',
      access: 'admin',
      permission: 'settings',
      responses: { 200: { description: 'Endpoints', schema: WebhookEndpointListSchema } },
    },
    async (c) => c.json(await listWebhooks(deps, c.get('clinic'))),
  );
  api.route(
    {
      method: 'get',
      path: '/webhooks/:id',
      summary: 'A webhook endpoint with its latest deliveries and attempts',
      tag: 'Webhooks',
      access: 'admin',
      permission: 'settings',
      responses: { 200: { description: 'The endpoint', schema: WebhookEndpointDetailSchema } },
    },
    async (c) => c.json(await getWebhook(deps, c.get('clinic'), idParam(c))),
  );
  api.route(
    {
      method: 'patch',
      path: '/webhooks/:id',
      summary: 'Change the address, events or client data of a webhook endpoint, or switch it off and on',
      tag: 'Webhooks',
      access: 'admin',
      permission: 'settings',
      body: UpdateWebhookBodySchema,
      responses: { 200: { description: 'The endpoint', schema: WebhookEndpointSchema } },
    },
    async (c, { body }) => c.json(await updateWebhook(deps, c.get('clinic'), idParam(c), body)),
  );
  api.route(
    {
      method: 'delete',
      path: '/webhooks/:id',
      summary: 'Delete a webhook endpoint, with its deliveries waiting or sent',
      tag: 'Webhooks',
      access: 'admin',
      permission: 'settings',
      responses: { 204: { description: 'Deleted' } },
    },
    async (c) => {
      await deleteWebhook(deps, c.get('clinic'), idParam(c));
      return c.body(null, 204);
    },
  );
  api.route(
    {
      method: 'post',
      path: '/webhooks/:id/deliveries/:deliveryId/resend',
      summary: 'Send a delivery again now, with its original webhook-id and body',
      tag: 'Webhooks',
      access: 'admin',
      permission: 'settings',
      responses: { 202: { description: 'Queued', schema: WebhookDeliverySchema } },
    },
    async (c) => c.json(await resendDelivery(deps, c.get('clinic'), idParam(c), c.req.param('deliveryId') ?? ''), 202),
  );
  return api;
}
