import type { Insertable, Selectable } from 'kysely';
import type { IntegrationKeyTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

type IntegrationKeyRow = Selectable<IntegrationKeyTable>;

/** Stores a new integration key (its hash). */
export async function insertIntegrationKey(trx: Trx, row: Insertable<IntegrationKeyTable>): Promise<void> {
  await trx.insertInto('integration_keys').values(row).execute();
}

/** The clinic's unrevoked keys, oldest first; never the key's hash. */
export function unrevokedIntegrationKeysOfClinic(
  db: Queryable,
  clinicId: string,
): Promise<Pick<IntegrationKeyRow, 'id' | 'name' | 'created_at' | 'last_used_at'>[]> {
  return db
    .selectFrom('integration_keys')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('clinic_id', '=', clinicId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** One of the clinic's keys (revoked or not) with when it was revoked; undefined if there is none. */
export function integrationKeyOfClinic(db: Queryable, clinicId: string, id: string): Promise<Pick<IntegrationKeyRow, 'id' | 'revoked_at'> | undefined> {
  return db.selectFrom('integration_keys').select(['id', 'revoked_at']).where('id', '=', id).where('clinic_id', '=', clinicId).executeTakeFirst();
}

/**
 * Revokes a key at `now` and ends the sessions it opened that have not ended yet: a key that
 * leaked should not leave sessions behind that were opened with it.
 */
export async function revokeIntegrationKeyWithSessions(trx: Trx, id: string, now: number): Promise<void> {
  await trx.updateTable('integration_keys').set({ revoked_at: now }).where('id', '=', id).execute();
  await trx.updateTable('staff_sessions').set({ revoked_at: now }).where('integration_key_id', '=', id).where('revoked_at', 'is', null).execute();
}

/** The unrevoked key with this hash, with its clinic's slug; undefined if none. */
export function unrevokedIntegrationKeyByHash(
  db: Queryable,
  keyHash: string,
): Promise<(Pick<IntegrationKeyRow, 'id' | 'clinic_id' | 'last_used_at'> & { clinic_slug: string }) | undefined> {
  return db
    .selectFrom('integration_keys as k')
    .innerJoin('clinics as c', 'c.id', 'k.clinic_id')
    .select(['k.id', 'k.clinic_id', 'k.last_used_at', 'c.slug as clinic_slug'])
    .where('k.key_hash', '=', keyHash)
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Notes that a key was used at `now`. */
export async function noteIntegrationKeyUsed(trx: Trx, id: string, now: number): Promise<void> {
  await trx.updateTable('integration_keys').set({ last_used_at: now }).where('id', '=', id).execute();
}
