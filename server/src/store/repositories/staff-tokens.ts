import type { Insertable, Selectable } from 'kysely';
import type { StaffTokenTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';
import { STAFF_PRINCIPAL_COLUMNS, type StaffPrincipal } from './staff.js';

type StaffTokenRow = Selectable<StaffTokenTable>;

/** An unrevoked personal token as its principal, with the times that decide whether it still works. */
export type TokenPrincipal = StaffPrincipal & Pick<StaffTokenRow, 'expires_at' | 'last_used_at'>;

/** What the list of personal tokens shows of one. */
export type PersonalTokenRow = Pick<StaffTokenRow, 'id' | 'staff_id' | 'name' | 'created_at' | 'expires_at' | 'last_used_at'>;

/** The unrevoked personal token with this hash, with its staff member and clinic; undefined if none. */
export function unrevokedTokenByHash(db: Queryable, tokenHash: string): Promise<TokenPrincipal | undefined> {
  return db
    .selectFrom('staff_tokens as t')
    .innerJoin('staff as s', 's.id', 't.staff_id')
    .innerJoin('clinics as c', 'c.id', 't.clinic_id')
    .select([...STAFF_PRINCIPAL_COLUMNS, 't.expires_at', 't.last_used_at'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Notes that a personal token was used at `now`. */
export async function noteTokenUsed(trx: Trx, id: string, now: number): Promise<void> {
  await trx.updateTable('staff_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** Stores a personal token (its hash). */
export async function insertStaffToken(trx: Trx, row: Insertable<StaffTokenTable>): Promise<void> {
  await trx.insertInto('staff_tokens').values(row).execute();
}

/** A staff member's personal tokens that are neither revoked nor past their expiry at `now`, newest first. */
export function unexpiredTokensOfStaff(db: Queryable, clinicId: string, staffId: string, now: number): Promise<PersonalTokenRow[]> {
  return db
    .selectFrom('staff_tokens')
    .select(['id', 'staff_id', 'name', 'created_at', 'expires_at', 'last_used_at'])
    .where('clinic_id', '=', clinicId)
    .where('staff_id', '=', staffId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** Whether this staff member of this clinic has a personal token with this id (revoked or not). */
export async function isTokenOfStaff(db: Queryable, v: { clinicId: string; staffId: string; id: string }): Promise<boolean> {
  const row = await db
    .selectFrom('staff_tokens')
    .select('id')
    .where('id', '=', v.id)
    .where('clinic_id', '=', v.clinicId)
    .where('staff_id', '=', v.staffId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Revokes a personal token at `now`, unless it is revoked already. */
export async function revokeToken(trx: Trx, id: string, now: number): Promise<void> {
  await trx.updateTable('staff_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
