import {
  ACTIVITY_COLOR,
  type Activity,
  BUSY_COLOR,
  type CalendarEntry,
  type CreateActivityBody,
  type CreateWorkingTimeBody,
  HOLD_COLOR,
  type RangeQuery,
  type UpdateActivityBody,
  type UpdateWorkingTimeBody,
  WORKING_TIME_COLOR,
  type WorkingTime,
} from '@tidbok/core';
import type { Selectable } from 'kysely';
import { ApiError, invalid, notFound } from '../errors.js';
import { newId } from '../secrets.js';
import {
  activityById,
  addActivity,
  addWorkingTime,
  calendarRows,
  liveTreatmentTypeIds,
  removeActivity,
  removeWorkingTime,
  removeWorkingTimesInRange,
  saveActivity,
  saveWorkingTime,
  workingTimeById,
} from '../store/repositories/calendar.js';
import type { Queryable, Trx } from '../store/store.js';
import type { ActivityTable, WorkingTimeTable } from '../store/schema.js';
import { iso } from '../time.js';
import { findLocation, findPractitionerRow, treatmentTypeIdsByPractitioner } from './catalogue.js';
import { checkInterval, instant, parseIds, RANGE_LOOKBACK_MS, range } from './common.js';
import { type Actor, ownPractitioner, requireActFor } from './actor.js';
import { audit, changedFields } from './audit.js';
import { scopeCalendar } from './calendar-scope.js';
import type { Deps } from './deps.js';
import { type ClinicRow } from './rows.js';

type WorkingTimeRow = Selectable<WorkingTimeTable>;
type ActivityRow = Selectable<ActivityTable>;

export const MAX_CALENDAR_DAYS = 62;

function workingTimeOf(row: WorkingTimeRow): WorkingTime {
  return {
    id: row.id,
    practitionerId: row.practitioner_id,
    start: iso(row.start_ms),
    end: iso(row.end_ms),
    treatmentTypeIds: parseIds(row.treatment_type_ids),
    locationId: row.location_id,
  };
}

function activityOf(row: ActivityRow): Activity {
  return {
    id: row.id,
    practitionerId: row.practitioner_id,
    title: row.title,
    note: row.note,
    start: iso(row.start_ms),
    end: iso(row.end_ms),
  };
}

/**
 * A working time's own list must be a subset of the practitioner's treatment types
 * (the seed: the field narrows the practitioner's list; it cannot add to it).
 */
async function checkWorkingTime(
  trx: Trx,
  clinic: ClinicRow,
  value: { practitionerId: string; start: number; end: number; treatmentTypeIds: string[] | null; locationId: string | null },
) {
  try {
    await findPractitionerRow(trx, clinic.id, value.practitionerId);
  } catch {
    throw invalid('practitionerId', 'Unknown practitioner');
  }
  checkInterval(value.start, value.end);
  if (value.locationId) {
    try {
      await findLocation(trx, clinic.id, value.locationId);
    } catch {
      throw invalid('locationId', 'Unknown location');
    }
  }
  if (value.treatmentTypeIds) {
    const offered = new Set((await treatmentTypeIdsByPractitioner(trx, [value.practitionerId])).get(value.practitionerId));
    const foreign = value.treatmentTypeIds.filter((id) => !offered.has(id));
    if (foreign.length > 0) {
      throw invalid('treatmentTypeIds', `Not among the practitioner's treatment types: ${foreign.join(', ')}`);
    }
  }
}

export async function createWorkingTime(deps: Deps, clinic: ClinicRow, body: CreateWorkingTimeBody, actor?: Actor) {
  requireActFor(actor, body.practitionerId, 'working time');
  const row: WorkingTimeRow = {
    id: newId('wt'),
    clinic_id: clinic.id,
    practitioner_id: body.practitionerId,
    start_ms: instant(body.start, 'start'),
    end_ms: instant(body.end, 'end'),
    treatment_type_ids: body.treatmentTypeIds ? JSON.stringify([...new Set(body.treatmentTypeIds)]) : null,
    location_id: body.locationId ?? null,
    created_at: deps.clock.now(),
  };
  await deps.store.write(async (trx) => {
    await checkWorkingTime(trx, clinic, {
      practitionerId: row.practitioner_id,
      start: row.start_ms,
      end: row.end_ms,
      treatmentTypeIds: parseIds(row.treatment_type_ids),
      locationId: row.location_id,
    });
    await addWorkingTime(trx, row);
    await audit(trx, row.created_at, clinic.id, actor, {
      action: 'created',
      entity: 'workingTime',
      id: row.id,
      summary: `${iso(row.start_ms)}–${iso(row.end_ms)}`,
    });
  });
  return workingTimeOf(row);
}

async function findWorkingTime(db: Queryable, clinicId: string, id: string) {
  const row = await workingTimeById(db, clinicId, id);
  if (!row) throw notFound('Working time');
  return row;
}

export async function getWorkingTime(deps: Deps, clinic: ClinicRow, id: string) {
  return workingTimeOf(await findWorkingTime(deps.store.db, clinic.id, id));
}

export async function updateWorkingTime(deps: Deps, clinic: ClinicRow, id: string, patch: UpdateWorkingTimeBody, actor?: Actor) {
  return deps.store.write(async (trx) => {
    const row = await findWorkingTime(trx, clinic.id, id);
    requireActFor(actor, row.practitioner_id, 'working time');
    if (patch.practitionerId) requireActFor(actor, patch.practitionerId, 'working time');
    const next: WorkingTimeRow = {
      ...row,
      practitioner_id: patch.practitionerId ?? row.practitioner_id,
      start_ms: patch.start ? instant(patch.start, 'start') : row.start_ms,
      end_ms: patch.end ? instant(patch.end, 'end') : row.end_ms,
      treatment_type_ids:
        patch.treatmentTypeIds === undefined
          ? row.treatment_type_ids
          : patch.treatmentTypeIds === null
            ? null
            : JSON.stringify([...new Set(patch.treatmentTypeIds)]),
      location_id: patch.locationId === undefined ? row.location_id : patch.locationId,
    };
    await checkWorkingTime(trx, clinic, {
      practitionerId: next.practitioner_id,
      start: next.start_ms,
      end: next.end_ms,
      treatmentTypeIds: parseIds(next.treatment_type_ids),
      locationId: next.location_id,
    });
    await saveWorkingTime(trx, next);
    const moved = next.start_ms !== row.start_ms || next.end_ms !== row.end_ms || next.practitioner_id !== row.practitioner_id;
    await audit(trx, deps.clock.now(), clinic.id, actor, {
      action: moved ? 'moved' : 'changed',
      entity: 'workingTime',
      id,
      summary: [changedFields(patch), moved ? `${iso(row.start_ms)} → ${iso(next.start_ms)}–${iso(next.end_ms)}` : ''].filter(Boolean).join('; '),
    });
    return workingTimeOf(next);
  });
}

export async function deleteWorkingTime(deps: Deps, clinic: ClinicRow, id: string, actor?: Actor) {
  await deps.store.write(async (trx) => {
    const row = await findWorkingTime(trx, clinic.id, id);
    requireActFor(actor, row.practitioner_id, 'working time');
    await removeWorkingTime(trx, id);
    await audit(trx, deps.clock.now(), clinic.id, actor, {
      action: 'deleted',
      entity: 'workingTime',
      id,
      summary: `${iso(row.start_ms)}–${iso(row.end_ms)}`,
    });
  });
}

/** "Delete > All visible working time": every block that overlaps the range shown. */
export async function deleteWorkingTimeRange(deps: Deps, clinic: ClinicRow, query: RangeQuery, actor?: Actor) {
  const { from, to } = range(query.from, query.to, clinic.time_zone, MAX_CALENDAR_DAYS);
  // A practitioner clears their own calendar only, whether they name it or not.
  const own = ownPractitioner(actor);
  if (own === null) throw new ApiError('forbidden', 'This staff member is not linked to a practitioner');
  if (query.practitionerId) requireActFor(actor, query.practitionerId, 'working time');
  const practitionerId = own ?? query.practitionerId;
  return deps.store.write(async (trx) => {
    const deleted = await removeWorkingTimesInRange(trx, { clinicId: clinic.id, from, to, startsAfter: from - RANGE_LOOKBACK_MS, practitionerId });
    if (deleted > 0) {
      await audit(trx, deps.clock.now(), clinic.id, actor, {
        action: 'deleted',
        entity: 'workingTime',
        id: practitionerId ?? '*',
        summary: `${deleted} blocks in ${iso(from)}–${iso(to)}`,
      });
    }
    return { deleted };
  });
}

// ---- Activities ----

async function checkPractitioner(trx: Trx, clinic: ClinicRow, practitionerId: string) {
  try {
    await findPractitionerRow(trx, clinic.id, practitionerId);
  } catch {
    throw invalid('practitionerId', 'Unknown practitioner');
  }
}

export async function createActivity(deps: Deps, clinic: ClinicRow, body: CreateActivityBody, actor?: Actor) {
  requireActFor(actor, body.practitionerId, 'activities');
  const now = deps.clock.now();
  const row: ActivityRow = {
    id: newId('ac'),
    clinic_id: clinic.id,
    practitioner_id: body.practitionerId,
    title: body.title,
    note: body.note ?? '',
    start_ms: instant(body.start, 'start'),
    end_ms: instant(body.end, 'end'),
    created_at: now,
    updated_at: now,
  };
  checkInterval(row.start_ms, row.end_ms);
  await deps.store.write(async (trx) => {
    await checkPractitioner(trx, clinic, row.practitioner_id);
    await addActivity(trx, row);
    await audit(trx, now, clinic.id, actor, { action: 'created', entity: 'activity', id: row.id, summary: `${iso(row.start_ms)}–${iso(row.end_ms)}` });
  });
  return activityOf(row);
}

async function findActivity(db: Queryable, clinicId: string, id: string) {
  const row = await activityById(db, clinicId, id);
  if (!row) throw notFound('Activity');
  return row;
}

export async function getActivity(deps: Deps, clinic: ClinicRow, id: string, actor?: Actor) {
  const row = await findActivity(deps.store.db, clinic.id, id);
  requireActFor(actor, row.practitioner_id, 'activities');
  return activityOf(row);
}

export async function updateActivity(deps: Deps, clinic: ClinicRow, id: string, patch: UpdateActivityBody, actor?: Actor) {
  return deps.store.write(async (trx) => {
    const row = await findActivity(trx, clinic.id, id);
    requireActFor(actor, row.practitioner_id, 'activities');
    if (patch.practitionerId) requireActFor(actor, patch.practitionerId, 'activities');
    const next: ActivityRow = {
      ...row,
      practitioner_id: patch.practitionerId ?? row.practitioner_id,
      title: patch.title ?? row.title,
      note: patch.note ?? row.note,
      start_ms: patch.start ? instant(patch.start, 'start') : row.start_ms,
      end_ms: patch.end ? instant(patch.end, 'end') : row.end_ms,
      updated_at: deps.clock.now(),
    };
    checkInterval(next.start_ms, next.end_ms);
    if (patch.practitionerId) await checkPractitioner(trx, clinic, next.practitioner_id);
    await saveActivity(trx, next);
    const moved = next.start_ms !== row.start_ms || next.end_ms !== row.end_ms || next.practitioner_id !== row.practitioner_id;
    await audit(trx, next.updated_at, clinic.id, actor, {
      action: moved ? 'moved' : 'changed',
      entity: 'activity',
      id,
      summary: [changedFields(patch), moved ? `${iso(row.start_ms)} → ${iso(next.start_ms)}–${iso(next.end_ms)}` : ''].filter(Boolean).join('; '),
    });
    return activityOf(next);
  });
}

export async function deleteActivity(deps: Deps, clinic: ClinicRow, id: string, actor?: Actor) {
  await deps.store.write(async (trx) => {
    const row = await findActivity(trx, clinic.id, id);
    requireActFor(actor, row.practitioner_id, 'activities');
    await removeActivity(trx, id);
    await audit(trx, deps.clock.now(), clinic.id, actor, { action: 'deleted', entity: 'activity', id, summary: `${iso(row.start_ms)}–${iso(row.end_ms)}` });
  });
}

// ---- The calendar feed ----

/**
 * Everything a week view draws, in one response: bookings of every status (with client and
 * treatment names), working time (with the treatment types it actually offers), activities,
 * and active holds — the last with no client data at all.
 */
export async function calendarFeed(deps: Deps, clinic: ClinicRow, query: RangeQuery, actor?: Actor) {
  const { from, to } = range(query.from, query.to, clinic.time_zone, MAX_CALENDAR_DAYS);
  const now = deps.clock.now();
  const db = deps.store.db;

  const {
    bookings: bookingRows,
    workingTimes: workingRows,
    activities: activityRows,
    holds: holdRows,
    busyTimes: busyRows,
  } = await calendarRows(db, { clinicId: clinic.id, from, to, startsAfter: from - RANGE_LOOKBACK_MS, practitionerId: query.practitionerId, now });
  const offered = await treatmentTypeIdsByPractitioner(db, [...new Set(workingRows.map((w) => w.practitioner_id))]);
  // A block's own list may name a treatment type deleted since; it is no longer bookable there.
  const named = [...new Set(workingRows.flatMap((w) => parseIds(w.treatment_type_ids) ?? []))];
  const live = new Set(await liveTreatmentTypeIds(db, clinic.id, named));

  const entries: CalendarEntry[] = [
    ...workingRows.map((w): CalendarEntry => {
      const own = parseIds(w.treatment_type_ids);
      return {
        kind: 'workingTime',
        id: w.id,
        start: iso(w.start_ms),
        end: iso(w.end_ms),
        practitionerId: w.practitioner_id,
        color: WORKING_TIME_COLOR,
        treatmentTypeIds: own,
        bookableTreatmentTypeIds: own ? own.filter((id) => live.has(id)) : (offered.get(w.practitioner_id) ?? []),
        locationId: w.location_id,
      };
    }),
    ...bookingRows.map((b): CalendarEntry => ({
      kind: 'booking',
      id: b.id,
      start: iso(b.start_ms),
      end: iso(b.end_ms),
      practitionerId: b.practitioner_id,
      color: b.color,
      status: b.status as 'booked' | 'cancelled' | 'no_show',
      clientId: b.client_id,
      clientName: b.client_name,
      treatmentTypeId: b.treatment_type_id,
      treatmentName: b.treatment_name,
      locationId: b.location_id,
      note: b.note,
      lateCancellation: b.late_cancellation === 1,
      paid: b.paid_at !== null,
    })),
    ...activityRows.map((a): CalendarEntry => ({
      kind: 'activity',
      id: a.id,
      start: iso(a.start_ms),
      end: iso(a.end_ms),
      practitionerId: a.practitioner_id,
      color: ACTIVITY_COLOR,
      title: a.title,
      note: a.note,
    })),
    ...holdRows.map((h): CalendarEntry => ({
      kind: 'hold',
      id: h.id,
      start: iso(h.start_ms),
      end: iso(h.end_ms),
      practitionerId: h.practitioner_id,
      color: HOLD_COLOR,
      expiresAt: iso(h.expires_at),
    })),
    ...busyRows.map((b): CalendarEntry => ({
      kind: 'busy',
      id: b.id,
      start: iso(b.start_ms),
      end: iso(b.end_ms),
      practitionerId: b.practitioner_id,
      color: BUSY_COLOR,
      title: b.title,
    })),
  ];
  entries.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1));
  return { timeZone: clinic.time_zone, entries: scopeCalendar(entries, actor) };
}
