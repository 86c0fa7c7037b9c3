import type { CreateHoldBody, Hold } from '@tidbok/core';
import { ApiError, isOverlapError, notFound } from '../errors.js';
import { hashSecret, newId, newSecret } from '../secrets.js';
import { deactivateHold, holdSecretOf, purgeExpiredAndInsertHold } from '../store/repositories/holds.js';
import type { HoldTable } from '../store/schema.js';
import { iso } from '../time.js';
import { readTreatmentType } from './catalogue.js';
import { instant } from './common.js';
import type { Deps } from './deps.js';
import { networkOf } from './client-network.js';
import { checkHoldLimits, type HoldCaller } from './hold-limits.js';
import { bookingSettingsOf, type ClientRow, type ClinicRow } from './rows.js';
import { isSlotOffered } from './slots.js';

const slotUnavailable = () => new ApiError('slot_unavailable', 'That time is no longer free; choose another');

/**
 * Holds a free time while the visitor types their details. The start must satisfy every slot
 * rule (grid, working time that offers the treatment, notice, horizon, free); the hold then
 * blocks the time for `holdMinutes`, enforced by the same trigger that guards bookings.
 */
export async function createHold(deps: Deps, clinic: ClinicRow, body: CreateHoldBody, caller: { ip: string; client?: ClientRow | undefined }): Promise<Hold> {
  const now = deps.clock.now();
  const start = instant(body.start, 'start');
  const settings = bookingSettingsOf(clinic);
  // Where only logged-in clients may book, a hold from anyone else would only block the time.
  if (!caller.client && settings.publicBooking === 'clients-only') {
    throw new ApiError('unauthorized', 'This clinic only takes bookings from clients who have logged in');
  }
  const treatment = await readTreatmentType(deps, clinic.id, body.treatmentTypeId);
  if (treatment.online_bookable !== 1) throw new ApiError('not_found', 'Treatment type not found');

  const who: HoldCaller = { ip: caller.ip, net: networkOf(caller.ip), clientId: caller.client?.id ?? null };
  await checkHoldLimits(deps, clinic, who, body.practitionerId, start, now);

  const offer = await isSlotOffered(deps, clinic, treatment, body.practitionerId, start, body.locationId);
  if (!offer.offered) throw slotUnavailable();

  const secret = newSecret('ths');
  const row: HoldTable = {
    id: newId('hd'),
    clinic_id: clinic.id,
    practitioner_id: body.practitionerId,
    treatment_type_id: treatment.id,
    location_id: offer.locationId,
    start_ms: start,
    end_ms: start + treatment.duration_minutes * 60_000,
    expires_at: now + settings.holdMinutes * 60_000,
    secret_hash: hashSecret(secret),
    client_ip: who.ip,
    client_net: who.net,
    client_id: who.clientId,
    pending_booking: null,
    confirm_token_hash: null,
    active: 1,
    booking_id: null,
    created_at: now,
  };
  await deps.store.write(
    async (trx) => {
      // Expired holds still marked active would block the time in the overlap guard below, so
      // they are cleared first, in the same round trip (purgeExpiredAndInsertHold).
      // No look for an overlap first: the guard (SQLite trigger, PostgreSQL exclusion constraint)
      // refuses it anyway, in the same statement, and saying so is all there is to do.
      try {
        await purgeExpiredAndInsertHold(trx, row, now);
      } catch (error) {
        if (isOverlapError(error)) throw slotUnavailable();
        throw error;
      }
      // The overlap guard alone decides; no read here needs a serializable view (store.ts, WriteOptions).
    },
    { guard: 'constraints', grouped: true },
  );
  return {
    id: row.id,
    secret,
    start: iso(row.start_ms),
    end: iso(row.end_ms),
    expiresAt: iso(row.expires_at),
    practitionerId: row.practitioner_id,
    treatmentTypeId: row.treatment_type_id,
    locationId: row.location_id,
  };
}

/** Releases a hold; only the holder of its secret can. Unknown and wrong secrets look alike. */
export async function releaseHold(deps: Deps, clinic: ClinicRow, id: string, secret: string | undefined) {
  if (!secret) throw new ApiError('unauthorized', 'The Tidbok-Hold-Secret header is required');
  await deps.store.write(async (trx) => {
    const hold = await holdSecretOf(trx, clinic.id, id);
    if (!hold || hold.secret_hash !== hashSecret(secret)) throw notFound('Hold');
    await deactivateHold(trx, id);
  });
}
