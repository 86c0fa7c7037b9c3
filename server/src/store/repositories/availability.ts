import type { BusyInterval } from '@tidbok/core';
import { sql } from 'kysely';
import { prepared, together } from '../prepared.js';
import { type Cacheable, readCache } from '../read-cache.js';
import type { Db, Queryable, Store } from '../store.js';

// ---- The slot list cache ----

/** What a slot list is asked for: the cache key's parts. */
export interface SlotListKey {
  audience: 'public' | 'staff';
  clinicId: string;
  treatmentTypeId: string;
  practitionerId?: string | undefined;
  locationId?: string | undefined;
  /** The resolved range (epoch ms). */
  from: number;
  to: number;
}

/**
 * A slot list from the store's read cache (read-cache.ts), `compute`d when there is none still
 * valid: kept until the next write or the `validUntil` that `compute` gives.
 */
export function cachedSlotList<T>(store: Store, now: number, k: SlotListKey, compute: () => Promise<Cacheable<T>>): Promise<T> {
  const key = [k.audience, k.clinicId, k.treatmentTypeId, k.practitionerId ?? '', k.locationId ?? '', k.from, k.to].join(':');
  return readCache(store, 'slots', 200).get(key, now, compute);
}

// ---- The reads behind a slot list ----

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

/**
 * The clinic's practitioners that are not deleted (or only `practitionerId`, if given), each with
 * `offered` not null when it offers the treatment type by default (its own list names it).
 */
export async function practitionersOffering(
  db: Queryable,
  v: { clinicId: string; treatmentTypeId: string; practitionerId?: string | undefined },
): Promise<{ id: string; offered: string | null }[]> {
  const values = { clinicId: v.clinicId, treatmentTypeId: v.treatmentTypeId };
  const { rows } = v.practitionerId ? await oneOffering(db, { ...values, practitionerId: v.practitionerId }) : await allOffering(db, values);
  return rows;
}

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

/** Which working times a slot list reads (see `workingTimesForSlots`). */
export type WorkingValues = { ids: string[]; to: number; lookbackFrom: number; minEnd: number; locationId: string | null };
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

/** A working time as a slot list reads it. */
export interface WorkingRow {
  practitionerId: string;
  start: number;
  end: number;
  /** As stored: a JSON array of ids, or null. */
  treatmentTypeIds: string | null;
  locationId: string | null;
}

/** An active hold as a slot list reads it: busy time until it expires. */
export interface ActiveHoldInterval extends BusyInterval {
  expiresAt: number;
}

/**
 * The working times of `ids` that may hold a start in `[from, to)` — starting before `to` and
 * after `lookbackFrom` (the start less RANGE_LOOKBACK_MS), ending at `minEnd` or later, at
 * `locationId` unless that is null — searched through `(practitioner_id, start_ms)`. No
 * `clinic_id` term: a working time's clinic is always its practitioner's (every writer checks
 * the practitioner in the clinic), and with one SQLite searches `(clinic_id, start_ms)` instead,
 * reading every practitioner's blocks in the window (all 50 of them for a one-practitioner hold
 * check).
 *
 * On SQLite the rows come back as one JSON array per practitioner (`json_group_array`), in index
 * order as before: better-sqlite3 spends about 1–2.5 µs building each row object, several times
 * what SQLite spends finding the row, while `JSON.parse` of the same values is far cheaper. A
 * dense week of 5 practitioners is 280 blocks: ~0.7 ms as rows, ~0.2 ms as JSON. PostgreSQL
 * reads plain rows.
 */
export async function workingTimesForSlots(store: Store, values: WorkingValues): Promise<WorkingRow[]> {
  if (store.dialect !== 'sqlite') return (await workingRowsIn(store.db, values)).rows;
  const { rows: groups } = await workingGroupsIn(store.db, values);
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
async function bookedIntervals(store: Store, values: BookedValues): Promise<BusyInterval[]> {
  if (store.dialect !== 'sqlite') return (await bookedRowsIn(store.db, values)).rows;
  const { rows: groups } = await bookedGroupsIn(store.db, values);
  const busy: BusyInterval[] = [];
  for (const group of groups) {
    const starts = JSON.parse(group.starts) as number[];
    const ends = JSON.parse(group.ends) as number[];
    for (let i = 0; i < starts.length; i++) busy.push({ practitionerId: group.practitioner_id, start: starts[i]!, end: ends[i]! });
  }
  return busy;
}

/**
 * What makes a time not free for `ids` in `[from, to)` (searched from `lookbackFrom`): bookings,
 * holds active at `now` and, with `privateBusy`, busy time from the practitioners' own calendars
 * (an empty list without). On PostgreSQL in one round trip (store/prepared.ts, `together`).
 */
export async function busyForSlots(
  store: Store,
  v: { ids: string[]; now: number; to: number; lookbackFrom: number; from: number },
  privateBusy: boolean,
): Promise<[BusyInterval[], ActiveHoldInterval[], BusyInterval[]]> {
  const db = store.db;
  const { now, ...range } = v;
  if (store.dialect !== 'sqlite') {
    const queries = [bookedRowsIn.compile(db, range), activeHoldsIn.compile(db, v), ...(privateBusy ? [privateBusyIn.compile(db, range)] : [])];
    const [booked, holds, privateBusyRows] = await together(db, queries);
    return [booked!.rows as BusyInterval[], holds!.rows as ActiveHoldInterval[], (privateBusyRows?.rows ?? []) as BusyInterval[]];
  }
  return Promise.all([
    bookedIntervals(store, range),
    activeHoldsIn(db, v).then((r) => r.rows),
    privateBusy ? privateBusyIn(db, range).then((r) => r.rows) : [],
  ]);
}
