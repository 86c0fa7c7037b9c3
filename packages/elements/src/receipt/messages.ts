import type { Messages } from '../i18n.js';

/**
 * The receipt's texts: the same words as the printable and e-mailed receipt
 * (server/src/services/receipts.ts, RECEIPT_TEXT), so the three read alike.
 */
export const receiptMessages = {
  receipt: { sv: 'Kvitto', en: 'Receipt' },
  number: { sv: 'Kvittonummer', en: 'Receipt number' },
  date: { sv: 'Datum', en: 'Date' },
  client: { sv: 'Klient', en: 'Client' },
  practitioner: { sv: 'Behandlare', en: 'Practitioner' },
  visit: { sv: 'Besök', en: 'Appointment' },
  method: { sv: 'Betalsätt', en: 'Payment method' },
  org: { sv: 'Org.nr', en: 'Org. no.' },
  item: { sv: 'Beskrivning', en: 'Description' },
  amount: { sv: 'Belopp', en: 'Amount' },
  total: { sv: 'Summa att betala', en: 'Total paid' },
  vatRate: { sv: 'Momssats', en: 'VAT rate' },
  net: { sv: 'Netto', en: 'Net' },
  vat: { sv: 'Moms', en: 'VAT' },
  gross: { sv: 'Brutto', en: 'Gross' },
  vatFree: { sv: 'Momsfritt', en: 'VAT exempt' },
  vatHeading: { sv: 'Moms per momssats', en: 'VAT by rate' },
  void: { sv: 'MAKULERAT', en: 'VOID' },
  method_swish: { sv: 'Swish', en: 'Swish' },
  method_card: { sv: 'Kort', en: 'Card' },
  method_cash: { sv: 'Kontant', en: 'Cash' },
  method_invoice: { sv: 'Faktura', en: 'Invoice' },
  method_other: { sv: 'Annat', en: 'Other' },
  print: { sv: 'Skriv ut kvittot', en: 'Print the receipt' },
  loading: { sv: 'Hämtar kvittot …', en: 'Loading the receipt …' },
  show: { sv: 'Kvitto {number} · {total}', en: 'Receipt {number} · {total}' },
} satisfies Messages<string>;

export type ReceiptMessageKey = keyof typeof receiptMessages;
