import {
  AccessLogResponseSchema,
  BookingListSchema,
  EmailLinkBodySchema,
  SessionOwnerSchema,
  TestSessionResponseSchema,
  VerifyLoginBodySchema,
  VerifyLoginResponseSchema,
} from '@tidbok/core';
import { Api, idParam } from '../http/api.js';
import { bearerToken } from '../http/authorize.js';
import {
  accessLog,
  logAccess,
  loginLinkOwner,
  logout,
  ownerOf,
  requestLoginLink,
  requireSession,
  testClientSession,
  verifyLogin,
} from '../services/client-auth.js';
import { findClient } from '../services/clients.js';
import type { Background } from '../services/background.js';
import type { Deps } from '../services/deps.js';
import { myBookings } from '../services/public-booking.js';
import { iso } from '../time.js';

export function clientAuthRoutes(deps: Deps, background: Background): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'post',
      path: '/auth/email-link',
      summary: 'E-mail a login link to a client of the clinic (always 202: nothing is revealed)',
      tag: 'Client',
      access: 'public',
      module: 'booking',
      body: EmailLinkBodySchema,
      responses: { 202: { description: 'Accepted' } },
    },
    async (c, { body }) => {
      // Answered before the address is even looked up: a known address costs more work (a
      // token, a message), and waiting for it let the time to answer tell who is a client.
      const clinic = c.get('clinic');
      background.run('login link', () => requestLoginLink(deps, clinic, body.email, body.locale));
      return c.body(null, 202);
    },
  );
  api.route(
    {
      method: 'post',
      path: '/auth/link-owner',
      summary: "Whose login link this is, without using it up (the page asks 'Log in as …?' first)",
      tag: 'Client',
      access: 'public',
      module: 'booking',
      body: VerifyLoginBodySchema,
      responses: { 200: { description: 'Name and contact details of the client the link logs in as', schema: SessionOwnerSchema } },
    },
    async (c, { body }) => c.json(await loginLinkOwner(deps, c.get('clinic'), body.token)),
  );
  api.route(
    {
      method: 'post',
      path: '/auth/verify',
      summary: "Exchange a login link's token (single use, 15 minutes) for a client session",
      tag: 'Client',
      access: 'public',
      module: 'booking',
      body: VerifyLoginBodySchema,
      responses: { 200: { description: 'The session and the client', schema: VerifyLoginResponseSchema } },
    },
    async (c, { body }) => c.json(await verifyLogin(deps, c.get('clinic'), body.token)),
  );
  api.route(
    {
      method: 'post',
      path: '/auth/logout',
      summary: 'End the client session',
      tag: 'Client',
      access: 'client',
      module: 'booking',
      responses: { 204: { description: 'Logged out' } },
    },
    async (c) => {
      await logout(deps, c.get('clinic'), bearerToken(c));
      return c.body(null, 204);
    },
  );
  api.route(
    {
      method: 'get',
      path: '/me',
      summary: 'Whose session this is (the page asks "Log in as …?" before it keeps a session from a link)',
      tag: 'Client',
      access: 'client',
      module: 'booking',
      responses: { 200: { description: 'Name and contact details of the client the session belongs to', schema: SessionOwnerSchema } },
    },
    async (c) => c.json(ownerOf(await requireSession(deps, c.get('clinic'), bearerToken(c)))),
  );
  api.route(
    {
      method: 'get',
      path: '/me/bookings',
      summary: "The logged-in client's bookings",
      tag: 'Client',
      access: 'client',
      module: 'booking',
      responses: { 200: { description: 'Bookings, soonest first', schema: BookingListSchema } },
    },
    async (c) => {
      const client = await requireSession(deps, c.get('clinic'), bearerToken(c));
      return c.json({ bookings: await myBookings(deps, c.get('clinic'), client) });
    },
  );

  const CL = '/admin/clients/:id';
  api.route(
    {
      method: 'post',
      path: `${CL}/test-session`,
      summary: 'Open the booking page as a test client (only clients marked isTest)',
      tag: 'Clients',
      access: 'staff',
      permission: 'client-records',
      responses: { 201: { description: 'A client session and the page to open', schema: TestSessionResponseSchema } },
    },
    async (c) => {
      const result = await testClientSession(deps, c.get('clinic'), idParam(c));
      await logAccess(deps, c.get('clinic'), c.get('staff'), [result.client.id], 'test-session');
      return c.json(result, 201);
    },
  );
  api.route(
    {
      method: 'get',
      path: `${CL}/access-log`,
      summary: "Who on the staff read or changed this client's data, and when (admins)",
      tag: 'Clients',
      access: 'admin',
      permission: 'audit',
      responses: { 200: { description: 'Entries, newest first', schema: AccessLogResponseSchema } },
    },
    async (c) => {
      const clinic = c.get('clinic');
      const client = await findClient(deps.store.db, clinic.id, idParam(c));
      const entries = (await accessLog(deps, clinic, client.id)).map((e) => ({
        id: e.id,
        staffId: e.staff_id,
        staffName: e.staff_name,
        action: e.action,
        detail: e.detail,
        at: iso(e.created_at),
      }));
      return c.json({ entries });
    },
  );
  return api;
}
