import { localDateOf, startOfLocalDay, addLocalDays } from '@tidbok/core';
import { ApiError } from '../errors.js';
import { holdsAgainstLimits } from '../store/repositories/holds.js';
import type { Deps } from './deps.js';
import { bookingSettingsOf, type ClinicRow } from './rows.js';

/** Active holds one client address may have per clinic, so nobody can hold every free time. */
export const MAX_ACTIVE_HOLDS_PER_IP = 3;
/** Active holds one network (an IPv6 /64; an IPv4 address is its own) may have per clinic. */
export const MAX_ACTIVE_HOLDS_PER_NETWORK = 6;
const HOUR = 3_600_000;
/** The longest a hold can last (`holdMinutes` is at most 60). */
const MAX_HOLD_MS = HOUR;

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
  const settings = bookingSettingsOf(clinic);
  const anonymous = caller.clientId === null;
  const day = localDateOf(start, clinic.time_zone);
  // All of them in one round trip on PostgreSQL (holdsAgainstLimits); the answers are then
  // looked at in this order, so the same cap is named as when they were asked one at a time.
  const held = await holdsAgainstLimits(deps.store.db, {
    clinicId: clinic.id,
    clientIp: caller.ip,
    net: caller.net,
    now,
    // Every booking starts with a hold, so this also bounds how fast one network can book a week
    // full with made-up names.
    madeSince: now - HOUR,
    madeCap: settings.holdsPerNetworkPerHour,
    // Only holds made within MAX_HOLD_MS can still be active; an IPv4 address is its own network.
    networkActiveSince: caller.net === caller.ip ? undefined : now - MAX_HOLD_MS,
    anonymousDay: anonymous
      ? { practitionerId, from: startOfLocalDay(day, clinic.time_zone), to: startOfLocalDay(addLocalDays(day, 1), clinic.time_zone) }
      : undefined,
  });
  const { byAddress, madeByNetwork: made, byNetwork, anonymousOnDay: sameDay } = held;
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
