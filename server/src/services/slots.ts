import {
  type BusyInterval,
  closedDatesBetween,
  computeSlots,
  localDateOf,
  type ListSlotsQuery,
  type ListSlotsResponse,
  type ComputedSlot,
  type SlotWorkingTime,
} from '@tidbok/core';
import { sql } from 'kysely';
import { ApiError } from '../errors.js';
import { iso } from '../time.js';
import { prepared, together } from '../store/prepared.js';
import { readCache } from '../store/read-cache.js';
import type { Db } from '../store/store.js';
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
  const key = [audience, clinic.id, query.treatmentTypeId, query.practitionerId ?? '', query.locationId ?? '', requested.from, requested.to].join(':');
  return readCache(deps.store, 'slots', 200).get(key, deps.clock.now(), async () => {
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

// The reads behind every slot list and hold, compiled once (store/prepared.ts): building and
// compiling them with Kysely on each call cost about as much as SQLite took to answer them.

/** The clinic's practitioners (not deleted), each with whether it offers the treatment by default. */
const offeringOf = (db: Db, v: { clinicId: string; treatmentTypeId: string }) =>
  db
    .selectFrom('practitioners as p')
    .leftJoin('practitioner_treatment_types as l', (join) => join.onRef('l.practitioner_id', '=', 'p.id').on('l.treatment_type_id', '=', v.treatmentTypeId))
    .select(['p.id', 'l.treatment_type_id as offered'])
    .where('p.clinic_id', '=', v.clinicId)
    .where('p.deleted_at', 'is', null);
const allOffering = prepared(offeringOf);
const oneOffering = prepared((db, v: { clinicId: string; treatmentTypeId: string; practitionerId: string }) =>
  offeringOf(db, v).where('p.id', '=', v.practitionerId),
);

/** Active holds of `ids` overlapping `[from, to)`, searched from `lookbackFrom` (see RANGE_LOOKBACK_MS). */
const activeHoldsIn = prepared((db, v: { ids: string[]; now: number; to: number; lookbackFrom: number; from: number }) =>
  db
    .selectFrom('holds')
    .select(['practitioner_id as practitionerId', 'start_ms as start', 'end_ms as end', 'expires_at as expiresAt'])
    .where('practitioner_id', 'in', v.ids)
    .where('active', '=', 1)
    .where('expires_at', '>', v.now)
    .where('start_ms', '<', v.to)
    .where('start_ms', '>', v.lookbackFrom)
    .where('end_ms', '>', v.from),
);

type WorkingValues = { ids: string[]; to: number; lookbackFrom: number; minEnd: number; locationId: string | null };
const workingTimesIn = (db: Db, v: WorkingValues) =>
  db
    .selectFrom('working_times')
    .where('practitioner_id', 'in', v.ids)
    .where('start_ms', '<', v.to)
    .where('start_ms', '>', v.lookbackFrom)
    .where('end_ms', '>=', v.minEnd)
    // Any location when none is asked for; the value is a parameter either way (typed, as
    // PostgreSQL cannot infer the type of a parameter that is only compared with NULL).
    .where((eb) => eb.or([eb(sql`cast(${v.locationId} as text)`, 'is', null), eb('location_id', '=', v.locationId)]));
const workingRowsIn = prepared((db, v: WorkingValues) =>
  workingTimesIn(db, v).select([
    'practitioner_id as practitionerId',
    'start_ms as start',
    'end_ms as end',
    'treatment_type_ids as treatmentTypeIds',
    'location_id as locationId',
  ]),
);
const workingGroupsIn = prepared((db, v: WorkingValues) =>
  workingTimesIn(db, v)
    .select(['practitioner_id', sql<string>`json_group_array(json_array(start_ms, end_ms, treatment_type_ids, location_id))`.as('blocks')])
    .groupBy('practitioner_id'),
);

/**
 * Busy time from practitioners' own calendars (busy-calendar/) overlapping `[from, to)`: it blocks
 * public slots only; staff may still book over a private appointment they know about. Stored in
 * pieces of at most a day, so the same lookback bounds the search.
 */
const privateBusyIn = prepared((db, v: { ids: string[]; to: number; lookbackFrom: number; from: number }) =>
  db
    .selectFrom('busy_times')
    .select(['practitioner_id as practitionerId', 'start_ms as start', 'end_ms as end'])
    .where('practitioner_id', 'in', v.ids)
    .where('start_ms', '<', v.to)
    .where('start_ms', '>', v.lookbackFrom)
    .where('end_ms', '>', v.from),
);

type BookedValues = { ids: string[]; to: number; lookbackFrom: number; from: number };
const bookedIn = (db: Db, v: BookedValues) =>
  db
    .selectFrom('bookings')
    .where('practitioner_id', 'in', v.ids)
    .where('status', '=', 'booked')
    .where('start_ms', '<', v.to)
    .where('start_ms', '>', v.lookbackFrom)
    .where('end_ms', '>', v.from);
const bookedRowsIn = prepared((db, v: BookedValues) => bookedIn(db, v).select(['practitioner_id as practitionerId', 'start_ms as start', 'end_ms as end']));
const bookedGroupsIn = prepared((db, v: BookedValues) =>
  bookedIn(db, v)
    .select(['practitioner_id', sql<string>`json_group_array(start_ms)`.as('starts'), sql<string>`json_group_array(end_ms)`.as('ends')])
    .groupBy('practitioner_id'),
);

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
  const offeringValues = { clinicId: clinic.id, treatmentTypeId: treatment.id };
  const { rows: practitionerRows } = query.practitionerId
    ? await oneOffering(db, { ...offeringValues, practitionerId: query.practitionerId })
    : await allOffering(db, offeringValues);
  if (practitionerRows.length === 0) return none;
  const offering = new Set<string>();
  for (const p of practitionerRows) if (p.offered !== null) offering.add(p.id);

  const workingRows = await readWorkingTimes(deps, {
    practitionerIds: practitionerRows.map((p) => p.id),
    from,
    to,
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
  const [busy, holds, privateBusy] = await readBusy(deps, { ids, now, to: busyTo, lookbackFrom: from - RANGE_LOOKBACK_MS, from }, audience);
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

interface WorkingRow {
  practitionerId: string;
  start: number;
  end: number;
  /** As stored: a JSON array of ids, or null. */
  treatmentTypeIds: string | null;
  locationId: string | null;
}

/**
 * The working times of `practitionerIds` that may hold a start in `[from, to)`, searched through
 * `(practitioner_id, start_ms)`. No `clinic_id` term: a working time's clinic is always its
 * practitioner's (every writer checks the practitioner in the clinic), and with one SQLite
 * searches `(clinic_id, start_ms)` instead, reading every practitioner's blocks in the window
 * (all 50 of them for a one-practitioner hold check).
 *
 * On SQLite the rows come back as one JSON array per practitioner (`json_group_array`), in index
 * order as before: better-sqlite3 spends about 1–2.5 µs building each row object, several times
 * what SQLite spends finding the row, while `JSON.parse` of the same values is far cheaper. A
 * dense week of 5 practitioners is 280 blocks: ~0.7 ms as rows, ~0.2 ms as JSON. PostgreSQL
 * reads plain rows.
 */
async function readWorkingTimes(
  deps: Deps,
  w: { practitionerIds: string[]; from: number; to: number; minEnd: number; locationId: string | null },
): Promise<WorkingRow[]> {
  const values = {
    ids: w.practitionerIds,
    to: w.to,
    lookbackFrom: w.from - RANGE_LOOKBACK_MS,
    minEnd: w.minEnd,
    locationId: w.locationId,
  };
  if (deps.store.dialect !== 'sqlite') return (await workingRowsIn(deps.store.db, values)).rows;
  const { rows: groups } = await workingGroupsIn(deps.store.db, values);
  const rows: WorkingRow[] = [];
  for (const group of groups) {
    const blocks = JSON.parse(group.blocks) as [number, number, string | null, string | null][];
    for (const [start, end, treatmentTypeIds, locationId] of blocks) {
      rows.push({ practitionerId: group.practitioner_id, start, end, treatmentTypeIds, locationId });
    }
  }
  return rows;
}

/** Booked bookings of `ids` overlapping `[from, to)`; one JSON array pair per practitioner on SQLite (see above). */
async function readBookedIntervals(deps: Deps, ids: string[], from: number, to: number): Promise<BusyInterval[]> {
  const values = { ids, to, lookbackFrom: from - RANGE_LOOKBACK_MS, from };
  if (deps.store.dialect !== 'sqlite') return (await bookedRowsIn(deps.store.db, values)).rows;
  const { rows: groups } = await bookedGroupsIn(deps.store.db, values);
  const busy: BusyInterval[] = [];
  for (const group of groups) {
    const starts = JSON.parse(group.starts) as number[];
    const ends = JSON.parse(group.ends) as number[];
    for (let i = 0; i < starts.length; i++) busy.push({ practitionerId: group.practitioner_id, start: starts[i]!, end: ends[i]! });
  }
  return busy;
}

/**
 * What makes a time not free for `ids` in `[from, to)`: bookings, active holds and (for the
 * public) busy time from the practitioners' own calendars. On PostgreSQL in one round trip
 * (store/prepared.ts, `together`).
 */
async function readBusy(
  deps: Deps,
  v: { ids: string[]; now: number; to: number; lookbackFrom: number; from: number },
  audience: 'public' | 'staff',
): Promise<[BusyInterval[], { practitionerId: string; start: number; end: number; expiresAt: number }[], BusyInterval[]]> {
  const db = deps.store.db;
  const { now, ...range } = v;
  if (deps.store.dialect !== 'sqlite') {
    const queries = [bookedRowsIn.compile(db, range), activeHoldsIn.compile(db, v), ...(audience === 'public' ? [privateBusyIn.compile(db, range)] : [])];
    const [booked, holds, privateBusy] = await together(db, queries);
    return [booked!.rows as BusyInterval[], holds!.rows as Awaited<ReturnType<typeof activeHoldsIn>>['rows'], (privateBusy?.rows ?? []) as BusyInterval[]];
  }
  return Promise.all([
    readBookedIntervals(deps, v.ids, v.from, v.to),
    activeHoldsIn(db, v).then((r) => r.rows),
    audience === 'public' ? privateBusyIn(db, range).then((r) => r.rows) : [],
  ]);
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
