import type { Locale, PayBookingBody } from '@tidbok/core';
import type { Selectable } from 'kysely';
import { ApiError } from '../errors.js';
import { newId } from '../secrets.js';
import type { Trx } from '../store/store.js';
import type { ReceiptTable } from '../store/schema.js';
import { bookingOf, findBooking } from './bookings.js';
import { emitBookingEvent } from '../webhooks/emit.js';
import { type Actor, requireActFor } from './actor.js';
import { audit } from './audit.js';
import type { Deps } from './deps.js';
import { bookingSettingsOf, type ClinicRow, type StaffRow } from './rows.js';

type ReceiptRow = Selectable<ReceiptTable>;

/** VAT inside a VAT-inclusive price, rounded to whole öre: amount × rate / (100 + rate). */
export function vatIncluded(amountCents: number, vatPercent: number): number {
  if (vatPercent <= 0) return 0;
  return Math.round((amountCents * vatPercent) / (100 + vatPercent));
}

/** The next number of a per-clinic sequence, taken inside the caller's transaction. */
async function nextNumber(trx: Trx, clinicId: string, name: string): Promise<number> {
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
    const facts = await trx
      .selectFrom('bookings as b')
      .innerJoin('clients as c', 'c.id', 'b.client_id')
      .innerJoin('treatment_types as t', 't.id', 'b.treatment_type_id')
      .innerJoin('practitioners as p', 'p.id', 'b.practitioner_id')
      .select(['c.name as client', 't.name as treatment', 't.price_cents', 't.currency', 't.vat_percent', 'p.name as practitioner'])
      .where('b.id', '=', id)
      .executeTakeFirstOrThrow();
    const amount = body.amountCents ?? facts.price_cents;
    const number = await nextNumber(trx, clinic.id, 'receipt');
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
    await trx.insertInto('receipts').values(receipt).execute();
    const changes = {
      paid_amount_cents: amount,
      paid_currency: facts.currency,
      paid_method: body.method,
      paid_at: now,
      receipt_number: number,
      updated_at: now,
    };
    await trx.updateTable('bookings').set(changes).where('id', '=', id).execute();
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
    await trx
      .updateTable('receipts')
      .set({ voided_at: now, voided_by: staff.id })
      .where('booking_id', '=', id)
      .where('number', '=', booking.receipt_number ?? -1)
      .where('voided_at', 'is', null)
      .execute();
    const changes = {
      paid_amount_cents: null,
      paid_currency: null,
      paid_method: null,
      paid_at: null,
      receipt_number: null,
      updated_at: now,
    };
    await trx.updateTable('bookings').set(changes).where('id', '=', id).execute();
    await audit(trx, now, clinic.id, actor, { action: 'voided', entity: 'payment', id, summary: `receipt ${booking.receipt_number}` });
    return bookingOf({ ...booking, ...changes });
  });
}

async function latestReceipt(deps: Deps, clinic: ClinicRow, id: string, actor?: Actor): Promise<ReceiptRow> {
  const booking = await findBooking(deps.store.db, clinic.id, id);
  requireActFor(actor, booking.practitioner_id, 'bookings');
  const receipt = await deps.store.db
    .selectFrom('receipts')
    .selectAll()
    .where('booking_id', '=', id)
    .where('clinic_id', '=', clinic.id)
    .orderBy('number', 'desc')
    .executeTakeFirst();
  if (!receipt) throw new ApiError('conflict', 'The booking is not paid, so there is no receipt');
  return receipt;
}

const TEXT = {
  sv: {
    receipt: 'Kvitto',
    number: 'Kvittonummer',
    date: 'Datum',
    client: 'Klient',
    treatment: 'Behandling',
    practitioner: 'Behandlare',
    visit: 'Besök',
    amount: 'Belopp',
    vat: 'Varav moms',
    noVat: 'Momsfri',
    method: 'Betalsätt',
    org: 'Org.nr',
    void: 'MAKULERAT',
    methods: { swish: 'Swish', card: 'Kort', cash: 'Kontant', invoice: 'Faktura', other: 'Annat' },
  },
  en: {
    receipt: 'Receipt',
    number: 'Receipt number',
    date: 'Date',
    client: 'Client',
    treatment: 'Treatment',
    practitioner: 'Practitioner',
    visit: 'Appointment',
    amount: 'Amount',
    vat: 'of which VAT',
    noVat: 'VAT exempt',
    method: 'Payment method',
    org: 'Org. no.',
    void: 'VOID',
    methods: { swish: 'Swish', card: 'Card', cash: 'Cash', invoice: 'Invoice', other: 'Other' },
  },
} as const;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function formatMoney(cents: number, currency: string, locale: Locale) {
  return new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { style: 'currency', currency }).format(cents / 100);
}

/**
 * The printable receipt: A4 by default, `narrow` for 80 mm receipt printers. No print button:
 * the page runs no script (its Content-Security-Policy allows none inline, and mail clients drop
 * them); the staff calendar opens the print dialog itself, and the browser's own Print works.
 */
export function renderReceipt(clinic: ClinicRow, receipt: ReceiptRow, options: { narrow?: boolean; locale?: Locale } = {}) {
  const locale = options.locale ?? ((clinic.locale === 'en' ? 'en' : 'sv') as Locale);
  const t = TEXT[locale];
  const settings = bookingSettingsOf(clinic);
  const tag = locale === 'sv' ? 'sv-SE' : 'en-GB';
  const date = (ms: number, withTime = false) =>
    new Intl.DateTimeFormat(tag, {
      timeZone: clinic.time_zone,
      dateStyle: 'long',
      ...(withTime ? { timeStyle: 'short' } : {}),
    }).format(ms);
  const title = settings.receiptTitle || t.receipt;
  const money = (cents: number) => escape(formatMoney(cents, receipt.currency, locale));
  const rows: [string, string][] = [
    [t.number, String(receipt.number)],
    [t.date, escape(date(receipt.paid_at))],
    [t.client, escape(receipt.client_name)],
    [t.treatment, escape(receipt.treatment_name)],
    [t.practitioner, escape(receipt.practitioner_name)],
    [t.visit, escape(date(receipt.service_start, true))],
    [t.method, escape(t.methods[receipt.method as keyof typeof t.methods] ?? receipt.method)],
  ];
  const vatLine =
    receipt.vat_percent > 0
      ? `<tr><th scope="row">${t.vat} ${receipt.vat_percent.toLocaleString(tag)} %</th><td>${money(receipt.vat_cents)}</td></tr>`
      : `<tr><th scope="row">${t.noVat}</th><td>${money(0)}</td></tr>`;
  return `<!doctype html>
<html lang="${locale}" class="${options.narrow ? 'narrow' : 'a4'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} ${receipt.number}</title>
<style>
  body { font-family: system-ui, sans-serif; color: #111; margin: 2rem auto; max-width: 40rem; padding: 0 1rem; line-height: 1.4 }
  .narrow body, html.narrow body { max-width: 72mm; margin: 0 auto; font-size: 12px; padding: 0 }
  header { border-bottom: 2px solid #111; margin-bottom: 1rem; padding-bottom: .5rem }
  h1 { margin: 0 0 .25rem; font-size: 1.6em } .clinic { margin: 0; color: #333 }
  table { width: 100%; border-collapse: collapse } th { text-align: left; font-weight: 500; padding: .3rem 0; color: #333 }
  td { text-align: right; padding: .3rem 0 } tr.total th, tr.total td { font-weight: 700; border-top: 1px solid #111; font-size: 1.15em }
  .void { color: #b42318; font-weight: 800; font-size: 1.4em; border: 3px solid #b42318; display: inline-block; padding: .2rem .6rem; transform: rotate(-4deg) }
  ${options.narrow ? '@page { size: 80mm auto; margin: 4mm }' : '@page { size: A4; margin: 20mm }'}
  @media print { body { margin: 0 } }
</style></head>
<body><main>
<header><h1>${escape(title)}</h1>
<p class="clinic"><strong>${escape(clinic.name)}</strong>${settings.organisationNumber ? `<br>${t.org} ${escape(settings.organisationNumber)}` : ''}${settings.address ? `<br>${escape(settings.address)}` : ''}</p>
</header>
${receipt.voided_at !== null ? `<p class="void">${t.void}</p>` : ''}
<table><tbody>
${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('\n')}
<tr class="total"><th scope="row">${t.amount}</th><td>${money(receipt.amount_cents)}</td></tr>
${vatLine}
</tbody></table>
</main></body></html>`;
}

export async function receiptHtml(deps: Deps, clinic: ClinicRow, id: string, options: { narrow?: boolean; locale?: Locale }, actor?: Actor) {
  return renderReceipt(clinic, await latestReceipt(deps, clinic, id, actor), options);
}

/** Sends the current receipt to the client by e-mail, through the outbox. */
export async function sendReceipt(deps: Deps, clinic: ClinicRow, id: string, actor?: Actor) {
  const receipt = await latestReceipt(deps, clinic, id, actor);
  if (receipt.voided_at !== null) throw new ApiError('conflict', 'The receipt is void');
  const locale = (clinic.locale === 'en' ? 'en' : 'sv') as Locale;
  const t = TEXT[locale];
  const now = deps.clock.now();
  return deps.store.write(async (trx) => {
    const booking = await findBooking(trx, clinic.id, id);
    const client = await trx.selectFrom('clients').select(['email']).where('id', '=', booking.client_id).executeTakeFirstOrThrow();
    const title = bookingSettingsOf(clinic).receiptTitle || t.receipt;
    const messageId = newId('msg');
    await trx
      .insertInto('messages')
      .values({
        id: messageId,
        clinic_id: clinic.id,
        booking_id: id,
        client_id: booking.client_id,
        kind: 'receipt',
        channel: 'email',
        to_address: client.email ?? '',
        subject: `${title} ${receipt.number} – ${clinic.name}`,
        body_text: `${title} ${receipt.number}\n${clinic.name}\n${t.treatment}: ${receipt.treatment_name}\n${t.amount}: ${formatMoney(receipt.amount_cents, receipt.currency, locale)}`,
        body_html: renderReceipt(clinic, receipt, { locale }),
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
      })
      .execute();
    return { messageId };
  });
}
