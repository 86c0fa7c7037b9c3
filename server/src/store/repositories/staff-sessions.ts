import type { Insertable, Selectable } from 'kysely';
import type { StaffSessionTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';
import { STAFF_PRINCIPAL_COLUMNS, type StaffPrincipal } from './staff.js';

type StaffSessionRow = Selectable<StaffSessionTable>;

/** A session that is not revoked, as its principal with the times that decide whether it still works. */
export type SessionPrincipal = StaffPrincipal & Pick<StaffSessionRow, 'expires_at' | 'idle_timeout_ms' | 'last_seen_at'>;

/** Opens a session (its token stored hashed). */
export async function insertStaffSession(trx: Trx, row: Insertable<StaffSessionTable>): Promise<void> {
  await trx.insertInto('staff_sessions').values(row).execute();
}

/** The unrevoked session with this token hash, with its staff member and clinic; undefined if none. */
export function unrevokedSessionByTokenHash(db: Queryable, tokenHash: string): Promise<SessionPrincipal | undefined> {
  return db
    .selectFrom('staff_sessions as t')
    .innerJoin('staff as s', 's.id', 't.staff_id')
    .innerJoin('clinics as c', 'c.id', 't.clinic_id')
    .select([...STAFF_PRINCIPAL_COLUMNS, 't.expires_at', 't.idle_timeout_ms', 't.last_seen_at'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Notes that a session was seen at `now` (its idle timeout runs from here). */
export async function noteSessionSeen(trx: Trx, id: string, now: number): Promise<void> {
  await trx.updateTable('staff_sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

/** A staff member's sessions that are neither revoked nor past their expiry at `now`, newest first (idle ones included). */
export function unexpiredSessionsOfStaff(db: Queryable, clinicId: string, staffId: string, now: number): Promise<StaffSessionRow[]> {
  return db
    .selectFrom('staff_sessions')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('staff_id', '=', staffId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** The staff member a session in this clinic belongs to (revoked or not); undefined if there is no such session. */
export async function sessionOwner(db: Queryable, clinicId: string, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('staff_sessions').select('staff_id').where('id', '=', id).where('clinic_id', '=', clinicId).executeTakeFirst();
  return row?.staff_id;
}

/** Whether the clinic has a session with this id (revoked or not). */
export async function isSessionOfClinic(db: Queryable, clinicId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('staff_sessions').select('id').where('id', '=', id).where('clinic_id', '=', clinicId).executeTakeFirst();
  return row !== undefined;
}

/** Ends a session at `now`, unless it has ended already. */
export async function revokeSession(trx: Trx, id: string, now: number): Promise<void> {
  await trx.updateTable('staff_sessions').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** Ends every session of a staff member that has not ended yet; how many there were. */
export async function revokeSessionsOfStaff(trx: Trx, staffId: string, now: number): Promise<number> {
  const result = await trx
    .updateTable('staff_sessions')
    .set({ revoked_at: now })
    .where('staff_id', '=', staffId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
