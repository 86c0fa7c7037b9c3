import { ListMessagesQuerySchema, type Message, MessageListSchema, SendConfirmationBodySchema, SmsBudgetSchema, type WithheldReason } from '@tidbok/core';
import * as z from 'zod/mini';
import { actorOf } from '../http/actor.js';
import { Api, idParam } from '../http/api.js';
import { smsBudgetStatus } from '../notifications/sms-guard.js';
import { LINK } from '../notifications/texts.js';
import { findBooking, sendConfirmation } from '../services/bookings.js';
import type { Deps } from '../services/deps.js';
import { outboxOfClinic } from '../store/repositories/messages.js';
import { iso, isoOrNull } from '../time.js';

export function adminMessageRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'get',
      path: '/messages',
      summary: 'The outbox: confirmations, cancellations, reminders and receipts, newest first',
      tag: 'Messages',
      access: 'staff',
      permission: 'desk',
      query: ListMessagesQuerySchema,
      responses: { 200: { description: 'Messages', schema: MessageListSchema } },
    },
    async (c, { query }) => {
      const clinic = c.get('clinic');
      const rows = await outboxOfClinic(deps.store.db, { clinicId: clinic.id, bookingId: query.bookingId });
      const label = clinic.locale === 'sv' ? '[länk för att se eller avboka]' : '[link to see or cancel]';
      const messages: Message[] = rows.map((m) => ({
        id: m.id,
        kind: m.kind as Message['kind'],
        bookingId: m.booking_id,
        channel: m.channel as Message['channel'],
        to: m.to_address,
        subject: m.subject,
        // Staff see where the client's link goes, never the link itself: it carries the token.
        body: m.body_text.replaceAll(LINK, label),
        status: m.status as Message['status'],
        attempts: m.attempts,
        lastError: m.last_error,
        withheldReason: m.withheld_reason as WithheldReason | null,
        createdAt: iso(m.created_at),
        sentAt: isoOrNull(m.sent_at),
      }));
      return c.json({ messages });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/sms-budget',
      summary: 'SMS to numbers staff have not entered: the hourly and daily budget, how much is used, and when it last refused one',
      tag: 'Messages',
      access: 'staff',
      permission: 'desk',
      responses: { 200: { description: 'The budget now', schema: SmsBudgetSchema } },
    },
    async (c) => c.json(await smsBudgetStatus(deps.store.db, c.get('clinic'), deps.clock.now())),
  );

  api.route(
    {
      method: 'post',
      path: '/bookings/:id/confirmation',
      summary: 'Send (again) a booking confirmation by e-mail or SMS, with a fresh manage link',
      tag: 'Bookings',
      access: 'staff',
      permission: 'calendar',
      body: SendConfirmationBodySchema,
      responses: { 202: { description: 'Queued in the outbox', schema: z.object({ messageId: z.string() }) } },
    },
    async (c, { body }) => {
      const clinic = c.get('clinic');
      await findBooking(deps.store.db, clinic.id, idParam(c));
      return c.json(await sendConfirmation(deps, clinic, idParam(c), body.channel, actorOf(c)), 202);
    },
  );
  return api;
}
