import type { CompiledQuery, Selectable } from 'kysely';
import { first, prepared, together } from '../prepared.js';
import type { HoldTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';
import { expiredHoldsPurge } from './overlaps.js';

export type HoldRow = Selectable<HoldTable>;

const insertHold = prepared((db, row: HoldTable) => db.insertInto('holds').values(row));

/**
 * Clears the practitioner's expired holds and inserts the new one, in this order. Expired holds
 * still marked active would block the time in the overlap guard. Started together, so PostgreSQL
 * gets both in one round trip (corking-client.ts); they still run in this order, and a failed
 * purge fails the insert after it. An overlap is refused by the insert itself (SQLite trigger,
 * PostgreSQL exclusion constraint) and thrown as the database throws it.
 */
export async function purgeExpiredAndInsertHold(trx: Trx, row: HoldTable, now: number): Promise<void> {
  await together(trx, [expiredHoldsPurge.compile(trx, { practitionerId: row.practitioner_id, now }), insertHold.compile(trx, row)]);
}

/** The hold statement, for repositories that read it `together` with others (public-bookings.ts). */
export const holdById = prepared((db, v: { id: string; clinicId: string }) =>
  db.selectFrom('holds').selectAll().where('id', '=', v.id).where('clinic_id', '=', v.clinicId),
);

/** A hold of the clinic by its id, whatever its state. */
export async function holdOfClinic(q: Queryable, clinicId: string, id: string): Promise<HoldRow | undefined> {
  return first(holdById(q, { id, clinicId }));
}

/**
 * Marks a hold as become booking `bookingId` (and no longer blocking), only while it has not
 * become a booking yet: of two transactions converting one hold at once, the second waits for the
 * first's row lock and then finds nothing to update, whatever the isolation level (this write
 * runs READ COMMITTED on PostgreSQL). The statement, for `together` (public-bookings.ts).
 */
export const holdBecomesBooking = prepared((db, v: { id: string; bookingId: string }) =>
  db.updateTable('holds').set({ active: 0, booking_id: v.bookingId }).where('id', '=', v.id).where('booking_id', 'is', null),
);

/** Marks the hold as become booking `bookingId` (see `holdBecomesBooking`); false when it already had become one. */
export async function markHoldBooked(trx: Trx, holdId: string, bookingId: string): Promise<boolean> {
  const result = await holdBecomesBooking(trx, { id: holdId, bookingId });
  return Number(result.numAffectedRows ?? 0) === 1;
}

/** Lets go of a hold that has not become a booking: its time is free again. */
const releaseUnused = prepared((db, v: { id: string }) => db.updateTable('holds').set({ active: 0 }).where('id', '=', v.id).where('booking_id', 'is', null));

/** Deactivates a hold unless it has become a booking. */
export async function releaseUnusedHold(trx: Trx, id: string): Promise<void> {
  await releaseUnused(trx, { id });
}

/** A hold's secret hash, to check who releases it; undefined when the clinic has no such hold. */
export async function holdSecretOf(trx: Trx, clinicId: string, id: string): Promise<{ id: string; secret_hash: string } | undefined> {
  return trx.selectFrom('holds').select(['id', 'secret_hash']).where('id', '=', id).where('clinic_id', '=', clinicId).executeTakeFirst();
}

/** Deactivates a hold: its time is free at once. */
export async function deactivateHold(trx: Trx, id: string): Promise<void> {
  await trx.updateTable('holds').set({ active: 0 }).where('id', '=', id).execute();
}

/** Deactivates an active hold of the clinic; false when there was none to deactivate. */
export async function releaseActiveHold(trx: Trx, clinicId: string, id: string): Promise<boolean> {
  const released = await trx
    .updateTable('holds')
    .set({ active: 0 })
    .where('id', '=', id)
    .where('clinic_id', '=', clinicId)
    .where('active', '=', 1)
    .executeTakeFirst();
  return Number(released.numUpdatedRows) === 1;
}

/** The clinic's active holds, soonest start first, at most `limit`. */
export async function activeHoldsOfClinic(db: Queryable, v: { clinicId: string; now: number; limit: number }): Promise<HoldRow[]> {
  return db
    .selectFrom('holds')
    .selectAll()
    .where('clinic_id', '=', v.clinicId)
    .where('active', '=', 1)
    .where('expires_at', '>', v.now)
    .orderBy('start_ms')
    .orderBy('id')
    .limit(v.limit)
    .execute();
}

const activeByAddress = prepared((db, v: { clinicId: string; clientIp: string; now: number }) =>
  db
    .selectFrom('holds')
    .select(['expires_at'])
    .where('clinic_id', '=', v.clinicId)
    .where('client_ip', '=', v.clientIp)
    .where('active', '=', 1)
    .where('expires_at', '>', v.now)
    .orderBy('expires_at'),
);
// Bounded by when holds were made (no hold lasts longer than MAX_HOLD_MS, hold-limits.ts), so
// both network questions read one index range (migration 0008).
const activeByNetwork = prepared((db, v: { clinicId: string; net: string; since: number; now: number }) =>
  db
    .selectFrom('holds')
    .select(['expires_at'])
    .where('clinic_id', '=', v.clinicId)
    .where('client_net', '=', v.net)
    .where('created_at', '>', v.since)
    .where('active', '=', 1)
    .where('expires_at', '>', v.now)
    .orderBy('expires_at'),
);
const madeByNetwork = prepared((db, v: { clinicId: string; net: string; since: number; cap: number }) =>
  db
    .selectFrom('holds')
    .select(['created_at'])
    .where('clinic_id', '=', v.clinicId)
    .where('client_net', '=', v.net)
    .where('created_at', '>', v.since)
    .orderBy('created_at')
    .limit(v.cap),
);
const anonymousOnDay = prepared((db, v: { practitionerId: string; from: number; to: number; now: number }) =>
  db
    .selectFrom('holds')
    .select(['expires_at'])
    .where('practitioner_id', '=', v.practitionerId)
    .where('start_ms', '>=', v.from)
    .where('start_ms', '<', v.to)
    .where('active', '=', 1)
    .where('expires_at', '>', v.now)
    .where('client_id', 'is', null)
    .orderBy('expires_at'),
);

/** What the hold caps ask about one caller (hold-limits.ts). */
export interface HoldLimitQuestions {
  clinicId: string;
  clientIp: string;
  net: string;
  now: number;
  /** Holds the network made since then are read, oldest first, up to `madeCap`. */
  madeSince: number;
  madeCap: number;
  /**
   * The network's active holds made since then (no hold lasts longer); left out where the
   * network is the address itself, which `activeByAddress` already answers.
   */
  networkActiveSince?: number | undefined;
  /** Anonymous active holds of a practitioner starting in `[from, to)`; left out for a logged-in client. */
  anonymousDay?: { practitionerId: string; from: number; to: number } | undefined;
}

/** The holds in the way of a caller's next hold, each list ordered by when its first one stops counting. */
export interface HoldsAgainstLimits {
  /** The address's active holds, by expiry. */
  byAddress: { expires_at: number }[];
  /** Holds the network made since `madeSince`, oldest first, at most `madeCap`. */
  madeByNetwork: { created_at: number }[];
  /** The network's active holds, by expiry (empty when not asked). */
  byNetwork: { expires_at: number }[];
  /** The practitioner-day's anonymous active holds, by expiry (empty when not asked). */
  anonymousOnDay: { expires_at: number }[];
}

/**
 * Reads what the hold caps count, all in one round trip on PostgreSQL (prepared.ts, `together`),
 * and in this order: the address's active holds, the network's holds made recently, then, when
 * asked, the network's active holds and the practitioner-day's anonymous ones.
 */
export async function holdsAgainstLimits(db: Queryable, q: HoldLimitQuestions): Promise<HoldsAgainstLimits> {
  const queries: CompiledQuery<unknown>[] = [
    activeByAddress.compile(db, { clinicId: q.clinicId, clientIp: q.clientIp, now: q.now }),
    // Read only up to the cap.
    madeByNetwork.compile(db, { clinicId: q.clinicId, net: q.net, since: q.madeSince, cap: q.madeCap }),
  ];
  const networkAt =
    q.networkActiveSince === undefined
      ? -1
      : queries.push(activeByNetwork.compile(db, { clinicId: q.clinicId, net: q.net, since: q.networkActiveSince, now: q.now })) - 1;
  const day = q.anonymousDay;
  const dayAt =
    day === undefined ? -1 : queries.push(anonymousOnDay.compile(db, { practitionerId: day.practitionerId, from: day.from, to: day.to, now: q.now })) - 1;
  const results = await together(db, queries);
  const rowsAt = <T>(i: number) => (i < 0 ? [] : results[i]!.rows) as T[];
  return {
    byAddress: rowsAt<{ expires_at: number }>(0),
    madeByNetwork: rowsAt<{ created_at: number }>(1),
    byNetwork: rowsAt<{ expires_at: number }>(networkAt),
    anonymousOnDay: rowsAt<{ expires_at: number }>(dayAt),
  };
}
