import type { BookingClient } from '@tidbok/core';
import { storedClientsOfEmail } from '../store/repositories/client-matches.js';
import type { Trx } from '../store/store.js';
import { insertClient, normalisePersonalNumber } from './clients.js';
import type { ClientRow } from './rows.js';

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
  const rows = await storedClientsOfEmail(trx, clinicId, emailKey(given));
  return clientAmong(trx, clinicId, given, now, rows);
}

/** The e-mail as clients are looked up by (`email_norm`). */
export const emailKey = (given: BookingClient) => given.email.trim().toLowerCase();

/** `clientForPublicBooking` with the stored clients of the e-mail already read (`storedClientsOfEmail`). */
export async function clientAmong(trx: Trx, clinicId: string, given: BookingClient, now: number, rows: ClientRow[]): Promise<ClientRow> {
  const match = rows.find((row) => detailsAgree(row, given, now));
  if (match) return match;
  const original = rows.find((row) => row.duplicate_of === null) ?? rows[0];
  const details = { name: given.name, email: given.email, phone: given.phone ?? null, personalNumber: given.personalNumber ?? null };
  return insertClient(trx, clinicId, now, details, original ? (original.duplicate_of ?? original.id) : null);
}
