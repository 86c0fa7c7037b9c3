import {
  addLocalDays,
  type ApplyTemplateWeekBody,
  type ApplyTemplateWeekResponse,
  type CreateTemplateWeekBody,
  localDateOf,
  localTimeOf,
  localToInstant,
  startOfLocalDay,
  type TemplateBlock,
  type TemplateBooking,
  type TemplateWeek,
  weekdayOf,
} from '@tidbok/core';
import type { Selectable } from 'kysely';
import { invalid, isOverlapError, notFound } from '../errors.js';
import { newId } from '../secrets.js';
import { addWorkingTime } from '../store/repositories/calendar.js';
import { addBooking } from '../store/repositories/staff-bookings.js';
import {
  addTemplateWeek,
  bookedBookingsStartingIn,
  clinicHasPractitioner,
  livePractitionerIds,
  removeTemplateWeek,
  saveTemplateWeekName,
  templateBookingReferences,
  templateWeekById,
  templateWeeksOfClinic,
  workingTimesAt,
  workingTimesStartingIn,
} from '../store/repositories/template-weeks.js';
import type { Queryable, Trx } from '../store/store.js';
import type { TemplateWeekTable } from '../store/schema.js';
import { iso } from '../time.js';
import { findOverlap, parseIds, purgeExpiredHolds } from './common.js';
import type { Actor } from './actor.js';
import { audit } from './audit.js';
import type { Deps } from './deps.js';
import type { ClinicRow } from './rows.js';
import { emitStoredBookingCreated } from '../webhooks/emit.js';

type TemplateWeekRow = Selectable<TemplateWeekTable>;
type Created = ApplyTemplateWeekResponse['created'][number];
type Skipped = ApplyTemplateWeekResponse['skipped'][number];

function templateWeekOf(row: TemplateWeekRow): TemplateWeek {
  return {
    id: row.id,
    name: row.name,
    practitionerId: row.practitioner_id,
    blocks: JSON.parse(row.blocks) as TemplateBlock[],
    bookings: JSON.parse(row.bookings) as TemplateBooking[],
    createdAt: iso(row.created_at),
  };
}

async function findTemplateWeek(db: Queryable, clinicId: string, id: string) {
  const row = await templateWeekById(db, clinicId, id);
  if (!row) throw notFound('Template week');
  return row;
}

export async function listTemplateWeeks(deps: Deps, clinic: ClinicRow) {
  const rows = await templateWeeksOfClinic(deps.store.db, clinic.id);
  return rows.map(templateWeekOf);
}

/**
 * Captures the working time of the week that starts on the local Monday `weekStart` (one
 * practitioner or all) as weekday + local wall-clock times, so pasting it keeps 09:00 at 09:00
 * in any week, daylight saving or not.
 */
export async function createTemplateWeek(deps: Deps, clinic: ClinicRow, body: CreateTemplateWeekBody, who?: Actor) {
  const zone = clinic.time_zone;
  const from = startOfLocalDay(body.weekStart, zone);
  const to = startOfLocalDay(addLocalDays(body.weekStart, 7), zone);
  const db = deps.store.db;
  if (body.practitionerId && !(await clinicHasPractitioner(db, clinic.id, body.practitionerId))) throw invalid('practitionerId', 'Unknown practitioner');
  const week = { clinicId: clinic.id, from, to, practitionerId: body.practitionerId };
  const blocks: TemplateBlock[] = (await workingTimesStartingIn(db, week)).map((w) => {
    const date = localDateOf(w.start_ms, zone);
    return {
      weekday: weekdayOf(date),
      start: localTimeOf(w.start_ms, zone),
      end: localTimeOf(w.end_ms, zone),
      ...(localDateOf(w.end_ms, zone) !== date ? { endsNextDay: true } : {}),
      practitionerId: w.practitioner_id,
      treatmentTypeIds: parseIds(w.treatment_type_ids),
      locationId: w.location_id,
    };
  });
  let bookings: TemplateBooking[] = [];
  if (body.includeBookings) {
    bookings = (await bookedBookingsStartingIn(db, week)).map((b) => ({
      weekday: weekdayOf(localDateOf(b.start_ms, zone)),
      start: localTimeOf(b.start_ms, zone),
      durationMinutes: Math.round((b.end_ms - b.start_ms) / 60_000),
      practitionerId: b.practitioner_id,
      treatmentTypeId: b.treatment_type_id,
      clientId: b.client_id,
      locationId: b.location_id,
    }));
  }
  const now = deps.clock.now();
  const row: TemplateWeekRow = {
    id: newId('tw'),
    clinic_id: clinic.id,
    name: body.name,
    practitioner_id: body.practitionerId ?? null,
    blocks: JSON.stringify(blocks),
    bookings: JSON.stringify(bookings),
    created_at: now,
    updated_at: now,
  };
  await deps.store.write(async (trx) => {
    await addTemplateWeek(trx, row);
    await audit(trx, now, clinic.id, who, { action: 'created', entity: 'templateWeek', id: row.id, summary: `from ${body.weekStart}` });
  });
  return templateWeekOf(row);
}

export async function renameTemplateWeek(deps: Deps, clinic: ClinicRow, id: string, name: string, who?: Actor) {
  return deps.store.write(async (trx) => {
    const row = await findTemplateWeek(trx, clinic.id, id);
    const updated_at = deps.clock.now();
    await saveTemplateWeekName(trx, id, { name, now: updated_at });
    await audit(trx, updated_at, clinic.id, who, { action: 'changed', entity: 'templateWeek', id, summary: 'name' });
    return templateWeekOf({ ...row, name, updated_at });
  });
}

export async function deleteTemplateWeek(deps: Deps, clinic: ClinicRow, id: string, who?: Actor) {
  await deps.store.write(async (trx) => {
    await findTemplateWeek(trx, clinic.id, id);
    await removeTemplateWeek(trx, id);
    await audit(trx, deps.clock.now(), clinic.id, who, { action: 'deleted', entity: 'templateWeek', id });
  });
}

/**
 * Pastes a template into each week. Working time is created in the clinic's zone; a block
 * identical to one already there is skipped (`exists`), so pasting twice creates nothing new.
 * Recurring bookings are made only where the practitioner is free (`taken` otherwise). With
 * `dryRun` the same report is produced and the transaction rolled back.
 */
export async function applyTemplateWeek(deps: Deps, clinic: ClinicRow, id: string, body: ApplyTemplateWeekBody, who?: Actor) {
  const zone = clinic.time_zone;
  const rollback = new Error('dry run');
  let report: ApplyTemplateWeekResponse = { created: [], skipped: [] };
  try {
    await deps.store.write(async (trx) => {
      report = await applyIn(trx, deps, clinic, await findTemplateWeek(trx, clinic.id, id), body.weekStarts, zone);
      if (body.dryRun) throw rollback;
      // Pasting makes working time (and recurring bookings): one entry names what it made.
      if (report.created.length > 0) {
        await audit(trx, deps.clock.now(), clinic.id, who, {
          action: 'created',
          entity: 'templateWeek',
          id,
          summary: `applied to ${[...new Set(body.weekStarts)].sort().join(', ')}: ${report.created.length} entries`,
        });
      }
    });
  } catch (error) {
    if (error !== rollback) throw error;
    // Nothing was written: a preview names no ids.
    report = { ...report, created: report.created.map((c) => ({ ...c, id: null })) };
  }
  return report;
}

async function applyIn(trx: Trx, deps: Deps, clinic: ClinicRow, row: TemplateWeekRow, weekStarts: string[], zone: string) {
  const template = templateWeekOf(row);
  const now = deps.clock.now();
  const created: Created[] = [];
  const skipped: Skipped[] = [];
  const practitioners = new Map((await livePractitionerIds(trx, clinic.id)).map((id) => [id, true]));

  for (const weekStart of [...new Set(weekStarts)].sort()) {
    for (const block of template.blocks) {
      const date = addLocalDays(weekStart, block.weekday - 1);
      const start = localToInstant(date, block.start, zone);
      const end = localToInstant(block.endsNextDay ? addLocalDays(date, 1) : date, block.end, zone);
      const where = { kind: 'workingTime' as const, weekStart, weekday: block.weekday, start: iso(start), end: iso(end), practitionerId: block.practitionerId };
      if (!practitioners.has(block.practitionerId)) {
        skipped.push({ ...where, reason: 'practitioner_missing' });
        continue;
      }
      if (end <= start) {
        skipped.push({ ...where, reason: 'invalid_time' });
        continue;
      }
      const ids = block.treatmentTypeIds ? JSON.stringify(block.treatmentTypeIds) : null;
      const twin = await workingTimesAt(trx, { practitionerId: block.practitionerId, start, end });
      if (twin.some((w) => w.treatment_type_ids === ids && w.location_id === block.locationId)) {
        skipped.push({ ...where, reason: 'exists' });
        continue;
      }
      const wt = {
        id: newId('wt'),
        clinic_id: clinic.id,
        practitioner_id: block.practitionerId,
        start_ms: start,
        end_ms: end,
        treatment_type_ids: ids,
        location_id: block.locationId,
        created_at: now,
      };
      await addWorkingTime(trx, wt);
      created.push({ kind: 'workingTime', id: wt.id, practitionerId: wt.practitioner_id, start: iso(start), end: iso(end) });
    }

    for (const booking of template.bookings ?? []) {
      const date = addLocalDays(weekStart, booking.weekday - 1);
      const start = localToInstant(date, booking.start, zone);
      const end = start + booking.durationMinutes * 60_000;
      const where = { kind: 'booking' as const, weekStart, weekday: booking.weekday, start: iso(start), end: iso(end), practitionerId: booking.practitionerId };
      if (!practitioners.has(booking.practitionerId)) {
        skipped.push({ ...where, reason: 'practitioner_missing' });
        continue;
      }
      const { treatment, client } = await templateBookingReferences(trx, { treatmentTypeId: booking.treatmentTypeId, clientId: booking.clientId });
      if (!treatment) {
        skipped.push({ ...where, reason: 'treatment_missing' });
        continue;
      }
      if (!client) {
        skipped.push({ ...where, reason: 'client_missing' });
        continue;
      }
      await purgeExpiredHolds(trx, booking.practitionerId, now);
      if (start <= now || (await findOverlap(trx, booking.practitionerId, start, end, now))) {
        skipped.push({ ...where, reason: 'taken' });
        continue;
      }
      const id = newId('bk');
      try {
        await addBooking(trx, {
          id,
          clinic_id: clinic.id,
          practitioner_id: booking.practitionerId,
          treatment_type_id: booking.treatmentTypeId,
          location_id: booking.locationId,
          client_id: booking.clientId,
          status: 'booked',
          start_ms: start,
          end_ms: end,
          note: '',
          late_cancellation: 0,
          confirmation: 'none',
          source: 'template',
          manage_token_hash: null,
          paid_amount_cents: null,
          paid_currency: null,
          paid_method: null,
          paid_at: null,
          receipt_number: null,
          cancelled_at: null,
          created_at: now,
          updated_at: now,
        });
      } catch (error) {
        if (isOverlapError(error)) {
          skipped.push({ ...where, reason: 'taken' });
          continue;
        }
        throw error;
      }
      created.push({ kind: 'booking', id, practitionerId: booking.practitionerId, start: iso(start), end: iso(end) });
      await emitStoredBookingCreated(trx, deps, clinic.id, id);
    }
  }
  return { created, skipped };
}
