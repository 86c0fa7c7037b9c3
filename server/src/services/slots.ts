import {
  closedDatesBetween,
  computeSlots,
  localDateOf,
  type ListSlotsQuery,
  type ListSlotsResponse,
  type ComputedSlot,
  type SlotWorkingTime,
} from '@tidbok/core';
import { ApiError } from '../errors.js';
import { iso } from '../time.js';
import { busyForSlots, cachedSlotList, practitionersOffering, workingTimesForSlots } from '../store/repositories/availability.js';
import { readTreatmentType } from './catalogue.js';
import { parseIds, RANGE_LOOKBACK_MS, range } from './common.js';
import type { Deps } from './deps.js';
import { bookingSettingsOf, type ClinicRow, type TreatmentTypeRow } from './rows.js';

export const MAX_SLOT_DAYS = 62;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A slot list as served: the response and its JSON text, made once per cache entry. */
interface ServedSlots {
  response: ListSlotsResponse;
  json: string;
}

/**
 * Free start times (docs/design.md, "The rules that make a slot"). Staff see treatment types that are
 * not bookable online and are not held to the minimum notice; the public are.
 *
 * Kept in the store's read cache (read-cache.ts) until the next write or until time alone could
 * change the answer, whichever comes first: visitors ask for the same weeks over and over.
 */
export async function listSlots(deps: Deps, clinic: ClinicRow, query: ListSlotsQuery, audience: 'public' | 'staff'): Promise<ListSlotsResponse> {
  return (await servedSlots(deps, clinic, query, audience)).response;
}

/** `listSlots` as JSON text, ready to send. */
export async function listSlotsJson(deps: Deps, clinic: ClinicRow, query: ListSlotsQuery, audience: 'public' | 'staff'): Promise<string> {
  return (await servedSlots(deps, clinic, query, audience)).json;
}

async function servedSlots(deps: Deps, clinic: ClinicRow, query: ListSlotsQuery, audience: 'public' | 'staff'): Promise<ServedSlots> {
  const requested = range(query.from, query.to, clinic.time_zone, MAX_SLOT_DAYS);
  const key = {
    audience,
    clinicId: clinic.id,
    treatmentTypeId: query.treatmentTypeId,
    practitionerId: query.practitionerId,
    locationId: query.locationId,
    from: requested.from,
    to: requested.to,
  };
  return cachedSlotList(deps.store, deps.clock.now(), key, async () => {
    const treatment = await readTreatmentType(deps, clinic.id, query.treatmentTypeId);
    const { slots, validUntil } = await slotsFor(deps, clinic, treatment, requested, query, audience);
    const response: ListSlotsResponse = {
      timeZone: clinic.time_zone,
      slots: slots.map((s) => ({
        start: iso(s.start),
        end: iso(s.end),
        practitionerId: s.practitionerId,
        locationId: s.locationId,
      })),
    };
    return { value: { response, json: JSON.stringify(response) }, validUntil };
  });
}

/**
 * `listSlots` once the range is resolved and the treatment type read: the slots, and the first
 * clock time at which they could differ with no write in between — when the earliest slot falls
 * inside the notice (or, for staff, into the past), when a hold read here expires, or at once
 * when the horizon cut the range short (a later clock lets later starts in).
 */
async function slotsFor(
  deps: Deps,
  clinic: ClinicRow,
  treatment: TreatmentTypeRow,
  requested: { from: number; to: number },
  query: Pick<ListSlotsQuery, 'practitionerId' | 'locationId'>,
  audience: 'public' | 'staff',
): Promise<{ slots: ComputedSlot[]; validUntil: number }> {
  const db = deps.store.db;
  const now = deps.clock.now();
  const settings = bookingSettingsOf(clinic);
  if (audience === 'public' && treatment.online_bookable !== 1) throw new ApiError('not_found', 'Treatment type not found');

  // Nothing can be offered outside [now + notice, now + horizon]; don't read what can't matter.
  const noticeMs = audience === 'public' ? settings.minNoticeHours * HOUR : 0;
  const horizonEnd = now + settings.horizonDays * DAY + 1;
  const from = Math.max(requested.from, now + noticeMs);
  const to = Math.min(requested.to, horizonEnd);
  let validUntil = requested.to > horizonEnd ? now + 1 : Number.POSITIVE_INFINITY;
  const none = { slots: [], validUntil };
  if (from >= to) return none;
  const duration = treatment.duration_minutes * 60_000;

  // One small query for the practitioners: every one of the clinic's that is not deleted (a
  // working time may name the treatment explicitly even if the practitioner's list changed since;
  // rule 2 only consults the practitioner's list where the block's own list is null), and whether
  // each offers the treatment by default.
  const practitionerRows = await practitionersOffering(db, { clinicId: clinic.id, treatmentTypeId: treatment.id, practitionerId: query.practitionerId });
  if (practitionerRows.length === 0) return none;
  const offering = new Set<string>();
  for (const p of practitionerRows) if (p.offered !== null) offering.add(p.id);

  const workingRows = await workingTimesForSlots(deps.store, {
    ids: practitionerRows.map((p) => p.id),
    to,
    lookbackFrom: from - RANGE_LOOKBACK_MS,
    minEnd: from + duration,
    locationId: query.locationId ?? null,
  });

  const workingTimes: SlotWorkingTime[] = [];
  const practitionerIds = new Set<string>();
  for (const w of workingRows) {
    const ids = parseIds(w.treatmentTypeIds);
    if (ids ? !ids.includes(treatment.id) : !offering.has(w.practitionerId)) continue;
    workingTimes.push({
      practitionerId: w.practitionerId,
      start: w.start,
      end: w.end,
      treatmentTypeIds: ids,
      locationId: w.locationId,
    });
    practitionerIds.add(w.practitionerId);
  }
  if (workingTimes.length === 0) return none;

  const ids = [...practitionerIds];
  const busyTo = to + duration;
  // Busy time from the practitioners' own calendars blocks public slots only: staff may still
  // book over a private appointment they know about.
  const [busy, holds, privateBusy] = await busyForSlots(
    deps.store,
    { ids, now, to: busyTo, lookbackFrom: from - RANGE_LOOKBACK_MS, from },
    audience === 'public',
  );
  for (const b of privateBusy) busy.push(b);
  for (const h of holds) {
    busy.push(h);
    validUntil = Math.min(validUntil, h.expiresAt);
  }

  const slots = computeSlots({
    now,
    from,
    to,
    treatmentType: { id: treatment.id, durationMinutes: treatment.duration_minutes },
    practitioners: ids.map((id) => ({ id, treatmentTypeIds: offering.has(id) ? [treatment.id] : [] })),
    workingTimes,
    busy,
    rules: settings,
    locationId: query.locationId ?? null,
    applyMinNotice: audience === 'public',
  });
  if (audience === 'public') dropClosedDays(slots, settings, clinic.time_zone);
  // A slot is offered while now + notice <= its start; the earliest one goes first.
  if (slots.length > 0) validUntil = Math.min(validUntil, slots[0]!.start - noticeMs + 1);
  return { slots, validUntil };
}

/**
 * Removes, in place, the public slots that start on one of the clinic's closed days: the red days
 * when it has them on and its own days (holidays/, in core). Staff see and book those days as
 * any other; a changed setting is a write, which empties the read cache.
 */
function dropClosedDays(slots: ComputedSlot[], settings: ReturnType<typeof bookingSettingsOf>, timeZone: string) {
  if (slots.length === 0 || (!settings.publicHolidays && settings.closedDays.length === 0)) return;
  const closed = closedDatesBetween(settings, localDateOf(slots[0]!.start, timeZone), localDateOf(slots[slots.length - 1]!.start, timeZone));
  if (closed.size === 0) return;
  let kept = 0;
  for (const slot of slots) if (!closed.has(localDateOf(slot.start, timeZone))) slots[kept++] = slot;
  slots.length = kept;
}

/**
 * Whether one exact start is offered now (holds must satisfy every slot rule): the public slot
 * list of `[start, start + 1 ms)` for that practitioner, for a treatment type the caller has read.
 */
export async function isSlotOffered(
  deps: Deps,
  clinic: ClinicRow,
  treatment: TreatmentTypeRow,
  practitionerId: string,
  start: number,
  locationId: string | null | undefined,
): Promise<{ offered: boolean; locationId: string | null }> {
  const { slots } = await slotsFor(
    deps,
    clinic,
    treatment,
    { from: start, to: start + 1 },
    { practitionerId, ...(locationId ? { locationId } : {}) },
    'public',
  );
  const match = slots.find((s) => s.start === start);
  return { offered: match !== undefined, locationId: match?.locationId ?? null };
}
