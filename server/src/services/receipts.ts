import type { Locale, PaymentMethod, Receipt, ReceiptItem, ReceiptVatLine } from '@tidbok/core';
import type { Selectable } from 'kysely';
import type { ReceiptTable } from '../store/schema.js';
import { iso } from '../time.js';
import { bookingSettingsOf, type ClinicRow } from './rows.js';

export type ReceiptRow = Selectable<ReceiptTable>;

/**
 * The receipt's texts. A Swedish receipt (kvitto, a simplified invoice) names the seller and its
 * organisation number, the date, what was sold, and the VAT per rate; these are the labels the
 * printable, the e-mailed and the on-screen receipt share (the staff element has its own copy in
 * packages/elements/src/receipt/messages.ts for the same words).
 */
export const RECEIPT_TEXT = {
  sv: {
    receipt: 'Kvitto',
    number: 'Kvittonummer',
    date: 'Datum',
    client: 'Klient',
    practitioner: 'Behandlare',
    visit: 'Besök',
    method: 'Betalsätt',
    org: 'Org.nr',
    item: 'Beskrivning',
    amount: 'Belopp',
    total: 'Summa att betala',
    vatRate: 'Momssats',
    net: 'Netto',
    vat: 'Moms',
    gross: 'Brutto',
    vatFree: 'Momsfritt',
    vatHeading: 'Moms per momssats',
    void: 'MAKULERAT',
    methods: { swish: 'Swish', card: 'Kort', cash: 'Kontant', invoice: 'Faktura', other: 'Annat' },
  },
  en: {
    receipt: 'Receipt',
    number: 'Receipt number',
    date: 'Date',
    client: 'Client',
    practitioner: 'Practitioner',
    visit: 'Appointment',
    method: 'Payment method',
    org: 'Org. no.',
    item: 'Description',
    amount: 'Amount',
    total: 'Total paid',
    vatRate: 'VAT rate',
    net: 'Net',
    vat: 'VAT',
    gross: 'Gross',
    vatFree: 'VAT exempt',
    vatHeading: 'VAT by rate',
    void: 'VOID',
    methods: { swish: 'Swish', card: 'Card', cash: 'Cash', invoice: 'Invoice', other: 'Other' },
  },
} as const;

/**
 * One line per VAT rate present among the items, highest rate first: net, VAT and gross. A rate
 * of 0 gets a line only when an item is VAT-free, so a receipt for taxed treatments has no
 * "VAT-free 0.00" line. `vatOf` gives an item's VAT (the amount recorded at payment).
 */
export function vatLines(items: readonly ReceiptItem[], vatOf: (item: ReceiptItem) => number): ReceiptVatLine[] {
  const byRate = new Map<number, ReceiptVatLine>();
  for (const item of items) {
    const line = byRate.get(item.vatPercent) ?? { vatPercent: item.vatPercent, netCents: 0, vatCents: 0, grossCents: 0 };
    const vat = item.vatPercent > 0 ? vatOf(item) : 0;
    line.grossCents += item.grossCents;
    line.vatCents += vat;
    line.netCents += item.grossCents - vat;
    byRate.set(item.vatPercent, line);
  }
  return [...byRate.values()].sort((a, b) => b.vatPercent - a.vatPercent);
}

/**
 * THE receipt: every line the printable page, the e-mail and the staff calendar's receipt view
 * show is computed here, once, from the stored receipt and the clinic's current seller details.
 */
export function receiptLines(clinic: ClinicRow, receipt: ReceiptRow, locale: Locale): Receipt {
  const settings = bookingSettingsOf(clinic);
  const items: ReceiptItem[] = [{ description: receipt.treatment_name, grossCents: receipt.amount_cents, vatPercent: receipt.vat_percent }];
  const vat = vatLines(items, () => receipt.vat_cents);
  return {
    number: receipt.number,
    title: settings.receiptTitle || RECEIPT_TEXT[locale].receipt,
    locale,
    voided: receipt.voided_at !== null,
    seller: { name: clinic.name, organisationNumber: settings.organisationNumber, address: settings.address },
    paidAt: iso(receipt.paid_at),
    serviceStart: iso(receipt.service_start),
    timeZone: clinic.time_zone,
    client: receipt.client_name,
    practitioner: receipt.practitioner_name,
    method: receipt.method as PaymentMethod,
    currency: receipt.currency,
    items,
    vat,
    totalCents: items.reduce((sum, item) => sum + item.grossCents, 0),
    vatTotalCents: vat.reduce((sum, line) => sum + line.vatCents, 0),
    vatText: settings.vatText,
  };
}

const tagOf = (locale: Locale) => (locale === 'sv' ? 'sv-SE' : 'en-GB');

export function formatMoney(cents: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(tagOf(locale), { style: 'currency', currency }).format(cents / 100);
}

/** The rows of facts above the items, as label and text (nothing escaped). */
function factRows(r: Receipt): [string, string][] {
  const t = RECEIPT_TEXT[r.locale];
  const date = (at: string, withTime = false) =>
    new Intl.DateTimeFormat(tagOf(r.locale), { timeZone: r.timeZone, dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}) }).format(Date.parse(at));
  return [
    [t.number, String(r.number)],
    [t.date, date(r.paidAt)],
    [t.client, r.client],
    [t.practitioner, r.practitioner],
    [t.visit, date(r.serviceStart, true)],
    [t.method, t.methods[r.method] ?? r.method],
  ];
}

export const rateLabel = (vatPercent: number, locale: Locale) =>
  vatPercent > 0 ? `${vatPercent.toLocaleString(tagOf(locale))} %` : RECEIPT_TEXT[locale].vatFree;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The printable receipt: A4 by default, `narrow` for 80 mm receipt printers. No print button:
 * the page runs no script (its Content-Security-Policy allows none inline, and mail clients drop
 * them); the staff calendar prints it itself, and the browser's own Print works.
 */
export function renderReceipt(r: Receipt, options: { narrow?: boolean } = {}): string {
  const t = RECEIPT_TEXT[r.locale];
  const money = (cents: number) => escape(formatMoney(cents, r.currency, r.locale));
  const seller = [
    `<strong>${escape(r.seller.name)}</strong>`,
    ...(r.seller.organisationNumber ? [`${t.org} ${escape(r.seller.organisationNumber)}`] : []),
    ...(r.seller.address ? r.seller.address.split('\n').map(escape) : []),
  ].join('<br>');
  return `<!doctype html>
<html lang="${r.locale}" class="${options.narrow ? 'narrow' : 'a4'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(r.title)} ${r.number}</title>
<style>
  body { font-family: system-ui, sans-serif; color: #111; margin: 2rem auto; max-width: 40rem; padding: 0 1rem; line-height: 1.4 }
  html.narrow body { max-width: 72mm; margin: 0 auto; font-size: 12px; padding: 0 }
  header { border-bottom: 2px solid #111; margin-bottom: 1rem; padding-bottom: .5rem }
  h1 { margin: 0 0 .25rem; font-size: 1.6em } .clinic { margin: 0; color: #333 } h2 { font-size: 1em; margin: 1rem 0 .25rem }
  table { width: 100%; border-collapse: collapse } th { text-align: left; font-weight: 500; padding: .3rem .5rem .3rem 0; color: #333 }
  td, th.num { text-align: right; padding: .3rem 0 .3rem .5rem } thead th { border-bottom: 1px solid #999 }
  tr.total th, tr.total td { font-weight: 700; border-top: 1px solid #111; font-size: 1.15em }
  .void { color: #b42318; font-weight: 800; font-size: 1.4em; border: 3px solid #b42318; display: inline-block; padding: .2rem .6rem; transform: rotate(-4deg) }
  ${options.narrow ? '@page { size: 80mm auto; margin: 4mm }' : '@page { size: A4; margin: 20mm }'}
  @media print { body { margin: 0 } }
</style></head>
<body><main>
<header><h1>${escape(r.title)}</h1>
<p class="clinic">${seller}</p>
</header>
${r.voided ? `<p class="void">${t.void}</p>` : ''}
<table class="facts"><tbody>
${factRows(r)
  .map(([k, v]) => `<tr><th scope="row">${k}</th><td>${escape(v)}</td></tr>`)
  .join('\n')}
</tbody></table>
<table class="items"><thead><tr><th scope="col">${t.item}</th><th scope="col" class="num">${t.amount}</th></tr></thead><tbody>
${r.items.map((item) => `<tr><th scope="row">${escape(item.description)}</th><td>${money(item.grossCents)}</td></tr>`).join('\n')}
<tr class="total"><th scope="row">${t.total}</th><td>${money(r.totalCents)}</td></tr>
</tbody></table>
<h2>${t.vatHeading}</h2>
<table class="vat"><thead><tr><th scope="col">${t.vatRate}</th><th scope="col" class="num">${t.net}</th><th scope="col" class="num">${t.vat}</th><th scope="col" class="num">${t.gross}</th></tr></thead><tbody>
${r.vat
  .map(
    (line) =>
      `<tr><th scope="row">${rateLabel(line.vatPercent, r.locale)}</th><td>${money(line.netCents)}</td><td>${money(line.vatCents)}</td><td>${money(line.grossCents)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>
${r.vatText ? `<p class="vat-text">${escape(r.vatText).replace(/\n/g, '<br>')}</p>` : ''}
</main></body></html>`;
}

/** The same receipt as plain text, for the e-mail's text part: the same lines in the same order. */
export function receiptText(r: Receipt): string {
  const t = RECEIPT_TEXT[r.locale];
  const money = (cents: number) => formatMoney(cents, r.currency, r.locale);
  return [
    r.title,
    r.seller.name,
    ...(r.seller.organisationNumber ? [`${t.org} ${r.seller.organisationNumber}`] : []),
    ...(r.seller.address ? r.seller.address.split('\n') : []),
    ...(r.voided ? [t.void] : []),
    '',
    ...factRows(r).map(([k, v]) => `${k}: ${v}`),
    '',
    ...r.items.map((item) => `${item.description}: ${money(item.grossCents)}`),
    `${t.total}: ${money(r.totalCents)}`,
    '',
    `${t.vatHeading} (${t.net} / ${t.vat} / ${t.gross}):`,
    ...r.vat.map((line) => `${rateLabel(line.vatPercent, r.locale)}: ${money(line.netCents)} / ${money(line.vatCents)} / ${money(line.grossCents)}`),
    ...(r.vatText ? ['', r.vatText] : []),
  ].join('\n');
}
