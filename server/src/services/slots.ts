import { computeSlots, type ListSlotsQuery, type ListSlotsResponse, type SlotWorkingTime } from '@tidbok/core';
import { ApiError } from '../errors.js';
import { iso } from '../time.js';
import { findTreatmentType } from './catalogue.js';
import { parseIds, RANGE_LOOKBACK_MS, range } from './common.js';
import type { Deps } from './deps.js';
import { bookingSettingsOf, type ClinicRow } from './rows.js';

export const MAX_SLOT_DAYS = 62;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Free start times (API.md, "The rules that make a slot"). Staff see treatment types that are
 * not bookable online and are not held to the minimum notice; the public are.
 */
export async function listSlots(
  deps: Deps,
  clinic: ClinicRow,
  query: ListSlotsQuery,
  audience: 'public' | 'staff',
): Promise<ListSlotsResponse> {
  const db = deps.store.db;
  const now = deps.clock.now();
  const settings = bookingSettingsOf(clinic);
  const requested = range(query.from, query.to, clinic.time_zone, MAX_SLOT_DAYS);
  const treatment = await findTreatmentType(db, clinic.id, query.treatmentTypeId);
  if (audience === 'public' && treatment.online_bookable !== 1) throw new ApiError('not_found', 'Treatment type not found');

  // Nothing can be offered outside [now + notice, now + horizon]; don't read what can't matter.
  const earliest = audience === 'public' ? now + settings.minNoticeHours * HOUR : now;
  const from = Math.max(requested.from, earliest);
  const to = Math.min(requested.to, now + settings.horizonDays * DAY + 1);
  if (from >= to) return { timeZone: clinic.time_zone, slots: [] };
  const duration = treatment.duration_minutes * 60_000;

  let practitionerQuery = db
    .selectFrom('practitioners as p')
    .innerJoin('practitioner_treatment_types as l', 'l.practitioner_id', 'p.id')
    .select('p.id')
    .where('p.clinic_id', '=', clinic.id)
    .where('p.deleted_at', 'is', null)
    .where('l.treatment_type_id', '=', treatment.id);
  if (query.practitionerId) practitionerQuery = practitionerQuery.where('p.id', '=', query.practitionerId);
  const offering = (await practitionerQuery.execute()).map((p) => p.id);

  // A working time may name the treatment explicitly even if the practitioner's list changed
  // since; rule 2 only consults the practitioner's list where the block's own list is null.
  let workingQuery = db
    .selectFrom('working_times as w')
    .innerJoin('practitioners as p', 'p.id', 'w.practitioner_id')
    .select(['w.practitioner_id', 'w.start_ms', 'w.end_ms', 'w.treatment_type_ids', 'w.location_id'])
    .where('w.clinic_id', '=', clinic.id)
    .where('p.deleted_at', 'is', null)
    .where('w.start_ms', '<', to)
    .where('w.start_ms', '>', from - RANGE_LOOKBACK_MS)
    .where('w.end_ms', '>=', from + duration);
  if (query.practitionerId) workingQuery = workingQuery.where('w.practitioner_id', '=', query.practitionerId);
  if (query.locationId) workingQuery = workingQuery.where('w.location_id', '=', query.locationId);
  const workingRows = await workingQuery.execute();

  const workingTimes: SlotWorkingTime[] = [];
  const practitionerIds = new Set(offering);
  for (const w of workingRows) {
    const ids = parseIds(w.treatment_type_ids);
    if (ids ? !ids.includes(treatment.id) : !practitionerIds.has(w.practitioner_id)) continue;
    workingTimes.push({
      practitionerId: w.practitioner_id,
      start: w.start_ms,
      end: w.end_ms,
      treatmentTypeIds: ids,
      locationId: w.location_id,
    });
    practitionerIds.add(w.practitioner_id);
  }
  if (workingTimes.length === 0) return { timeZone: clinic.time_zone, slots: [] };

  const ids = [...new Set(workingTimes.map((w) => w.practitionerId))];
  const busyTo = to + duration;
  const [bookings, holds] = await Promise.all([
    db
      .selectFrom('bookings')
      .select(['practitioner_id as practitionerId', 'start_ms as start', 'end_ms as end'])
      .where('practitioner_id', 'in', ids)
      .where('status', '=', 'booked')
      .where('start_ms', '<', busyTo)
      .where('start_ms', '>', from - RANGE_LOOKBACK_MS)
      .where('end_ms', '>', from)
      .execute(),
    db
      .selectFrom('holds')
      .select(['practitioner_id as practitionerId', 'start_ms as start', 'end_ms as end'])
      .where('practitioner_id', 'in', ids)
      .where('active', '=', 1)
      .where('expires_at', '>', now)
      .where('start_ms', '<', busyTo)
      .where('start_ms', '>', from - RANGE_LOOKBACK_MS)
      .where('end_ms', '>', from)
      .execute(),
  ]);

  const slots = computeSlots({
    now,
    from,
    to,
    treatmentType: { id: treatment.id, durationMinutes: treatment.duration_minutes },
    practitioners: ids.map((id) => ({ id, treatmentTypeIds: offering.includes(id) ? [treatment.id] : [] })),
    workingTimes,
    busy: [...bookings, ...holds],
    rules: settings,
    locationId: query.locationId ?? null,
    applyMinNotice: audience === 'public',
  });
  return {
    timeZone: clinic.time_zone,
    slots: slots.map((s) => ({
      start: iso(s.start),
      end: iso(s.end),
      practitionerId: s.practitionerId,
      locationId: s.locationId,
    })),
  };
}

/** Whether one exact start is offered now (holds must satisfy every slot rule). */
export async function isSlotOffered(
  deps: Deps,
  clinic: ClinicRow,
  treatmentTypeId: string,
  practitionerId: string,
  start: number,
  locationId: string | null | undefined,
): Promise<{ offered: boolean; locationId: string | null }> {
  const probe = await listSlots(
    deps,
    clinic,
    {
      treatmentTypeId,
      practitionerId,
      from: iso(start),
      to: iso(start + 1),
      ...(locationId ? { locationId } : {}),
    },
    'public',
  );
  const match = probe.slots.find((s) => Date.parse(s.start) === start);
  return { offered: match !== undefined, locationId: match?.locationId ?? null };
}
