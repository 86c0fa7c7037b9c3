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
import type { Selectable } from 'kysely';
import { ApiError, invalid, notFound } from '../errors.js';
import { checkOutboundHost, checkOutboundUrl, OutboundError } from '../http/outbound-url.js';
import { newId } from '../secrets.js';
import type { Deps } from '../services/deps.js';
import type { ClinicRow } from '../services/rows.js';
import type { WebhookAttemptTable, WebhookDeliveryTable, WebhookEndpointTable } from '../store/schema.js';
import { iso, isoOrNull } from '../time.js';
import { newWebhookSecret, sealWebhookSecret } from './secret.js';

type EndpointRow = Selectable<WebhookEndpointTable>;

/** Enough for any clinic's integrations; a bound so one admin cannot make the outbox fan out. */
const MAX_ENDPOINTS = 20;

function endpointOf(row: EndpointRow): WebhookEndpoint {
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

const deliveryOf = (row: Selectable<WebhookDeliveryTable>): WebhookDelivery => ({
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

const attemptOf = (row: Selectable<WebhookAttemptTable>): WebhookAttempt => ({
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
    const count = await trx
      .selectFrom('webhook_endpoints')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('clinic_id', '=', clinic.id)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_ENDPOINTS) throw new ApiError('conflict', `A clinic can have at most ${MAX_ENDPOINTS} webhook endpoints`);
    await trx
      .insertInto('webhook_endpoints')
      .values({
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
      })
      .execute();
  });
  return { id, secret };
}

async function findEndpoint(deps: Deps, clinic: ClinicRow, id: string): Promise<EndpointRow> {
  const row = await deps.store.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).where('clinic_id', '=', clinic.id).executeTakeFirst();
  if (!row) throw notFound('Webhook');
  return row;
}

export async function listWebhooks(deps: Deps, clinic: ClinicRow) {
  const rows = await deps.store.db.selectFrom('webhook_endpoints').selectAll().where('clinic_id', '=', clinic.id).orderBy('created_at').orderBy('id').execute();
  return { webhooks: rows.map(endpointOf) };
}

export async function getWebhook(deps: Deps, clinic: ClinicRow, id: string): Promise<WebhookEndpointDetail> {
  const row = await findEndpoint(deps, clinic, id);
  const [deliveries, attempts] = await Promise.all([
    deps.store.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('endpoint_id', '=', id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(50)
      .execute(),
    deps.store.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('endpoint_id', '=', id)
      .orderBy('attempted_at', 'desc')
      .orderBy('id', 'desc')
      .limit(100)
      .execute(),
  ]);
  return { webhook: endpointOf(row), deliveries: deliveries.map(deliveryOf), attempts: attempts.map(attemptOf) };
}

export async function updateWebhook(deps: Deps, clinic: ClinicRow, id: string, patch: UpdateWebhookBody) {
  const row = await findEndpoint(deps, clinic, id);
  const now = deps.clock.now();
  const next = {
    url: patch.url === undefined ? row.url : await checkedUrl(deps, patch.url),
    events: patch.events === undefined ? row.events : uniqueEvents(patch.events),
    include_client_data: patch.includeClientData === undefined ? row.include_client_data : patch.includeClientData ? 1 : 0,
    enabled: patch.enabled === undefined ? row.enabled : patch.enabled ? 1 : 0,
    // A new address or switching the endpoint back on starts afresh.
    failing_since: patch.url !== undefined || (patch.enabled === true && row.enabled !== 1) ? null : row.failing_since,
    updated_at: now,
  };
  await deps.store.write((trx) => trx.updateTable('webhook_endpoints').set(next).where('id', '=', id).execute());
  return endpointOf({ ...row, ...next });
}

export async function deleteWebhook(deps: Deps, clinic: ClinicRow, id: string) {
  await findEndpoint(deps, clinic, id);
  // Attempts and deliveries go with it (ON DELETE CASCADE; on SQLite, deleted here as well in
  // case foreign keys are off on a connection).
  await deps.store.write(async (trx) => {
    await trx.deleteFrom('webhook_attempts').where('endpoint_id', '=', id).execute();
    await trx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
    await trx.deleteFrom('webhook_endpoints').where('id', '=', id).where('clinic_id', '=', clinic.id).execute();
  });
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
    const found = await trx.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).where('endpoint_id', '=', id).executeTakeFirst();
    if (!found) throw notFound('Delivery');
    if (found.status === 'pending' && found.locked_until > now) throw new ApiError('conflict', 'The delivery is being sent right now');
    const changes = { status: 'pending', attempts: 0, next_attempt_at: now, locked_until: 0, delivered_at: null };
    await trx.updateTable('webhook_deliveries').set(changes).where('id', '=', deliveryId).execute();
    return { ...found, ...changes };
  });
  return deliveryOf(row);
}
