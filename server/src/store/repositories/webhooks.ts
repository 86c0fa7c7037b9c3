import type { Selectable } from 'kysely';
import type { ClientTable, WebhookAttemptTable, WebhookDeliveryTable, WebhookEndpointTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

export type WebhookEndpointRow = Selectable<WebhookEndpointTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptTable>;

/** What an admin's edit of an endpoint writes. */
export type WebhookEndpointChanges = Pick<WebhookEndpointRow, 'url' | 'events' | 'include_client_data' | 'enabled' | 'failing_since' | 'updated_at'>;

/** How many webhook endpoints the clinic has. */
export async function countWebhookEndpoints(q: Queryable, clinicId: string): Promise<number> {
  const count = await q
    .selectFrom('webhook_endpoints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('clinic_id', '=', clinicId)
    .executeTakeFirstOrThrow();
  return Number(count.n);
}

/** Stores a new endpoint. */
export async function addWebhookEndpoint(trx: Trx, row: WebhookEndpointRow): Promise<void> {
  await trx.insertInto('webhook_endpoints').values(row).execute();
}

/** The clinic's endpoint with this id, or undefined. */
export async function webhookEndpointOfClinic(q: Queryable, clinicId: string, id: string): Promise<WebhookEndpointRow | undefined> {
  return q.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).where('clinic_id', '=', clinicId).executeTakeFirst();
}

/** The clinic's endpoints, oldest first (then by id). */
export async function webhookEndpointsOfClinic(q: Queryable, clinicId: string): Promise<WebhookEndpointRow[]> {
  return q.selectFrom('webhook_endpoints').selectAll().where('clinic_id', '=', clinicId).orderBy('created_at').orderBy('id').execute();
}

/** The endpoint's 50 newest deliveries, newest first (then by id, descending). */
export async function recentDeliveriesOfEndpoint(q: Queryable, endpointId: string): Promise<WebhookDeliveryRow[]> {
  return q
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
}

/** The endpoint's 100 newest attempts, newest first (then by id, descending). */
export async function recentAttemptsOfEndpoint(q: Queryable, endpointId: string): Promise<WebhookAttemptRow[]> {
  return q
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('attempted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}

/** Writes an admin's edit of an endpoint. */
export async function saveWebhookEndpoint(trx: Trx, id: string, changes: WebhookEndpointChanges): Promise<void> {
  await trx.updateTable('webhook_endpoints').set(changes).where('id', '=', id).execute();
}

/** Deletes the clinic's endpoint with its deliveries and their attempts. */
export async function removeWebhookEndpoint(trx: Trx, clinicId: string, id: string): Promise<void> {
  // Attempts and deliveries go with it (ON DELETE CASCADE; on SQLite, deleted here as well in
  // case foreign keys are off on a connection).
  await trx.deleteFrom('webhook_attempts').where('endpoint_id', '=', id).execute();
  await trx.deleteFrom('webhook_deliveries').where('endpoint_id', '=', id).execute();
  await trx.deleteFrom('webhook_endpoints').where('id', '=', id).where('clinic_id', '=', clinicId).execute();
}

/** The endpoint's delivery with this id, or undefined. */
export async function deliveryOfEndpoint(q: Queryable, endpointId: string, deliveryId: string): Promise<WebhookDeliveryRow | undefined> {
  return q.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).where('endpoint_id', '=', endpointId).executeTakeFirst();
}

/** Makes the delivery pending again, due `now` and with no tries yet; returns it as it now is. */
export async function restartDelivery(trx: Trx, delivery: WebhookDeliveryRow, now: number): Promise<WebhookDeliveryRow> {
  const changes = { status: 'pending', attempts: 0, next_attempt_at: now, locked_until: 0, delivered_at: null };
  await trx.updateTable('webhook_deliveries').set(changes).where('id', '=', delivery.id).execute();
  return { ...delivery, ...changes };
}

/** The clinic's enabled endpoints, with the events they subscribed to (JSON) and whether they get client data. */
export async function enabledEndpointsOfClinic(trx: Trx, clinicId: string): Promise<Pick<WebhookEndpointRow, 'id' | 'events' | 'include_client_data'>[]> {
  return trx
    .selectFrom('webhook_endpoints')
    .select(['id', 'events', 'include_client_data'])
    .where('clinic_id', '=', clinicId)
    .where('enabled', '=', 1)
    .execute();
}

/** A client's name, e-mail and phone, as webhook events carry them, or undefined. */
export async function clientContact(trx: Trx, clientId: string): Promise<Pick<Selectable<ClientTable>, 'name' | 'email' | 'phone'> | undefined> {
  return trx.selectFrom('clients').select(['name', 'email', 'phone']).where('id', '=', clientId).executeTakeFirst();
}

/** Puts deliveries in the webhook outbox (in one statement). */
export async function addWebhookDeliveries(trx: Trx, rows: WebhookDeliveryRow[]): Promise<void> {
  await trx.insertInto('webhook_deliveries').values(rows).execute();
}

/**
 * Claims a batch of due deliveries, oldest due first: pending, due by `now` and not leased, at
 * most `limit`, each leased until `lockedUntil`. Returns the ones this call leased.
 */
export async function claimDueDeliveries(
  trx: Trx,
  { now, limit, lockedUntil }: { now: number; limit: number; lockedUntil: number },
): Promise<WebhookDeliveryRow[]> {
  const due = await trx
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where('locked_until', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  if (due.length === 0) return [];
  return trx
    .updateTable('webhook_deliveries')
    .set({ locked_until: lockedUntil })
    .where(
      'id',
      'in',
      due.map((d) => d.id),
    )
    .where('status', '=', 'pending')
    .where('locked_until', '<=', now)
    .returningAll()
    .execute();
}

/** The endpoint with this id, or undefined (deleted). */
export async function webhookEndpointById(q: Queryable, id: string): Promise<WebhookEndpointRow | undefined> {
  return q.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records one try at a delivery. */
export async function addWebhookAttempt(trx: Trx, row: WebhookAttemptRow): Promise<void> {
  await trx.insertInto('webhook_attempts').values(row).execute();
}

/** What a try leaves on its delivery. */
export type DeliveryOutcome = Pick<
  WebhookDeliveryRow,
  'status' | 'attempts' | 'last_status_code' | 'last_error' | 'delivered_at' | 'next_attempt_at' | 'locked_until'
>;

/** Writes a try's outcome on its delivery. */
export async function saveDeliveryOutcome(trx: Trx, deliveryId: string, outcome: DeliveryOutcome): Promise<void> {
  await trx.updateTable('webhook_deliveries').set(outcome).where('id', '=', deliveryId).execute();
}

/** The endpoint is no longer failing. */
export async function clearEndpointFailing(trx: Trx, endpointId: string): Promise<void> {
  await trx.updateTable('webhook_endpoints').set({ failing_since: null }).where('id', '=', endpointId).execute();
}

/** The endpoint is failing since `since`, unless it already was. */
export async function markEndpointFailing(trx: Trx, endpointId: string, since: number): Promise<void> {
  await trx.updateTable('webhook_endpoints').set({ failing_since: since }).where('id', '=', endpointId).where('failing_since', 'is', null).execute();
}

/** Deletes delivered and failed deliveries made before `before`. */
export async function pruneFinishedDeliveries(trx: Trx, before: number): Promise<void> {
  // Their attempts go with them (ON DELETE CASCADE; SQLite connections have foreign keys on).
  await trx.deleteFrom('webhook_deliveries').where('status', 'in', ['delivered', 'failed']).where('created_at', '<', before).execute();
}
