import type { Trx } from '../store.js';

/**
 * Deletes holds that stopped blocking (released, used or expired by `now`) and whose expiry is
 * no later than `expiredBy`; answers how many.
 */
export async function deleteSpentHolds(trx: Trx, v: { now: number; expiredBy: number }): Promise<number> {
  const holds = await trx
    .deleteFrom('holds')
    .where((eb) => eb.or([eb('active', '=', 0), eb('expires_at', '<=', v.now)]))
    .where('expires_at', '<=', v.expiredBy)
    .executeTakeFirst();
  return Number(holds.numDeletedRows);
}

/** Deletes idempotency keys stored no later than `createdBy`; answers how many. */
export async function deleteIdempotencyKeysMadeBy(trx: Trx, createdBy: number): Promise<number> {
  const keys = await trx.deleteFrom('idempotency_keys').where('created_at', '<=', createdBy).executeTakeFirst();
  return Number(keys.numDeletedRows);
}
