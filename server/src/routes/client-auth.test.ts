import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../notifications/dispatcher.js';
import type { OutgoingEmail } from '../notifications/transports.js';
import { createTestContext, type TestContext } from '../testing.js';

let t: TestContext;
let slug: string;
let token: string;
let treatmentTypeId: string;
let practitionerId: string;
let clientId: string;
const lines: string[] = [];

async function json(res: Response) {
  return (await res.json()) as any;
}
/** A public call, once the work it left for after its answer (a login link's lookup and mail) is done. */
async function publicCall(method: string, path: string, body?: unknown, bearer?: string) {
  const res = await t.call(method, `/v1/clinics/${slug}${path}`, { ...(body === undefined ? {} : { body }), ...(bearer ? { token: bearer } : {}) });
  await t.app.background.idle();
  return res;
}

/** Delivers the outbox to an in-memory mailbox and returns the login link sent, if any. */
async function deliveredLink(): Promise<string | null> {
  const sent: OutgoingEmail[] = [];
  await new Dispatcher(
    t.app.deps,
    { email: async (m) => void sent.push(m) },
    {
      info: (m, f) => lines.push(JSON.stringify({ m, ...f })),
      error: (m, f) => lines.push(JSON.stringify({ m, ...f })),
    },
  ).runOnce();
  const text = sent.find((m) => m.subject.startsWith('Logga in'))?.text ?? '';
  const match = /#tidbok-login=([^\s]+)/.exec(text);
  return match ? decodeURIComponent(match[1]!) : null;
}

beforeEach(async () => {
  lines.length = 0;
  t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { publicUrl: 'https://boka.example.se' } });
  ({ slug, token } = await t.clinic('login'));
  const admin = (path: string, body: unknown) => t.call('POST', `/v1/clinics/${slug}/admin${path}`, { token, body });
  treatmentTypeId = (await json(await admin('/treatment-types', { name: 'Samtal', durationMinutes: 60 }))).id;
  practitionerId = (await json(await admin('/practitioners', { name: 'Anna', treatmentTypeIds: [treatmentTypeId] }))).id;
  await admin('/working-times', { practitionerId, start: '2027-03-03T08:00:00Z', end: '2027-03-03T12:00:00Z' });
  clientId = (await json(await admin('/clients', { name: 'Klara', email: 'klara@example.com' }))).id;
});
afterEach(async () => {
  await t.close();
});

describe('login by e-mail link', () => {
  it('answers 202 for known and unknown addresses alike, and mails only the known one', async () => {
    const known = await publicCall('POST', '/auth/email-link', { email: 'KLARA@example.com' });
    const unknown = await publicCall('POST', '/auth/email-link', { email: 'nobody@example.com' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.text()).toBe(await unknown.text());
    const messages = await t.store.db.selectFrom('messages').selectAll().execute();
    expect(messages.map((m) => m.to_address)).toEqual(['klara@example.com']);
    // The token is stored only hashed; the link waits apart from the body.
    const link = await deliveredLink();
    expect(link).toMatch(/^tbl_/);
    const tokens = await t.store.db.selectFrom('login_tokens').selectAll().execute();
    expect(JSON.stringify(tokens)).not.toContain(link!);
  });

  it('exchanges the token once for a session that lists and cancels own bookings', async () => {
    await publicCall('POST', '/auth/email-link', { email: 'klara@example.com' });
    const link = (await deliveredLink())!;
    const verified = await publicCall('POST', '/auth/verify', { token: link });
    expect(verified.status).toBe(200);
    const { sessionToken, client } = await json(verified);
    expect(client.id).toBe(clientId);
    expect((await publicCall('POST', '/auth/verify', { token: link })).status).toBe(401);

    // Booking with a session books the session's client, whatever the body says.
    const hold = await json(await publicCall('POST', '/holds', { treatmentTypeId, practitionerId, start: '2027-03-03T08:00:00Z' }));
    const booked = await publicCall(
      'POST',
      '/bookings',
      { holdId: hold.id, holdSecret: hold.secret, client: { name: 'Someone Else', email: 'else@example.com' }, confirmation: 'none' },
      sessionToken,
    );
    expect(booked.status).toBe(201);
    const { booking } = await json(booked);
    expect(booking.clientId).toBe(clientId);

    const mine = await json(await publicCall('GET', '/me/bookings', undefined, sessionToken));
    expect(mine.bookings.map((b: any) => b.id)).toEqual([booking.id]);
    expect((await publicCall('GET', '/me/bookings')).status).toBe(401);
    const cancelled = await publicCall('POST', `/bookings/${booking.id}/cancel`, undefined, sessionToken);
    expect((await json(cancelled)).status).toBe('cancelled');

    expect((await publicCall('POST', '/auth/logout', undefined, sessionToken)).status).toBe(204);
    expect((await publicCall('GET', '/me/bookings', undefined, sessionToken)).status).toBe(401);
  });

  it('refuses a link after 15 minutes', async () => {
    await publicCall('POST', '/auth/email-link', { email: 'klara@example.com' });
    const link = (await deliveredLink())!;
    t.clock.advance(15 * 60_000);
    expect((await publicCall('POST', '/auth/verify', { token: link })).status).toBe(401);
  });

  it("never lets one client's session see another's booking", async () => {
    const other = await json(
      await t.call('POST', `/v1/clinics/${slug}/admin/bookings`, {
        token,
        body: { client: { name: 'Other', email: 'other@example.com' }, practitionerId, treatmentTypeId, start: '2027-03-03T10:00:00Z', confirmation: 'none' },
      }),
    );
    await publicCall('POST', '/auth/email-link', { email: 'klara@example.com' });
    const { sessionToken } = await json(await publicCall('POST', '/auth/verify', { token: (await deliveredLink())! }));
    expect((await publicCall('GET', `/bookings/${other.id}`, undefined, sessionToken)).status).toBe(404);
    expect((await publicCall('POST', `/bookings/${other.id}/cancel`, undefined, sessionToken)).status).toBe(404);
  });

  it('sends at most five links an hour to one address, still answering 202', async () => {
    for (let i = 0; i < 7; i++) expect((await publicCall('POST', '/auth/email-link', { email: 'klara@example.com' })).status).toBe(202);
    expect(await t.store.db.selectFrom('messages').selectAll().execute()).toHaveLength(5);
  });

  it('lets logged-in clients book when the clinic takes bookings only from them', async () => {
    // A hold made before the clinic changed the setting, then anonymous holds are refused too.
    const hold = await json(await publicCall('POST', '/holds', { treatmentTypeId, practitionerId, start: '2027-03-03T08:00:00Z' }));
    await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, { token, body: { booking: { publicBooking: 'clients-only' } } });
    const slot = { treatmentTypeId, practitionerId, start: '2027-03-03T09:00:00Z' };
    expect((await publicCall('POST', '/holds', slot)).status).toBe(401);
    const body = { holdId: hold.id, holdSecret: hold.secret, confirmation: 'none' };
    expect((await publicCall('POST', '/bookings', { ...body, client: { name: 'A', email: 'a@example.com' } })).status).toBe(401);
    expect((await publicCall('POST', '/bookings', body, 'tbc_not-a-session')).status).toBe(401);
    await publicCall('POST', '/auth/email-link', { email: 'klara@example.com' });
    const { sessionToken } = await json(await publicCall('POST', '/auth/verify', { token: (await deliveredLink())! }));
    expect((await publicCall('POST', '/bookings', body, sessionToken)).status).toBe(201);
    expect((await publicCall('POST', '/holds', slot, sessionToken)).status).toBe(201);
  });
});

describe('whose a link is, before a page takes it over', () => {
  it('names the client of a login link without using it up, and refuses a dead one', async () => {
    await publicCall('POST', '/auth/email-link', { email: 'klara@example.com' });
    const link = (await deliveredLink())!;
    const owner = await publicCall('POST', '/auth/link-owner', { token: link });
    expect(owner.status).toBe(200);
    // Name and contact details only: never the personal number.
    expect(await json(owner)).toEqual({ client: { id: clientId, name: 'Klara', email: 'klara@example.com', phone: null } });
    expect((await publicCall('POST', '/auth/verify', { token: link })).status).toBe(200);
    expect((await publicCall('POST', '/auth/link-owner', { token: link })).status).toBe(401);
    expect((await publicCall('POST', '/auth/link-owner', { token: 'tbl_made-up' })).status).toBe(401);
    const empty = await publicCall('POST', '/auth/link-owner', { token: '' });
    expect(empty.status).toBe(400);
    expect((await json(empty)).code).toBe('validation_failed');
  });

  it('names the client of a session, and answers 401 for a session that has ended', async () => {
    await publicCall('POST', '/auth/email-link', { email: 'klara@example.com' });
    const { sessionToken } = await json(await publicCall('POST', '/auth/verify', { token: (await deliveredLink())! }));
    const me = await publicCall('GET', '/me', undefined, sessionToken);
    expect(me.status).toBe(200);
    expect(await json(me)).toEqual({ client: { id: clientId, name: 'Klara', email: 'klara@example.com', phone: null } });
    expect((await publicCall('GET', '/me')).status).toBe(401);
    expect((await publicCall('GET', '/me', undefined, 'tbc_made-up')).status).toBe(401);
    await publicCall('POST', '/auth/logout', undefined, sessionToken);
    expect((await publicCall('GET', '/me', undefined, sessionToken)).status).toBe(401);
  });

  it('ends older unused login links when a newer one is sent', async () => {
    await publicCall('POST', '/auth/email-link', { email: 'klara@example.com' });
    const first = (await deliveredLink())!;
    t.clock.advance(60_000);
    await publicCall('POST', '/auth/email-link', { email: 'klara@example.com' });
    const second = (await deliveredLink())!;
    expect(second).not.toBe(first);
    expect((await publicCall('POST', '/auth/link-owner', { token: first })).status).toBe(401);
    expect((await publicCall('POST', '/auth/verify', { token: first })).status).toBe(401);
    expect((await publicCall('POST', '/auth/verify', { token: second })).status).toBe(200);
  });
});

describe('test clients and the access log', () => {
  it('opens the booking page as a test client only for clients marked isTest', async () => {
    const real = await t.call('POST', `/v1/clinics/${slug}/admin/clients/${clientId}/test-session`, { token });
    expect(real.status).toBe(409);
    const testClient = await json(
      await t.call('POST', `/v1/clinics/${slug}/admin/clients`, { token, body: { name: 'Test Testsson', email: 'test@lugna.example', isTest: true } }),
    );
    const res = await t.call('POST', `/v1/clinics/${slug}/admin/clients/${testClient.id}/test-session`, { token });
    expect(res.status).toBe(201);
    const { sessionToken, bookingPageUrl } = await json(res);
    expect(bookingPageUrl).toBe(`https://boka.example.se/c/${slug}/#tidbok-session=${sessionToken}`);
    expect((await publicCall('GET', '/me/bookings', undefined, sessionToken)).status).toBe(200);
  });

  it("records every staff read and change of a client's data, for admins to see", async () => {
    const admin = (method: string, path: string, body?: unknown) => t.call(method, `/v1/clinics/${slug}/admin${path}`, { token, ...(body ? { body } : {}) });
    // One minute apart, so the newest-first order is the order of events.
    t.clock.advance(60_000);
    await admin('GET', `/clients/${clientId}`);
    t.clock.advance(60_000);
    await admin('PATCH', `/clients/${clientId}`, { phone: '070-1234567' });
    t.clock.advance(60_000);
    await admin('GET', '/clients?q=klara');
    const log = await json(await admin('GET', `/clients/${clientId}/access-log`));
    expect(log.entries.map((e: any) => e.action)).toEqual(['search', 'update', 'read', 'create']);
    expect(log.entries[1]).toMatchObject({ staffName: 'Administrator', detail: 'phone' });

    const { token: practitionerToken } = await json(await admin('POST', '/staff', { name: 'P', role: 'practitioner' }));
    const refused = await t.call('GET', `/v1/clinics/${slug}/admin/clients/${clientId}/access-log`, { token: practitionerToken });
    expect(refused.status).toBe(403);
  });

  it('never writes a personal number to the log or a message', async () => {
    const logged: string[] = [];
    const { createApp } = await import('../app.js');
    const app = createApp({
      store: t.store,
      clock: t.clock,
      config: t.app.deps.config,
      logger: { info: (m, f) => logged.push(JSON.stringify({ m, ...f })), error: (m, f) => logged.push(JSON.stringify({ m, ...f })) },
    });
    await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, { token, body: { booking: { personalNumber: 'required' } } });
    const hold = await json(await publicCall('POST', '/holds', { treatmentTypeId, practitionerId, start: '2027-03-03T08:00:00Z' }));
    const res = await app.request(`/v1/clinics/${slug}/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        holdId: hold.id,
        holdSecret: hold.secret,
        client: { name: 'Per Son', email: 'per@example.com', personalNumber: '19121212-1212' },
        confirmation: 'email',
      }),
    });
    expect(res.status).toBe(201);
    await deliveredLink();
    const messages = await t.store.db.selectFrom('messages').select(['subject', 'body_text', 'body_html']).execute();
    expect(messages.length).toBeGreaterThan(0);
    for (const text of [...logged, ...lines, JSON.stringify(messages)]) {
      expect(text).not.toContain('1212-1212');
      expect(text).not.toContain('121212');
    }
    // It is stored, for the clinic's records.
    const client = await t.store.db.selectFrom('clients').select('personal_number').where('email_norm', '=', 'per@example.com').executeTakeFirstOrThrow();
    expect(client.personal_number).toBe('19121212-1212');
  });
});
