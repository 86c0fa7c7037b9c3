import type { Locale, PayBookingBody } from '@tidbok/core';
import { ApiError } from '../errors.js';
import { newId } from '../secrets.js';
import { addMessage } from '../store/repositories/messages.js';
import {
  addReceipt,
  clearBookingPayment,
  emailOfClient,
  latestReceiptOfBooking,
  markBookingPaid,
  receiptFactsOfBooking,
  takeNextNumber,
  voidReceipt,
} from '../store/repositories/payments.js';
import { bookingOf, findBooking } from './bookings.js';
import { emitBookingEvent } from '../webhooks/emit.js';
import { type Actor, requireActFor } from './actor.js';
import { audit } from './audit.js';
import type { Deps } from './deps.js';
import type { ClinicRow, StaffRow } from './rows.js';
import { bookingLocale, clinicLocale } from '../notifications/booking-locale.js';
import { type ReceiptRow, receiptLines, receiptText, renderReceipt } from './receipts.js';

/** VAT inside a VAT-inclusive price, rounded to whole öre: amount × rate / (100 + rate). */
export function vatIncluded(amountCents: number, vatPercent: number): number {
  if (vatPercent <= 0) return 0;
  return Math.round((amountCents * vatPercent) / (100 + vatPercent));
}

/**
 * Marks a booking paid and issues a receipt whose number comes from the clinic's gap-free
 * sequence, in one transaction. Paying an already paid booking is a 409.
 */
export async function payBooking(deps: Deps, clinic: ClinicRow, staff: StaffRow, id: string, body: PayBookingBody, actor?: Actor) {
  const now = deps.clock.now();
  return deps.store.write(async (trx) => {
    const booking = await findBooking(trx, clinic.id, id);
    requireActFor(actor, booking.practitioner_id, 'bookings');
    if (booking.paid_at !== null) throw new ApiError('conflict', 'The booking is already paid');
    const facts = await receiptFactsOfBooking(trx, id);
    const amount = body.amountCents ?? facts.price_cents;
    const number = await takeNextNumber(trx, clinic.id, 'receipt');
    const receipt: ReceiptRow = {
      id: newId('rc'),
      clinic_id: clinic.id,
      booking_id: id,
      number,
      amount_cents: amount,
      currency: facts.currency,
      vat_percent: facts.vat_percent,
      vat_cents: vatIncluded(amount, facts.vat_percent),
      method: body.method,
      paid_at: now,
      client_name: facts.client,
      treatment_name: facts.treatment,
      practitioner_name: facts.practitioner,
      service_start: booking.start_ms,
      voided_at: null,
      voided_by: null,
      created_by: staff.id,
    };
    await addReceipt(trx, receipt);
    const changes = await markBookingPaid(trx, id, { amountCents: amount, currency: facts.currency, method: body.method, receiptNumber: number, now });
    await audit(trx, now, clinic.id, actor, {
      action: 'paid',
      entity: 'booking',
      id,
      summary: `receipt ${number}, ${amount / 100} ${facts.currency}, ${body.method}`,
    });
    const paid = bookingOf({ ...booking, ...changes });
    await emitBookingEvent(trx, deps, clinic.id, 'booking.paid', paid);
    return paid;
  });
}

/** Voids the current payment: the receipt stays, marked void, and its number is never reused. */
export async function voidPayment(deps: Deps, clinic: ClinicRow, staff: StaffRow, id: string, actor?: Actor) {
  const now = deps.clock.now();
  return deps.store.write(async (trx) => {
    const booking = await findBooking(trx, clinic.id, id);
    if (booking.paid_at === null) throw new ApiError('conflict', 'The booking is not paid');
    await voidReceipt(trx, { bookingId: id, number: booking.receipt_number ?? -1, now, staffId: staff.id });
    const changes = await clearBookingPayment(trx, id, now);
    await audit(trx, now, clinic.id, actor, { action: 'voided', entity: 'payment', id, summary: `receipt ${booking.receipt_number}` });
    return bookingOf({ ...booking, ...changes });
  });
}

async function latestReceipt(deps: Deps, clinic: ClinicRow, id: string, actor?: Actor): Promise<ReceiptRow> {
  const booking = await findBooking(deps.store.db, clinic.id, id);
  requireActFor(actor, booking.practitioner_id, 'bookings');
  const receipt = await latestReceiptOfBooking(deps.store.db, clinic.id, id);
  if (!receipt) throw new ApiError('conflict', 'The booking is not paid, so there is no receipt');
  return receipt;
}

export async function receiptHtml(deps: Deps, clinic: ClinicRow, id: string, options: { narrow?: boolean; locale?: Locale }, actor?: Actor) {
  const receipt = receiptLines(clinic, await latestReceipt(deps, clinic, id, actor), options.locale ?? clinicLocale(clinic));
  return renderReceipt(receipt, options);
}

/** The current receipt as data (the staff calendar's receipt view), in the reader's language. */
export async function receiptData(deps: Deps, clinic: ClinicRow, id: string, locale: Locale | undefined, actor?: Actor) {
  return receiptLines(clinic, await latestReceipt(deps, clinic, id, actor), locale ?? clinicLocale(clinic));
}

/** Sends the current receipt to the client by e-mail, through the outbox. */
export async function sendReceipt(deps: Deps, clinic: ClinicRow, id: string, actor?: Actor) {
  const row = await latestReceipt(deps, clinic, id, actor);
  if (row.voided_at !== null) throw new ApiError('conflict', 'The receipt is void');
  const now = deps.clock.now();
  return deps.store.write(async (trx) => {
    const booking = await findBooking(trx, clinic.id, id);
    // The booking's language, like its other messages (CONTRIBUTING.md, A message).
    const receipt = receiptLines(clinic, row, bookingLocale(booking.locale, clinic));
    const client = await emailOfClient(trx, booking.client_id);
    const messageId = newId('msg');
    await addMessage(trx, {
      id: messageId,
      clinic_id: clinic.id,
      booking_id: id,
      client_id: booking.client_id,
      kind: 'receipt',
      channel: 'email',
      to_address: client.email ?? '',
      subject: `${receipt.title} ${receipt.number} – ${clinic.name}`,
      body_text: receiptText(receipt),
      body_html: renderReceipt(receipt),
      attachments: null,
      secret_url: null,
      dedupe_key: null,
      status: client.email ? 'pending' : 'failed',
      attempts: 0,
      last_error: client.email ? null : 'The client has no e-mail address',
      next_attempt_at: now,
      locked_until: 0,
      sent_at: null,
      created_at: now,
    });
    return { messageId };
  });
}
