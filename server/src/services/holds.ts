import type { CreateHoldBody, Hold } from '@tidbok/core';
import { ApiError, isOverlapError, notFound } from '../errors.js';
import { hashSecret, newId, newSecret } from '../secrets.js';
import { prepared } from '../store/prepared.js';
import type { HoldTable } from '../store/schema.js';
import { iso } from '../time.js';
import { readTreatmentType } from './catalogue.js';
import { groupWrite } from './group-commit.js';
import { instant, purgeExpiredHolds } from './common.js';
import type { Deps } from './deps.js';
import { bookingSettingsOf, type ClinicRow } from './rows.js';
import { isSlotOffered } from './slots.js';

/** Active holds one client address may have per clinic, so nobody can hold every free time. */
export const MAX_ACTIVE_HOLDS_PER_IP = 3;

const activeHoldsOf = prepared((db, v: { clinicId: string; clientIp: string; now: number }) =>
  db
    .selectFrom('holds')
    .select(['expires_at'])
    .where('clinic_id', '=', v.clinicId)
    .where('client_ip', '=', v.clientIp)
    .where('active', '=', 1)
    .where('expires_at', '>', v.now)
    .orderBy('expires_at'),
);
const insertHold = prepared((db, row: HoldTable) => db.insertInto('holds').values(row));

const slotUnavailable = () => new ApiError('slot_unavailable', 'That time is no longer free; choose another');

/**
 * Holds a free time while the visitor types their details. The start must satisfy every slot
 * rule (grid, working time that offers the treatment, notice, horizon, free); the hold then
 * blocks the time for `holdMinutes`, enforced by the same trigger that guards bookings.
 */
export async function createHold(deps: Deps, clinic: ClinicRow, body: CreateHoldBody, clientIp: string): Promise<Hold> {
  const now = deps.clock.now();
  const start = instant(body.start, 'start');
  const settings = bookingSettingsOf(clinic);
  const treatment = await readTreatmentType(deps, clinic.id, body.treatmentTypeId);
  if (treatment.online_bookable !== 1) throw new ApiError('not_found', 'Treatment type not found');

  const { rows: active } = await activeHoldsOf(deps.store.db, { clinicId: clinic.id, clientIp, now });
  if (active.length >= MAX_ACTIVE_HOLDS_PER_IP) {
    const retryAfter = Math.max(1, Math.ceil((active[0]!.expires_at - now) / 1000));
    throw new ApiError(
      'rate_limited',
      `At most ${MAX_ACTIVE_HOLDS_PER_IP} times can be held at once; book or release one first`,
      undefined,
      { 'Retry-After': String(retryAfter) },
    );
  }

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
    client_ip: clientIp,
    active: 1,
    booking_id: null,
    created_at: now,
  };
  await groupWrite(deps.store, async (trx) => {
    // Expired holds still marked active would block the time in the overlap guard below.
    await purgeExpiredHolds(trx, row.practitioner_id, now);
    // No look for an overlap first: the guard (SQLite trigger, PostgreSQL exclusion constraint)
    // refuses it anyway, in the same statement, and saying so is all there is to do.
    try {
      await insertHold(trx, row);
    } catch (error) {
      if (isOverlapError(error)) throw slotUnavailable();
      throw error;
    }
  });
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
    const hold = await trx
      .selectFrom('holds')
      .select(['id', 'secret_hash'])
      .where('id', '=', id)
      .where('clinic_id', '=', clinic.id)
      .executeTakeFirst();
    if (!hold || hold.secret_hash !== hashSecret(secret)) throw notFound('Hold');
    await trx.updateTable('holds').set({ active: 0 }).where('id', '=', id).execute();
  });
}
