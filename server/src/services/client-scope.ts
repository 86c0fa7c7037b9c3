import { ApiError } from '../errors.js';
import type { Db, Trx } from '../store/store.js';
import { type Actor, ownPractitioner } from './actor.js';

/**
 * A practitioner sees the clients they treat: those with a booking (of any status, past or
 * coming) with their practitioner. Admins and reception see every client; a practitioner-role
 * member without a practitioner link sees none.
 */
export async function requireTreats(db: Db | Trx, clinicId: string, clientId: string, actor: Actor | undefined): Promise<void> {
  const own = ownPractitioner(actor);
  if (own === undefined) return;
  const booking = own
    ? await db
        .selectFrom('bookings')
        .select('id')
        .where('clinic_id', '=', clinicId)
        .where('client_id', '=', clientId)
        .where('practitioner_id', '=', own)
        .executeTakeFirst()
    : undefined;
  if (!booking) throw new ApiError('forbidden', 'A practitioner may only see and change clients they have a booking with');
}
