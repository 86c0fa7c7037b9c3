import {
  ActivitySchema,
  BookingSchema,
  CalendarResponseSchema,
  CancelBookingBodySchema,
  CreateActivityBodySchema,
  CreateAdminBookingBodySchema,
  CreateWorkingTimeBodySchema,
  DeletedResponseSchema,
  ListSlotsQuerySchema,
  ListSlotsResponseSchema,
  RangeQuerySchema,
  UpdateActivityBodySchema,
  UpdateAdminBookingBodySchema,
  UpdateWorkingTimeBodySchema,
  WorkingTimeSchema,
} from '@tidbok/core';
import { actorOf } from '../http/actor.js';
import { Api, idParam, JSON_TYPE } from '../http/api.js';
import { mayMarkTest } from '../services/clients.js';
import {
  cancelStaffBooking,
  createStaffBooking,
  deleteStaffBooking,
  getBooking,
  markNoShow,
  restoreStaffBooking,
  updateStaffBooking,
} from '../services/bookings.js';
import {
  calendarFeed,
  createActivity,
  createWorkingTime,
  deleteActivity,
  deleteWorkingTime,
  deleteWorkingTimeRange,
  getActivity,
  getWorkingTime,
  updateActivity,
  updateWorkingTime,
} from '../services/calendar.js';
import type { Deps } from '../services/deps.js';
import { listSlotsJson } from '../services/slots.js';

const deleted = { 204: { description: 'Deleted' } };

export function adminCalendarRoutes(deps: Deps): Api {
  const api = new Api(deps);
  api.route(
    {
      method: 'get',
      path: '/calendar',
      summary: 'Every calendar entry in a range: bookings, working time, activities and holds, with colours',
      tag: 'Calendar',
      access: 'staff',
      permission: 'calendar',
      query: RangeQuerySchema,
      responses: { 200: { description: 'Entries sorted by start', schema: CalendarResponseSchema } },
    },
    async (c, { query }) => c.json(await calendarFeed(deps, c.get('clinic'), query, actorOf(c))),
  );
  api.route(
    {
      method: 'get',
      path: '/slots',
      summary: 'Free times for staff (also treatment types not bookable online; no minimum notice)',
      tag: 'Calendar',
      access: 'staff',
      permission: 'calendar',
      query: ListSlotsQuerySchema,
      responses: { 200: { description: 'Free times', schema: ListSlotsResponseSchema } },
    },
    async (c, { query }) => c.body(await listSlotsJson(deps, c.get('clinic'), query, 'staff'), 200, JSON_TYPE),
  );

  // ---- Working time ----
  const WT = '/working-times';
  api.route(
    {
      method: 'post',
      path: WT,
      summary: 'Create working time (bookable time)',
      tag: 'Working time',
      access: 'staff',
      permission: 'calendar',
      body: CreateWorkingTimeBodySchema,
      responses: { 201: { description: 'Created', schema: WorkingTimeSchema } },
    },
    async (c, { body }) => c.json(await createWorkingTime(deps, c.get('clinic'), body, actorOf(c)), 201),
  );
  api.route(
    {
      method: 'delete',
      path: WT,
      summary: 'Delete all working time overlapping a range ("delete all visible")',
      tag: 'Working time',
      access: 'staff',
      permission: 'calendar',
      query: RangeQuerySchema,
      responses: { 200: { description: 'How many blocks were deleted', schema: DeletedResponseSchema } },
    },
    async (c, { query }) => c.json(await deleteWorkingTimeRange(deps, c.get('clinic'), query, actorOf(c))),
  );
  api.route(
    {
      method: 'get',
      path: `${WT}/:id`,
      summary: 'Get one block of working time',
      tag: 'Working time',
      access: 'staff',
      permission: 'calendar',
      responses: { 200: { description: 'The block', schema: WorkingTimeSchema } },
    },
    async (c) => c.json(await getWorkingTime(deps, c.get('clinic'), idParam(c))),
  );
  api.route(
    {
      method: 'patch',
      path: `${WT}/:id`,
      summary: 'Move, resize or change a block of working time',
      tag: 'Working time',
      access: 'staff',
      permission: 'calendar',
      body: UpdateWorkingTimeBodySchema,
      responses: { 200: { description: 'Changed', schema: WorkingTimeSchema } },
    },
    async (c, { body }) => c.json(await updateWorkingTime(deps, c.get('clinic'), idParam(c), body, actorOf(c))),
  );
  api.route(
    {
      method: 'delete',
      path: `${WT}/:id`,
      summary: 'Delete a block of working time',
      tag: 'Working time',
      access: 'staff',
      permission: 'calendar',
      responses: deleted,
    },
    async (c) => {
      await deleteWorkingTime(deps, c.get('clinic'), idParam(c), actorOf(c));
      return c.body(null, 204);
    },
  );

  // ---- Activities ----
  const AC = '/activities';
  api.route(
    {
      method: 'post',
      path: AC,
      summary: 'Create an activity (internal; never blocks bookable time)',
      tag: 'Activities',
      access: 'staff',
      permission: 'calendar',
      body: CreateActivityBodySchema,
      responses: { 201: { description: 'Created', schema: ActivitySchema } },
    },
    async (c, { body }) => c.json(await createActivity(deps, c.get('clinic'), body, actorOf(c)), 201),
  );
  api.route(
    {
      method: 'get',
      path: `${AC}/:id`,
      summary: 'Get an activity',
      tag: 'Activities',
      access: 'staff',
      permission: 'calendar',
      responses: { 200: { description: 'The activity', schema: ActivitySchema } },
    },
    async (c) => c.json(await getActivity(deps, c.get('clinic'), idParam(c), actorOf(c))),
  );
  api.route(
    {
      method: 'patch',
      path: `${AC}/:id`,
      summary: 'Change an activity',
      tag: 'Activities',
      access: 'staff',
      permission: 'calendar',
      body: UpdateActivityBodySchema,
      responses: { 200: { description: 'Changed', schema: ActivitySchema } },
    },
    async (c, { body }) => c.json(await updateActivity(deps, c.get('clinic'), idParam(c), body, actorOf(c))),
  );
  api.route(
    {
      method: 'delete',
      path: `${AC}/:id`,
      summary: 'Delete an activity',
      tag: 'Activities',
      access: 'staff',
      permission: 'calendar',
      responses: deleted,
    },
    async (c) => {
      await deleteActivity(deps, c.get('clinic'), idParam(c), actorOf(c));
      return c.body(null, 204);
    },
  );

  // ---- Staff bookings ----
  const BK = '/bookings';
  api.route(
    {
      method: 'post',
      path: BK,
      summary: 'Book a client (existing or new); may lie outside working time, never over another booking or hold',
      tag: 'Bookings',
      access: 'staff',
      permission: 'calendar',
      body: CreateAdminBookingBodySchema,
      responses: { 201: { description: 'Booked', schema: BookingSchema } },
    },
    async (c, { body }) => {
      // A new client made with the booking is marked as a test client by admins only, as anywhere.
      if (body.client?.isTest) mayMarkTest(c.get('staff'));
      return c.json(await createStaffBooking(deps, c.get('clinic'), body, actorOf(c)), 201);
    },
  );
  api.route(
    {
      method: 'get',
      path: `${BK}/:id`,
      summary: 'Get a booking',
      tag: 'Bookings',
      access: 'staff',
      permission: 'calendar',
      responses: { 200: { description: 'The booking', schema: BookingSchema } },
    },
    async (c) => c.json(await getBooking(deps, c.get('clinic'), idParam(c), actorOf(c))),
  );
  api.route(
    {
      method: 'patch',
      path: `${BK}/:id`,
      summary: 'Move, resize or change a booking',
      tag: 'Bookings',
      access: 'staff',
      permission: 'calendar',
      body: UpdateAdminBookingBodySchema,
      responses: { 200: { description: 'Changed', schema: BookingSchema } },
    },
    async (c, { body }) => c.json(await updateStaffBooking(deps, c.get('clinic'), idParam(c), body, actorOf(c))),
  );
  api.route(
    {
      method: 'delete',
      path: `${BK}/:id`,
      summary: 'Delete a booking',
      tag: 'Bookings',
      access: 'staff',
      permission: 'calendar',
      responses: deleted,
    },
    async (c) => {
      await deleteStaffBooking(deps, c.get('clinic'), idParam(c), actorOf(c));
      return c.body(null, 204);
    },
  );
  api.route(
    {
      method: 'post',
      path: `${BK}/:id/cancel`,
      summary: 'Cancel (återbud); `late` defaults to whether the cancellation window has begun',
      tag: 'Bookings',
      access: 'staff',
      permission: 'calendar',
      body: CancelBookingBodySchema,
      responses: { 200: { description: 'Cancelled', schema: BookingSchema } },
    },
    async (c, { body }) => c.json(await cancelStaffBooking(deps, c.get('clinic'), idParam(c), body, actorOf(c))),
  );
  api.route(
    {
      method: 'post',
      path: `${BK}/:id/no-show`,
      summary: 'Mark that the client did not come',
      tag: 'Bookings',
      access: 'staff',
      permission: 'calendar',
      responses: { 200: { description: 'Marked', schema: BookingSchema } },
    },
    async (c) => c.json(await markNoShow(deps, c.get('clinic'), idParam(c), actorOf(c))),
  );
  api.route(
    {
      method: 'post',
      path: `${BK}/:id/restore`,
      summary:
        'Undo återbud or no-show: booked again if the time is still free, else 409 `conflict` with `conflictsWith`; a cancellation notice not yet sent is withdrawn (`notification`)',
      tag: 'Bookings',
      access: 'staff',
      permission: 'calendar',
      responses: { 200: { description: 'Booked again', schema: BookingSchema } },
    },
    async (c) => c.json(await restoreStaffBooking(deps, c.get('clinic'), idParam(c), actorOf(c))),
  );
  return api;
}
