import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, listen, type TestContext } from '../testing.js';

// Input the API refuses whatever the engine would do with it (issue 17, items 7, 11 and 12):
// names are one trimmed line of at most 100 characters (people) or 200 (everything else), no
// text carries control characters or text-direction overrides, and every date and instant lies
// in the years 2000–2199. Each refusal is a 400 validation_failed naming the field, over real
// HTTP, on SQLite and (in the PostgreSQL pass) on PostgreSQL, which used to differ on NUL.

let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let slug: string;
let token: string;
let treatmentTypeId: string;
let practitionerId: string;

const WORK_START = '2027-03-03T08:00:00Z';
const WORK_END = '2027-03-03T12:00:00Z';

interface Reply {
  status: number;
  type: string;
  json: any;
}

async function call(method: string, path: string, body?: unknown, auth: string | null = token): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (auth) headers.authorization = `Bearer ${auth}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', json: text ? JSON.parse(text) : null };
}

const admin = (method: string, path: string, body?: unknown) => call(method, `/v1/clinics/${slug}/admin${path}`, body);
const pub = (method: string, path: string, body?: unknown) => call(method, `/v1/clinics/${slug}${path}`, body, null);

/** A 400 validation_failed whose first error is about `path`, and whose detail names it. */
function expectRefused(res: Reply, path: string, message?: RegExp) {
  expect(res.status, JSON.stringify(res.json)).toBe(400);
  expect(res.type).toContain('application/problem+json');
  expect(res.json.code).toBe('validation_failed');
  expect(res.json.errors[0].path).toBe(path);
  expect(res.json.detail).toContain(path);
  if (message) expect(res.json.errors[0].message).toMatch(message);
}

function expectCreated(res: Reply) {
  expect(res.status, JSON.stringify(res.json)).toBe(201);
}

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z' });
  server = await listen(t.app);
  ({ slug, token } = await t.clinic('inputs'));
  treatmentTypeId = (await admin('POST', '/treatment-types', { name: 'Samtal', durationMinutes: 60 })).json.id;
  practitionerId = (await admin('POST', '/practitioners', { name: 'Anna', treatmentTypeIds: [treatmentTypeId] })).json.id;
  expectCreated(await admin('POST', '/working-times', { practitionerId, start: WORK_START, end: WORK_END }));
});
afterEach(async () => {
  await server.close();
  await t.close();
});

async function hold(start = WORK_START) {
  const res = await pub('POST', '/holds', { treatmentTypeId, practitionerId, start });
  expectCreated(res);
  return res.json as { id: string; secret: string };
}

/** Holds the morning's first time and books it; a refused booking releases its hold again. */
async function publicBooking(client: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const h = await hold();
  const res = await pub('POST', '/bookings', { holdId: h.id, holdSecret: h.secret, client, confirmation: 'email', ...extra });
  if (res.status !== 201) {
    const released = await fetch(`${server.url}/v1/clinics/${slug}/holds/${h.id}`, {
      method: 'DELETE',
      headers: { 'tidbok-hold-secret': h.secret },
    });
    expect(released.status).toBe(204);
  }
  return res;
}

describe('names are one short, trimmed line (item 7)', () => {
  it('refuses a public booking whose client name has a line break, and keeps nothing of it', async () => {
    for (const name of ['Klara\r\nBcc: victim@example.com', 'Klara\nKlient', 'Klara\rKlient', 'Klara\u2028Klient', 'Klara\tKlient']) {
      expectRefused(await publicBooking({ name, email: 'klara@example.com' }), 'client.name', /one line/);
    }
    expect((await admin('GET', '/clients')).json.clients).toEqual([]);
    expect((await admin('GET', '/messages')).json.messages).toEqual([]);
  });

  it('refuses a client name longer than 100 characters and takes one of 100, trimmed', async () => {
    expectRefused(await publicBooking({ name: 'K'.repeat(101), email: 'k@example.com' }), 'client.name', /100/);
    const name = `Klara ${'K'.repeat(94)}`;
    const res = await publicBooking({ name: `  ${name}\u00a0 `, email: 'klara@example.com' });
    expectCreated(res);
    const clients = (await admin('GET', '/clients')).json.clients;
    expect(clients.map((c: { name: string }) => c.name)).toEqual([name]);
  });

  it('refuses line breaks in every name staff set: clients, staff, practitioners, treatments, locations, clinic, templates', async () => {
    const clientId = (await admin('POST', '/clients', { name: 'Klara' })).json.id;
    const bad = 'Anna\nBerg';
    expectRefused(await admin('POST', '/clients', { name: bad }), 'name');
    expectRefused(await admin('PATCH', `/clients/${clientId}`, { name: bad }), 'name');
    expectRefused(await admin('PATCH', `/clients/${clientId}`, { name: 'x'.repeat(101) }), 'name');
    expectRefused(await admin('POST', '/bookings', { client: { name: bad }, practitionerId, treatmentTypeId, start: WORK_START }), 'client.name');
    expectRefused(await admin('POST', '/staff', { name: bad, role: 'practitioner' }), 'name');
    expectRefused(await admin('POST', '/practitioners', { name: bad }), 'name');
    expectRefused(await admin('PATCH', `/practitioners/${practitionerId}`, { title: 'Leg.\npsykolog' }), 'title');
    expectRefused(await admin('PATCH', `/treatment-types/${treatmentTypeId}`, { name: bad }), 'name');
    expectRefused(await admin('POST', '/locations', { name: bad }), 'name');
    expectRefused(await admin('PATCH', '/settings', { name: bad }), 'name');
    expectRefused(await admin('POST', '/activities', { practitionerId, title: 'Lunch\r\nmer', start: WORK_START, end: WORK_END }), 'title');
    expectRefused(await admin('POST', '/template-weeks', { name: bad, weekStart: '2027-03-01' }), 'name');
    expect((await admin('GET', `/clients/${clientId}`)).json.name).toBe('Klara');
  });
});

describe('no control characters or direction overrides, on either engine (item 12)', () => {
  const controls = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u202e', '\u2066', '\u2069'];

  it('refuses NUL, other controls and bidi overrides in a public booking, naming the field', async () => {
    for (const c of controls) {
      const name = `Klara${c}Klient`;
      expectRefused(await publicBooking({ name, email: 'klara@example.com' }), 'client.name', /control|direction/i);
    }
    expectRefused(await publicBooking({ name: 'Klara', email: 'klara@example.com' }, { note: 'a\u0000b' }), 'note', /control/i);
    expect((await admin('GET', '/clients')).json.clients).toEqual([]);
  });

  it('refuses them in every staff-set name and text', async () => {
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['POST', '/clients', { name: 'Nul\u0000' }, 'name'],
      ['POST', '/practitioners', { name: '\u202eannA' }, 'name'],
      ['PATCH', `/treatment-types/${treatmentTypeId}`, { description: 'Ring\u0007' }, 'description'],
      ['PATCH', `/treatment-types/${treatmentTypeId}`, { smsText: 'Hej\u001b[31m' }, 'smsText'],
      ['PATCH', `/treatment-types/${treatmentTypeId}`, { confirmationText: 'Se \u2066nedan\u2069' }, 'confirmationText'],
      ['POST', '/locations', { name: 'Mottagning', address: 'Gatan 1\u0000' }, 'address'],
      ['PATCH', '/settings', { booking: { bookingInfoText: 'Välkommen\u0000' } }, 'booking.bookingInfoText'],
      ['PATCH', '/settings', { booking: { receiptTitle: 'Kvitto\u202e' } }, 'booking.receiptTitle'],
      ['POST', '/activities', { practitionerId, title: 'Lunch', note: 'x\u0000', start: WORK_START, end: WORK_END }, 'note'],
    ];
    for (const [method, path, body, field] of cases) {
      expectRefused(await admin(method, path, body), field, /control|direction/i);
    }
  });

  it('keeps line breaks and tabs in multi-line notes and descriptions', async () => {
    const note = 'Rad ett\n\tRad två\r\nRad tre';
    const res = await publicBooking({ name: 'Klara Klient', email: 'klara@example.com' }, { note });
    expectCreated(res);
    expect(res.json.booking.note).toBe(note);
    const description = 'Första stycket.\n\nAndra stycket.';
    const tt = await admin('PATCH', `/treatment-types/${treatmentTypeId}`, { description });
    expect(tt.status).toBe(200);
    expect(tt.json.description).toBe(description);
  });

  it('takes letters from any script, and direction marks that only hint', async () => {
    for (const name of ['Åsa Öberg-Ärlig', 'محمد علي', 'שרה כהן', 'Zoë\u200fX', '李小龍']) {
      const res = await admin('POST', '/clients', { name });
      expect(res.status, name).toBe(201);
      expect(res.json.name).toBe(name);
    }
  });
});

describe('dates and instants lie in the years 2000–2199 (item 11)', () => {
  const YEARS = /2000.*2199/;

  it('answers template weeks of year 9999 with 400, not 500', async () => {
    expectRefused(await admin('POST', '/template-weeks', { name: 'Y', weekStart: '9999-12-27' }), 'weekStart', YEARS);
    expectRefused(await admin('POST', '/template-weeks', { name: 'Y', weekStart: '1999-12-27' }), 'weekStart', YEARS);
    const template = await admin('POST', '/template-weeks', { name: 'Vanlig', weekStart: '2027-03-01' });
    expectCreated(template);
    const apply = (weekStarts: string[]) => admin('POST', `/template-weeks/${template.json.id}/apply`, { weekStarts });
    expectRefused(await apply(['2027-03-08', '9999-12-27']), 'weekStarts.1', YEARS);
    expectRefused(await apply(['0001-01-01']), 'weekStarts.0', YEARS);
    // The last Monday of the range still pastes, and answers RFC 3339 instants (four-digit years).
    const last = await apply(['2199-12-30']);
    expect(last.status, JSON.stringify(last.json)).toBe(200);
    expect(last.json.created.map((c: { start: string }) => c.start)).toEqual(['2200-01-01T08:00:00Z']);
  });

  it('refuses staff bookings, working times and activities near year 0000 or 9999', async () => {
    const clientId = (await admin('POST', '/clients', { name: 'Klara' })).json.id;
    const far = ['9999-12-31T23:30:00Z', '0000-01-03T09:00:00Z', '1999-12-31T23:00:00Z', '2200-01-01T00:00:00Z'];
    for (const start of far) {
      expectRefused(await admin('POST', '/bookings', { clientId, practitionerId, treatmentTypeId, start }), 'start', YEARS);
      expectRefused(await admin('POST', '/working-times', { practitionerId, start, end: WORK_END }), 'start', YEARS);
      expectRefused(await admin('POST', '/activities', { practitionerId, title: 'A', start: WORK_START, end: start }), 'end', YEARS);
    }
    const booking = await admin('POST', '/bookings', { clientId, practitionerId, treatmentTypeId, start: WORK_START });
    expectCreated(booking);
    expectRefused(await admin('PATCH', `/bookings/${booking.json.id}`, { start: '9999-12-31T23:00:00Z' }), 'start', YEARS);
    const wt = (await admin('GET', `/calendar?from=2027-03-03&to=2027-03-03`)).json.entries.find((e: { kind: string }) => e.kind === 'workingTime');
    expectRefused(await admin('PATCH', `/working-times/${wt.id}`, { end: '9999-12-31T12:00:00Z' }), 'end', YEARS);
  });

  it('refuses ranges outside the years in calendar and slot queries, staff and public', async () => {
    const queries: [string, string, RegExp][] = [
      [`/admin/calendar?from=0001-01-01&to=0001-01-07`, 'query.from', YEARS],
      [`/admin/calendar?from=2027-03-01&to=9999-12-31T00:00:00Z`, 'query.to', YEARS],
      [`/admin/slots?treatmentTypeId=${treatmentTypeId}&from=2027-03-01&to=10000-01-01`, 'query.to', /Invalid/],
      [`/admin/slots?treatmentTypeId=${treatmentTypeId}&from=9999-12-30&to=9999-12-31`, 'query.from', YEARS],
      [`/slots?treatmentTypeId=${treatmentTypeId}&from=1999-12-30&to=2000-01-02`, 'query.from', YEARS],
    ];
    for (const [query, side, message] of queries) {
      const res = await call('GET', `/v1/clinics/${slug}${query}`, undefined, query.startsWith('/admin') ? token : null);
      expectRefused(res, side, message);
    }
    expectRefused(await pub('POST', '/holds', { treatmentTypeId, practitionerId, start: '9999-12-31T09:00:00Z' }), 'start', YEARS);
  });

  it('still takes the first and last days of the range', async () => {
    for (const [start, end] of [
      ['2000-01-01T09:00:00Z', '2000-01-01T10:00:00Z'],
      ['2199-12-31T22:00:00Z', '2199-12-31T23:59:59Z'],
    ]) {
      const res = await admin('POST', '/activities', { practitionerId, title: 'Gräns', start, end });
      expectCreated(res);
      expect(res.json.start).toBe(start);
      expect(res.json.end).toBe(end);
    }
    const calendar = await admin('GET', '/calendar?from=2199-12-31&to=2199-12-31');
    expect(calendar.status).toBe(200);
    expect(calendar.json.entries.map((e: { start: string }) => e.start)).toEqual(['2199-12-31T22:00:00Z']);
  });
});
