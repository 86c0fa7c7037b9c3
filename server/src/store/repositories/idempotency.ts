import type { Selectable } from 'kysely';
import type { IdempotencyKeyTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

/** Which stored key: the clinic, the scope and the hash of the caller and their Idempotency-Key. */
export type IdempotencyKeyRef = Pick<IdempotencyKeyTable, 'clinic_id' | 'scope' | 'key_hash'>;

/** The stored key, running or done, if any. */
export async function idempotencyKeyOf(q: Queryable, ref: IdempotencyKeyRef): Promise<Selectable<IdempotencyKeyTable> | undefined> {
  return q
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('clinic_id', '=', ref.clinic_id)
    .where('scope', '=', ref.scope)
    .where('key_hash', '=', ref.key_hash)
    .executeTakeFirst();
}

/** Forgets a stored key (and the answer kept with it). */
export async function forgetIdempotencyKey(q: Queryable, ref: IdempotencyKeyRef): Promise<void> {
  await q.deleteFrom('idempotency_keys').where('clinic_id', '=', ref.clinic_id).where('scope', '=', ref.scope).where('key_hash', '=', ref.key_hash).execute();
}

/** Stores a key as running the request with this hash, from `now`. */
export async function claimIdempotencyKey(trx: Trx, ref: IdempotencyKeyRef, v: { requestHash: string; now: number }): Promise<void> {
  await trx
    .insertInto('idempotency_keys')
    .values({ ...ref, request_hash: v.requestHash, state: 'running', response_status: null, response_body: null, created_at: v.now })
    .execute();
}

/** Marks a key's request done, keeping its answer (`responseBody`, sealed) for replay. */
export async function keepIdempotentAnswer(trx: Trx, ref: IdempotencyKeyRef, v: { responseStatus: number; responseBody: string }): Promise<void> {
  await trx
    .updateTable('idempotency_keys')
    .set({ state: 'done', response_status: v.responseStatus, response_body: v.responseBody })
    .where('clinic_id', '=', ref.clinic_id)
    .where('scope', '=', ref.scope)
    .where('key_hash', '=', ref.key_hash)
    .execute();
}
