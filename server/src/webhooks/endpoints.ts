import type {
  CreateWebhookBody,
  UpdateWebhookBody,
  WebhookAttempt,
  WebhookCreated,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointDetail,
  WebhookEventType,
} from '@tidbok/core';
import { ApiError, invalid, notFound } from '../errors.js';
import { checkOutboundHost, checkOutboundUrl, OutboundError } from '../http/outbound-url.js';
import { newId } from '../secrets.js';
import type { Deps } from '../services/deps.js';
import type { ClinicRow } from '../services/rows.js';
import {
  addWebhookEndpoint,
  countWebhookEndpoints,
  deliveryOfEndpoint,
  recentAttemptsOfEndpoint,
  recentDeliveriesOfEndpoint,
  removeWebhookEndpoint,
  restartDelivery,
  saveWebhookEndpoint,
  type WebhookAttemptRow,
  type WebhookDeliveryRow,
  type WebhookEndpointChanges,
  type WebhookEndpointRow,
  webhookEndpointOfClinic,
  webhookEndpointsOfClinic,
} from '../store/repositories/webhooks.js';
import { iso, isoOrNull } from '../time.js';
import { newWebhookSecret, sealWebhookSecret } from './secret.js';

/** Enough for any clinic's integrations; a bound so one admin cannot make the outbox fan out. */
const MAX_ENDPOINTS = 20;

function endpointOf(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEventType[],
    includeClientData: row.include_client_data === 1,
    enabled: row.enabled === 1,
    state: row.enabled !== 1 ? 'disabled' : row.failing_since !== null ? 'failing' : 'ok',
    failingSince: isoOrNull(row.failing_since),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

const deliveryOf = (row: WebhookDeliveryRow): WebhookDelivery => ({
  id: row.id,
  messageId: row.message_id,
  type: row.event_type as WebhookEventType,
  status: row.status as WebhookDelivery['status'],
  attempts: row.attempts,
  nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  createdAt: iso(row.created_at),
  deliveredAt: isoOrNull(row.delivered_at),
});

const attemptOf = (row: WebhookAttemptRow): WebhookAttempt => ({
  id: row.id,
  deliveryId: row.delivery_id,
  at: iso(row.attempted_at),
  ok: row.ok === 1,
  statusCode: row.status_code,
  error: row.error,
  durationMs: row.duration_ms,
});

/** The URL rules of http/outbound-url.ts, as a 400 on `url` (checked again at every send). */
async function checkedUrl(deps: Deps, url: string): Promise<string> {
  try {
    const parsed = checkOutboundUrl(url.trim(), deps.config);
    await checkOutboundHost(parsed, deps.config);
    return parsed.toString();
  } catch (error) {
    if (error instanceof OutboundError) throw invalid('url', error.message);
    throw error;
  }
}

const uniqueEvents = (events: readonly WebhookEventType[]) => JSON.stringify([...new Set(events)]);

export async function createWebhook(deps: Deps, clinic: ClinicRow, body: CreateWebhookBody): Promise<WebhookCreated> {
  const url = await checkedUrl(deps, body.url);
  const now = deps.clock.now();
  const id = newId('wh');
  const secret = newWebhookSecret();
  await deps.store.write(async (trx) => {
    if ((await countWebhookEndpoints(trx, clinic.id)) >= MAX_ENDPOINTS)
      throw new ApiError('conflict', `A clinic can have at most ${MAX_ENDPOINTS} webhook endpoints`);
    await addWebhookEndpoint(trx, {
      id,
      clinic_id: clinic.id,
      url,
      events: uniqueEvents(body.events),
      include_client_data: body.includeClientData ? 1 : 0,
      enabled: 1,
      secret_sealed: sealWebhookSecret(deps.config, id, secret),
      failing_since: null,
      created_at: now,
      updated_at: now,
    });
  });
  return { id, secret };
}

async function findEndpoint(deps: Deps, clinic: ClinicRow, id: string): Promise<WebhookEndpointRow> {
  const row = await webhookEndpointOfClinic(deps.store.db, clinic.id, id);
  if (!row) throw notFound('Webhook');
  return row;
}

export async function listWebhooks(deps: Deps, clinic: ClinicRow) {
  const rows = await webhookEndpointsOfClinic(deps.store.db, clinic.id);
  return { webhooks: rows.map(endpointOf) };
}

export async function getWebhook(deps: Deps, clinic: ClinicRow, id: string): Promise<WebhookEndpointDetail> {
  const row = await findEndpoint(deps, clinic, id);
  const [deliveries, attempts] = await Promise.all([recentDeliveriesOfEndpoint(deps.store.db, id), recentAttemptsOfEndpoint(deps.store.db, id)]);
  return { webhook: endpointOf(row), deliveries: deliveries.map(deliveryOf), attempts: attempts.map(attemptOf) };
}

export async function updateWebhook(deps: Deps, clinic: ClinicRow, id: string, patch: UpdateWebhookBody) {
  const row = await findEndpoint(deps, clinic, id);
  const now = deps.clock.now();
  const next: WebhookEndpointChanges = {
    url: patch.url === undefined ? row.url : await checkedUrl(deps, patch.url),
    events: patch.events === undefined ? row.events : uniqueEvents(patch.events),
    include_client_data: patch.includeClientData === undefined ? row.include_client_data : patch.includeClientData ? 1 : 0,
    enabled: patch.enabled === undefined ? row.enabled : patch.enabled ? 1 : 0,
    // A new address or switching the endpoint back on starts afresh.
    failing_since: patch.url !== undefined || (patch.enabled === true && row.enabled !== 1) ? null : row.failing_since,
    updated_at: now,
  };
  await deps.store.write((trx) => saveWebhookEndpoint(trx, id, next));
  return endpointOf({ ...row, ...next });
}

export async function deleteWebhook(deps: Deps, clinic: ClinicRow, id: string) {
  await findEndpoint(deps, clinic, id);
  await deps.store.write((trx) => removeWebhookEndpoint(trx, clinic.id, id));
}

/**
 * Sends a delivery again now, with its original `webhook-id` and body (receivers drop what they
 * already processed), whatever its state; its tries start over.
 */
export async function resendDelivery(deps: Deps, clinic: ClinicRow, id: string, deliveryId: string): Promise<WebhookDelivery> {
  const endpoint = await findEndpoint(deps, clinic, id);
  if (endpoint.enabled !== 1) throw new ApiError('conflict', 'The endpoint is disabled; enable it first');
  const now = deps.clock.now();
  const row = await deps.store.write(async (trx) => {
    const found = await deliveryOfEndpoint(trx, id, deliveryId);
    if (!found) throw notFound('Delivery');
    if (found.status === 'pending' && found.locked_until > now) throw new ApiError('conflict', 'The delivery is being sent right now');
    return restartDelivery(trx, found, now);
  });
  return deliveryOf(row);
}
