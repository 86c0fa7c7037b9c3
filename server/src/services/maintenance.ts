import { deleteIdempotencyKeysMadeBy, deleteSpentHolds } from '../store/repositories/maintenance.js';
import type { Deps } from './deps.js';
import { IDEMPOTENCY_TTL_MS } from './idempotency.js';

/** Inactive holds are kept this long so a late booking can still be matched to its hold. */
export const HOLD_RETENTION_MS = 24 * 3_600_000;

/**
 * Housekeeping that keeps tables small: holds that stopped blocking long ago and idempotency
 * answers past their promised lifetime. Expired holds already stopped blocking at once (they
 * are filtered on read); this only removes rows.
 */
export async function cleanUp(deps: Deps) {
  const now = deps.clock.now();
  return deps.store.write(async (trx) => {
    const holds = await deleteSpentHolds(trx, { now, expiredBy: now - HOLD_RETENTION_MS });
    const idempotencyKeys = await deleteIdempotencyKeysMadeBy(trx, now - IDEMPOTENCY_TTL_MS);
    return { holds, idempotencyKeys };
  });
}
