import type { Selectable } from 'kysely';
import type { StaffSignInFailureTable } from '../schema.js';
import type { Trx } from '../store.js';

type SignInFailureRow = Selectable<StaffSignInFailureTable>;

/**
 * Deletes the counts whose last failure was at or before `lastFailureBy` and whose lock (if any)
 * has run out by `now`, so the table holds only recent failures.
 */
export async function forgetSignInFailures(trx: Trx, lastFailureBy: number, now: number): Promise<void> {
  await trx.deleteFrom('staff_sign_in_failures').where('updated_at', '<=', lastFailureBy).where('locked_until', '<=', now).execute();
}

/** The failure counts of these keys (`account:…`, `address:…`) that exist. */
export function signInFailuresOf(trx: Trx, keys: string[]): Promise<SignInFailureRow[]> {
  return trx.selectFrom('staff_sign_in_failures').selectAll().where('key', 'in', keys).execute();
}

/** The failure count of one key; undefined if it has none. */
export function signInFailureOf(trx: Trx, key: string): Promise<SignInFailureRow | undefined> {
  return trx.selectFrom('staff_sign_in_failures').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Sets a key's count of failures, its lock (0: none) and the time of its last failure. */
export async function saveSignInFailures(trx: Trx, v: { key: string; failures: number; lockedUntil: number; now: number }): Promise<void> {
  const { key, failures, lockedUntil, now } = v;
  await trx
    .insertInto('staff_sign_in_failures')
    .values({ key, failures, locked_until: lockedUntil, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures, locked_until: lockedUntil, updated_at: now }))
    .execute();
}

/** Forgets a key's failures altogether. */
export async function clearSignInFailures(trx: Trx, key: string): Promise<void> {
  await trx.deleteFrom('staff_sign_in_failures').where('key', '=', key).execute();
}

/** Counts one failure fewer for a key that has any. */
export async function takeBackSignInFailure(trx: Trx, key: string): Promise<void> {
  await trx
    .updateTable('staff_sign_in_failures')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
}

/** Counts one failure fewer for a key that has any, and lifts its lock. */
export async function takeBackSignInFailureAndUnlock(trx: Trx, key: string): Promise<void> {
  await trx
    .updateTable('staff_sign_in_failures')
    .set((eb) => ({ failures: eb('failures', '-', 1), locked_until: 0 }))
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
}

/** Sets a key's time of last failure back to `before`, if it is still the one counted at `attemptAt`. */
export async function restoreLastFailureTime(trx: Trx, key: string, v: { attemptAt: number; before: number }): Promise<void> {
  await trx.updateTable('staff_sign_in_failures').set({ updated_at: v.before }).where('key', '=', key).where('updated_at', '=', v.attemptAt).execute();
}
