import { localDateOf, startOfLocalDay, addLocalDays } from '@tidbok/core';
import { ApiError } from '../errors.js';
import { prepared, together } from '../store/prepared.js';
import type { CompiledQuery } from 'kysely';
import type { Deps } from './deps.js';
import { bookingSettingsOf, type ClinicRow } from './rows.js';

/** Active holds one client address may have per clinic, so nobody can hold every free time. */
export const MAX_ACTIVE_HOLDS_PER_IP = 3;
/** Active holds one network (an IPv6 /64; an IPv4 address is its own) may have per clinic. */
export const MAX_ACTIVE_HOLDS_PER_NETWORK = 6;
const HOUR = 3_600_000;
/** The longest a hold can last (`holdMinutes` is at most 60). */
const MAX_HOLD_MS = HOUR;

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
// Bounded by when holds were made (no hold lasts longer than MAX_HOLD_MS), so both network
// questions read one index range (migration 0008).
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

function tooMany(detail: string, freeAt: number, now: number) {
  const retryAfter = Math.max(1, Math.ceil((freeAt - now) / 1000));
  return new ApiError('rate_limited', detail, undefined, { 'Retry-After': String(retryAfter) });
}

export interface HoldCaller {
  ip: string;
  net: string;
  /** The logged-in client, when the request carries a client session. */
  clientId: string | null;
}

/**
 * The caps that make holding a practitioner's week cost more than a few addresses: active holds
 * per address and per network, holds made per network per hour, and (for visitors who are not
 * logged in) active holds per practitioner-day for all addresses together. Each answers 429 with
 * the time the oldest hold in the way expires as Retry-After.
 */
export async function checkHoldLimits(deps: Deps, clinic: ClinicRow, caller: HoldCaller, practitionerId: string, start: number, now: number): Promise<void> {
  const db = deps.store.db;
  const settings = bookingSettingsOf(clinic);
  const anonymous = caller.clientId === null;
  // All of them in one round trip on PostgreSQL (prepared.ts, `together`); the answers are then
  // looked at in this order, so the same cap is named as when they were asked one at a time.
  const queries: CompiledQuery<unknown>[] = [
    activeByAddress.compile(db, { clinicId: clinic.id, clientIp: caller.ip, now }),
    // Every booking starts with a hold, so this also bounds how fast one network can book a week
    // full with made-up names. Read only up to the cap.
    madeByNetwork.compile(db, { clinicId: clinic.id, net: caller.net, since: now - HOUR, cap: settings.holdsPerNetworkPerHour }),
  ];
  const networkAt =
    caller.net === caller.ip ? -1 : queries.push(activeByNetwork.compile(db, { clinicId: clinic.id, net: caller.net, since: now - MAX_HOLD_MS, now })) - 1;
  const day = localDateOf(start, clinic.time_zone);
  const dayAt = !anonymous
    ? -1
    : queries.push(
        anonymousOnDay.compile(db, {
          practitionerId,
          from: startOfLocalDay(day, clinic.time_zone),
          to: startOfLocalDay(addLocalDays(day, 1), clinic.time_zone),
          now,
        }),
      ) - 1;
  const results = await together(db, queries);
  const rowsAt = <T>(i: number) => (i < 0 ? [] : results[i]!.rows) as T[];
  const byAddress = rowsAt<{ expires_at: number }>(0);
  const made = rowsAt<{ created_at: number }>(1);
  const byNetwork = rowsAt<{ expires_at: number }>(networkAt);
  const sameDay = rowsAt<{ expires_at: number }>(dayAt);
  if (byAddress.length >= MAX_ACTIVE_HOLDS_PER_IP) {
    throw tooMany(`At most ${MAX_ACTIVE_HOLDS_PER_IP} times can be held at once; book or release one first`, byAddress[0]!.expires_at, now);
  }
  if (byNetwork.length >= MAX_ACTIVE_HOLDS_PER_NETWORK) {
    throw tooMany('Too many times are held from your network at once; book or release one first', byNetwork[0]!.expires_at, now);
  }
  if (made.length >= settings.holdsPerNetworkPerHour) {
    throw tooMany('Too many times were held from your network in the last hour; try again later', made[0]!.created_at + HOUR, now);
  }
  if (anonymous && sameDay.length >= settings.anonymousHoldsPerPractitionerDay) {
    throw tooMany('Many times on this day are being booked right now; try again in a few minutes, or log in to book', sameDay[0]!.expires_at, now);
  }
}
