import type { Selectable } from 'kysely';
import type { BookingTable, TemplateWeekTable, WorkingTimeTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

type TemplateWeekRow = Selectable<TemplateWeekTable>;

/** The clinic's template week with this id, or undefined. */
export async function templateWeekById(db: Queryable, clinicId: string, id: string): Promise<TemplateWeekRow | undefined> {
  return db.selectFrom('template_weeks').selectAll().where('id', '=', id).where('clinic_id', '=', clinicId).executeTakeFirst();
}

/** The clinic's template weeks by name (then id). */
export async function templateWeeksOfClinic(db: Queryable, clinicId: string): Promise<TemplateWeekRow[]> {
  return db.selectFrom('template_weeks').selectAll().where('clinic_id', '=', clinicId).orderBy('name').orderBy('id').execute();
}

/** Whether the clinic has a practitioner (deleted or not) with this id. */
export async function clinicHasPractitioner(db: Queryable, clinicId: string, practitionerId: string): Promise<boolean> {
  const p = await db.selectFrom('practitioners').select('id').where('id', '=', practitionerId).where('clinic_id', '=', clinicId).executeTakeFirst();
  return p !== undefined;
}

/** A week (or any span) of the clinic: entries that start in `[from, to)`, only `practitionerId`'s when given. */
export interface WeekOfClinic {
  clinicId: string;
  from: number;
  to: number;
  practitionerId?: string | null | undefined;
}

/** The working time that starts in the week, by start time. */
export async function workingTimesStartingIn(db: Queryable, week: WeekOfClinic): Promise<Selectable<WorkingTimeTable>[]> {
  let working = db
    .selectFrom('working_times')
    .selectAll()
    .where('clinic_id', '=', week.clinicId)
    .where('start_ms', '>=', week.from)
    .where('start_ms', '<', week.to)
    .orderBy('start_ms');
  if (week.practitionerId) working = working.where('practitioner_id', '=', week.practitionerId);
  return working.execute();
}

/** The booked bookings that start in the week, by start time. */
export async function bookedBookingsStartingIn(db: Queryable, week: WeekOfClinic): Promise<Selectable<BookingTable>[]> {
  let q = db
    .selectFrom('bookings')
    .selectAll()
    .where('clinic_id', '=', week.clinicId)
    .where('status', '=', 'booked')
    .where('start_ms', '>=', week.from)
    .where('start_ms', '<', week.to)
    .orderBy('start_ms');
  if (week.practitionerId) q = q.where('practitioner_id', '=', week.practitionerId);
  return q.execute();
}

/** Stores a new template week. */
export async function addTemplateWeek(trx: Trx, row: TemplateWeekRow): Promise<void> {
  await trx.insertInto('template_weeks').values(row).execute();
}

/** Renames the template week. */
export async function saveTemplateWeekName(trx: Trx, id: string, { name, now }: { name: string; now: number }): Promise<void> {
  await trx.updateTable('template_weeks').set({ name, updated_at: now }).where('id', '=', id).execute();
}

/** Deletes the template week. */
export async function removeTemplateWeek(trx: Trx, id: string): Promise<void> {
  await trx.deleteFrom('template_weeks').where('id', '=', id).execute();
}

/** The ids of the clinic's practitioners that are not deleted. */
export async function livePractitionerIds(trx: Trx, clinicId: string): Promise<string[]> {
  const rows = await trx.selectFrom('practitioners').select('id').where('clinic_id', '=', clinicId).where('deleted_at', 'is', null).execute();
  return rows.map((p) => p.id);
}

/** The practitioner's blocks of working time at exactly `[start, end)`, with their treatment types and location. */
export async function workingTimesAt(
  trx: Trx,
  { practitionerId, start, end }: { practitionerId: string; start: number; end: number },
): Promise<Pick<Selectable<WorkingTimeTable>, 'id' | 'treatment_type_ids' | 'location_id'>[]> {
  return trx
    .selectFrom('working_times')
    .select(['id', 'treatment_type_ids', 'location_id'])
    .where('practitioner_id', '=', practitionerId)
    .where('start_ms', '=', start)
    .where('end_ms', '=', end)
    .execute();
}

/** Whether a recurring booking's treatment type (not deleted) and client still exist, both read at once. */
export async function templateBookingReferences(
  trx: Trx,
  { treatmentTypeId, clientId }: { treatmentTypeId: string; clientId: string },
): Promise<{ treatment: boolean; client: boolean }> {
  const [treatment, client] = await Promise.all([
    trx.selectFrom('treatment_types').select('id').where('id', '=', treatmentTypeId).where('deleted_at', 'is', null).executeTakeFirst(),
    trx.selectFrom('clients').select('id').where('id', '=', clientId).executeTakeFirst(),
  ]);
  return { treatment: treatment !== undefined, client: client !== undefined };
}
