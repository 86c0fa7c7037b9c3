import type { Selectable } from 'kysely';
import type { ReceiptTable } from '../schema.js';
import type { Queryable, Trx } from '../store.js';

type ReceiptRow = Selectable<ReceiptTable>;

/**
 * The next number of a per-clinic sequence (`name`), taken inside the caller's transaction: the
 * counter is raised in place, or started at 1 the first time.
 */
export async function takeNextNumber(trx: Trx, clinicId: string, name: string): Promise<number> {
  const row = await trx
    .updateTable('clinic_counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('clinic_id', '=', clinicId)
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirst();
  if (row) return row.value;
  await trx.insertInto('clinic_counters').values({ clinic_id: clinicId, name, value: 1 }).execute();
  return 1;
}

/** What a receipt for a booking says besides the payment: the client, treatment (with its price and VAT) and practitioner. */
export interface ReceiptFacts {
  client: string;
  treatment: string;
  price_cents: number;
  currency: string;
  vat_percent: number;
  practitioner: string;
}

/** The receipt facts of the booking; throws (Kysely's `NoResultError`) if there is no such booking. */
export async function receiptFactsOfBooking(trx: Trx, bookingId: string): Promise<ReceiptFacts> {
  return trx
    .selectFrom('bookings as b')
    .innerJoin('clients as c', 'c.id', 'b.client_id')
    .innerJoin('treatment_types as t', 't.id', 'b.treatment_type_id')
    .innerJoin('practitioners as p', 'p.id', 'b.practitioner_id')
    .select(['c.name as client', 't.name as treatment', 't.price_cents', 't.currency', 't.vat_percent', 'p.name as practitioner'])
    .where('b.id', '=', bookingId)
    .executeTakeFirstOrThrow();
}

/** Stores a new receipt. */
export async function addReceipt(trx: Trx, receipt: ReceiptRow): Promise<void> {
  await trx.insertInto('receipts').values(receipt).execute();
}

/** Marks the booking paid at `now` with this receipt; returns the fields written. */
export async function markBookingPaid(
  trx: Trx,
  id: string,
  { amountCents, currency, method, receiptNumber, now }: { amountCents: number; currency: string; method: string; receiptNumber: number; now: number },
) {
  const changes = {
    paid_amount_cents: amountCents,
    paid_currency: currency,
    paid_method: method,
    paid_at: now,
    receipt_number: receiptNumber,
    updated_at: now,
  };
  await trx.updateTable('bookings').set(changes).where('id', '=', id).execute();
  return changes;
}

/** Marks the booking's receipt with this number void, unless it already is. */
export async function voidReceipt(
  trx: Trx,
  { bookingId, number, now, staffId }: { bookingId: string; number: number; now: number; staffId: string },
): Promise<void> {
  await trx
    .updateTable('receipts')
    .set({ voided_at: now, voided_by: staffId })
    .where('booking_id', '=', bookingId)
    .where('number', '=', number)
    .where('voided_at', 'is', null)
    .execute();
}

/** Clears the booking's payment (it is unpaid again); returns the fields written. */
export async function clearBookingPayment(trx: Trx, id: string, now: number) {
  const changes = {
    paid_amount_cents: null,
    paid_currency: null,
    paid_method: null,
    paid_at: null,
    receipt_number: null,
    updated_at: now,
  };
  await trx.updateTable('bookings').set(changes).where('id', '=', id).execute();
  return changes;
}

/** The booking's receipt with the highest number (void or not), or undefined. */
export async function latestReceiptOfBooking(db: Queryable, clinicId: string, bookingId: string): Promise<ReceiptRow | undefined> {
  return db
    .selectFrom('receipts')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .where('clinic_id', '=', clinicId)
    .orderBy('number', 'desc')
    .executeTakeFirst();
}

/** The client's e-mail address (null when none); throws (Kysely's `NoResultError`) if there is no such client. */
export async function emailOfClient(trx: Trx, clientId: string): Promise<{ email: string | null }> {
  return trx.selectFrom('clients').select(['email']).where('id', '=', clientId).executeTakeFirstOrThrow();
}
