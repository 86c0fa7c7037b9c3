import * as z from 'zod/mini';
import { LocaleSchema } from '../common/enums.js';
import { PaymentMethodSchema } from './bookings.js';

/** One thing paid for; amounts include VAT (a Swedish receipt states gross prices). */
export const ReceiptItemSchema = z.object({
  description: z.string(),
  grossCents: z.int(),
  vatPercent: z.number(),
});
export type ReceiptItem = z.infer<typeof ReceiptItemSchema>;

/** One line per VAT rate present on the receipt: 0 % only when something was VAT-free. */
export const ReceiptVatLineSchema = z.object({
  vatPercent: z.number(),
  netCents: z.int(),
  vatCents: z.int(),
  grossCents: z.int(),
});
export type ReceiptVatLine = z.infer<typeof ReceiptVatLineSchema>;

/**
 * `GET …/admin/bookings/:id/receipt/lines`: the receipt as data, the same lines the printable
 * and the e-mailed receipt show (server/src/services/receipts.ts computes all three).
 */
export const ReceiptSchema = z.object({
  number: z.int(),
  /** The clinic's receipt title, or the default in `locale`. */
  title: z.string(),
  locale: LocaleSchema,
  voided: z.boolean(),
  seller: z.object({ name: z.string(), organisationNumber: z.string(), address: z.string() }),
  paidAt: z.string(),
  serviceStart: z.string(),
  timeZone: z.string(),
  client: z.string(),
  practitioner: z.string(),
  method: PaymentMethodSchema,
  currency: z.string(),
  items: z.array(ReceiptItemSchema),
  vat: z.array(ReceiptVatLineSchema),
  totalCents: z.int(),
  vatTotalCents: z.int(),
  /** The clinic's VAT note (settings `vatText`, e.g. why a treatment is VAT-free); empty = none. */
  vatText: z.string(),
});
export type Receipt = z.infer<typeof ReceiptSchema>;
