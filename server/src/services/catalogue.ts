import type {
  CreateLocationBody,
  CreatePractitionerBody,
  CreateTreatmentTypeBody,
  UpdateLocationBody,
  UpdatePractitionerBody,
  UpdateTreatmentTypeBody,
} from '@tidbok/core';
import { invalid, notFound } from '../errors.js';
import { newId } from '../secrets.js';
import {
  archiveLocation,
  archivePractitioner,
  archiveTreatmentType,
  cachedTreatmentTypeById,
  changeLocation,
  changePractitioner,
  changeTreatmentType,
  insertLocation,
  insertPractitioner,
  insertTreatmentType,
  liveTreatmentTypeIdsAmong,
  liveTreatmentTypeLinks,
  locationById,
  locationsOfClinic,
  practitionerById,
  practitionersOfClinic,
  replacePractitionerTreatmentTypes,
  treatmentTypeById,
  treatmentTypesOfClinic,
} from '../store/repositories/catalogue.js';
import type { Db, Trx } from '../store/store.js';
import { type Actor, requireActFor } from './actor.js';
import { audit, changedFields } from './audit.js';
import type { Deps } from './deps.js';
import { type ClinicRow, type LocationRow, locationOf, type PractitionerRow, practitionerOf, type TreatmentTypeRow, treatmentTypeOf } from './rows.js';

const DEFAULT_COLOR = '#4f7cac';

// ---- Treatment types ----

export async function listTreatmentTypes(db: Db, clinicId: string, onlyOnlineBookable = false) {
  const rows = await treatmentTypesOfClinic(db, clinicId, onlyOnlineBookable);
  return rows.map(treatmentTypeOf);
}

export async function findTreatmentType(db: Db | Trx, clinicId: string, id: string): Promise<TreatmentTypeRow> {
  const row = await treatmentTypeById(db, clinicId, id);
  if (!row) throw notFound('Treatment type');
  return row;
}

/** `findTreatmentType` outside a transaction, kept until the next write (read-cache.ts). */
export async function readTreatmentType({ store, clock }: Deps, clinicId: string, id: string): Promise<TreatmentTypeRow> {
  const row = await cachedTreatmentTypeById(store, clock.now(), clinicId, id);
  if (!row) throw notFound('Treatment type');
  return row;
}

export async function createTreatmentType(deps: Deps, clinic: ClinicRow, body: CreateTreatmentTypeBody, who?: Actor) {
  const now = deps.clock.now();
  const row: TreatmentTypeRow = {
    id: newId('tt'),
    clinic_id: clinic.id,
    name: body.name,
    description: body.description ?? '',
    duration_minutes: body.durationMinutes,
    client_minutes: body.clientMinutes ?? body.durationMinutes,
    color: (body.color ?? DEFAULT_COLOR).toLowerCase(),
    price_cents: body.priceCents ?? 0,
    currency: body.currency ?? 'SEK',
    vat_percent: body.vatPercent ?? 0,
    online_bookable: body.onlineBookable === false ? 0 : 1,
    confirmation_text: body.confirmationText ?? '',
    sms_text: body.smsText ?? '',
    position: now,
    deleted_at: null,
    created_at: now,
    updated_at: now,
  };
  await deps.store.write(async (trx) => {
    await insertTreatmentType(trx, row);
    await audit(trx, now, clinic.id, who, { action: 'created', entity: 'treatmentType', id: row.id, summary: changedFields(body) });
  });
  return treatmentTypeOf(row);
}

export async function updateTreatmentType(deps: Deps, clinic: ClinicRow, id: string, patch: UpdateTreatmentTypeBody, who?: Actor) {
  return deps.store.write(async (trx) => {
    const row = await findTreatmentType(trx, clinic.id, id);
    const duration = patch.durationMinutes ?? row.duration_minutes;
    // A shorter calendar length pulls the client time down with it unless both are given.
    const clientMinutes = patch.clientMinutes ?? Math.min(row.client_minutes, duration);
    if (clientMinutes > duration) throw invalid('clientMinutes', 'clientMinutes may not exceed durationMinutes');
    const next: TreatmentTypeRow = {
      ...row,
      name: patch.name ?? row.name,
      description: patch.description ?? row.description,
      duration_minutes: duration,
      client_minutes: clientMinutes,
      color: (patch.color ?? row.color).toLowerCase(),
      price_cents: patch.priceCents ?? row.price_cents,
      currency: patch.currency ?? row.currency,
      vat_percent: patch.vatPercent ?? row.vat_percent,
      online_bookable: patch.onlineBookable === undefined ? row.online_bookable : patch.onlineBookable ? 1 : 0,
      confirmation_text: patch.confirmationText ?? row.confirmation_text,
      sms_text: patch.smsText ?? row.sms_text,
      updated_at: deps.clock.now(),
    };
    const { id: _id, clinic_id: _clinic, created_at: _created, ...changes } = next;
    await changeTreatmentType(trx, id, changes);
    await audit(trx, next.updated_at, clinic.id, who, { action: 'changed', entity: 'treatmentType', id, summary: changedFields(patch) });
    return treatmentTypeOf(next);
  });
}

/** Archived rather than erased: past bookings keep their treatment type and colour. */
export async function deleteTreatmentType(deps: Deps, clinic: ClinicRow, id: string, who?: Actor) {
  await deps.store.write(async (trx) => {
    await findTreatmentType(trx, clinic.id, id);
    const now = deps.clock.now();
    await archiveTreatmentType(trx, id, now);
    await audit(trx, now, clinic.id, who, { action: 'deleted', entity: 'treatmentType', id });
  });
}

// ---- Practitioners ----

/** Each practitioner's live treatment types, in the clinic's order. */
export async function treatmentTypeIdsByPractitioner(db: Db | Trx, practitionerIds: string[]) {
  const map = new Map<string, string[]>(practitionerIds.map((id) => [id, []]));
  if (practitionerIds.length === 0) return map;
  const links = await liveTreatmentTypeLinks(db, practitionerIds);
  for (const link of links) map.get(link.practitioner_id)?.push(link.treatment_type_id);
  return map;
}

export async function listPractitioners(db: Db, clinicId: string) {
  const rows = await practitionersOfClinic(db, clinicId);
  const links = await treatmentTypeIdsByPractitioner(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => practitionerOf(row, links.get(row.id) ?? []));
}

export async function findPractitionerRow(db: Db | Trx, clinicId: string, id: string): Promise<PractitionerRow> {
  const row = await practitionerById(db, clinicId, id);
  if (!row) throw notFound('Practitioner');
  return row;
}

export async function getPractitioner(db: Db | Trx, clinicId: string, id: string) {
  const row = await findPractitionerRow(db, clinicId, id);
  const links = await treatmentTypeIdsByPractitioner(db, [id]);
  return practitionerOf(row, links.get(id) ?? []);
}

async function checkTreatmentTypeIds(trx: Trx, clinicId: string, ids: string[], path: string) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  const known = new Set(await liveTreatmentTypeIdsAmong(trx, clinicId, unique));
  const unknown = unique.filter((id) => !known.has(id));
  if (unknown.length > 0) throw invalid(path, `Unknown treatment type: ${unknown.join(', ')}`);
  return unique;
}

export async function createPractitioner(deps: Deps, clinic: ClinicRow, body: CreatePractitionerBody, who?: Actor) {
  const now = deps.clock.now();
  const row: PractitionerRow = {
    id: newId('pr'),
    clinic_id: clinic.id,
    name: body.name,
    email: body.email ?? null,
    title: body.title ?? null,
    cancellation_window_hours: body.cancellationWindowHours ?? null,
    position: now,
    deleted_at: null,
    created_at: now,
    updated_at: now,
  };
  return deps.store.write(async (trx) => {
    const ids = await checkTreatmentTypeIds(trx, clinic.id, body.treatmentTypeIds ?? [], 'treatmentTypeIds');
    await insertPractitioner(trx, row);
    await replacePractitionerTreatmentTypes(trx, row.id, ids);
    await audit(trx, now, clinic.id, who, { action: 'created', entity: 'practitioner', id: row.id, summary: changedFields(body) });
    return getPractitioner(trx, clinic.id, row.id);
  });
}

export async function updatePractitioner(deps: Deps, clinic: ClinicRow, id: string, patch: UpdatePractitionerBody, who?: Actor) {
  return deps.store.write(async (trx) => {
    const row = await findPractitionerRow(trx, clinic.id, id);
    await changePractitioner(trx, id, {
      name: patch.name ?? row.name,
      email: patch.email === undefined ? row.email : patch.email,
      title: patch.title === undefined ? row.title : patch.title,
      cancellation_window_hours: patch.cancellationWindowHours === undefined ? row.cancellation_window_hours : patch.cancellationWindowHours,
      updated_at: deps.clock.now(),
    });
    if (patch.treatmentTypeIds) {
      await replacePractitionerTreatmentTypes(trx, id, await checkTreatmentTypeIds(trx, clinic.id, patch.treatmentTypeIds, 'treatmentTypeIds'));
    }
    await audit(trx, deps.clock.now(), clinic.id, who, { action: 'changed', entity: 'practitioner', id, summary: changedFields(patch) });
    return getPractitioner(trx, clinic.id, id);
  });
}

/** A practitioner may set their own offer ("Behandlare > Ditt namn"); admins anyone's. */
export async function setPractitionerTreatmentTypes(deps: Deps, clinic: ClinicRow, id: string, ids: string[], who?: Actor) {
  requireActFor(who, id, 'treatment types');
  return updatePractitioner(deps, clinic, id, { treatmentTypeIds: ids }, who);
}

/** Archived: their past bookings stay readable; they stop offering times at once. */
export async function deletePractitioner(deps: Deps, clinic: ClinicRow, id: string, who?: Actor) {
  await deps.store.write(async (trx) => {
    await findPractitionerRow(trx, clinic.id, id);
    const now = deps.clock.now();
    // Also forgets their private calendar (repositories/catalogue.ts).
    await archivePractitioner(trx, id, now);
    await audit(trx, now, clinic.id, who, { action: 'deleted', entity: 'practitioner', id });
  });
}

// ---- Locations ----

export async function listLocations(db: Db, clinicId: string) {
  const rows = await locationsOfClinic(db, clinicId);
  return rows.map(locationOf);
}

export async function findLocation(db: Db | Trx, clinicId: string, id: string): Promise<LocationRow> {
  const row = await locationById(db, clinicId, id);
  if (!row) throw notFound('Location');
  return row;
}

export async function createLocation(deps: Deps, clinic: ClinicRow, body: CreateLocationBody, who?: Actor) {
  const now = deps.clock.now();
  const row: LocationRow = {
    id: newId('lo'),
    clinic_id: clinic.id,
    name: body.name,
    address: body.address ?? null,
    deleted_at: null,
    created_at: now,
    updated_at: now,
  };
  await deps.store.write(async (trx) => {
    await insertLocation(trx, row);
    await audit(trx, now, clinic.id, who, { action: 'created', entity: 'location', id: row.id, summary: changedFields(body) });
  });
  return locationOf(row);
}

export async function updateLocation(deps: Deps, clinic: ClinicRow, id: string, patch: UpdateLocationBody, who?: Actor) {
  return deps.store.write(async (trx) => {
    const row = await findLocation(trx, clinic.id, id);
    const next = {
      ...row,
      name: patch.name ?? row.name,
      address: patch.address === undefined ? row.address : patch.address,
      updated_at: deps.clock.now(),
    };
    await changeLocation(trx, id, { name: next.name, address: next.address, updated_at: next.updated_at });
    await audit(trx, next.updated_at, clinic.id, who, { action: 'changed', entity: 'location', id, summary: changedFields(patch) });
    return locationOf(next);
  });
}

export async function deleteLocation(deps: Deps, clinic: ClinicRow, id: string, who?: Actor) {
  await deps.store.write(async (trx) => {
    await findLocation(trx, clinic.id, id);
    const now = deps.clock.now();
    await archiveLocation(trx, id, now);
    await audit(trx, now, clinic.id, who, { action: 'deleted', entity: 'location', id });
  });
}
