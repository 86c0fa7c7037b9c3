import { ApiError } from '../errors.js';
import { practitionerTreatsClient } from '../store/repositories/clients.js';
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
  const treats = own ? await practitionerTreatsClient(db, { clinicId, clientId, practitionerId: own }) : false;
  if (!treats) throw new ApiError('forbidden', 'A practitioner may only see and change clients they have a booking with');
}
