import type { WebhookEventType } from '@tidbok/core';
import { newId } from '../secrets.js';
import { addWebhookDeliveries, clientContact, enabledEndpointsOfClinic } from '../store/repositories/webhooks.js';
import type { Trx } from '../store/store.js';
import { iso } from '../time.js';
import type { Deps } from '../services/deps.js';

export interface WebhookEvent {
  clinicId: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
  /** Whose name, e-mail and phone go to endpoints marked `include_client_data`. */
  clientId?: string | null;
}

/**
 * Writes an event into the webhook outbox, one delivery per enabled endpoint that subscribed to
 * it, in the caller's transaction: the event exists if and only if the change was committed.
 * The body is fixed here, so every retry and resend sends the same bytes under the same id.
 */
export async function enqueueWebhook(trx: Trx, deps: Pick<Deps, 'clock'>, event: WebhookEvent): Promise<string[]> {
  const endpoints = await enabledEndpointsOfClinic(trx, event.clinicId);
  const subscribed = endpoints.filter((e) => (JSON.parse(e.events) as string[]).includes(event.type));
  if (subscribed.length === 0) return [];

  const now = deps.clock.now();
  const timestamp = iso(now);
  const client = event.clientId && subscribed.some((e) => e.include_client_data === 1) ? await clientContact(trx, event.clientId) : undefined;
  const plain = JSON.stringify({ type: event.type, timestamp, data: event.data });
  const withClient = client ? JSON.stringify({ type: event.type, timestamp, data: { ...event.data, client } }) : plain;
  const messageId = newId('msg');
  const rows = subscribed.map((endpoint) => ({
    id: newId('whd'),
    endpoint_id: endpoint.id,
    clinic_id: event.clinicId,
    message_id: messageId,
    event_type: event.type,
    payload: endpoint.include_client_data === 1 ? withClient : plain,
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    locked_until: 0,
    last_status_code: null,
    last_error: null,
    delivered_at: null,
    created_at: now,
  }));
  await addWebhookDeliveries(trx, rows);
  return rows.map((r) => r.id);
}
