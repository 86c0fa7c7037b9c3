import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../notifications/dispatcher.js';
import { MailCatcher, smsReceiver } from '../notifications/testing-receivers.js';
import { httpSmsTransport, smtpTransport } from '../notifications/transports.js';
import { createTestContext, listen, type TestContext } from '../testing.js';
import { type JsonRequest, requestJson } from '../testing-http.js';

// Issue 17 item 2: an anonymous booking with a patient's e-mail must not change the patient's
// stored record, and must not route the patient's messages to the details it gave.

let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let mail: MailCatcher;
let sms: Awaited<ReturnType<typeof smsReceiver>>;
let slug: string;
let token: string;
let treatmentTypeId: string;
let practitionerId: string;

const ATTACKER_PHONE = '+46709999999';
const quiet = { info: () => undefined, error: () => undefined };

const call = (method: string, path: string, options: JsonRequest = {}) =>
  requestJson(`${server.url}${path}`, method, { ...options, ip: options.ip ?? '203.0.113.50' });
const admin = (method: string, path: string, body?: unknown) => call(method, `/v1/clinics/${slug}/admin${path}`, { token, body });

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { trustProxy: 1, publicUrl: 'https://boka.example.se' } });
  server = await listen(t.app);
  mail = new MailCatcher();
  await mail.start();
  sms = await smsReceiver();
  ({ slug, token } = await t.clinic('identity'));
  await admin('PATCH', '/settings', { booking: { personalNumber: 'optional' } });
  treatmentTypeId = (await admin('POST', '/treatment-types', { name: 'Samtal', durationMinutes: 30 })).body.id;
  practitionerId = (await admin('POST', '/practitioners', { name: 'Anna', treatmentTypeIds: [treatmentTypeId] })).body.id;
  await admin('POST', '/working-times', { practitionerId, start: '2027-03-03T08:00:00Z', end: '2027-03-03T12:00:00Z' });
});
afterEach(async () => {
  await sms.close();
  await mail.stop();
  await server.close();
  await t.close();
});

async function bookPublic(client: Record<string, string>, confirmation: 'email' | 'sms' | 'none', start: string, ip = '198.51.100.66') {
  const hold = await call('POST', `/v1/clinics/${slug}/holds`, { body: { treatmentTypeId, practitionerId, start }, ip });
  expect(hold.status).toBe(201);
  const booked = await call('POST', `/v1/clinics/${slug}/bookings`, {
    body: { holdId: hold.body.id, holdSecret: hold.body.secret, client, confirmation },
    ip,
  });
  expect(booked.status).toBe(201);
  return booked.body.booking as { id: string; clientId: string };
}

const deliver = () =>
  new Dispatcher(
    t.app.deps,
    { ...smtpTransport(`smtp://127.0.0.1:${mail.port}`, 'Klinik <no-reply@klinik.example>'), ...httpSmsTransport(sms.url) },
    quiet,
  ).runOnce();

describe('a public booking with a stored client’s e-mail', () => {
  it("never changes the stored client, and the patient's messages never reach the booking's phone", async () => {
    const patient = (await admin('POST', '/clients', { name: 'Klara Klient', email: 'klara@example.com' })).body;

    // Someone who knows the e-mail books with their own phone and an identity number.
    const attack = await bookPublic(
      { name: 'Klara Klient', email: 'KLARA@example.com', phone: ATTACKER_PHONE, personalNumber: '19800101-0019' },
      'sms',
      '2027-03-03T08:00:00Z',
    );

    // The stored record is as staff left it.
    const stored = (await admin('GET', `/clients/${patient.id}`)).body;
    expect(stored).toMatchObject({ phone: null, personalNumber: null, email: 'klara@example.com', duplicateOf: null });
    expect(stored.updatedAt).toBe(patient.updatedAt);
    // The booking belongs to a record of its own, marked as a possible duplicate for staff.
    expect(attack.clientId).not.toBe(patient.id);
    const split = (await admin('GET', `/clients/${attack.clientId}`)).body;
    expect(split).toMatchObject({ phone: ATTACKER_PHONE, duplicateOf: patient.id });
    const duplicates = (await admin('GET', `/clients/${patient.id}/duplicates`)).body.clients;
    expect(duplicates.map((c: { id: string }) => c.id)).toEqual([attack.clientId]);

    // The patient's own booking (made by staff, confirmed by SMS and e-mail).
    const own = await admin('POST', '/bookings', {
      clientId: patient.id,
      practitionerId,
      treatmentTypeId,
      start: '2027-03-03T09:00:00Z',
      confirmation: 'sms',
    });
    expect(own.status).toBe(201);
    expect((await admin('POST', `/bookings/${own.body.id}/confirmation`, { channel: 'email' })).status).toBe(202);
    await deliver();

    // Whatever reaches the attacker's phone is about the booking they made, nothing else.
    const toAttacker = await t.store.db.selectFrom('messages').selectAll().where('to_address', '=', ATTACKER_PHONE).execute();
    expect(toAttacker.every((m) => m.booking_id === attack.id)).toBe(true);
    expect(sms.posts.filter((p) => p.form.get('to') === ATTACKER_PHONE).length).toBeLessThanOrEqual(toAttacker.length);
    const messages = await t.store.db.selectFrom('messages').selectAll().where('booking_id', '=', own.body.id).execute();
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.to_address !== ATTACKER_PHONE)).toBe(true);
    expect(mail.received.map((m) => (m.to && 'text' in m.to ? m.to.text : ''))).toEqual(['klara@example.com']);
  });

  it('joins the stored client when every detail it gives agrees, without changing it', async () => {
    const patient = (await admin('POST', '/clients', { name: 'Klara Klient', email: 'klara@example.com', phone: '+46701234567' })).body;
    const booking = await bookPublic({ name: 'Klara', email: 'klara@example.com', phone: '+46 70-123 45 67' }, 'none', '2027-03-03T08:00:00Z');
    expect(booking.clientId).toBe(patient.id);
    const byEmailOnly = await bookPublic({ name: 'Klara', email: 'klara@example.com' }, 'none', '2027-03-03T08:30:00Z');
    expect(byEmailOnly.clientId).toBe(patient.id);
    expect((await admin('GET', `/clients/${patient.id}`)).body).toMatchObject({ name: 'Klara Klient', phone: '+46701234567', updatedAt: patient.updatedAt });
  });

  it('books a second time onto the record it split off before, when the details are the same again', async () => {
    const patient = (await admin('POST', '/clients', { name: 'Klara Klient', email: 'klara@example.com' })).body;
    const first = await bookPublic({ name: 'K', email: 'klara@example.com', phone: ATTACKER_PHONE }, 'none', '2027-03-03T08:00:00Z');
    const second = await bookPublic({ name: 'K', email: 'klara@example.com', phone: ATTACKER_PHONE }, 'none', '2027-03-03T08:30:00Z');
    expect(first.clientId).not.toBe(patient.id);
    expect(second.clientId).toBe(first.clientId);
  });

  it('lets staff merge a duplicate into the stored client: bookings move, the stored details stay', async () => {
    const patient = (await admin('POST', '/clients', { name: 'Klara Klient', email: 'klara@example.com' })).body;
    const booking = await bookPublic({ name: 'Klara', email: 'klara@example.com', phone: '+46701112233' }, 'none', '2027-03-03T08:00:00Z');

    expect((await admin('POST', `/clients/${booking.clientId}/merge`, { into: booking.clientId })).status).toBe(400);
    expect((await admin('POST', `/clients/${booking.clientId}/merge`, { into: 'cli_nobody' })).status).toBe(400);
    const merged = await admin('POST', `/clients/${booking.clientId}/merge`, { into: patient.id });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: patient.id, phone: null, duplicateOf: null });
    expect((await admin('GET', `/bookings/${booking.id}`)).body.clientId).toBe(patient.id);
    expect((await admin('GET', `/clients/${booking.clientId}`)).status).toBe(404);
    expect((await admin('GET', `/clients/${patient.id}/duplicates`)).body.clients).toEqual([]);
  });

  it("keeps the merged client's notes on the kept client's card, after its own", async () => {
    const patient = (await admin('POST', '/clients', { name: 'Klara Klient', email: 'klara@example.com' })).body;
    const booking = await bookPublic({ name: 'Klara', email: 'klara@example.com', phone: '+46701112233' }, 'none', '2027-03-03T08:00:00Z');
    expect((await admin('PUT', `/clients/${patient.id}/notes`, { text: 'Föredrar SMS.' })).status).toBe(200);
    expect((await admin('PUT', `/clients/${booking.clientId}/notes`, { text: 'Använder rullstol.' })).status).toBe(200);
    expect((await admin('POST', `/clients/${booking.clientId}/merge`, { into: patient.id })).status).toBe(200);
    expect((await admin('GET', `/clients/${patient.id}/history`)).body.notes.text).toBe('Föredrar SMS.\n\nAnvänder rullstol.');
  });
});
