import { CreateStaffSessionBodySchema, CreateStaffSessionResponseSchema } from '@tidbok/core';
import { Api } from '../http/api.js';
import { clientIp } from '../http/client-ip.js';
import type { Deps } from '../services/deps.js';
import { openIntegrationSession } from '../services/integration-keys.js';

/**
 * The intranet handshake: an intranet's server, which has signed its user in already, trades its
 * integration key and the user's e-mail (or staff id) for a session token that it puts in
 * `<tidbok-admin token="…">`. Counted by the per-address write limit like other routes without
 * a staff token, so nobody can guess keys quickly.
 */
export function staffSessionRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'post',
      path: '/staff-sessions',
      summary: 'Open a staff session for a person the intranet has signed in (integration key only)',
      tag: 'Staff access',
      access: 'integration',
      body: CreateStaffSessionBodySchema,
      responses: {
        201: {
          description:
            'The session token for `<tidbok-admin token>` and who it belongs to. Otherwise 404 `not_found` (no staff member of the clinic has that e-mail or id) or 401 `unauthorized` (the key is wrong or revoked)',
          schema: CreateStaffSessionResponseSchema,
        },
      },
    },
    async (c, { body }) => {
      const client = { ip: clientIp(c, deps.config.trustProxy), userAgent: c.req.header('user-agent') };
      return c.json(await openIntegrationSession(deps, c.get('clinic'), c.get('integrationKeyId'), body, client), 201);
    },
  );
  return api;
}
