import type { Insertable, Selectable, Updateable } from 'kysely';
import type { StaffTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

type StaffRow = Selectable<StaffTable>;

/** What `authenticateStaff` needs from a staff token or session. */
export interface StaffPrincipal {
  staff_id: string;
  clinic_id: string;
  name: string;
  email: string | null;
  role: string;
  practitioner_id: string | null;
  created_at: number;
  clinic_slug: string;
  /** The session's (`ss_`) or personal token's (`tk_`) id: the audit log names it. */
  token_id: string;
}

/**
 * The principal's columns, for a query over the token table as `t` joined with `staff as s` and
 * `clinics as c` (staff-sessions.ts, staff-tokens.ts).
 */
export const STAFF_PRINCIPAL_COLUMNS = [
  's.id as staff_id',
  's.clinic_id',
  's.name',
  's.email',
  's.role',
  's.practitioner_id',
  's.created_at',
  'c.slug as clinic_slug',
  't.id as token_id',
] as const;

/** The clinic's staff members that have an e-mail address, oldest first. */
export function staffWithEmailOfClinic(db: Queryable, clinicId: string): Promise<StaffRow[]> {
  return db.selectFrom('staff').selectAll().where('clinic_id', '=', clinicId).where('email', 'is not', null).orderBy('created_at').execute();
}

/** One of the clinic's staff members; undefined if there is none. */
export function staffMemberOfClinic(db: Queryable, clinicId: string, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).where('clinic_id', '=', clinicId).executeTakeFirst();
}

/** A staff member by id, in whichever clinic; undefined if there is none. */
export function staffMemberById(db: Queryable, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The clinic's staff member an intranet names: by `staffId`, or else by `email` compared without
 * regard to case. Undefined if there is none.
 */
export function staffMemberByIdOrEmail(
  db: Queryable,
  clinicId: string,
  by: { staffId?: string | undefined; email?: string | undefined },
): Promise<StaffRow | undefined> {
  let query = db.selectFrom('staff').selectAll().where('clinic_id', '=', clinicId);
  if (by.staffId !== undefined) query = query.where('id', '=', by.staffId);
  else query = query.where((eb) => eb(eb.fn('lower', ['email']), '=', (by.email ?? '').toLowerCase()));
  // Two staff rows with the same address are possible (e-mail is not unique): the oldest answers.
  return query.orderBy('created_at').orderBy('id').executeTakeFirst();
}

/** Adds a staff user (their token separately). */
export async function insertStaffMember(trx: Trx, row: Insertable<StaffTable>): Promise<void> {
  await trx.insertInto('staff').values(row).execute();
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
