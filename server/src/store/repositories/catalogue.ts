import type { Insertable, Selectable, Updateable } from 'kysely';
import { first, prepared } from '../prepared.js';
import { readCache } from '../read-cache.js';
import type { LocationTable, PractitionerTable, TreatmentTypeTable } from '../schema.js';
import type { Queryable, Store, Trx } from '../store.js';

type TreatmentTypeRow = Selectable<TreatmentTypeTable>;
type PractitionerRow = Selectable<PractitionerTable>;
type LocationRow = Selectable<LocationTable>;

// ---- Treatment types ----

/** The clinic's treatment types that are not archived, in the clinic's order; optionally only those bookable online. */
export async function treatmentTypesOfClinic(db: Queryable, clinicId: string, onlyOnlineBookable = false): Promise<TreatmentTypeRow[]> {
  let query = db.selectFrom('treatment_types').selectAll().where('clinic_id', '=', clinicId).where('deleted_at', 'is', null);
  if (onlyOnlineBookable) query = query.where('online_bookable', '=', 1);
  return query.orderBy('position').orderBy('name').orderBy('id').execute();
}

const treatmentTypeByIdQuery = prepared((db, v: { id: string; clinicId: string }) =>
  db.selectFrom('treatment_types').selectAll().where('id', '=', v.id).where('clinic_id', '=', v.clinicId).where('deleted_at', 'is', null),
);

/** One of the clinic's treatment types, not archived; undefined if there is none. */
export function treatmentTypeById(db: Queryable, clinicId: string, id: string): Promise<TreatmentTypeRow | undefined> {
  return first(treatmentTypeByIdQuery(db, { id, clinicId }));
}

/** `treatmentTypeById` outside a transaction, kept until the next write (read-cache.ts). */
export function cachedTreatmentTypeById(store: Store, now: number, clinicId: string, id: string): Promise<TreatmentTypeRow | undefined> {
  return readCache(store, 'rows', 1000).get(`treatment:${clinicId}:${id}`, now, async () => ({
    value: await treatmentTypeById(store.db, clinicId, id),
  }));
}

/** The ids among `ids` that are treatment types of the clinic, not archived. */
export async function liveTreatmentTypeIdsAmong(trx: Trx, clinicId: string, ids: string[]): Promise<string[]> {
  const found = await trx
    .selectFrom('treatment_types')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('deleted_at', 'is', null)
    .where('id', 'in', ids)
    .execute();
  return found.map((r) => r.id);
}

/** Adds a treatment type. */
export async function insertTreatmentType(trx: Trx, row: Insertable<TreatmentTypeTable>): Promise<void> {
  await trx.insertInto('treatment_types').values(row).execute();
}

/** Writes a treatment type's changed fields. */
export async function changeTreatmentType(trx: Trx, id: string, changes: Updateable<TreatmentTypeTable>): Promise<void> {
  await trx.updateTable('treatment_types').set(changes).where('id', '=', id).execute();
}

/** Archives a treatment type and takes it off every practitioner's list. */
export async function archiveTreatmentType(trx: Trx, id: string, now: number): Promise<void> {
  await trx.updateTable('treatment_types').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
  await trx.deleteFrom('practitioner_treatment_types').where('treatment_type_id', '=', id).execute();
}

// ---- Practitioners ----

/** Which live treatment types each of `practitionerIds` offers, in the clinic's order of treatment types. */
export function liveTreatmentTypeLinks(db: Queryable, practitionerIds: string[]): Promise<{ practitioner_id: string; treatment_type_id: string }[]> {
  return db
    .selectFrom('practitioner_treatment_types as l')
    .innerJoin('treatment_types as t', 't.id', 'l.treatment_type_id')
    .select(['l.practitioner_id', 'l.treatment_type_id'])
    .where('l.practitioner_id', 'in', practitionerIds)
    .where('t.deleted_at', 'is', null)
    .orderBy('t.position')
    .orderBy('t.name')
    .execute();
}

/** The clinic's practitioners that are not archived, in the clinic's order. */
export function practitionersOfClinic(db: Queryable, clinicId: string): Promise<PractitionerRow[]> {
  return db
    .selectFrom('practitioners')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** One of the clinic's practitioners, not archived; undefined if there is none. */
export function practitionerById(db: Queryable, clinicId: string, id: string): Promise<PractitionerRow | undefined> {
  return db.selectFrom('practitioners').selectAll().where('id', '=', id).where('clinic_id', '=', clinicId).where('deleted_at', 'is', null).executeTakeFirst();
}

/** Whether the clinic has this practitioner, not archived. */
export async function isLivePractitionerOfClinic(db: Queryable, clinicId: string, practitionerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('practitioners')
    .select('id')
    .where('id', '=', practitionerId)
    .where('clinic_id', '=', clinicId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the clinic has this practitioner, archived or not. */
export async function isPractitionerOfClinic(db: Queryable, clinicId: string, practitionerId: string): Promise<boolean> {
  const row = await db.selectFrom('practitioners').select('id').where('id', '=', practitionerId).where('clinic_id', '=', clinicId).executeTakeFirst();
  return row !== undefined;
}

/** Adds a practitioner (their treatment types separately: `replacePractitionerTreatmentTypes`). */
export async function insertPractitioner(trx: Trx, row: Insertable<PractitionerTable>): Promise<void> {
  await trx.insertInto('practitioners').values(row).execute();
}

/** Writes a practitioner's changed fields. */
export async function changePractitioner(
  trx: Trx,
  id: string,
  changes: Pick<Updateable<PractitionerTable>, 'name' | 'email' | 'title' | 'cancellation_window_hours' | 'updated_at'>,
): Promise<void> {
  await trx.updateTable('practitioners').set(changes).where('id', '=', id).execute();
}

/** Makes `treatmentTypeIds` (checked, without repeats) the practitioner's whole list of treatment types. */
export async function replacePractitionerTreatmentTypes(trx: Trx, practitionerId: string, treatmentTypeIds: string[]): Promise<void> {
  await trx.deleteFrom('practitioner_treatment_types').where('practitioner_id', '=', practitionerId).execute();
  if (treatmentTypeIds.length > 0) {
    await trx
      .insertInto('practitioner_treatment_types')
      .values(treatmentTypeIds.map((treatment_type_id) => ({ practitioner_id: practitionerId, treatment_type_id })))
      .execute();
  }
}

/** Archives a practitioner and forgets their private calendar. */
export async function archivePractitioner(trx: Trx, id: string, now: number): Promise<void> {
  await trx.updateTable('practitioners').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
  // Their private calendar's address (a secret) and busy time are no longer needed.
  await trx.deleteFrom('busy_times').where('practitioner_id', '=', id).execute();
  await trx.deleteFrom('busy_calendars').where('practitioner_id', '=', id).execute();
}

// ---- Locations ----

/** The clinic's locations that are not archived, by name. */
export function locationsOfClinic(db: Queryable, clinicId: string): Promise<LocationRow[]> {
  return db.selectFrom('locations').selectAll().where('clinic_id', '=', clinicId).where('deleted_at', 'is', null).orderBy('name').orderBy('id').execute();
}

/** One of the clinic's locations, not archived; undefined if there is none. */
export function locationById(db: Queryable, clinicId: string, id: string): Promise<LocationRow | undefined> {
  return db.selectFrom('locations').selectAll().where('id', '=', id).where('clinic_id', '=', clinicId).where('deleted_at', 'is', null).executeTakeFirst();
}

/** Adds a location. */
export async function insertLocation(trx: Trx, row: Insertable<LocationTable>): Promise<void> {
  await trx.insertInto('locations').values(row).execute();
}

/** Writes a location's changed fields. */
export async function changeLocation(trx: Trx, id: string, changes: Pick<Updateable<LocationTable>, 'name' | 'address' | 'updated_at'>): Promise<void> {
  await trx.updateTable('locations').set(changes).where('id', '=', id).execute();
}

/** Archives a location: past bookings keep it. */
export async function archiveLocation(trx: Trx, id: string, now: number): Promise<void> {
  await trx.updateTable('locations').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
}
