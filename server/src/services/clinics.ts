import {
  type BookingSettings,
  type CreateClinicBody,
  type CreateStaffBody,
  type UpdateStaffBody,
  DEFAULT_BOOKING_SETTINGS,
  type UpdateSettingsBody,
} from '@tidbok/core';
import { ApiError, invalid, notFound } from '../errors.js';
import { newId } from '../secrets.js';
import { isLivePractitionerOfClinic, isPractitionerOfClinic } from '../store/repositories/catalogue.js';
import { changeClinicSettings, clinicBySlug, currentClinic, insertClinic, isSlugTaken } from '../store/repositories/clinics.js';
import {
  adminCount,
  changeStaffMember,
  deleteStaffMember,
  insertStaffMember,
  staffMemberOfClinic,
  staffMemberOrFirstAdmin,
  staffOfClinic,
} from '../store/repositories/staff.js';
import type { Queryable, Trx } from '../store/store.js';
import type { Actor } from './actor.js';
import { audit, changedFields } from './audit.js';
import type { Deps } from './deps.js';
import { assertSlugNotReserved } from './reserved-slugs.js';
import { authenticateSession, SESSION_TOKEN_PREFIX } from './staff-sessions.js';
import { authenticatePersonalToken, insertPersonalToken } from './staff-tokens.js';
import { bookingSettingsOf, type ClinicRow, clinicOf, settingsOf, type StaffRow, staffOf } from './rows.js';

/** The clinic behind a URL: asked on nearly every request, so kept until the next write (read-cache.ts). */
export async function findClinicBySlug({ store, clock }: Deps, slug: string): Promise<ClinicRow | undefined> {
  return clinicBySlug(store, clock.now(), slug);
}

export async function requireClinic(deps: Deps, slug: string): Promise<ClinicRow> {
  const clinic = await findClinicBySlug(deps, slug);
  if (!clinic) throw notFound('Clinic');
  return clinic;
}

/** Creates a clinic with its first admin and returns that admin's token (shown once). */
export async function createClinic(deps: Deps, body: CreateClinicBody, adminName = 'Administrator') {
  assertSlugNotReserved(body.slug);
  const now = deps.clock.now();
  const row: ClinicRow = {
    id: newId('cl'),
    slug: body.slug,
    name: body.name,
    time_zone: body.timeZone ?? 'Europe/Stockholm',
    locale: body.locale ?? 'sv',
    booking_module: 1,
    settings: JSON.stringify(DEFAULT_BOOKING_SETTINGS),
    created_at: now,
    updated_at: now,
  };
  return deps.store.write(async (trx) => {
    if (await isSlugTaken(trx, body.slug)) throw new ApiError('conflict', `The slug "${body.slug}" is taken`, [{ path: 'slug', message: 'Taken' }]);
    await insertClinic(trx, row);
    const { staff, token } = await insertStaff(trx, now, row, { name: adminName, role: 'admin' });
    return { clinic: clinicOf(row), adminToken: token, staff };
  });
}

async function insertStaff(trx: Trx, now: number, clinic: ClinicRow, body: CreateStaffBody) {
  const staff: StaffRow = {
    id: newId('st'),
    clinic_id: clinic.id,
    name: body.name,
    email: body.email ?? null,
    role: body.role,
    practitioner_id: body.practitionerId ?? null,
    created_at: now,
  };
  await insertStaffMember(trx, staff);
  const token = (await insertPersonalToken(trx, now, staff, { name: null, expiresAt: null })).token;
  return { staff: staffOf(staff), token };
}

export async function createStaff(deps: Deps, clinic: ClinicRow, body: CreateStaffBody, who?: Actor) {
  return deps.store.write(async (trx) => {
    if (body.practitionerId && !(await isLivePractitionerOfClinic(trx, clinic.id, body.practitionerId))) {
      throw invalid('practitionerId', 'Unknown practitioner');
    }
    const created = await insertStaff(trx, deps.clock.now(), clinic, body);
    await audit(trx, deps.clock.now(), clinic.id, who, { action: 'created', entity: 'staff', id: created.staff.id, summary: `role ${body.role}` });
    return created;
  });
}

/** A new token for an existing staff user (the CLI's "create staff token"). */
export async function createStaffToken(deps: Deps, clinic: ClinicRow, staffId?: string) {
  return deps.store.write(async (trx) => {
    const staff = await staffMemberOrFirstAdmin(trx, clinic.id, staffId);
    if (!staff) throw notFound('Staff user');
    return { staff: staffOf(staff), token: (await insertPersonalToken(trx, deps.clock.now(), staff, { name: null, expiresAt: null })).token };
  });
}

export async function listStaff({ store }: Deps, clinic: ClinicRow) {
  const rows = await staffOfClinic(store.db, clinic.id);
  return rows.map(staffOf);
}

/**
 * Resolves a staff bearer token to its user and clinic; undefined for unknown or revoked tokens.
 * Two kinds are accepted: sessions (`tss_`, staff-sessions.ts) and personal tokens (`tbs_`,
 * staff-tokens.ts). Either throws `token_expired` once past its expiry. Integration keys are
 * neither: they only open sessions.
 */
export async function authenticateStaff(deps: Deps, token: string) {
  if (token.startsWith(`${SESSION_TOKEN_PREFIX}_`)) return authenticateSession(deps, token);
  return authenticatePersonalToken(deps, token);
}

export async function updateSettings(deps: Deps, clinic: ClinicRow, patch: UpdateSettingsBody, who?: Actor) {
  // Merge over the row as it is inside the write lock, not as the request first read it:
  // otherwise two admins changing different settings at once lose one of the changes.
  return deps.store.write(async (trx) => {
    const current = await currentClinic(trx, clinic.id);
    const booking: BookingSettings = { ...bookingSettingsOf(current), ...stripUndefined(patch.booking ?? {}) };
    const next: ClinicRow = {
      ...current,
      name: patch.name ?? current.name,
      time_zone: patch.timeZone ?? current.time_zone,
      locale: patch.locale ?? current.locale,
      booking_module: patch.modules?.booking === undefined ? current.booking_module : patch.modules.booking ? 1 : 0,
      settings: JSON.stringify(booking),
      updated_at: deps.clock.now(),
    };
    await changeClinicSettings(trx, clinic.id, {
      name: next.name,
      time_zone: next.time_zone,
      locale: next.locale,
      booking_module: next.booking_module,
      settings: next.settings,
      updated_at: next.updated_at,
    });
    const fields = [changedFields({ ...patch, booking: undefined }), patch.booking ? changedFields(patch.booking) : ''];
    await audit(trx, next.updated_at, clinic.id, who, { action: 'changed', entity: 'settings', id: clinic.id, summary: fields.filter(Boolean).join(', ') });
    return settingsOf(next);
  });
}

export function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function findStaffRow(db: Queryable, clinicId: string, id: string): Promise<StaffRow> {
  const row = await staffMemberOfClinic(db, clinicId, id);
  if (!row) throw notFound('Staff user');
  return row;
}

export async function getStaff(deps: Deps, clinic: ClinicRow, id: string) {
  return staffOf(await findStaffRow(deps.store.db, clinic.id, id));
}

/** A clinic always keeps at least one admin, so nobody can lock it out of its own settings. */
export async function updateStaff(deps: Deps, clinic: ClinicRow, id: string, patch: UpdateStaffBody, who?: Actor) {
  return deps.store.write(async (trx) => {
    const row = await findStaffRow(trx, clinic.id, id);
    if (row.role === 'admin' && patch.role !== undefined && patch.role !== 'admin' && (await adminCount(trx, clinic.id)) <= 1) {
      throw new ApiError('conflict', 'The clinic needs at least one admin');
    }
    if (patch.practitionerId && !(await isPractitionerOfClinic(trx, clinic.id, patch.practitionerId))) {
      throw invalid('practitionerId', 'Unknown practitioner');
    }
    const next: StaffRow = {
      ...row,
      name: patch.name ?? row.name,
      email: patch.email === undefined ? row.email : patch.email,
      role: patch.role ?? row.role,
      practitioner_id: patch.practitionerId === undefined ? row.practitioner_id : patch.practitionerId,
    };
    await changeStaffMember(trx, id, { name: next.name, email: next.email, role: next.role, practitioner_id: next.practitioner_id });
    await audit(trx, deps.clock.now(), clinic.id, who, {
      action: 'changed',
      entity: 'staff',
      id,
      summary: [changedFields(patch), patch.role && patch.role !== row.role ? `role ${row.role} → ${patch.role}` : ''].filter(Boolean).join('; '),
    });
    return staffOf(next);
  });
}

/** Removes a staff user; their tokens stop working at once. */
export async function deleteStaff(deps: Deps, clinic: ClinicRow, id: string, who?: Actor) {
  await deps.store.write(async (trx) => {
    const row = await findStaffRow(trx, clinic.id, id);
    if (row.role === 'admin' && (await adminCount(trx, clinic.id)) <= 1) {
      throw new ApiError('conflict', 'The clinic needs at least one admin');
    }
    await deleteStaffMember(trx, id);
    await audit(trx, deps.clock.now(), clinic.id, who, { action: 'deleted', entity: 'staff', id, summary: `role ${row.role}` });
  });
}
