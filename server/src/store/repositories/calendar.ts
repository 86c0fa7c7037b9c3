import type { Selectable } from 'kysely';
import type { ActivityTable, BusyTimeTable, HoldTable, WorkingTimeTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

type WorkingTimeRow = Selectable<WorkingTimeTable>;
type ActivityRow = Selectable<ActivityTable>;

/** A span of the calendar: entries overlapping `[from, to)`, optionally of one practitioner. */
export interface CalendarRange {
  clinicId: string;
  from: number;
  to: number;
  /**
   * A lower bound on the `start_ms` of anything overlapping `[from, to)`, so the `(…, start_ms)`
   * indexes are searched over a window instead of all history.
   */
  startsAfter: number;
  /** Only this practitioner's entries, when given. */
  practitionerId?: string | undefined;
}

// ---- Working time ----

/** Stores a new block of working time. */
export async function addWorkingTime(trx: Trx, row: WorkingTimeRow): Promise<void> {
  await trx.insertInto('working_times').values(row).execute();
}

/** The clinic's block of working time with this id, or undefined. */
export async function workingTimeById(db: Queryable, clinicId: string, id: string): Promise<WorkingTimeRow | undefined> {
  return db.selectFrom('working_times').selectAll().where('id', '=', id).where('clinic_id', '=', clinicId).executeTakeFirst();
}

/** Writes the block's practitioner, time, treatment types and location as given. */
export async function saveWorkingTime(trx: Trx, row: WorkingTimeRow): Promise<void> {
  await trx
    .updateTable('working_times')
    .set({
      practitioner_id: row.practitioner_id,
      start_ms: row.start_ms,
      end_ms: row.end_ms,
      treatment_type_ids: row.treatment_type_ids,
      location_id: row.location_id,
    })
    .where('id', '=', row.id)
    .execute();
}

/** Deletes the block of working time. */
export async function removeWorkingTime(trx: Trx, id: string): Promise<void> {
  await trx.deleteFrom('working_times').where('id', '=', id).execute();
}

/** Deletes every block of working time that overlaps the range; returns how many. */
export async function removeWorkingTimesInRange(trx: Trx, range: CalendarRange): Promise<number> {
  let q = trx
    .deleteFrom('working_times')
    .where('clinic_id', '=', range.clinicId)
    .where('start_ms', '<', range.to)
    .where('start_ms', '>', range.startsAfter)
    .where('end_ms', '>', range.from);
  if (range.practitionerId) q = q.where('practitioner_id', '=', range.practitionerId);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

// ---- Activities ----

/** Stores a new activity. */
export async function addActivity(trx: Trx, row: ActivityRow): Promise<void> {
  await trx.insertInto('activities').values(row).execute();
}

/** The clinic's activity with this id, or undefined. */
export async function activityById(db: Queryable, clinicId: string, id: string): Promise<ActivityRow | undefined> {
  return db.selectFrom('activities').selectAll().where('id', '=', id).where('clinic_id', '=', clinicId).executeTakeFirst();
}

/** Writes the activity as given (everything but its id, clinic and creation time). */
export async function saveActivity(trx: Trx, row: ActivityRow): Promise<void> {
  const { id, clinic_id: _clinic, created_at: _created, ...changes } = row;
  await trx.updateTable('activities').set(changes).where('id', '=', id).execute();
}

/** Deletes the activity. */
export async function removeActivity(trx: Trx, id: string): Promise<void> {
  await trx.deleteFrom('activities').where('id', '=', id).execute();
}

// ---- The calendar feed ----

/** A booking as the week view draws it, with its client's and treatment type's names and colour. */
export interface CalendarBookingRow {
  id: string;
  start_ms: number;
  end_ms: number;
  practitioner_id: string;
  status: string;
  client_id: string;
  client_name: string;
  treatment_type_id: string;
  treatment_name: string;
  color: string;
  location_id: string | null;
  note: string;
  late_cancellation: number;
  paid_at: number | null;
}

/** Everything the calendar shows in a range, by kind. */
export interface CalendarRows {
  /** Bookings of every status. */
  bookings: CalendarBookingRow[];
  workingTimes: WorkingTimeRow[];
  activities: ActivityRow[];
  /** Active holds not expired by `now`, without any client data. */
  holds: Pick<Selectable<HoldTable>, 'id' | 'start_ms' | 'end_ms' | 'practitioner_id' | 'expires_at'>[];
  /** Busy time from practitioners' own calendars. */
  busyTimes: Pick<Selectable<BusyTimeTable>, 'id' | 'start_ms' | 'end_ms' | 'practitioner_id' | 'title'>[];
}

/** The bookings, working time, activities, active holds and busy time overlapping the range, each read at once. */
export async function calendarRows(db: Queryable, range: CalendarRange & { now: number }): Promise<CalendarRows> {
  const { clinicId, from, to, startsAfter, practitionerId: pid, now } = range;

  let bookings = db
    .selectFrom('bookings as b')
    .innerJoin('clients as c', 'c.id', 'b.client_id')
    .innerJoin('treatment_types as t', 't.id', 'b.treatment_type_id')
    .select([
      'b.id',
      'b.start_ms',
      'b.end_ms',
      'b.practitioner_id',
      'b.status',
      'b.client_id',
      'c.name as client_name',
      'b.treatment_type_id',
      't.name as treatment_name',
      't.color',
      'b.location_id',
      'b.note',
      'b.late_cancellation',
      'b.paid_at',
    ])
    .where('b.clinic_id', '=', clinicId)
    .where('b.start_ms', '<', to)
    .where('b.start_ms', '>', startsAfter)
    .where('b.end_ms', '>', from);
  if (pid) bookings = bookings.where('b.practitioner_id', '=', pid);

  let workingTimes = db
    .selectFrom('working_times')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('start_ms', '<', to)
    .where('start_ms', '>', startsAfter)
    .where('end_ms', '>', from);
  if (pid) workingTimes = workingTimes.where('practitioner_id', '=', pid);

  let activities = db
    .selectFrom('activities')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('start_ms', '<', to)
    .where('start_ms', '>', startsAfter)
    .where('end_ms', '>', from);
  if (pid) activities = activities.where('practitioner_id', '=', pid);

  let holds = db
    .selectFrom('holds')
    .select(['id', 'start_ms', 'end_ms', 'practitioner_id', 'expires_at'])
    .where('clinic_id', '=', clinicId)
    .where('active', '=', 1)
    .where('expires_at', '>', now)
    .where('start_ms', '<', to)
    .where('start_ms', '>', startsAfter)
    .where('end_ms', '>', from);
  if (pid) holds = holds.where('practitioner_id', '=', pid);

  // Busy time from practitioners' own calendars: a title only where the practitioner allowed it
  // (busy-calendar/refresh.ts keeps none otherwise).
  let busyTimes = db
    .selectFrom('busy_times')
    .select(['id', 'start_ms', 'end_ms', 'practitioner_id', 'title'])
    .where('clinic_id', '=', clinicId)
    .where('start_ms', '<', to)
    .where('start_ms', '>', startsAfter)
    .where('end_ms', '>', from);
  if (pid) busyTimes = busyTimes.where('practitioner_id', '=', pid);

  const [bookingRows, workingRows, activityRows, holdRows, busyRows] = await Promise.all([
    bookings.execute(),
    workingTimes.execute(),
    activities.execute(),
    holds.execute(),
    busyTimes.execute(),
  ]);
  return { bookings: bookingRows, workingTimes: workingRows, activities: activityRows, holds: holdRows, busyTimes: busyRows };
}

/** Those of the clinic's treatment types `ids` that are not deleted (none asked, none read). */
export async function liveTreatmentTypeIds(db: Queryable, clinicId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('treatment_types')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((t) => t.id);
}
