import {
  type ClientHistory,
  type ClientHistoryQuery,
  type ClientNotes,
  type ClientVisit,
  type CreateClientBody,
  LIMITS,
  type ListClientsQuery,
  type UpdateClientBody,
  type UpdateClientNotesBody,
} from '@tidbok/core';
import { ApiError, notFound } from '../errors.js';
import { rememberStaffNumber } from '../notifications/sms-guard.js';
import { newId } from '../secrets.js';
import { revokeTestSessionsOfClient } from '../store/repositories/client-auth.js';
import {
  addClient,
  clientById,
  clientHasBookings,
  clientNotes,
  clientsOfClinic,
  removeClient,
  saveClient,
  saveClientNotes,
  visitsOfClient,
  type ClientVisitRow,
} from '../store/repositories/clients.js';
import type { Db, Trx } from '../store/store.js';
import { type Actor, ownPractitioner } from './actor.js';
import { audit, changedFields } from './audit.js';
import { requireTreats } from './client-scope.js';
import type { Deps } from './deps.js';
import { type ClientRow, type ClinicRow, clientOf, type StaffRow } from './rows.js';
import { iso } from '../time.js';
import { emitClientUpdated } from '../webhooks/emit.js';

const normEmail = (email: string | null | undefined) => (email ? email.trim().toLowerCase() : null);
/** Personal numbers are stored as 12 digits with a dash (YYYYMMDD-XXXX) whatever form was typed. */
export function normalisePersonalNumber(value: string | null | undefined, today = new Date()): string | null {
  if (!value) return null;
  const digits = value.replace(/[^0-9]/g, '');
  if (digits.length === 12) return `${digits.slice(0, 8)}-${digits.slice(8)}`;
  // Ten digits: the century follows from the separator ('+' = 100 years or older).
  const yy = Number(digits.slice(0, 2));
  const currentYy = today.getUTCFullYear() % 100;
  let century = Math.floor(today.getUTCFullYear() / 100) - (yy > currentYy ? 1 : 0);
  if (value.includes('+')) century -= 1;
  return `${century}${digits.slice(0, 6)}-${digits.slice(6)}`;
}

export async function listClients({ store }: Deps, clinic: ClinicRow, query: ListClientsQuery, who?: Actor) {
  // A practitioner lists the clients they treat (client-scope.ts); unlinked, none.
  const own = ownPractitioner(who);
  const rows = await clientsOfClinic(store.db, {
    clinicId: clinic.id,
    treatedBy: own,
    search: query.q,
    limit: query.limit ?? 100,
  });
  return rows.map(clientOf);
}

export async function findClient(db: Db | Trx, clinicId: string, id: string): Promise<ClientRow> {
  const row = await clientById(db, clinicId, id);
  if (!row) throw notFound('Client');
  return row;
}

export async function insertClient(trx: Trx, clinicId: string, now: number, body: CreateClientBody, duplicateOf: string | null = null): Promise<ClientRow> {
  const row: ClientRow = {
    id: newId('cli'),
    clinic_id: clinicId,
    name: body.name,
    email: body.email ?? null,
    email_norm: normEmail(body.email),
    phone: body.phone ?? null,
    personal_number: normalisePersonalNumber(body.personalNumber, new Date(now)),
    is_test: body.isTest ? 1 : 0,
    duplicate_of: duplicateOf,
    created_at: now,
    updated_at: now,
    locale: null,
  };
  await addClient(trx, row);
  return row;
}

/**
 * A test client can be opened as a session by any staff member (client-auth.ts), so marking one
 * is for admins only: otherwise marking a real patient would let any staff member act as them.
 * No actor is the process itself (seeding, the bench), which may.
 */
export function mayMarkTest(actor: StaffRow | undefined) {
  if (actor && actor.role !== 'admin') {
    throw new ApiError('forbidden', 'Only an admin can mark or unmark a test client', [{ path: 'isTest', message: 'Only an admin can change this' }]);
  }
}

export async function createClient(deps: Deps, clinic: ClinicRow, body: CreateClientBody, actor?: StaffRow, who?: Actor) {
  if (body.isTest) mayMarkTest(actor);
  const row = await deps.store.write(async (trx) => {
    const inserted = await insertClient(trx, clinic.id, deps.clock.now(), body);
    await audit(trx, deps.clock.now(), clinic.id, who, { action: 'created', entity: 'client', id: inserted.id, summary: changedFields(body) });
    // A number staff entered is one SMS may go to without counting against the budget.
    await rememberStaffNumber(trx, clinic.id, inserted.phone, deps.clock.now());
    return inserted;
  });
  return clientOf(row);
}

export async function updateClient(deps: Deps, clinic: ClinicRow, id: string, patch: UpdateClientBody, actor: StaffRow, who?: Actor) {
  return deps.store.write(async (trx) => {
    const row = await findClient(trx, clinic.id, id);
    await requireTreats(trx, clinic.id, id, who);
    const now = deps.clock.now();
    if (patch.isTest !== undefined && patch.isTest !== (row.is_test === 1)) mayMarkTest(actor);
    if (patch.isTest === false && row.is_test === 1) {
      // Sessions opened as this test client end with the mark (sessionClient checks it too).
      await revokeTestSessionsOfClient(trx, id, now);
    }
    const next: ClientRow = {
      ...row,
      name: patch.name ?? row.name,
      email: patch.email === undefined ? row.email : patch.email,
      email_norm: patch.email === undefined ? row.email_norm : normEmail(patch.email),
      phone: patch.phone === undefined ? row.phone : patch.phone,
      personal_number: patch.personalNumber === undefined ? row.personal_number : normalisePersonalNumber(patch.personalNumber, new Date(now)),
      is_test: patch.isTest === undefined ? row.is_test : patch.isTest ? 1 : 0,
      updated_at: now,
    };
    await saveClient(trx, next);
    await audit(trx, now, clinic.id, who, { action: 'changed', entity: 'client', id, summary: changedFields(patch) });
    const changed = (['name', 'email', 'phone', 'personal_number'] as const).filter((key) => next[key] !== row[key]);
    await emitClientUpdated(
      trx,
      deps,
      clinic.id,
      id,
      changed.map((key) => (key === 'personal_number' ? 'personalNumber' : key)),
      iso(now),
    );
    if (patch.phone) await rememberStaffNumber(trx, clinic.id, patch.phone, now);
    return clientOf(next);
  });
}

/** A client with bookings is kept: their history belongs to the clinic's records. */
export async function deleteClient(deps: Deps, clinic: ClinicRow, id: string, who?: Actor) {
  await deps.store.write(async (trx) => {
    await findClient(trx, clinic.id, id);
    if (await clientHasBookings(trx, id)) throw new ApiError('conflict', 'The client has bookings and cannot be deleted');
    await removeClient(trx, id);
    await audit(trx, deps.clock.now(), clinic.id, who, { action: 'deleted', entity: 'client', id });
  });
}

/** The client's notes; empty while none were written. */
async function notesOf(db: Db | Trx, clinicId: string, clientId: string): Promise<ClientNotes> {
  const row = await clientNotes(db, clinicId, clientId);
  return row ? { text: row.text, updatedAt: iso(row.updated_at) } : { text: '', updatedAt: null };
}

/**
 * The client card's history: upcoming and past bookings with their status, the counts of visits,
 * no-shows and (late) cancellations, and the notes. A practitioner reads only clients they treat
 * (client-scope.ts) and, of those, only their own bookings: others' are busy time to them
 * (docs/security.md, Who can do what).
 */
export async function clientHistory(deps: Deps, clinic: ClinicRow, id: string, query: ClientHistoryQuery, who?: Actor): Promise<ClientHistory> {
  const db = deps.store.db;
  await findClient(db, clinic.id, id);
  await requireTreats(db, clinic.id, id, who);
  const own = ownPractitioner(who);
  const now = deps.clock.now();
  const rows = await visitsOfClient(db, { clinicId: clinic.id, clientId: id, practitionerId: own });
  const visit = (row: ClientVisitRow): ClientVisit => ({
    id: row.id,
    start: iso(row.start_ms),
    end: iso(row.end_ms),
    status: row.status as ClientVisit['status'],
    lateCancellation: row.late_cancellation === 1,
    practitionerId: row.practitioner_id,
    practitionerName: row.practitioner_name,
    treatmentTypeId: row.treatment_type_id,
    treatmentName: row.treatment_name,
    paid: row.paid_at !== null,
  });
  const isUpcoming = (row: ClientVisitRow) => row.status === 'booked' && row.end_ms > now;
  const upcoming = rows.filter(isUpcoming);
  const past = rows.filter((row) => !isUpcoming(row)).reverse();
  const cancelled = rows.filter((row) => row.status === 'cancelled');
  return {
    clientId: id,
    upcoming: upcoming.slice(0, LIMITS.listPage).map(visit),
    past: past.slice(0, query.limit ?? 50).map(visit),
    counts: {
      upcoming: upcoming.length,
      visits: past.filter((row) => row.status === 'booked').length,
      noShows: rows.filter((row) => row.status === 'no_show').length,
      lateCancellations: cancelled.filter((row) => row.late_cancellation === 1).length,
      cancellations: cancelled.length,
    },
    notes: await notesOf(db, clinic.id, id),
  };
}

/**
 * Replaces the client's notes. The route's permission (`client-notes`) keeps reception out; a
 * practitioner writes only for clients they treat.
 */
export async function updateClientNotes(
  deps: Deps,
  clinic: ClinicRow,
  id: string,
  body: UpdateClientNotesBody,
  staff: StaffRow,
  who?: Actor,
): Promise<ClientNotes> {
  return deps.store.write(async (trx) => {
    await findClient(trx, clinic.id, id);
    await requireTreats(trx, clinic.id, id, who);
    const now = deps.clock.now();
    await saveClientNotes(trx, { clientId: id, clinicId: clinic.id, text: body.text, now, staffId: staff.id });
    // The audit log names the change, never the text (docs/security.md).
    await audit(trx, now, clinic.id, who, { action: 'changed', entity: 'client', id, summary: 'notes' });
    return { text: body.text, updatedAt: iso(now) };
  });
}
