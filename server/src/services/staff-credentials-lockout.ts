import { ApiError } from '../errors.js';
import {
  clearSignInFailures,
  forgetSignInFailures,
  restoreLastFailureTime,
  saveSignInFailures,
  signInFailureOf,
  signInFailuresOf,
  takeBackSignInFailure,
  takeBackSignInFailureAndUnlock,
} from '../store/repositories/staff-credentials-lockout.js';
import type { Trx } from '../store/store.js';
import type { Deps } from './deps.js';

/**
 * Slow-down and lock-out of password sign-in, kept in the database so every server process
 * sees the same counts.
 *
 * - Per account (clinic + e-mail, whether or not the e-mail belongs to anyone, so the answers do
 *   not tell): after a failure the next attempt must wait 1 s, then 2, 4, 8 s; the fifth failure
 *   locks the account's password sign-in for 15 minutes. Passkeys still work while it is locked:
 *   a lock-out someone else causes never keeps the owner of a passkey out.
 * - Per client address: 20 failures lock that address out of password sign-in for 15 minutes,
 *   whichever accounts it tried (guessing across many e-mails). An office behind one address
 *   has 20 mistakes before it notices.
 * Counts are forgotten 15 minutes after the last failure; a successful sign-in clears the
 * account's count (not the address's).
 */
export const ACCOUNT_LOCK_AFTER = 5;
export const ADDRESS_LOCK_AFTER = 20;
export const LOCK_MS = 15 * 60_000;
const FORGET_MS = 15 * 60_000;
const FIRST_DELAY_MS = 1_000;

export interface AttemptKeys {
  account: string;
  address: string;
}

export function attemptKeys(clinicId: string, email: string, address: string): AttemptKeys {
  return { account: `account:${clinicId}:${email.trim().toLowerCase()}`, address: `address:${address}` };
}

const retryAfter = (ms: number) => ({ 'Retry-After': String(Math.max(1, Math.ceil(ms / 1000))) });

function lockedError(until: number, now: number, which: 'account' | 'address') {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  const whose = which === 'account' ? 'this account' : 'this address';
  return new ApiError(
    'sign_in_locked',
    `Too many failed attempts: password sign-in for ${whose} is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}. Passkeys still work.`,
    undefined,
    retryAfter(until - now),
  );
}

async function bump(trx: Trx, key: string, lockAfter: number, now: number): Promise<{ lockedUntil: number; before: number }> {
  const row = await signInFailureOf(trx, key);
  const stale = !row || (row.updated_at + FORGET_MS <= now && row.locked_until <= now);
  // After a lock has run out, the next failure locks again at once.
  const failures = stale ? 1 : row.failures + 1;
  const lockedUntil = failures >= lockAfter ? now + LOCK_MS : 0;
  await saveSignInFailures(trx, { key, failures, lockedUntil, now });
  return { lockedUntil, before: stale ? 0 : row.updated_at };
}

/** An attempt under way: counted as a failure until `succeeded` says otherwise. */
export interface Attempt {
  keys: AttemptKeys;
  at: number;
  accountLockedUntil: number;
  addressLockedUntil: number;
  /** When each key's last failure was before this attempt (0: none worth keeping). */
  before: Record<string, number>;
}

/**
 * Refuses the attempt while either key is locked or the account must still wait after a
 * failure; otherwise counts it as a failure *before* the password is checked, in the same
 * transaction as the check, so that many attempts sent at once cannot all pass the check before
 * the first one is counted.
 */
export async function beginAttempt(deps: Deps, keys: AttemptKeys): Promise<Attempt> {
  return deps.store.write(async (trx) => {
    const now = deps.clock.now();
    // Counts past their time go here, so the table holds only the last quarter hour's failures.
    await forgetSignInFailures(trx, now - FORGET_MS, now);
    const rows = await signInFailuresOf(trx, [keys.account, keys.address]);
    for (const row of rows) {
      if (row.updated_at + FORGET_MS <= now && row.locked_until <= now) continue;
      const which = row.key === keys.account ? 'account' : 'address';
      if (row.locked_until > now) throw lockedError(row.locked_until, now, which);
      if (which === 'account' && row.failures > 0) {
        const allowedAt = row.updated_at + FIRST_DELAY_MS * 2 ** (row.failures - 1);
        if (allowedAt > now) {
          throw new ApiError('rate_limited', 'Wait a moment before trying again after a failed sign-in', undefined, retryAfter(allowedAt - now));
        }
      }
    }
    const account = await bump(trx, keys.account, ACCOUNT_LOCK_AFTER, now);
    const address = await bump(trx, keys.address, ADDRESS_LOCK_AFTER, now);
    return {
      keys,
      at: now,
      accountLockedUntil: account.lockedUntil,
      addressLockedUntil: address.lockedUntil,
      before: { [keys.account]: account.before, [keys.address]: address.before },
    };
  });
}

/** The error a failed attempt answers with: the lock it caused, else `unauthorized` with `detail`. */
export function failed(attempt: Attempt, detail: string): ApiError {
  if (attempt.accountLockedUntil) return lockedError(attempt.accountLockedUntil, attempt.at, 'account');
  if (attempt.addressLockedUntil) return lockedError(attempt.addressLockedUntil, attempt.at, 'address');
  return new ApiError('unauthorized', detail);
}

/** Takes back the failure counted in advance: the account starts afresh, the address one less. */
export async function succeeded(deps: Deps, attempt: Attempt): Promise<void> {
  await deps.store.write(async (trx) => {
    await clearSignInFailures(trx, attempt.keys.account);
    await takeBackSignInFailure(trx, attempt.keys.address);
  });
}

/**
 * Takes back the failure counted in advance, on both keys, without clearing anything: for a
 * right password that still needs its TOTP code. Clearing there would let someone who has the
 * password reset the count between guesses of the code.
 */
export async function notCounted(deps: Deps, attempt: Attempt): Promise<void> {
  await deps.store.write(async (trx) => {
    for (const key of [attempt.keys.account, attempt.keys.address]) {
      await takeBackSignInFailureAndUnlock(trx, key);
      // The wait after the last real failure runs from that failure again, unless another
      // attempt has come since.
      await restoreLastFailureTime(trx, key, { attemptAt: attempt.at, before: attempt.before[key] ?? 0 });
    }
  });
}
