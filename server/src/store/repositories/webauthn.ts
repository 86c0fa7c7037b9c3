import type { Insertable, Selectable } from 'kysely';
import type { StaffAuthChallengeTable, StaffPasskeyTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

type StaffAuthChallengeRow = Selectable<StaffAuthChallengeTable>;
type StaffPasskeyRow = Selectable<StaffPasskeyTable>;

// ---- Challenges ----

/** Keeps a new challenge, after deleting those expired by `now`. */
export async function purgeExpiredAndInsertChallenge(trx: Trx, row: Insertable<StaffAuthChallengeTable>, now: number): Promise<void> {
  // Old unanswered challenges go whenever a new one is made, so the table stays small.
  await trx.deleteFrom('staff_auth_challenges').where('expires_at', '<=', now).execute();
  await trx.insertInto('staff_auth_challenges').values(row).execute();
}

/** The clinic's challenge with this id, deleted as it is read (each is answered once); undefined if none. */
export async function takeChallenge(trx: Trx, clinicId: string, id: string): Promise<StaffAuthChallengeRow | undefined> {
  const found = await trx.selectFrom('staff_auth_challenges').selectAll().where('id', '=', id).where('clinic_id', '=', clinicId).executeTakeFirst();
  if (found) await trx.deleteFrom('staff_auth_challenges').where('id', '=', id).execute();
  return found;
}

// ---- Passkeys ----

/** A staff member's passkeys, oldest first. */
export function passkeysOfStaff(db: Queryable, staffId: string): Promise<StaffPasskeyRow[]> {
  return db.selectFrom('staff_passkeys').selectAll().where('staff_id', '=', staffId).orderBy('created_at').execute();
}

/** The credential ids and transports of a staff member's passkeys (to exclude from a new registration). */
export function passkeyCredentialsOfStaff(db: Queryable, staffId: string): Promise<Pick<StaffPasskeyRow, 'credential_id' | 'transports'>[]> {
  return db.selectFrom('staff_passkeys').select(['credential_id', 'transports']).where('staff_id', '=', staffId).execute();
}

/** Whether a passkey with this credential id is registered, with anyone. */
export async function isCredentialRegistered(db: Queryable, credentialId: string): Promise<boolean> {
  const taken = await db.selectFrom('staff_passkeys').select('id').where('credential_id', '=', credentialId).executeTakeFirst();
  return taken !== undefined;
}

/** Keeps a new passkey. */
export async function insertPasskey(trx: Trx, row: Insertable<StaffPasskeyTable>): Promise<void> {
  await trx.insertInto('staff_passkeys').values(row).execute();
}

/** The clinic's passkey with this credential id; undefined if none. */
export function passkeyOfClinic(db: Queryable, clinicId: string, credentialId: string): Promise<StaffPasskeyRow | undefined> {
  return db.selectFrom('staff_passkeys').selectAll().where('credential_id', '=', credentialId).where('clinic_id', '=', clinicId).executeTakeFirst();
}

/** Notes a sign-in with a passkey: its new signature counter, and when. */
export async function notePasskeyUsed(trx: Trx, id: string, v: { counter: number; now: number }): Promise<void> {
  await trx.updateTable('staff_passkeys').set({ counter: v.counter, last_used_at: v.now }).where('id', '=', id).execute();
}

/** Removes one of a staff member's passkeys; whether there was one to remove. */
export async function removePasskeyOfStaff(trx: Trx, staffId: string, id: string): Promise<boolean> {
  const removed = await trx.deleteFrom('staff_passkeys').where('id', '=', id).where('staff_id', '=', staffId).executeTakeFirst();
  return Number(removed.numDeletedRows) === 1;
}
