import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../notifications/dispatcher.js';
import { MailCatcher } from '../notifications/testing-receivers.js';
import { smtpTransport } from '../notifications/transports.js';
import { createTestContext, listen, type TestContext } from '../testing.js';
import { type JsonRequest, requestJson } from '../testing-http.js';

// Issue 22: staff move a booking in the calendar (another time, another practitioner's column)
// and are asked whether to tell the patient; `notifyClient: true` sends the "moved" message
// the way a patient's own move does (same calendar event, higher SEQUENCE).

let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let mail: MailCatcher;
let slug: string;
let token: string;
let treatmentTypeId: string;
let anna: string;
let bo: string;
const quiet = { info: () => undefined, error: () => undefined };
const AT_9 = '2027-03-03T08:00:00Z';
const AT_11 = '2027-03-03T10:00:00Z';

const call = (method: string, path: string, options: JsonRequest = {}) => requestJson(`${server.url}${path}`, method, options);
const admin = (method: string, path: string, body?: unknown) => call(method, `/v1/clinics/${slug}/admin${path}`, { token, body });
const deliver = () => new Dispatcher(t.app.deps, smtpTransport(`smtp://127.0.0.1:${mail.port}`, 'Klinik <no-reply@klinik.example>'), quiet).runOnce();

function event(received: (typeof mail.received)[number]) {
  const file = received.attachments.find((a) => a.filename === 'bokning.ics');
  expect(file, received.subject).toBeDefined();
  const component = new ICAL.Component(ICAL.parse(file!.content.toString()));
  const vevent = component.getFirstSubcomponent('vevent')!;
  return {
    method: component.getFirstPropertyValue('method'),
    uid: vevent.getFirstPropertyValue('uid'),
    sequence: Number(vevent.getFirstPropertyValue('sequence') ?? 0),
    start: (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
  };
}

async function book(name: string, start: string, confirmation: 'email' | 'sms' | 'none' = 'email') {
  const answer = await admin('POST', '/bookings', {
    client: { name, email: `${name.toLowerCase()}@example.com`, phone: '+46701234567' },
    practitionerId: anna,
    treatmentTypeId,
    start,
    confirmation,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as { id: string; practitionerId: string };
}

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z' });
  server = await listen(t.app);
  mail = new MailCatcher();
  await mail.start();
  ({ slug, token } = await t.clinic('flytt'));
  treatmentTypeId = (await admin('POST', '/treatment-types', { name: 'Samtal', durationMinutes: 60 })).body.id;
  anna = (await admin('POST', '/practitioners', { name: 'Anna Lindqvist', treatmentTypeIds: [treatmentTypeId] })).body.id;
  bo = (await admin('POST', '/practitioners', { name: 'Bo Ek', treatmentTypeIds: [treatmentTypeId] })).body.id;
});
afterEach(async () => {
  await mail.stop();
  await server.close();
  await t.close();
});

describe('a staff move (PATCH …/admin/bookings/:id)', () => {
  it("moves a booking to another practitioner's column and, asked to, tells the patient with the same event and a higher SEQUENCE", async () => {
    const booking = await book('Klara', AT_9);
    await deliver();
    const moved = await admin('PATCH', `/bookings/${booking.id}`, { practitionerId: bo, start: AT_11, notifyClient: true });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ practitionerId: bo, start: AT_11 });
    await deliver();

    const toPatient = mail.received.filter((m) => JSON.stringify(m.to).includes('klara@example.com'));
    expect(toPatient.map((m) => m.subject)).toEqual(['Bokningsbekräftelse: onsdag 3 mars 2027 kl. 09:00', 'Ny tid: onsdag 3 mars 2027 kl. 11:00']);
    const [confirmed, movedEvent] = toPatient.map(event);
    expect(movedEvent).toMatchObject({ method: 'REQUEST', uid: confirmed!.uid, start: '2027-03-03T10:00:00.000Z' });
    expect(movedEvent!.sequence).toBeGreaterThan(confirmed!.sequence);
    expect(toPatient[1]!.text).toContain('flyttad från onsdag 3 mars 2027 kl. 09:00');

    const log = await admin('GET', '/audit-log');
    expect(JSON.stringify(log.body)).toContain('client told (email)');
  });

  it('sends nothing when not asked to, nor for a booking whose client chose no confirmation', async () => {
    const quietMove = await book('Klara', AT_9);
    const none = await book('Sigrid', AT_11, 'none');
    await deliver();
    const before = mail.received.length;
    expect((await admin('PATCH', `/bookings/${quietMove.id}`, { start: '2027-03-03T12:00:00.000Z' })).status).toBe(200);
    expect((await admin('PATCH', `/bookings/${quietMove.id}`, { start: '2027-03-03T13:00:00.000Z', notifyClient: false })).status).toBe(200);
    expect((await admin('PATCH', `/bookings/${none.id}`, { start: '2027-03-03T14:00:00.000Z', notifyClient: true })).status).toBe(200);
    await deliver();
    expect(mail.received.length).toBe(before);
    const queued = await t.store.db.selectFrom('messages').select(['kind']).where('booking_id', '=', quietMove.id).execute();
    expect(queued.map((m) => m.kind)).toEqual(['confirmation']);
  });

  it("refuses a move onto another practitioner's booking with 409 and tells nobody", async () => {
    const klara = await book('Klara', AT_9);
    const other = await admin('POST', '/bookings', { client: { name: 'Olle' }, practitionerId: bo, treatmentTypeId, start: AT_11 });
    expect(other.status).toBe(201);
    const refused = await admin('PATCH', `/bookings/${klara.id}`, { practitionerId: bo, start: AT_11, notifyClient: true });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('conflict');
    const stored = await admin('GET', `/bookings/${klara.id}`);
    expect(stored.body).toMatchObject({ practitionerId: anna, start: AT_9 });
    const moves = await t.store.db.selectFrom('messages').select('kind').where('booking_id', '=', klara.id).where('kind', '=', 'moved').execute();
    expect(moves).toEqual([]);
  });

  it('rejects a notifyClient that is not a boolean and an unknown practitioner', async () => {
    const klara = await book('Klara', AT_9);
    const wrongType = await admin('PATCH', `/bookings/${klara.id}`, { start: AT_11, notifyClient: 'yes' });
    expect(wrongType.status).toBe(400);
    const unknown = await admin('PATCH', `/bookings/${klara.id}`, { practitionerId: 'pr_nobody', notifyClient: true });
    expect([400, 404, 422]).toContain(unknown.status);
  });
});
