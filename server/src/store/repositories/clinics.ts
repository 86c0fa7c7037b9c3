import type { Insertable, Selectable, Updateable } from 'kysely';
import { first, prepared } from '../prepared.js';
import { readCache } from '../read-cache.js';
import type { ClinicTable, StaffTable } from '../schema.js';
import type { Queryable, Store, Trx } from '../store.js';

type ClinicRow = Selectable<ClinicTable>;
type StaffRow = Selectable<StaffTable>;

// ---- Clinics ----

const clinicBySlugQuery = prepared((db, v: { slug: string }) => db.selectFrom('clinics').selectAll().where('slug', '=', v.slug));

/** The clinic behind a URL: asked on nearly every request, so kept until the next write (read-cache.ts). */
export async function clinicBySlug(store: Store, now: number, slug: string): Promise<ClinicRow | undefined> {
  return readCache(store, 'rows', 1000).get(`clinic:${slug}`, now, async () => ({
    value: await first(clinicBySlugQuery(store.db, { slug })),
  }));
}

/** Whether some clinic has this slug. */
export async function isSlugTaken(db: Queryable, slug: string): Promise<boolean> {
  const taken = await db.selectFrom('clinics').select('id').where('slug', '=', slug).executeTakeFirst();
  return taken !== undefined;
}

/** Adds a clinic. */
export async function insertClinic(trx: Trx, row: Insertable<ClinicTable>): Promise<void> {
  await trx.insertInto('clinics').values(row).execute();
}

/** The clinic as it is now, inside a write; throws Kysely's `NoResultError` if it is gone. */
export function currentClinic(trx: Trx, id: string): Promise<ClinicRow> {
  return trx.selectFrom('clinics').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Writes a clinic's settings: its name, time zone, locale, modules and booking settings. */
export async function changeClinicSettings(
  trx: Trx,
  id: string,
  changes: Pick<Updateable<ClinicTable>, 'name' | 'time_zone' | 'locale' | 'booking_module' | 'settings' | 'updated_at'>,
): Promise<void> {
  await trx.updateTable('clinics').set(changes).where('id', '=', id).execute();
}

// ---- Staff ----

/** Adds a staff user (their token separately). */
export async function insertStaffMember(trx: Trx, row: Insertable<StaffTable>): Promise<void> {
  await trx.insertInto('staff').values(row).execute();
}

/** One of the clinic's staff users; undefined if there is none. */
export function staffMemberOfClinic(db: Queryable, clinicId: string, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).where('clinic_id', '=', clinicId).executeTakeFirst();
}

/** The clinic's staff user `staffId`, or without one its first admin; undefined if there is none. */
export function staffMemberOrFirstAdmin(db: Queryable, clinicId: string, staffId?: string): Promise<StaffRow | undefined> {
  let query = db.selectFrom('staff').selectAll().where('clinic_id', '=', clinicId);
  query = staffId ? query.where('id', '=', staffId) : query.where('role', '=', 'admin').orderBy('created_at');
  return query.executeTakeFirst();
}

/** The clinic's staff users, oldest first. */
export function staffOfClinic(db: Queryable, clinicId: string): Promise<StaffRow[]> {
  return db.selectFrom('staff').selectAll().where('clinic_id', '=', clinicId).orderBy('created_at').orderBy('id').execute();
}

/** How many admins the clinic has. */
export async function adminCount(trx: Trx, clinicId: string): Promise<number> {
  const row = await trx
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('clinic_id', '=', clinicId)
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Writes a staff user's changed fields. */
export async function changeStaffMember(
  trx: Trx,
  id: string,
  changes: Pick<Updateable<StaffTable>, 'name' | 'email' | 'role' | 'practitioner_id'>,
): Promise<void> {
  await trx.updateTable('staff').set(changes).where('id', '=', id).execute();
}

/** Removes a staff user and their personal tokens. */
export async function deleteStaffMember(trx: Trx, id: string): Promise<void> {
  await trx.deleteFrom('staff_tokens').where('staff_id', '=', id).execute();
  await trx.deleteFrom('staff').where('id', '=', id).execute();
}
