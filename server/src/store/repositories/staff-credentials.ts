import type { Selectable } from 'kysely';
import type { StaffPasswordTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

type StaffPasswordRow = Selectable<StaffPasswordTable>;

/** A staff member's password hash and TOTP state; undefined when they have no password. */
export function passwordOfStaff(db: Queryable, staffId: string): Promise<StaffPasswordRow | undefined> {
  return db.selectFrom('staff_passwords').selectAll().where('staff_id', '=', staffId).executeTakeFirst();
}

/** Whether a staff member has a password and a TOTP secret, for their own page; undefined without a password. */
export function passwordSummaryOfStaff(db: Queryable, staffId: string): Promise<Pick<StaffPasswordRow, 'totp_secret' | 'updated_at'> | undefined> {
  return db.selectFrom('staff_passwords').select(['totp_secret', 'updated_at']).where('staff_id', '=', staffId).executeTakeFirst();
}

/**
 * Takes TOTP time step `step` for a sign-in, if no later or equal step was taken before; whether
 * it was. Conditional, so one code cannot sign in twice even when sent twice at once.
 */
export async function takeTotpStep(trx: Trx, staffId: string, step: number): Promise<boolean> {
  const taken = await trx
    .updateTable('staff_passwords')
    .set({ totp_last_step: step })
    .where('staff_id', '=', staffId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/**
 * Sets (or replaces) a staff member's password; with `sealedTotp`, also the TOTP secret (its last
 * step forgotten). Replacing a password without one keeps the secret the person has.
 */
export async function setStaffPassword(
  trx: Trx,
  v: { staffId: string; clinicId: string; passwordHash: string; sealedTotp: string | null; now: number },
): Promise<void> {
  const { passwordHash: password_hash, sealedTotp, now } = v;
  await trx
    .insertInto('staff_passwords')
    .values({ staff_id: v.staffId, clinic_id: v.clinicId, password_hash, totp_secret: sealedTotp, totp_last_step: null, updated_at: now })
    .onConflict((oc) =>
      oc.column('staff_id').doUpdateSet({ password_hash, updated_at: now, ...(sealedTotp ? { totp_secret: sealedTotp, totp_last_step: null } : {}) }),
    )
    .execute();
}

/** Gives a staff member's password a (new) TOTP secret, `step` already used; false when they have no password. */
export async function setTotpSecret(trx: Trx, staffId: string, v: { sealed: string; step: number; now: number }): Promise<boolean> {
  const result = await trx
    .updateTable('staff_passwords')
    .set({ totp_secret: v.sealed, totp_last_step: v.step, updated_at: v.now })
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes a staff member's TOTP secret (the password stays). */
export async function removeTotpSecret(trx: Trx, staffId: string): Promise<void> {
  await trx.updateTable('staff_passwords').set({ totp_secret: null, totp_last_step: null }).where('staff_id', '=', staffId).execute();
}
