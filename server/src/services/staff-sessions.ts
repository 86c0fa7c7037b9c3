import { notFound } from '../errors.js';
import { hashSecret, newId, newSecret } from '../secrets.js';
import {
  insertStaffSession,
  isSessionOfClinic,
  noteSessionSeen,
  revokeSession,
  revokeSessionsOfStaff,
  sessionOwner,
  unexpiredSessionsOfStaff,
  unrevokedSessionByTokenHash,
} from '../store/repositories/staff-sessions.js';
import type { Trx } from '../store/store.js';
import { iso } from '../time.js';
import type { Deps } from './deps.js';
import { lastUseDue, type StaffPrincipal, tokenExpired } from './staff-principal.js';

/**
 * Staff sessions: short-lived sign-ins, as opposed to the long-lived personal tokens that scripts
 * hold. Whatever signs a person in (the intranet handshake, a passkey, a password, an invitation
 * link) ends here with a `tss_` token; only its hash is stored. A session has a hard expiry and
 * may have an idle timeout; people can list theirs and end one or all of them.
 */

/** The prefix `authenticateStaff` tells sessions from personal tokens by. */
export const SESSION_TOKEN_PREFIX = 'tss';

export type StaffSessionMethod = 'integration' | 'passkey' | 'password' | 'invitation';

export interface CreateStaffSessionInput {
  staff: { id: string; clinic_id: string };
  method: StaffSessionMethod;
  ttlMinutes: number;
  /** Ends the session after this many minutes without a request; none if left out. */
  idleMinutes?: number;
  /** The integration key that asked for it: revoking the key ends the session too. */
  integrationKeyId?: string;
  /** Who opened it, for the list of sessions ("Firefox on Linux, 192.0.2.1"). */
  client?: { ip?: string; userAgent?: string };
}

export interface CreatedStaffSession {
  id: string;
  token: string;
  expiresAt: string;
}

/** Opens a session; inside `trx` when the caller is already writing (an invitation accepted). */
export async function createStaffSession(deps: Deps, trx: Trx | undefined, input: CreateStaffSessionInput): Promise<CreatedStaffSession> {
  if (!(input.ttlMinutes > 0)) throw new Error('A session needs a positive lifetime');
  const now = deps.clock.now();
  const token = newSecret(SESSION_TOKEN_PREFIX);
  const row = {
    id: newId('ss'),
    clinic_id: input.staff.clinic_id,
    staff_id: input.staff.id,
    token_hash: hashSecret(token),
    method: input.method,
    integration_key_id: input.integrationKeyId ?? null,
    created_at: now,
    expires_at: now + Math.round(input.ttlMinutes * 60_000),
    idle_timeout_ms: input.idleMinutes ? Math.round(input.idleMinutes * 60_000) : null,
    last_seen_at: now,
    revoked_at: null,
    client_summary: input.client ? clientSummary(input.client) : null,
  };
  const insert = (t: Trx) => insertStaffSession(t, row);
  if (trx) await insert(trx);
  else await deps.store.write(insert);
  return { id: row.id, token, expiresAt: iso(row.expires_at) };
}

/** "Firefox on Linux, 192.0.2.1": enough to recognise a session, not a fingerprint. */
export function clientSummary({ ip, userAgent }: { ip?: string; userAgent?: string }): string | null {
  const parts: string[] = [];
  if (userAgent) {
    const browser = /Edg\//.test(userAgent)
      ? 'Edge'
      : /Firefox\//.test(userAgent)
        ? 'Firefox'
        : /Chrom(e|ium)\//.test(userAgent)
          ? 'Chrome'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : null;
    const system = /Windows/.test(userAgent)
      ? 'Windows'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Android/.test(userAgent)
            ? 'Android'
            : /Linux/.test(userAgent)
              ? 'Linux'
              : null;
    if (browser && system) parts.push(`${browser} on ${system}`);
    else parts.push((browser ?? system ?? userAgent.replace(/[^\x20-\x7e]/g, '').slice(0, 40)) || 'Unknown client');
  }
  if (ip) parts.push(ip.slice(0, 45));
  return parts.length ? parts.join(', ') : null;
}

/**
 * A `tss_` token to its staff member: undefined when unknown or revoked, `token_expired` (401)
 * when past its expiry or idle for too long, so a page knows to fetch a new one.
 */
export async function authenticateSession(deps: Deps, token: string): Promise<StaffPrincipal | undefined> {
  const row = await unrevokedSessionByTokenHash(deps.store.db, hashSecret(token));
  if (!row) return undefined;
  const now = deps.clock.now();
  if (now >= row.expires_at) throw tokenExpired('session');
  if (row.idle_timeout_ms !== null && now >= row.last_seen_at + row.idle_timeout_ms) throw tokenExpired('session');
  if (lastUseDue(row.last_seen_at, now)) {
    await deps.store.write((trx) => noteSessionSeen(trx, row.token_id, now));
  }
  const { expires_at: _e, idle_timeout_ms: _i, last_seen_at: _l, ...principal } = row;
  return principal;
}

/** A session as its owner and admins see it. */
export interface StaffSessionView {
  id: string;
  staffId: string;
  method: StaffSessionMethod;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  idleTimeoutMinutes: number | null;
  client: string | null;
  /** The session this request came with. */
  current: boolean;
}

/** The staff member's sessions that still work, newest first. */
export async function listStaffSessions(deps: Deps, clinicId: string, staffId: string, currentId: string | null = null): Promise<StaffSessionView[]> {
  const now = deps.clock.now();
  const rows = await unexpiredSessionsOfStaff(deps.store.db, clinicId, staffId, now);
  return rows
    .filter((r) => r.idle_timeout_ms === null || now < r.last_seen_at + r.idle_timeout_ms)
    .map((r) => ({
      id: r.id,
      staffId: r.staff_id,
      method: r.method as StaffSessionMethod,
      createdAt: iso(r.created_at),
      expiresAt: iso(r.expires_at),
      lastSeenAt: iso(r.last_seen_at),
      idleTimeoutMinutes: r.idle_timeout_ms === null ? null : Math.round(r.idle_timeout_ms / 60_000),
      client: r.client_summary,
      current: r.id === currentId,
    }));
}

/** The owner of a session in this clinic (revoked or not), or 404. */
export async function staffSessionOwner(deps: Deps, clinicId: string, id: string): Promise<string> {
  const owner = await sessionOwner(deps.store.db, clinicId, id);
  if (owner === undefined) throw notFound('Session');
  return owner;
}

/** Ends one session at once (idempotent: ending an ended session is not an error). */
export async function revokeStaffSession(deps: Deps, clinicId: string, id: string): Promise<void> {
  await deps.store.write(async (trx) => {
    if (!(await isSessionOfClinic(trx, clinicId, id))) throw notFound('Session');
    await revokeSession(trx, id, deps.clock.now());
  });
}

/** "Log out everywhere": every session of the staff member ends. Personal tokens stay. */
export async function revokeAllStaffSessions(deps: Deps, staffId: string, trx?: Trx): Promise<number> {
  const run = (t: Trx) => revokeSessionsOfStaff(t, staffId, deps.clock.now());
  return trx ? run(trx) : deps.store.write(run);
}
