import type { Insertable, Selectable } from 'kysely';
import type { StaffInvitationTable, StaffTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

/** An invitation's staff member, with the invitation's id and state. */
export type InvitedStaffRow = Selectable<StaffTable> & { invitation_id: string; invitation_expires_at: number; invitation_used_at: number | null };

/** Ends a staff member's unused invitations that still work at `now` (they expire now). */
export async function expireOpenInvitations(trx: Trx, staffId: string, now: number): Promise<void> {
  await trx
    .updateTable('staff_invitations')
    .set({ expires_at: now })
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

/** Stores a new invitation (the hash of its token). */
export async function insertInvitation(trx: Trx, row: Insertable<StaffInvitationTable>): Promise<void> {
  await trx.insertInto('staff_invitations').values(row).execute();
}

/** The clinic's invitation with this token hash (used, expired or not) and its staff member; undefined if none. */
export function invitationByTokenHash(db: Queryable, clinicId: string, tokenHash: string): Promise<InvitedStaffRow | undefined> {
  return db
    .selectFrom('staff_invitations as i')
    .innerJoin('staff as s', 's.id', 'i.staff_id')
    .selectAll('s')
    .select(['i.id as invitation_id', 'i.expires_at as invitation_expires_at', 'i.used_at as invitation_used_at'])
    .where('i.token_hash', '=', tokenHash)
    .where('i.clinic_id', '=', clinicId)
    .executeTakeFirst();
}

/**
 * Marks an invitation used at `now` if it is unused and has not expired; whether it was. Run in
 * the transaction that sets the credential: the conditional update lets exactly one of two
 * requests with the same link through.
 */
export async function markInvitationUsed(trx: Trx, id: string, now: number): Promise<boolean> {
  const result = await trx
    .updateTable('staff_invitations')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
