import type { Selectable } from 'kysely';
import { prepared } from '../prepared.js';
import type { ClientTable } from '../schema.js';
import type { Trx } from '../store.js';

/** How many stored clients of one e-mail a public booking compares its details with. */
const CANDIDATES = 20;

/**
 * The stored clients of an e-mail, as a statement for `together` (public-bookings.ts); services
 * call `storedClientsOfEmail`. The stored client first (the one staff or the patient made), then
 * records earlier public bookings split off it, oldest first.
 */
export const clientsByEmail = prepared((db, v: { clinicId: string; email: string }) =>
  db
    .selectFrom('clients')
    .selectAll()
    .where('clinic_id', '=', v.clinicId)
    .where('email_norm', '=', v.email)
    .orderBy((eb) => eb.case().when('duplicate_of', 'is', null).then(0).else(1).end())
    .orderBy('created_at')
    .orderBy('id')
    .limit(CANDIDATES),
);

/** The clinic's stored clients of a normalised e-mail (`email_norm`), in the order of `clientsByEmail`. */
export async function storedClientsOfEmail(trx: Trx, clinicId: string, email: string): Promise<Selectable<ClientTable>[]> {
  const { rows } = await clientsByEmail(trx, { clinicId, email });
  return rows;
}
