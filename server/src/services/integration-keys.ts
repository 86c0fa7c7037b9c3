import { type CreateStaffSessionBody, STAFF_SESSION_DEFAULT_MINUTES } from '@tidbok/core';
import { invalid, notFound } from '../errors.js';
import { hashSecret, newId, newSecret } from '../secrets.js';
import {
  insertIntegrationKey,
  integrationKeyOfClinic,
  noteIntegrationKeyUsed,
  revokeIntegrationKeyWithSessions,
  unrevokedIntegrationKeyByHash,
  unrevokedIntegrationKeysOfClinic,
} from '../store/repositories/integration-keys.js';
import { staffMemberByIdOrEmail } from '../store/repositories/staff.js';
import { iso, isoOrNull } from '../time.js';
import type { Actor } from './actor.js';
import { audit } from './audit.js';
import type { Deps } from './deps.js';
import { type ClinicRow, staffOf } from './rows.js';
import { lastUseDue } from './staff-principal.js';
import { createStaffSession } from './staff-sessions.js';

/**
 * Integration keys: what an intranet's own server holds to open staff sessions for the people it
 * has already signed in (the handshake). A key is not a staff token: `authenticateStaff` does not
 * know its prefix, so it reaches no admin route; it only opens sessions in its own clinic.
 */

export const INTEGRATION_KEY_PREFIX = 'tik';

export async function createIntegrationKey(deps: Deps, clinic: ClinicRow, name: string, createdBy: string | null, who?: Actor) {
  const key = newSecret(INTEGRATION_KEY_PREFIX);
  const row = {
    id: newId('ik'),
    clinic_id: clinic.id,
    name,
    key_hash: hashSecret(key),
    created_by: createdBy,
    created_at: deps.clock.now(),
    last_used_at: null,
    revoked_at: null,
  };
  await deps.store.write(async (trx) => {
    await insertIntegrationKey(trx, row);
    await audit(trx, row.created_at, clinic.id, who, { action: 'created', entity: 'integrationKey', id: row.id });
  });
  return { id: row.id, name, key, createdAt: iso(row.created_at) };
}

/** The clinic's keys that work, oldest first; never the key itself. */
export async function listIntegrationKeys(deps: Deps, clinic: ClinicRow) {
  const rows = await unrevokedIntegrationKeysOfClinic(deps.store.db, clinic.id);
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: iso(r.created_at), lastUsedAt: isoOrNull(r.last_used_at) }));
}

/**
 * Revokes a key and ends the sessions it opened: a key that leaked should not leave sessions
 * behind that were opened with it.
 */
export async function revokeIntegrationKey(deps: Deps, clinic: ClinicRow, id: string, who?: Actor): Promise<void> {
  await deps.store.write(async (trx) => {
    const row = await integrationKeyOfClinic(trx, clinic.id, id);
    if (!row || row.revoked_at !== null) throw notFound('Integration key');
    const now = deps.clock.now();
    await revokeIntegrationKeyWithSessions(trx, id, now);
    await audit(trx, now, clinic.id, who, { action: 'deleted', entity: 'integrationKey', id, summary: 'revoked with its sessions' });
  });
}

/** A key to its clinic; undefined when unknown or revoked. Last use is noted at most once a minute. */
export async function authenticateIntegrationKey(deps: Deps, key: string) {
  const row = await unrevokedIntegrationKeyByHash(deps.store.db, hashSecret(key));
  if (!row) return undefined;
  const now = deps.clock.now();
  if (lastUseDue(row.last_used_at, now)) {
    await deps.store.write((trx) => noteIntegrationKeyUsed(trx, row.id, now));
  }
  return { id: row.id, clinicId: row.clinic_id, clinicSlug: row.clinic_slug };
}

/**
 * The handshake: the intranet names its user (by e-mail, compared without regard to case, or
 * staff id) and gets a session for them. Unknown staff is 404; the intranet decides who may ask.
 */
export async function openIntegrationSession(
  deps: Deps,
  clinic: ClinicRow,
  keyId: string,
  body: CreateStaffSessionBody,
  client: { ip?: string; userAgent?: string },
) {
  if ((body.email === undefined) === (body.staffId === undefined)) {
    throw invalid('email', 'Give either email or staffId');
  }
  // Two staff rows with the same address are possible (e-mail is not unique): the oldest answers.
  const staff = await staffMemberByIdOrEmail(deps.store.db, clinic.id, { staffId: body.staffId, email: body.email });
  if (!staff) throw notFound('Staff member');
  const session = await createStaffSession(deps, undefined, {
    staff,
    method: 'integration',
    ttlMinutes: body.ttlMinutes ?? STAFF_SESSION_DEFAULT_MINUTES,
    integrationKeyId: keyId,
    client,
  });
  return { token: session.token, expiresAt: session.expiresAt, staff: staffOf(staff) };
}
