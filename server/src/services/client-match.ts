import type { BookingClient } from '@tidbok/core';
import { prepared } from '../store/prepared.js';
import type { Trx } from '../store/store.js';
import { insertClient, normalisePersonalNumber } from './clients.js';
import type { ClientRow } from './rows.js';

/** How many stored clients of one e-mail a public booking compares its details with. */
const CANDIDATES = 20;

// The stored client first (the one staff or the patient made), then records earlier public
// bookings split off it, oldest first.
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

/** Phone numbers compared as typed digits: "+46 70-123 45 67" and "+46701234567" agree. */
const phoneDigits = (phone: string) => phone.replace(/[^0-9+]/g, '');

/**
 * Whether an anonymous booking's details agree with a stored client: every detail it gives is
 * already stored, the same. A detail the stored client lacks counts as disagreement, since
 * taking it over would let whoever knows a patient's e-mail add a phone number or an identity
 * number to the patient's record (and receive the patient's messages there).
 */
export function detailsAgree(stored: ClientRow, given: BookingClient, now: number): boolean {
  if (given.phone && (!stored.phone || phoneDigits(stored.phone) !== phoneDigits(given.phone))) return false;
  if (given.personalNumber) {
    const number = normalisePersonalNumber(given.personalNumber, new Date(now));
    if (!stored.personal_number || stored.personal_number !== number) return false;
  }
  return true;
}

/**
 * The client an anonymous public booking is made for. Nothing stored is ever changed: the
 * booking joins a stored client of the same e-mail only when its details agree (detailsAgree);
 * otherwise it gets a client record of its own with exactly the details it gave, marked as a
 * possible duplicate of the stored client, so its confirmations go only to those details. Staff
 * see the duplicates and merge them when they are the same person.
 */
export async function clientForPublicBooking(trx: Trx, clinicId: string, given: BookingClient, now: number): Promise<ClientRow> {
  const { rows } = await clientsByEmail(trx, { clinicId, email: emailKey(given) });
  return clientAmong(trx, clinicId, given, now, rows);
}

/** The e-mail as clients are looked up by (`email_norm`). */
export const emailKey = (given: BookingClient) => given.email.trim().toLowerCase();

/** `clientForPublicBooking` with the stored clients of the e-mail already read (`clientsByEmail`). */
export async function clientAmong(trx: Trx, clinicId: string, given: BookingClient, now: number, rows: ClientRow[]): Promise<ClientRow> {
  const match = rows.find((row) => detailsAgree(row, given, now));
  if (match) return match;
  const original = rows.find((row) => row.duplicate_of === null) ?? rows[0];
  const details = { name: given.name, email: given.email, phone: given.phone ?? null, personalNumber: given.personalNumber ?? null };
  return insertClient(trx, clinicId, now, details, original ? (original.duplicate_of ?? original.id) : null);
}
