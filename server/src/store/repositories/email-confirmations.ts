import type { Queryable, Trx } from '../store.js';
import type { HoldRow } from './holds.js';

/**
 * Keeps a hold for a booking that waits for its e-mailed link: until `expiresAt`, with the
 * request sealed (`pendingBooking`) and the hash of the link's token.
 */
export async function keepHoldForEmailedLink(
  trx: Trx,
  v: { holdId: string; expiresAt: number; pendingBooking: string; confirmTokenHash: string },
): Promise<void> {
  await trx
    .updateTable('holds')
    .set({ expires_at: v.expiresAt, pending_booking: v.pendingBooking, confirm_token_hash: v.confirmTokenHash })
    .where('id', '=', v.holdId)
    .execute();
}

/** A treatment type's time with the client (null: the whole booking); undefined when there is no such treatment type. */
export async function clientMinutesOfTreatment(q: Queryable, treatmentTypeId: string): Promise<{ client_minutes: number | null } | undefined> {
  return q.selectFrom('treatment_types').select('client_minutes').where('id', '=', treatmentTypeId).executeTakeFirst();
}

/** The clinic's hold whose e-mailed link has this token hash, whatever its state. */
export async function holdOfConfirmToken(q: Queryable, clinicId: string, confirmTokenHash: string): Promise<HoldRow | undefined> {
  return q.selectFrom('holds').selectAll().where('confirm_token_hash', '=', confirmTokenHash).where('clinic_id', '=', clinicId).executeTakeFirst();
}
