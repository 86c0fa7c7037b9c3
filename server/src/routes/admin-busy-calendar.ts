import { BusyCalendarRefreshSchema, BusyCalendarStatusSchema, SetBusyCalendarBodySchema } from '@tidbok/core';
import { busyCalendarStatus, refreshBusyCalendarNow, removeBusyCalendar, setBusyCalendar } from '../busy-calendar/busy-calendar.js';
import { Api, idParam } from '../http/api.js';
import type { Deps } from '../services/deps.js';

/**
 * A practitioner's private calendar whose events block public slots. Admins only: the address
 * is a secret of the practitioner's, and setting one makes the server fetch from the internet.
 */
export function adminBusyCalendarRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'get',
      path: '/practitioners/:id/busy-calendar',
      summary: 'Whether the practitioner has a busy calendar, and how its last read went (never its address)',
      tag: 'Practitioners',
      access: 'admin',
      responses: { 200: { description: 'Status', schema: BusyCalendarStatusSchema } },
    },
    async (c) => c.json(await busyCalendarStatus(deps, c.get('clinic'), idParam(c))),
  );
  api.route(
    {
      method: 'put',
      path: '/practitioners/:id/busy-calendar',
      summary:
        "Set the secret iCalendar address of the practitioner's own calendar (https or webcal); it is read at once and then about every 15 minutes, and its busy events block public slots",
      tag: 'Practitioners',
      access: 'admin',
      body: SetBusyCalendarBodySchema,
      responses: { 200: { description: 'Saved; the status after the first read (a failed read is in lastError)', schema: BusyCalendarStatusSchema } },
    },
    async (c, { body }) => c.json(await setBusyCalendar(deps, c.get('clinic'), idParam(c), body)),
  );
  api.route(
    {
      method: 'post',
      path: '/practitioners/:id/busy-calendar/refresh',
      summary: 'Read the busy calendar now (502 calendar_unreachable when it cannot be read; the last copy stays)',
      tag: 'Practitioners',
      access: 'admin',
      responses: { 200: { description: 'Busy events in the window read, and when', schema: BusyCalendarRefreshSchema } },
    },
    async (c) => c.json(await refreshBusyCalendarNow(deps, c.get('clinic'), idParam(c))),
  );
  api.route(
    {
      method: 'delete',
      path: '/practitioners/:id/busy-calendar',
      summary: 'Remove the busy calendar and its busy time',
      tag: 'Practitioners',
      access: 'admin',
      responses: { 204: { description: 'Removed' } },
    },
    async (c) => {
      await removeBusyCalendar(deps, c.get('clinic'), idParam(c));
      return c.body(null, 204);
    },
  );
  return api;
}
