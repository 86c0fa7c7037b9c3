import { BookingSchema, PayBookingBodySchema, ReceiptSchema, SendReceiptBodySchema } from '@tidbok/core';
import * as z from 'zod/mini';
import { Api, idParam } from '../http/api.js';
import type { Deps } from '../services/deps.js';
import { actorOf } from '../http/actor.js';
import { payBooking, receiptData, receiptHtml, sendReceipt, voidPayment } from '../services/payments.js';

const ReceiptQuerySchema = z.strictObject({
  format: z.optional(z.enum(['a4', 'narrow'])),
  locale: z.optional(z.enum(['sv', 'en'])),
});
const ReceiptLinesQuerySchema = z.strictObject({ locale: z.optional(z.enum(['sv', 'en'])) });

export function adminPaymentRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'post',
      path: '/bookings/:id/payment',
      summary: "Mark a booking paid (default amount: the treatment type's price) and issue a numbered receipt",
      tag: 'Payments',
      access: 'staff',
      permission: 'calendar',
      body: PayBookingBodySchema,
      responses: { 200: { description: 'The booking, now with `paid`', schema: BookingSchema } },
    },
    async (c, { body }) => c.json(await payBooking(deps, c.get('clinic'), c.get('staff'), idParam(c), body, actorOf(c))),
  );
  api.route(
    {
      method: 'post',
      path: '/bookings/:id/payment/void',
      summary: 'Void the payment: the receipt is kept, marked void, and its number never reused',
      tag: 'Payments',
      access: 'admin',
      permission: 'settings',
      responses: { 200: { description: 'The booking, unpaid again', schema: BookingSchema } },
    },
    async (c) => c.json(await voidPayment(deps, c.get('clinic'), c.get('staff'), idParam(c), actorOf(c))),
  );
  api.route(
    {
      method: 'get',
      path: '/bookings/:id/receipt',
      summary: 'The printable receipt (HTML; `format=narrow` for 80 mm receipt printers)',
      tag: 'Payments',
      access: 'staff',
      permission: 'calendar',
      query: ReceiptQuerySchema,
      responses: { 200: { description: 'The receipt', contentType: 'text/html' } },
    },
    async (c, { query }) =>
      c.html(
        await receiptHtml(
          deps,
          c.get('clinic'),
          idParam(c),
          {
            narrow: query.format === 'narrow',
            ...(query.locale ? { locale: query.locale } : {}),
          },
          actorOf(c),
        ),
      ),
  );
  api.route(
    {
      method: 'get',
      path: '/bookings/:id/receipt/lines',
      summary:
        "The current receipt as data: seller, facts, items, one VAT line per rate present, totals (what the printable and e-mailed receipts show); `locale` picks the title's language",
      tag: 'Payments',
      access: 'staff',
      permission: 'calendar',
      query: ReceiptLinesQuerySchema,
      responses: { 200: { description: 'The receipt', schema: ReceiptSchema } },
    },
    async (c, { query }) => c.json(await receiptData(deps, c.get('clinic'), idParam(c), query.locale, actorOf(c))),
  );
  api.route(
    {
      method: 'post',
      path: '/bookings/:id/receipt/send',
      summary: 'E-mail the receipt to the client through the outbox',
      tag: 'Payments',
      access: 'staff',
      permission: 'calendar',
      body: SendReceiptBodySchema,
      responses: { 202: { description: 'Queued', schema: z.object({ messageId: z.string() }) } },
    },
    async (c) => c.json(await sendReceipt(deps, c.get('clinic'), idParam(c), actorOf(c)), 202),
  );
  return api;
}
