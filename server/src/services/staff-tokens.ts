import { notFound } from '../errors.js';
import { hashSecret, newId, newSecret } from '../secrets.js';
import type { Trx } from '../store/store.js';
import { iso, isoOrNull } from '../time.js';
import type { Deps } from './deps.js';
import { lastUseDue, STAFF_PRINCIPAL_COLUMNS, type StaffPrincipal, tokenExpired } from './staff-principal.js';

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
  const row = await deps.store.db
    .selectFrom('staff_tokens as t')
    .innerJoin('staff as s', 's.id', 't.staff_id')
    .innerJoin('clinics as c', 'c.id', 't.clinic_id')
    .select([...STAFF_PRINCIPAL_COLUMNS, 't.expires_at', 't.last_used_at'])
    .where('t.token_hash', '=', hashSecret(token))
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const now = deps.clock.now();
  if (row.expires_at !== null && now >= row.expires_at) throw tokenExpired('token');
  if (lastUseDue(row.last_used_at, now)) {
    await deps.store.write((trx) => trx.updateTable('staff_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute());
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
  await trx.insertInto('staff_tokens').values(row).execute();
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
  const rows = await deps.store.db
    .selectFrom('staff_tokens')
    .select(['id', 'staff_id', 'name', 'created_at', 'expires_at', 'last_used_at'])
    .where('clinic_id', '=', clinicId)
    .where('staff_id', '=', staffId)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => viewOf(r, currentId));
}

/** Revokes one of a staff member's tokens; 404 if it is not theirs (or not in this clinic). */
export async function revokePersonalToken(deps: Deps, clinicId: string, staffId: string, id: string): Promise<void> {
  await deps.store.write(async (trx) => {
    const row = await trx
      .selectFrom('staff_tokens')
      .select('id')
      .where('id', '=', id)
      .where('clinic_id', '=', clinicId)
      .where('staff_id', '=', staffId)
      .executeTakeFirst();
    if (!row) throw notFound('Token');
    await trx.updateTable('staff_tokens').set({ revoked_at: deps.clock.now() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  });
}
