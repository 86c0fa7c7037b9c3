import {
  BookingSchema,
  CreateBookingBodySchema,
  CreateBookingResponseSchema,
  ConfirmBookingBodySchema,
  CreateHoldBodySchema,
  HoldSchema,
  ListSlotsQuerySchema,
  ListSlotsResponseSchema,
  PendingBookingSchema,
} from '@tidbok/core';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Api, idParam, JSON_TYPE } from '../http/api.js';
import { bearerToken } from '../http/authorize.js';
import { clientIp } from '../http/client-ip.js';
import type { AppEnv } from '../http/env.js';
import { hashSecret } from '../secrets.js';
import type { Deps } from '../services/deps.js';
import { requireSession } from '../services/client-auth.js';
import { createHold, releaseHold } from '../services/holds.js';
import { checkIdempotencyKey, idempotent, type StoredResponse } from '../services/idempotency.js';
import { confirmEmailedBooking, requestEmailConfirmation } from '../services/email-confirmation.js';
import { cancelManagedBooking, checkBookingRules, createPublicBooking, getManagedBooking } from '../services/public-booking.js';
import { bookingSettingsOf } from '../services/rows.js';
import { listSlotsJson } from '../services/slots.js';

export const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  description: 'Makes a retry safe: the same key and body replay the first answer for 24 hours.',
};

/**
 * The stored (or first) answer to a POST. Through `c.body`, which adds what middleware set before:
 * reading `c.res` here would make Hono copy the response into a new one, body and all.
 */
function respond(c: Context, result: StoredResponse & { replayed?: boolean }): Response {
  const headers: Record<string, string> = { ...result.headers, 'content-type': result.contentType };
  if (result.replayed) headers['Idempotent-Replayed'] = 'true';
  return c.body(JSON.stringify(result.body), result.status as ContentfulStatusCode, headers);
}

/**
 * Whose Idempotency-Key this is: the session (its token's hash) when the request carries one,
 * else the client address. Replays go only to the caller that made the first request.
 */
function callerOf(deps: Deps, c: Context<AppEnv>): string {
  const token = bearerToken(c);
  return token ? `session:${hashSecret(token)}` : `address:${clientIp(c, deps.config.trustProxy)}`;
}

/** Runs a POST under its Idempotency-Key when one is sent. */
export async function withKey(deps: Deps, c: Context<AppEnv>, scope: string, body: unknown, work: () => Promise<StoredResponse>): Promise<Response> {
  const key = checkIdempotencyKey(c.req.header('idempotency-key'));
  if (!key) return respond(c, await work());
  return respond(c, await idempotent(deps, { clinicId: c.get('clinic').id, scope, caller: callerOf(deps, c), key, body }, work));
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): StoredResponse => ({
  status,
  body,
  contentType: 'application/json',
  ...(headers ? { headers } : {}),
});

export function publicBookingRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'get',
      path: '/slots',
      summary: 'Free times for a treatment type (online-bookable only), sorted by start; at most 62 days',
      tag: 'Public',
      access: 'public',
      module: 'booking',
      query: ListSlotsQuerySchema,
      responses: { 200: { description: 'Free times', schema: ListSlotsResponseSchema } },
    },
    async (c, { query }) => c.body(await listSlotsJson(deps, c.get('clinic'), query, 'public'), 200, JSON_TYPE),
  );

  api.route(
    {
      method: 'post',
      path: '/holds',
      summary: 'Hold a free time while the visitor fills in their details',
      tag: 'Public',
      access: 'public',
      module: 'booking',
      body: CreateHoldBodySchema,
      headers: [IDEMPOTENCY_HEADER],
      responses: {
        201: { description: 'The hold, with the secret that releases or books it (kept only by the caller)', schema: HoldSchema },
      },
    },
    async (c, { body }) =>
      withKey(deps, c, 'holds', body, async () => {
        const clinic = c.get('clinic');
        // As for bookings: a bearer token is a client session, and a bad one is refused.
        const token = bearerToken(c);
        const client = token ? await requireSession(deps, clinic, token) : undefined;
        return json(201, await createHold(deps, clinic, body, { ip: clientIp(c, deps.config.trustProxy), client }));
      }),
  );

  api.route(
    {
      method: 'delete',
      path: '/holds/:id',
      summary: 'Release a hold (the visitor went back)',
      tag: 'Public',
      access: 'public',
      module: 'booking',
      headers: [{ name: 'Tidbok-Hold-Secret', description: 'The secret returned with the hold.', required: true }],
      responses: { 204: { description: 'Released' } },
    },
    async (c) => {
      await releaseHold(deps, c.get('clinic'), idParam(c), c.req.header('tidbok-hold-secret'));
      return c.body(null, 204);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/bookings',
      summary: 'Book a held time',
      tag: 'Public',
      access: 'public',
      module: 'booking',
      body: CreateBookingBodySchema,
      headers: [IDEMPOTENCY_HEADER],
      responses: {
        201: { description: 'The booking and its manage token (shown once)', schema: CreateBookingResponseSchema },
        202: {
          description: 'Not booked yet: the clinic wants bookings by visitors who are not logged in confirmed by a link e-mailed to them',
          schema: PendingBookingSchema,
        },
      },
    },
    async (c, { body }) =>
      withKey(deps, c, 'bookings', body, async () => {
        const clinic = c.get('clinic');
        // A bearer token here is a client session; a bad one is refused rather than ignored.
        const token = bearerToken(c);
        const session = token ? await requireSession(deps, clinic, token) : undefined;
        if (!session && bookingSettingsOf(clinic).confirmAnonymousBookingsByEmail) {
          checkBookingRules(clinic, body);
          return json(202, await requestEmailConfirmation(deps, clinic, body));
        }
        const result = await createPublicBooking(deps, clinic, body, session);
        const location = `/v1/clinics/${encodeURIComponent(clinic.slug)}/bookings/${encodeURIComponent(result.booking.id)}`;
        return json(201, result, { Location: location });
      }),
  );

  api.route(
    {
      method: 'post',
      path: '/bookings/confirm',
      summary: 'Book what waited for its e-mailed link: the token from the link (after #t=)',
      tag: 'Public',
      access: 'public',
      module: 'booking',
      body: ConfirmBookingBodySchema,
      responses: {
        201: { description: 'The booking and its manage token (shown once)', schema: CreateBookingResponseSchema },
      },
    },
    async (c, { body }) => c.json(await confirmEmailedBooking(deps, c.get('clinic'), body.token), 201),
  );

  api.route(
    {
      method: 'get',
      path: '/bookings/:id',
      summary: 'A booking, seen with its manage token',
      tag: 'Client',
      access: 'client',
      module: 'booking',
      responses: { 200: { description: 'The booking', schema: BookingSchema } },
    },
    async (c) => c.json(await getManagedBooking(deps, c.get('clinic'), idParam(c), bearerToken(c))),
  );

  api.route(
    {
      method: 'post',
      path: '/bookings/:id/cancel',
      summary: 'Cancel a booking with its manage token (late inside the cancellation window)',
      tag: 'Client',
      access: 'client',
      module: 'booking',
      responses: { 200: { description: 'The cancelled booking', schema: BookingSchema } },
    },
    async (c) => c.json(await cancelManagedBooking(deps, c.get('clinic'), idParam(c), bearerToken(c))),
  );
  return api;
}
