import { notFound } from '../errors.js';
import { hashSecret, newId, newSecret } from '../secrets.js';
import {
  insertStaffToken,
  isTokenOfStaff,
  noteTokenUsed,
  revokeToken,
  unexpiredTokensOfStaff,
  unrevokedTokenByHash,
} from '../store/repositories/staff-tokens.js';
import type { Trx } from '../store/store.js';
import { iso, isoOrNull } from '../time.js';
import type { Deps } from './deps.js';
import { lastUseDue, type StaffPrincipal, tokenExpired } from './staff-principal.js';

/**
 * Personal API tokens (`tbs_`): what scripts hold. They last until revoked or until their optional
 * expiry; their owner and admins can list and revoke them. Only the hash is stored.
 */

/** A personal token as its owner and admins see it (never the secret). */
export interface PersonalTokenView {
  id: string;
  staffId: string;
  name: string | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  /** The token this request came with. */
  current: boolean;
}

/** A `tbs_` token to its staff member; `token_expired` past its expiry; last use noted once a minute. */
export async function authenticatePersonalToken(deps: Deps, token: string): Promise<StaffPrincipal | undefined> {
  const row = await unrevokedTokenByHash(deps.store.db, hashSecret(token));
  if (!row) return undefined;
  const now = deps.clock.now();
  if (row.expires_at !== null && now >= row.expires_at) throw tokenExpired('token');
  if (lastUseDue(row.last_used_at, now)) {
    await deps.store.write((trx) => noteTokenUsed(trx, row.token_id, now));
  }
  const { expires_at: _e, last_used_at: _l, ...principal } = row;
  return principal;
}

/** Stores a new personal token for a staff member (only its hash); the row and the secret. */
export async function insertPersonalToken(
  trx: Trx,
  now: number,
  staff: { id: string; clinic_id: string },
  options: { name: string | null; expiresAt: number | null },
) {
  const token = newSecret('tbs');
  const row = {
    id: newId('tk'),
    clinic_id: staff.clinic_id,
    staff_id: staff.id,
    token_hash: hashSecret(token),
    created_at: now,
    revoked_at: null,
    name: options.name,
    expires_at: options.expiresAt,
    last_used_at: null,
  };
  await insertStaffToken(trx, row);
  return { token, row };
}

/** A new named token for a staff member; the secret is returned once. */
export async function createPersonalToken(deps: Deps, staff: { id: string; clinic_id: string }, input: { name: string; expiresInDays?: number | undefined }) {
  const now = deps.clock.now();
  const expiresAt = input.expiresInDays ? now + input.expiresInDays * 86_400_000 : null;
  const { token, row } = await deps.store.write((trx) => insertPersonalToken(trx, now, staff, { name: input.name, expiresAt }));
  return { token, tokenInfo: viewOf(row, null) };
}

function viewOf(
  r: { id: string; staff_id: string; name: string | null; created_at: number; expires_at: number | null; last_used_at: number | null },
  currentId: string | null,
): PersonalTokenView {
  return {
    id: r.id,
    staffId: r.staff_id,
    name: r.name,
    createdAt: iso(r.created_at),
    expiresAt: isoOrNull(r.expires_at),
    lastUsedAt: isoOrNull(r.last_used_at),
    current: r.id === currentId,
  };
}

/** A staff member's tokens that still work, newest first. */
export async function listPersonalTokens(deps: Deps, clinicId: string, staffId: string, currentId: string | null = null) {
  const now = deps.clock.now();
  const rows = await unexpiredTokensOfStaff(deps.store.db, clinicId, staffId, now);
  return rows.map((r) => viewOf(r, currentId));
}

/** Revokes one of a staff member's tokens; 404 if it is not theirs (or not in this clinic). */
export async function revokePersonalToken(deps: Deps, clinicId: string, staffId: string, id: string): Promise<void> {
  await deps.store.write(async (trx) => {
    if (!(await isTokenOfStaff(trx, { clinicId, staffId, id }))) throw notFound('Token');
    await revokeToken(trx, id, deps.clock.now());
  });
}
