// What each method puts on the wire and how it reads the answer, for every route of docs/api.md,
// including those the server does not serve yet: one table, run against a recording fetch.
import { describe, expect, it } from 'vitest';
import { createTidbokAdmin, type TidbokAdmin } from './admin-client.js';
import { createTidbok, type Tidbok } from './public-client.js';
import {
  fakeFetch,
  jsonResponse,
  sampleActivity,
  sampleBooking,
  sampleClient,
  sampleHold,
  sampleMessage,
  sampleStaff,
  sampleTemplateWeek,
  sampleWorkingTime,
} from './test-support.js';

const ROOT = '/v1/clinics/lugna';
const empty = (status: number) => () => new Response(null, { status });
const ok =
  (body: unknown, status = 200) =>
  () =>
    jsonResponse(body, status);

interface Case<C> {
  name: string;
  call: (client: C) => Promise<unknown>;
  method: string;
  /** Path and query, after `/v1/clinics/lugna`. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  reply: () => Response;
  /** What the method resolves to; defaults to the reply's JSON. */
  result?: unknown;
}

const slots = {
  timeZone: 'Europe/Stockholm',
  slots: [{ start: '2027-03-02T08:00:00Z', end: '2027-03-02T09:00:00Z', practitionerId: 'pr_1', locationId: null }],
};
const sampleReceipt = {
  number: 1,
  title: 'Receipt',
  locale: 'en',
  voided: false,
  seller: { name: 'Lugna Rummet', organisationNumber: '556677-8899', address: 'Götgatan 12' },
  paidAt: '2027-03-02T09:05:00Z',
  serviceStart: '2027-03-02T08:00:00Z',
  timeZone: 'Europe/Stockholm',
  client: 'Klara',
  practitioner: 'Erik',
  method: 'swish',
  currency: 'SEK',
  items: [{ description: 'Massage', grossCents: 95_000, vatPercent: 25 }],
  vat: [{ vatPercent: 25, netCents: 76_000, vatCents: 19_000, grossCents: 95_000 }],
  totalCents: 95_000,
  vatTotalCents: 19_000,
  vatText: '',
};
const booked = { ...sampleBooking, paid: { amountCents: 95_000, currency: 'SEK', method: 'swish', paidAt: '2027-03-02T09:05:00Z', receiptNumber: 1 } };
const calendar = {
  timeZone: 'Europe/Stockholm',
  entries: [
    {
      kind: 'booking',
      id: 'bk_1',
      start: '2027-03-02T08:00:00Z',
      end: '2027-03-02T09:00:00Z',
      practitionerId: 'pr_1',
      color: '#2e86ab',
      status: 'booked',
      clientId: 'cl_1',
      clientName: 'Alva Berg',
      treatmentTypeId: 'tt_1',
      treatmentName: 'Samtal',
      locationId: null,
      note: '',
      lateCancellation: false,
      paid: false,
    },
    {
      kind: 'workingTime',
      id: 'wt_1',
      start: '2027-03-02T07:00:00Z',
      end: '2027-03-02T15:00:00Z',
      practitionerId: 'pr_1',
      color: '#e6f4ea',
      treatmentTypeIds: null,
      bookableTreatmentTypeIds: ['tt_1'],
      locationId: null,
    },
    { kind: 'activity', ...sampleActivity, color: '#8e44ad' },
    {
      kind: 'hold',
      id: 'ho_1',
      start: '2027-03-02T10:00:00Z',
      end: '2027-03-02T11:00:00Z',
      practitionerId: 'pr_1',
      color: '#f8c8dc',
      expiresAt: '2027-03-01T08:10:00Z',
    },
  ],
};
const monday = new Date('2027-03-01T07:00:00+01:00');

const publicCases: Case<Tidbok>[] = [
  {
    name: 'clinic',
    call: (c) => c.clinic(),
    method: 'GET',
    path: '',
    reply: ok({
      slug: 'lugna',
      name: 'Lugna Rummet',
      timeZone: 'Europe/Stockholm',
      locale: 'sv',
      bookingInfoText: '',
      modules: { booking: true },
      treatmentTypes: [],
      practitioners: [],
      locations: [],
    }),
  },
  {
    name: 'slots, with a Date and a local date',
    call: (c) => c.slots({ treatmentTypeId: 'tt_1', from: monday, to: '2027-03-07', practitionerId: 'pr_1' }),
    method: 'GET',
    path: '/slots?treatmentTypeId=tt_1&from=2027-03-01T06%3A00%3A00.000Z&to=2027-03-07&practitionerId=pr_1',
    reply: ok(slots),
  },
  {
    name: 'hold, with a Date start',
    call: (c) => c.hold({ treatmentTypeId: 'tt_1', practitionerId: 'pr_1', start: new Date('2027-03-02T08:00:00Z'), idempotencyKey: 'hold-key-1' }),
    method: 'POST',
    path: '/holds',
    body: { treatmentTypeId: 'tt_1', practitionerId: 'pr_1', start: '2027-03-02T08:00:00.000Z' },
    headers: { 'content-type': 'application/json', 'idempotency-key': 'hold-key-1' },
    reply: ok(sampleHold, 201),
  },
  {
    name: 'releaseHold',
    call: (c) => c.releaseHold(sampleHold),
    method: 'DELETE',
    path: '/holds/ho_1',
    headers: { 'tidbok-hold-secret': 'hold-secret-1' },
    reply: empty(204),
    result: undefined,
  },
  {
    name: 'book',
    call: (c) =>
      c.book({
        hold: sampleHold,
        client: { name: 'Alva Berg', email: 'alva@example.test', phone: '+46701234567' },
        confirmation: 'sms',
        note: 'Första gången',
        idempotencyKey: 'key-1',
      }),
    method: 'POST',
    path: '/bookings',
    body: {
      holdId: 'ho_1',
      holdSecret: 'hold-secret-1',
      client: { name: 'Alva Berg', email: 'alva@example.test', phone: '+46701234567' },
      confirmation: 'sms',
      note: 'Första gången',
    },
    headers: { 'idempotency-key': 'key-1' },
    reply: ok({ booking: sampleBooking, manageToken: 'manage-1' }, 201),
  },
  {
    name: 'booking, with a manage token',
    call: (c) => c.booking('bk_1', { token: 'manage-1' }),
    method: 'GET',
    path: '/bookings/bk_1',
    headers: { authorization: 'Bearer manage-1' },
    reply: ok(sampleBooking),
  },
  {
    name: 'cancel, with a manage token',
    call: (c) => c.cancel('bk_1', { token: 'manage-1' }),
    method: 'POST',
    path: '/bookings/bk_1/cancel',
    headers: { authorization: 'Bearer manage-1' },
    reply: ok({ ...sampleBooking, status: 'cancelled', lateCancellation: true }),
  },
  {
    name: 'reschedule, with a manage token and a hold',
    call: (c) => c.reschedule('bk_1', { hold: { id: 'hd_2', secret: 'ths_2' }, idempotencyKey: 'move-1' }, { token: 'manage-1' }),
    method: 'POST',
    path: '/bookings/bk_1/reschedule',
    body: { holdId: 'hd_2', holdSecret: 'ths_2' },
    headers: { authorization: 'Bearer manage-1', 'idempotency-key': 'move-1' },
    reply: ok({ ...sampleBooking, start: '2027-03-02T10:00:00Z', end: '2027-03-02T11:00:00Z' }),
  },
  {
    name: 'requestLoginLink',
    call: (c) => c.requestLoginLink('alva@example.test'),
    method: 'POST',
    path: '/auth/email-link',
    body: { email: 'alva@example.test' },
    reply: empty(202),
    result: undefined,
  },
  {
    name: 'verifyLogin',
    call: (c) => c.verifyLogin('link-token'),
    method: 'POST',
    path: '/auth/verify',
    body: { token: 'link-token' },
    reply: ok({ sessionToken: 'session-1', client: sampleClient }),
  },
  {
    name: 'loginLinkOwner',
    call: (c) => c.loginLinkOwner('link-token'),
    method: 'POST',
    path: '/auth/link-owner',
    body: { token: 'link-token' },
    reply: ok({ client: { id: 'cli_1', name: 'Alva', email: 'alva@example.test', phone: null } }),
  },
  {
    name: 'sessionOwner',
    call: (c) => c.sessionOwner('session-1'),
    method: 'GET',
    path: '/me',
    headers: { authorization: 'Bearer session-1' },
    reply: ok({ client: { id: 'cli_1', name: 'Alva', email: 'alva@example.test', phone: null } }),
  },
  {
    name: 'myBookings, with what verifyLogin returned',
    call: (c) => c.myBookings({ sessionToken: 'session-1' }),
    method: 'GET',
    path: '/me/bookings',
    headers: { authorization: 'Bearer session-1' },
    reply: ok({ bookings: [sampleBooking] }),
    result: [sampleBooking],
  },
  {
    name: 'logout',
    call: (c) => c.logout('session-1'),
    method: 'POST',
    path: '/auth/logout',
    headers: { authorization: 'Bearer session-1' },
    reply: empty(204),
    result: undefined,
  },
  {
    name: 'myBookings, with the session token alone',
    call: (c) => c.myBookings('session-1'),
    method: 'GET',
    path: '/me/bookings',
    headers: { authorization: 'Bearer session-1' },
    reply: ok({ bookings: [] }),
    result: [],
  },
];

const A = '/admin';
const adminCases: Case<TidbokAdmin>[] = [
  {
    name: 'staff.get',
    call: (c) => c.staff.get('st_2'),
    method: 'GET',
    path: `${A}/staff/st_2`,
    reply: ok(sampleStaff),
  },
  {
    name: 'staff.update',
    call: (c) => c.staff.update('st_2', { role: 'admin' }),
    method: 'PATCH',
    path: `${A}/staff/st_2`,
    body: { role: 'admin' },
    reply: ok({ ...sampleStaff, role: 'admin' }),
  },
  {
    name: 'staff.remove',
    call: (c) => c.staff.remove('st_2'),
    method: 'DELETE',
    path: `${A}/staff/st_2`,
    reply: empty(204),
    result: undefined,
  },
  {
    name: 'an id is one path segment, whatever it contains',
    call: (c) => c.locations.get('../settings'),
    method: 'GET',
    path: `${A}/locations/..%2Fsettings`,
    reply: ok({ id: 'lo_1', name: 'Rum 1', address: null }),
  },
  {
    name: 'calendar',
    call: (c) => c.calendar({ from: monday, to: '2027-03-07', practitionerId: 'pr_1' }),
    method: 'GET',
    path: `${A}/calendar?from=2027-03-01T06%3A00%3A00.000Z&to=2027-03-07&practitionerId=pr_1`,
    reply: ok(calendar),
  },
  {
    name: 'slots (staff)',
    call: (c) => c.slots({ treatmentTypeId: 'tt_9', from: '2027-03-01', to: '2027-03-01' }),
    method: 'GET',
    path: `${A}/slots?treatmentTypeId=tt_9&from=2027-03-01&to=2027-03-01`,
    reply: ok(slots),
  },
  {
    name: 'workingTimes.get',
    call: (c) => c.workingTimes.get('wt_1'),
    method: 'GET',
    path: `${A}/working-times/wt_1`,
    reply: ok(sampleWorkingTime),
  },
  {
    name: 'workingTimes.create',
    call: (c) =>
      c.workingTimes.create({
        practitionerId: 'pr_1',
        start: new Date('2027-03-02T07:00:00Z'),
        end: '2027-03-02T16:00:00+01:00',
        treatmentTypeIds: null,
      }),
    method: 'POST',
    path: `${A}/working-times`,
    body: { practitionerId: 'pr_1', start: '2027-03-02T07:00:00.000Z', end: '2027-03-02T16:00:00+01:00', treatmentTypeIds: null },
    reply: ok(sampleWorkingTime, 201),
  },
  {
    name: 'workingTimes.update',
    call: (c) => c.workingTimes.update('wt_1', { end: new Date('2027-03-02T14:00:00Z'), treatmentTypeIds: ['tt_1'] }),
    method: 'PATCH',
    path: `${A}/working-times/wt_1`,
    body: { end: '2027-03-02T14:00:00.000Z', treatmentTypeIds: ['tt_1'] },
    reply: ok({ ...sampleWorkingTime, end: '2027-03-02T14:00:00Z', treatmentTypeIds: ['tt_1'] }),
  },
  {
    name: 'workingTimes.remove',
    call: (c) => c.workingTimes.remove('wt_1'),
    method: 'DELETE',
    path: `${A}/working-times/wt_1`,
    reply: empty(204),
    result: undefined,
  },
  {
    name: 'workingTimes.removeRange',
    call: (c) => c.workingTimes.removeRange({ from: '2027-03-01', to: '2027-03-07' }),
    method: 'DELETE',
    path: `${A}/working-times?from=2027-03-01&to=2027-03-07`,
    reply: ok({ deleted: 5 }),
  },
  {
    name: 'activities.get',
    call: (c) => c.activities.get('ac_1'),
    method: 'GET',
    path: `${A}/activities/ac_1`,
    reply: ok(sampleActivity),
  },
  {
    name: 'activities.create',
    call: (c) => c.activities.create({ practitionerId: 'pr_1', title: 'Team meeting', start: new Date('2027-03-02T12:00:00Z'), end: '2027-03-02T13:00:00Z' }),
    method: 'POST',
    path: `${A}/activities`,
    body: { practitionerId: 'pr_1', title: 'Team meeting', start: '2027-03-02T12:00:00.000Z', end: '2027-03-02T13:00:00Z' },
    reply: ok(sampleActivity, 201),
  },
  {
    name: 'activities.update',
    call: (c) => c.activities.update('ac_1', { note: 'Room 2' }),
    method: 'PATCH',
    path: `${A}/activities/ac_1`,
    body: { note: 'Room 2' },
    reply: ok({ ...sampleActivity, note: 'Room 2' }),
  },
  {
    name: 'activities.remove',
    call: (c) => c.activities.remove('ac_1'),
    method: 'DELETE',
    path: `${A}/activities/ac_1`,
    reply: empty(204),
    result: undefined,
  },
  {
    name: 'bookings.create, with a new client',
    call: (c) =>
      c.bookings.create({
        client: { name: 'Alva Berg', email: 'alva@example.test' },
        practitionerId: 'pr_1',
        treatmentTypeId: 'tt_1',
        start: new Date('2027-03-02T08:00:00Z'),
        confirmation: 'none',
      }),
    method: 'POST',
    path: `${A}/bookings`,
    body: {
      client: { name: 'Alva Berg', email: 'alva@example.test' },
      practitionerId: 'pr_1',
      treatmentTypeId: 'tt_1',
      start: '2027-03-02T08:00:00.000Z',
      confirmation: 'none',
    },
    reply: ok(sampleBooking, 201),
  },
  {
    name: 'bookings.get',
    call: (c) => c.bookings.get('bk_1'),
    method: 'GET',
    path: `${A}/bookings/bk_1`,
    reply: ok(sampleBooking),
  },
  {
    name: 'bookings.update',
    call: (c) => c.bookings.update('bk_1', { start: new Date('2027-03-02T10:00:00Z'), note: 'moved' }),
    method: 'PATCH',
    path: `${A}/bookings/bk_1`,
    body: { start: '2027-03-02T10:00:00.000Z', note: 'moved' },
    reply: ok({ ...sampleBooking, start: '2027-03-02T10:00:00Z', end: '2027-03-02T11:00:00Z', note: 'moved' }),
  },
  {
    name: 'bookings.remove',
    call: (c) => c.bookings.remove('bk_1'),
    method: 'DELETE',
    path: `${A}/bookings/bk_1`,
    reply: empty(204),
    result: undefined,
  },
  {
    name: 'bookings.cancel, late',
    call: (c) => c.bookings.cancel('bk_1', { late: true }),
    method: 'POST',
    path: `${A}/bookings/bk_1/cancel`,
    body: { late: true },
    reply: ok({ ...sampleBooking, status: 'cancelled', lateCancellation: true }),
  },
  {
    name: 'bookings.cancel, by the window',
    call: (c) => c.bookings.cancel('bk_1'),
    method: 'POST',
    path: `${A}/bookings/bk_1/cancel`,
    body: {},
    reply: ok({ ...sampleBooking, status: 'cancelled' }),
  },
  {
    name: 'bookings.noShow',
    call: (c) => c.bookings.noShow('bk_1'),
    method: 'POST',
    path: `${A}/bookings/bk_1/no-show`,
    reply: ok({ ...sampleBooking, status: 'no_show' }),
  },
  {
    name: 'bookings.restore',
    call: (c) => c.bookings.restore('bk_1'),
    method: 'POST',
    path: `${A}/bookings/bk_1/restore`,
    reply: ok(sampleBooking),
  },
  {
    name: 'bookings.sendConfirmation',
    call: (c) => c.bookings.sendConfirmation('bk_1', { channel: 'sms' }),
    method: 'POST',
    path: `${A}/bookings/bk_1/confirmation`,
    body: { channel: 'sms' },
    reply: ok(sampleMessage, 202),
    result: undefined,
  },
  {
    name: 'bookings.pay',
    call: (c) => c.bookings.pay('bk_1', { method: 'swish' }),
    method: 'POST',
    path: `${A}/bookings/bk_1/payment`,
    body: { method: 'swish' },
    reply: ok(booked),
  },
  {
    name: 'bookings.voidPayment',
    call: (c) => c.bookings.voidPayment('bk_1'),
    method: 'POST',
    path: `${A}/bookings/bk_1/payment/void`,
    reply: ok(booked),
  },
  {
    name: 'bookings.receiptHtml',
    call: (c) => c.bookings.receiptHtml('bk_1'),
    method: 'GET',
    path: `${A}/bookings/bk_1/receipt`,
    headers: { accept: 'text/html' },
    reply: () => new Response('<!doctype html><h1>Kvitto 1</h1>', { headers: { 'content-type': 'text/html' } }),
    result: '<!doctype html><h1>Kvitto 1</h1>',
  },
  {
    name: 'bookings.receipt',
    call: (c) => c.bookings.receipt('bk_1', { locale: 'en' }),
    method: 'GET',
    path: `${A}/bookings/bk_1/receipt/lines?locale=en`,
    reply: ok(sampleReceipt),
  },
  {
    name: 'bookings.sendReceipt',
    call: (c) => c.bookings.sendReceipt('bk_1'),
    method: 'POST',
    path: `${A}/bookings/bk_1/receipt/send`,
    body: { channel: 'email' },
    reply: empty(204),
    result: undefined,
  },
  {
    name: 'templateWeeks.list',
    call: (c) => c.templateWeeks.list(),
    method: 'GET',
    path: `${A}/template-weeks`,
    reply: ok({ templateWeeks: [sampleTemplateWeek] }),
    result: [sampleTemplateWeek],
  },
  {
    name: 'templateWeeks.create',
    call: (c) => c.templateWeeks.create({ name: 'Odd weeks', weekStart: '2027-03-01' }),
    method: 'POST',
    path: `${A}/template-weeks`,
    body: { name: 'Odd weeks', weekStart: '2027-03-01' },
    reply: ok(sampleTemplateWeek, 201),
  },
  {
    name: 'templateWeeks.apply',
    call: (c) => c.templateWeeks.apply('tw_1', { weekStarts: ['2027-03-08', '2027-03-22'] }),
    method: 'POST',
    path: `${A}/template-weeks/tw_1/apply`,
    body: { weekStarts: ['2027-03-08', '2027-03-22'] },
    reply: ok({
      created: [{ kind: 'workingTime', id: 'wt_1', practitionerId: 'pr_1', start: '2027-03-08T07:00:00Z', end: '2027-03-08T11:00:00Z' }],
      skipped: [
        {
          kind: 'workingTime',
          weekStart: '2027-03-22',
          weekday: 1,
          start: '2027-03-22T07:00:00Z',
          end: '2027-03-22T11:00:00Z',
          practitionerId: 'pr_1',
          reason: 'exists',
        },
      ],
    }),
  },
  {
    name: 'templateWeeks.rename',
    call: (c) => c.templateWeeks.rename('tw_1', 'Udda veckor'),
    method: 'PATCH',
    path: `${A}/template-weeks/tw_1`,
    body: { name: 'Udda veckor' },
    reply: ok(sampleTemplateWeek),
  },
  {
    name: 'templateWeeks.remove',
    call: (c) => c.templateWeeks.remove('tw_1'),
    method: 'DELETE',
    path: `${A}/template-weeks/tw_1`,
    reply: empty(204),
    result: undefined,
  },
  {
    name: 'messages, for one booking',
    call: (c) => c.messages({ bookingId: 'bk_1' }),
    method: 'GET',
    path: `${A}/messages?bookingId=bk_1`,
    reply: ok({ messages: [sampleMessage] }),
    result: [sampleMessage],
  },
  {
    name: 'messages, all',
    call: (c) => c.messages(),
    method: 'GET',
    path: `${A}/messages`,
    reply: ok({ messages: [] }),
    result: [],
  },
  {
    name: 'rejected origins',
    call: (c) => c.settings.rejectedOrigins(),
    method: 'GET',
    path: `${A}/settings/rejected-origins`,
    reply: ok({ origins: [{ origin: 'https://x.example', lastSeenAt: '2027-03-02T08:00:00.000Z', count: 2 }] }),
  },
  {
    name: 'the SMS budget',
    call: (c) => c.smsBudget(),
    method: 'GET',
    path: `${A}/sms-budget`,
    reply: ok({
      callingCodes: ['+46'],
      hour: { used: 1, limit: 10 },
      day: { used: 3, limit: 40 },
      exhausted: false,
      refusedLastDay: 0,
      lastRefusedAt: null,
      checkedAt: '2027-03-01T08:00:00Z',
    }),
  },
];

async function check<C>(make: (fetch: (request: Request) => Promise<Response>) => C, c: Case<C>, extra = {}) {
  const { fetch, calls } = fakeFetch(c.reply);
  const expected = c.result === undefined && !('result' in c) ? await c.reply().json() : c.result;
  expect(await c.call(make(fetch))).toEqual(expected);
  expect(calls).toHaveLength(1);
  const [request] = calls;
  expect(request?.method).toBe(c.method);
  expect(`${request?.url.pathname}${request?.url.search}`).toBe(`${ROOT}${c.path}`);
  expect(request?.body).toEqual(c.body);
  for (const [name, value] of Object.entries({ ...extra, ...c.headers })) {
    expect(request?.headers.get(name), name).toBe(value);
  }
  if (c.body !== undefined) expect(request?.headers.get('content-type')).toBe('application/json');
  return request;
}

describe('public client: method, path, headers and body; the answer parsed', () => {
  for (const c of publicCases) {
    it(c.name, async () => {
      const request = await check((fetch) => createTidbok({ baseUrl: 'http://clinic.test/', clinic: 'lugna', fetch }), c);
      if (!c.headers?.authorization) expect(request?.headers.get('authorization')).toBeNull();
    });
  }
});

describe('admin client: method, path, headers and body; the answer parsed', () => {
  for (const c of adminCases) {
    it(c.name, async () => {
      await check((fetch) => createTidbokAdmin({ baseUrl: 'http://clinic.test', clinic: 'lugna', token: 'tbs_admin', fetch }), c, {
        authorization: 'Bearer tbs_admin',
      });
    });
  }

  it('keeps a path prefix of the base URL and sends the extra headers', async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse({ locations: [] }));
    const admin = createTidbokAdmin({
      baseUrl: 'https://intranet.example/booking/',
      clinic: 'lugna',
      token: 'tbs_admin',
      headers: { 'x-request-source': 'intranet' },
      fetch,
    });
    await admin.locations.list();
    expect(calls[0]?.url.href).toBe('https://intranet.example/booking/v1/clinics/lugna/admin/locations');
    expect(calls[0]?.headers.get('x-request-source')).toBe('intranet');
  });
});
