import { BookingSchema, RescheduleBookingBodySchema } from '@tidbok/core';
import { Api, idParam } from '../http/api.js';
import { bearerToken } from '../http/authorize.js';
import type { Deps } from '../services/deps.js';
import { rescheduleBooking } from '../services/reschedule.js';
import { IDEMPOTENCY_HEADER, json, withKey } from './public-booking.js';

/**
 * A patient moves their own booking: the manage token (from the confirmation) or their client
 * session, and a hold on the new time. Limited per address and in size like the other public
 * writes (app.ts), and safe to retry under an Idempotency-Key.
 */
export function rescheduleRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'post',
      path: '/bookings/:id/reschedule',
      summary:
        'Move a booking to the time of a hold, with its manage token or the client session; until its cancellation window starts (409 inside_cancellation_window after)',
      tag: 'Client',
      access: 'client',
      module: 'booking',
      body: RescheduleBookingBodySchema,
      headers: [IDEMPOTENCY_HEADER],
      responses: { 200: { description: 'The same booking at its new time; the hold is used up', schema: BookingSchema } },
    },
    async (c, { body }) =>
      withKey(deps, c, 'reschedule', body, async () => json(200, await rescheduleBooking(deps, c.get('clinic'), idParam(c), bearerToken(c), body))),
  );
  return api;
}
