import {
  CreateIntegrationKeyBodySchema,
  CreateIntegrationKeyResponseSchema,
  CreatePersonalTokenBodySchema,
  CreatePersonalTokenResponseSchema,
  IntegrationKeyListSchema,
  LogoutEverywhereResponseSchema,
  PersonalTokenListSchema,
  StaffSessionListSchema,
} from '@tidbok/core';
import type { Context } from 'hono';
import { ApiError, notFound } from '../errors.js';
import { actorOf } from '../http/actor.js';
import { Api, idParam } from '../http/api.js';
import type { AppEnv } from '../http/env.js';
import { getStaff } from '../services/clinics.js';
import type { Deps } from '../services/deps.js';
import { createIntegrationKey, listIntegrationKeys, revokeIntegrationKey } from '../services/integration-keys.js';
import { listStaffSessions, revokeAllStaffSessions, revokeStaffSession, staffSessionOwner } from '../services/staff-sessions.js';
import { createPersonalToken, listPersonalTokens, revokePersonalToken } from '../services/staff-tokens.js';

const deleted = { 204: { description: 'Revoked' } };

/** The session or token this request came with, so lists can mark "this one". */
function currentId(c: Context<AppEnv>): string | null {
  return c.get('staffSessionId') ?? null;
}

/**
 * Who may see or end another person's sessions: admins. Others may only reach their own; for
 * anything else the answer is the same 404 as for an id that does not exist.
 */
function mayManage(c: Context<AppEnv>, staffId: string): boolean {
  const me = c.get('staff');
  return me.id === staffId || me.role === 'admin';
}

/** Integration keys, personal API tokens and sessions: the access part of the staff screen. */
export function adminStaffAccessRoutes(deps: Deps): Api {
  const api = new Api(deps);
  // ---- Integration keys (admins) ----
  api.route(
    {
      method: 'get',
      path: '/integration-keys',
      summary: 'List integration keys (never the keys themselves) with when each was last used',
      tag: 'Staff access',
      access: 'admin',
      permission: 'keys',
      responses: { 200: { description: 'Keys that work', schema: IntegrationKeyListSchema } },
    },
    async (c) => c.json({ integrationKeys: await listIntegrationKeys(deps, c.get('clinic')) }),
  );
  api.route(
    {
      method: 'post',
      path: '/integration-keys',
      summary: "Create an integration key for an intranet's server (the key is in this answer only)",
      tag: 'Staff access',
      access: 'admin',
      permission: 'keys',
      body: CreateIntegrationKeyBodySchema,
      responses: { 201: { description: 'The key, shown once', schema: CreateIntegrationKeyResponseSchema } },
    },
    async (c, { body }) => c.json(await createIntegrationKey(deps, c.get('clinic'), body.name, c.get('staff').id, actorOf(c)), 201),
  );
  api.route(
    {
      method: 'delete',
      path: '/integration-keys/:id',
      summary: 'Revoke an integration key; the sessions it opened end too',
      tag: 'Staff access',
      access: 'admin',
      permission: 'keys',
      responses: deleted,
    },
    async (c) => {
      await revokeIntegrationKey(deps, c.get('clinic'), idParam(c), actorOf(c));
      return c.body(null, 204);
    },
  );

  // ---- Personal API tokens ----
  api.route(
    {
      method: 'get',
      path: '/me/tokens',
      summary: 'My personal API tokens, with expiry and last use',
      tag: 'Staff access',
      access: 'staff',
      permission: 'me',
      responses: { 200: { description: 'Tokens that work', schema: PersonalTokenListSchema } },
    },
    async (c) => c.json({ tokens: await listPersonalTokens(deps, c.get('clinic').id, c.get('staff').id, currentId(c)) }),
  );
  api.route(
    {
      method: 'post',
      path: '/me/tokens',
      summary: 'Create a personal API token for scripts (the token is in this answer only)',
      tag: 'Staff access',
      access: 'staff',
      permission: 'me',
      body: CreatePersonalTokenBodySchema,
      responses: { 201: { description: 'The token, shown once', schema: CreatePersonalTokenResponseSchema } },
    },
    async (c, { body }) => c.json(await createPersonalToken(deps, c.get('staff'), body), 201),
  );
  api.route(
    {
      method: 'delete',
      path: '/me/tokens/:id',
      summary: 'Revoke one of my personal API tokens',
      tag: 'Staff access',
      access: 'staff',
      permission: 'me',
      responses: deleted,
    },
    async (c) => {
      await revokePersonalToken(deps, c.get('clinic').id, c.get('staff').id, idParam(c));
      return c.body(null, 204);
    },
  );
  api.route(
    {
      method: 'get',
      path: '/staff/:id/tokens',
      summary: "A staff member's personal API tokens",
      tag: 'Staff access',
      access: 'admin',
      permission: 'staff',
      responses: { 200: { description: 'Tokens that work', schema: PersonalTokenListSchema } },
    },
    async (c) => {
      const staff = await getStaff(deps, c.get('clinic'), idParam(c));
      return c.json({ tokens: await listPersonalTokens(deps, c.get('clinic').id, staff.id, currentId(c)) });
    },
  );
  api.route(
    {
      method: 'delete',
      path: '/staff/:id/tokens/:tokenId',
      summary: "Revoke a staff member's personal API token",
      tag: 'Staff access',
      access: 'admin',
      permission: 'staff',
      responses: deleted,
    },
    async (c) => {
      await revokePersonalToken(deps, c.get('clinic').id, idParam(c), c.req.param('tokenId') ?? '');
      return c.body(null, 204);
    },
  );

  // ---- Sessions ----
  api.route(
    {
      method: 'get',
      path: '/me/sessions',
      summary: 'My sessions that are still open',
      tag: 'Staff access',
      access: 'staff',
      permission: 'me',
      responses: { 200: { description: 'Open sessions, newest first', schema: StaffSessionListSchema } },
    },
    async (c) => c.json({ sessions: await listStaffSessions(deps, c.get('clinic').id, c.get('staff').id, currentId(c)) }),
  );
  api.route(
    {
      method: 'get',
      path: '/staff/:id/sessions',
      summary: "A staff member's open sessions (admins: anyone's; others: their own)",
      tag: 'Staff access',
      access: 'staff',
      permission: 'me',
      responses: { 200: { description: 'Open sessions, newest first', schema: StaffSessionListSchema } },
    },
    async (c) => {
      const staffId = idParam(c);
      if (!mayManage(c, staffId)) throw new ApiError('forbidden', "Only admins can see another person's sessions");
      const staff = await getStaff(deps, c.get('clinic'), staffId);
      return c.json({ sessions: await listStaffSessions(deps, c.get('clinic').id, staff.id, currentId(c)) });
    },
  );
  api.route(
    {
      method: 'delete',
      path: '/staff/:id/sessions',
      summary: 'End every session of a staff member (their personal tokens stay)',
      tag: 'Staff access',
      access: 'admin',
      permission: 'staff',
      responses: { 200: { description: 'How many sessions ended', schema: LogoutEverywhereResponseSchema } },
    },
    async (c) => {
      const staff = await getStaff(deps, c.get('clinic'), idParam(c));
      return c.json({ ended: await revokeAllStaffSessions(deps, staff.id) });
    },
  );
  api.route(
    {
      method: 'delete',
      path: '/sessions/:id',
      summary: 'End one session (your own, or anyone’s as an admin)',
      tag: 'Staff access',
      access: 'staff',
      permission: 'me',
      responses: { 204: { description: 'Ended' } },
    },
    async (c) => {
      const clinicId = c.get('clinic').id;
      const owner = await staffSessionOwner(deps, clinicId, idParam(c));
      if (!mayManage(c, owner)) throw notFound('Session');
      await revokeStaffSession(deps, clinicId, idParam(c));
      return c.body(null, 204);
    },
  );
  api.route(
    {
      method: 'post',
      path: '/me/logout-everywhere',
      summary: 'Log out everywhere: end all my sessions, this one too (personal tokens stay)',
      tag: 'Staff access',
      access: 'staff',
      permission: 'me',
      responses: { 200: { description: 'How many sessions ended', schema: LogoutEverywhereResponseSchema } },
    },
    async (c) => c.json({ ended: await revokeAllStaffSessions(deps, c.get('staff').id) }),
  );
  return api;
}
