import { MeResponseSchema, ROLE_PERMISSIONS, type StaffRole } from '@tidbok/core';
import { Api } from '../http/api.js';
import type { Deps } from '../services/deps.js';
import { staffOf } from '../services/rows.js';

/**
 * Who the token belongs to: the admin elements ask once and hide what the role cannot do.
 * The server still checks every route; this only saves people from buttons that answer 403.
 */
export function adminMeRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'get',
      path: '/me',
      summary: 'The staff member behind the token, their role, practitioner link and permissions',
      tag: 'Staff',
      access: 'staff',
      permission: 'me',
      responses: { 200: { description: 'The staff member', schema: MeResponseSchema } },
    },
    (c) => {
      const staff = staffOf(c.get('staff'));
      return c.json({ staff, permissions: [...(ROLE_PERMISSIONS[staff.role as StaffRole] ?? [])] });
    },
  );
  return api;
}
