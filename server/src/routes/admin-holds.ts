import { AdminHoldListSchema } from '@tidbok/core';
import { Api, idParam } from '../http/api.js';
import { listActiveHolds, releaseHoldAsStaff } from '../services/admin-holds.js';
import type { Deps } from '../services/deps.js';

/** Staff see who holds which times right now, and release holds that only block. */
export function adminHoldRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'get',
      path: '/holds',
      summary: 'Active holds, soonest first, with the address and network each came from and how many that network holds',
      tag: 'Holds',
      access: 'staff',
      permission: 'desk',
      responses: { 200: { description: 'Active holds', schema: AdminHoldListSchema } },
    },
    async (c) => c.json({ holds: await listActiveHolds(deps, c.get('clinic')) }),
  );
  api.route(
    {
      method: 'delete',
      path: '/holds/:id',
      summary: 'Release an active hold, freeing its time at once',
      tag: 'Holds',
      access: 'staff',
      permission: 'desk',
      responses: { 204: { description: 'Released' } },
    },
    async (c) => {
      await releaseHoldAsStaff(deps, c.get('clinic'), idParam(c));
      return c.body(null, 204);
    },
  );
  return api;
}
