import { ApiError } from '../errors.js';

/**
 * Why: a staff member is signed in by a session (`tss_`), a personal token (`tbs_`) or an
 * integration key's session; each lookup answers with the same principal, throws the same
 * error past its expiry, and notes its last use at most once a minute. This file is what they
 * share.
 */

/** What `authenticateStaff` needs from a staff token or session (its columns: store/repositories/staff.ts). */
export type { StaffPrincipal } from '../store/repositories/staff.js';

export function tokenExpired(what: string): ApiError {
  return new ApiError('token_expired', `The ${what} has expired; sign in again or fetch a new token`);
}

/**
 * How stale `last_seen_at` may get: a session seen again within a minute is not written to, so an
 * active page costs one write a minute, not one per request. The idle timeout is measured from
 * this value, so it can end a session up to a minute early, never late.
 */
export const LAST_SEEN_GRANULARITY_MS = 60_000;

/** Whether a last-use time (null: never used) is stale enough to be written again. */
export function lastUseDue(lastUsedAt: number | null, now: number): boolean {
  return lastUsedAt === null || now - lastUsedAt >= LAST_SEEN_GRANULARITY_MS;
}
