import { type CreateStaffSessionBody, STAFF_SESSION_DEFAULT_MINUTES } from '@tidbok/core';
import { invalid, notFound } from '../errors.js';
import { hashSecret, newId, newSecret } from '../secrets.js';
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
    await trx.insertInto('integration_keys').values(row).execute();
    await audit(trx, row.created_at, clinic.id, who, { action: 'created', entity: 'integrationKey', id: row.id });
  });
  return { id: row.id, name, key, createdAt: iso(row.created_at) };
}

/** The clinic's keys that work, oldest first; never the key itself. */
export async function listIntegrationKeys(deps: Deps, clinic: ClinicRow) {
  const rows = await deps.store.db
    .selectFrom('integration_keys')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('clinic_id', '=', clinic.id)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: iso(r.created_at), lastUsedAt: isoOrNull(r.last_used_at) }));
}

/**
 * Revokes a key and ends the sessions it opened: a key that leaked should not leave sessions
 * behind that were opened with it.
 */
export async function revokeIntegrationKey(deps: Deps, clinic: ClinicRow, id: string, who?: Actor): Promise<void> {
  await deps.store.write(async (trx) => {
    const row = await trx
      .selectFrom('integration_keys')
      .select(['id', 'revoked_at'])
      .where('id', '=', id)
      .where('clinic_id', '=', clinic.id)
      .executeTakeFirst();
    if (!row || row.revoked_at !== null) throw notFound('Integration key');
    const now = deps.clock.now();
    await trx.updateTable('integration_keys').set({ revoked_at: now }).where('id', '=', id).execute();
    await trx.updateTable('staff_sessions').set({ revoked_at: now }).where('integration_key_id', '=', id).where('revoked_at', 'is', null).execute();
    await audit(trx, now, clinic.id, who, { action: 'deleted', entity: 'integrationKey', id, summary: 'revoked with its sessions' });
  });
}

/** A key to its clinic; undefined when unknown or revoked. Last use is noted at most once a minute. */
export async function authenticateIntegrationKey(deps: Deps, key: string) {
  const row = await deps.store.db
    .selectFrom('integration_keys as k')
    .innerJoin('clinics as c', 'c.id', 'k.clinic_id')
    .select(['k.id', 'k.clinic_id', 'k.last_used_at', 'c.slug as clinic_slug'])
    .where('k.key_hash', '=', hashSecret(key))
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const now = deps.clock.now();
  if (lastUseDue(row.last_used_at, now)) {
    await deps.store.write((trx) => trx.updateTable('integration_keys').set({ last_used_at: now }).where('id', '=', row.id).execute());
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
  let query = deps.store.db.selectFrom('staff').selectAll().where('clinic_id', '=', clinic.id);
  if (body.staffId !== undefined) query = query.where('id', '=', body.staffId);
  else query = query.where((eb) => eb(eb.fn('lower', ['email']), '=', (body.email ?? '').toLowerCase()));
  // Two staff rows with the same address are possible (e-mail is not unique): the oldest answers.
  const staff = await query.orderBy('created_at').orderBy('id').executeTakeFirst();
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
