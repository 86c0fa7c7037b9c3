import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../notifications/dispatcher.js';
import { messagingClinic } from '../notifications/testing-clinic.js';
import { MailCatcher } from '../notifications/testing-receivers.js';
import { smtpTransport } from '../notifications/transports.js';
import { silentLogger } from '../logger.js';
import { createTestContext, listen, type TestContext } from '../testing.js';
import { type JsonAnswer, requestJson } from '../testing-http.js';

// The clock stands at Monday 1 March 2027 08:00Z; Anna works Wednesday 3 March 08:00–12:00Z.
const AT_8 = '2027-03-03T08:00:00Z';
const AT_9 = '2027-03-03T09:00:00Z';
const AT_10 = '2027-03-03T10:00:00Z';
const AT_11 = '2027-03-03T11:00:00Z';
const HOUR = 3_600_000;

let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let clinic: Awaited<ReturnType<typeof messagingClinic>>;

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { publicUrl: 'https://boka.example.se', allowPrivateUrls: true } });
  clinic = await messagingClinic(t, 'flytta', { name: 'Samtal', durationMinutes: 60 });
  server = await listen(t.app);
});
afterEach(async () => {
  await server.close();
  await t.close();
});

const api = (method: string, path: string, options: { token?: string; body?: unknown; ip?: string } = {}) =>
  requestJson(`${server.url}/v1/clinics/${clinic.slug}${path}`, method, options);

async function hold(start: string, options: { token?: string; treatmentTypeId?: string } = {}) {
  const res = await api('POST', '/holds', {
    token: options.token,
    body: { treatmentTypeId: options.treatmentTypeId ?? clinic.treatmentTypeId, practitionerId: clinic.practitionerId, start },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; secret: string };
}

const book = (name: string, start: string, confirmation: 'email' | 'sms' | 'none' = 'email') =>
  clinic.book({ name, email: `${name.toLowerCase()}@example.com`, phone: '0701234567' }, confirmation, start);

const reschedule = (id: string, token: string | undefined, h: { id: string; secret: string }) =>
  api('POST', `/bookings/${id}/reschedule`, { token, body: { holdId: h.id, holdSecret: h.secret } });

const freeStarts = async () =>
  ((await api('GET', `/slots?treatmentTypeId=${clinic.treatmentTypeId}&from=2027-03-03&to=2027-03-03`)).body.slots as { start: string }[]).map((s) =>
    s.start.replace('.000Z', 'Z'),
  );

const bookingAt = async (id: string, token: string) => (await api('GET', `/bookings/${id}`, { token })).body as { start: string; status: string };

function expectProblem(res: JsonAnswer, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body.code).toBe(code);
  expect(res.body.detail).toEqual(expect.any(String));
}

describe('POST /bookings/:id/reschedule', () => {
  it('moves the booking with its manage token: same id at the new time, old time free, hold used up, link still works', async () => {
    const { booking, manageToken } = await book('Klara', AT_8);
    const newTime = await hold(AT_10);

    const res = await reschedule(booking.id, manageToken, newTime);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: booking.id, status: 'booked', start: AT_10, locale: 'sv', cancellationWindowHours: 24 });
    expect(Date.parse(res.body.end) - Date.parse(res.body.start)).toBe(HOUR);
    expect(Date.parse(res.body.clientEnd)).toBe(Date.parse(res.body.end));

    // The manage link of the confirmation still opens it, at the new time.
    expect(Date.parse((await bookingAt(booking.id, manageToken)).start)).toBe(Date.parse(AT_10));
    const free = await freeStarts();
    expect(free).toContain(AT_8);
    expect(free).not.toContain(AT_10);

    // The hold became the move: it cannot move anything again.
    expectProblem(await reschedule(booking.id, manageToken, newTime), 409, 'conflict');

    // Staff see who moved it in the audit log, and the webhook outbox has the event.
    const log = await api('GET', `/admin/audit-log?entity=booking`, { token: clinic.token });
    expect(log.body.entries).toContainEqual(
      expect.objectContaining({ action: 'moved', entityId: booking.id, staffName: 'Client', summary: expect.stringContaining('manage link') }),
    );
    const messages = await t.store.db.selectFrom('messages').selectAll().where('booking_id', '=', booking.id).orderBy('created_at').execute();
    expect(messages.map((m) => m.kind)).toEqual(['confirmation', 'moved']);
  });

  it('emits booking.rescheduled with the previous time to endpoints that asked for it', async () => {
    const endpoint = await api('POST', '/admin/webhooks', {
      token: clinic.token,
      body: { url: 'http://127.0.0.1:9/hooks', events: ['booking.rescheduled'] },
    });
    expect(endpoint.status, endpoint.text).toBe(201);
    const { booking, manageToken } = await book('Klara', AT_8, 'none');
    expect((await reschedule(booking.id, manageToken, await hold(AT_10))).status).toBe(200);
    const deliveries = await t.store.db.selectFrom('webhook_deliveries').selectAll().execute();
    expect(deliveries.map((d) => d.event_type)).toEqual(['booking.rescheduled']);
    const payload = JSON.parse(deliveries[0]!.payload);
    expect(payload.type).toBe('booking.rescheduled');
    expect(payload.data).toMatchObject({ bookingId: booking.id, changes: ['start', 'end'] });
    expect(Date.parse(payload.data.previous.start)).toBe(Date.parse(AT_8));
    expect(Date.parse(payload.data.start)).toBe(Date.parse(AT_10));
  });

  it('moves a logged-in client’s booking with their session, and refuses it once the test mark is gone', async () => {
    const created = await api('POST', '/admin/clients', { token: clinic.token, body: { name: 'Test Testsson', email: 'test@example.com', isTest: true } });
    expect(created.status, created.text).toBe(201);
    const session = (await api('POST', `/admin/clients/${created.body.id}/test-session`, { token: clinic.token })).body.sessionToken as string;
    const first = await hold(AT_8, { token: session });
    const booked = await api('POST', '/bookings', { token: session, body: { holdId: first.id, holdSecret: first.secret, confirmation: 'none' } });
    expect(booked.status, booked.text).toBe(201);
    const id = booked.body.booking.id as string;

    const res = await reschedule(id, session, await hold(AT_9, { token: session }));
    expect(res.status, res.text).toBe(200);
    expect(Date.parse(res.body.start)).toBe(Date.parse(AT_9));
    const log = await api('GET', `/admin/audit-log?entity=booking`, { token: clinic.token });
    expect(log.body.entries).toContainEqual(expect.objectContaining({ action: 'moved', entityId: id, summary: expect.stringContaining('logged in') }));

    // Unmarking the client ends the test session: it moves nothing more.
    expect((await api('PATCH', `/admin/clients/${created.body.id}`, { token: clinic.token, body: { isTest: false } })).status).toBe(200);
    expectProblem(await reschedule(id, session, await hold(AT_11)), 404, 'not_found');
    expect(Date.parse((await bookingAt(id, booked.body.manageToken)).start)).toBe(Date.parse(AT_9));
  });

  it('may move until the cancellation window starts, to the millisecond, and not after', async () => {
    const { booking, manageToken } = await book('Klara', AT_8);
    // The clinic's default window is 24 hours: at exactly 24 h before the start it is not late yet.
    t.clock.set(Date.parse(AT_8) - 24 * HOUR);
    const atEdge = await reschedule(booking.id, manageToken, await hold(AT_9));
    expect(atEdge.status, atEdge.text).toBe(200);

    // Now the booking starts at 09:00; one millisecond past its edge is inside the window.
    t.clock.set(Date.parse(AT_9) - 24 * HOUR + 1);
    const late = await hold(AT_11);
    const res = await reschedule(booking.id, manageToken, late);
    expectProblem(res, 409, 'inside_cancellation_window');
    expect(res.body.detail).toContain('24 hours');
    expect(Date.parse((await bookingAt(booking.id, manageToken)).start)).toBe(Date.parse(AT_9));
    // Refused before the hold was touched: it still holds its time, for the visitor to release.
    expect(await freeStarts()).not.toContain(AT_11);
  });

  it('uses the practitioner’s own window over the clinic’s', async () => {
    await api('PATCH', `/admin/practitioners/${clinic.practitionerId}`, { token: clinic.token, body: { cancellationWindowHours: 72 } });
    const { booking, manageToken } = await book('Klara', AT_8);
    expectProblem(await reschedule(booking.id, manageToken, await hold(AT_10)), 409, 'inside_cancellation_window');
  });

  it('lets one of two patients racing for a time have it; the other gets a 409 and keeps their booking', async () => {
    const a = await book('Alva', AT_8);
    const b = await book('Bengt', AT_9);
    // Alva held 11:00 first, but let her hold run out; Bengt then holds the same time.
    const alvasHold = await hold(AT_11);
    t.clock.advance(11 * 60_000);
    const bengtsHold = await hold(AT_11);

    const [alva, bengt] = await Promise.all([reschedule(a.booking.id, a.manageToken, alvasHold), reschedule(b.booking.id, b.manageToken, bengtsHold)]);
    expect(bengt.status, bengt.text).toBe(200);
    expectProblem(alva, 409, 'slot_unavailable');
    expect(alva.body.detail).toContain('unchanged');

    expect(Date.parse((await bookingAt(a.booking.id, a.manageToken)).start)).toBe(Date.parse(AT_8));
    expect(Date.parse((await bookingAt(b.booking.id, b.manageToken)).start)).toBe(Date.parse(AT_11));
    const free = await freeStarts();
    expect(free).toContain(AT_9);
    expect(free).not.toContain(AT_8);
    expect(free).not.toContain(AT_11);
  });

  it('still moves with an expired hold whose time nobody took', async () => {
    const { booking, manageToken } = await book('Klara', AT_8);
    const late = await hold(AT_10);
    t.clock.advance(30 * 60_000);
    const res = await reschedule(booking.id, manageToken, late);
    expect(res.status, res.text).toBe(200);
    expect(Date.parse(res.body.start)).toBe(Date.parse(AT_10));
  });

  it('answers bad requests with clear problems and leaves the booking as it was', async () => {
    const { booking, manageToken } = await book('Klara', AT_8);
    const newTime = await hold(AT_10);

    expectProblem(await reschedule(booking.id, undefined, newTime), 401, 'unauthorized');
    expectProblem(await reschedule(booking.id, 'tbm_not-the-token', newTime), 404, 'not_found');
    expectProblem(await reschedule('bk_nothing', manageToken, newTime), 404, 'not_found');
    expectProblem(await reschedule(booking.id, manageToken, { id: newTime.id, secret: 'ths_wrong' }), 401, 'unauthorized');
    expectProblem(await reschedule(booking.id, manageToken, { id: 'hd_unknown', secret: newTime.secret }), 410, 'hold_expired');
    expectProblem(await api('POST', `/bookings/${booking.id}/reschedule`, { token: manageToken, body: { holdId: newTime.id } }), 400, 'validation_failed');

    // A hold for another treatment type.
    const other = await api('POST', '/admin/treatment-types', { token: clinic.token, body: { name: 'Kort samtal', durationMinutes: 30 } });
    await api('PATCH', `/admin/practitioners/${clinic.practitionerId}`, {
      token: clinic.token,
      body: { treatmentTypeIds: [clinic.treatmentTypeId, other.body.id] },
    });
    const wrongKind = await reschedule(booking.id, manageToken, await hold(AT_11, { treatmentTypeId: other.body.id }));
    expectProblem(wrongKind, 400, 'validation_failed');
    expect(wrongKind.body.errors).toEqual([{ path: 'holdId', message: expect.stringContaining('another treatment') }]);

    // A hold from another clinic is not found here.
    const elsewhere = await messagingClinic(t, 'annan', { name: 'Samtal', durationMinutes: 60 });
    const foreign = await requestJson(`${server.url}/v1/clinics/${elsewhere.slug}/holds`, 'POST', {
      body: { treatmentTypeId: elsewhere.treatmentTypeId, practitionerId: elsewhere.practitionerId, start: AT_10 },
    });
    expectProblem(await reschedule(booking.id, manageToken, foreign.body), 410, 'hold_expired');

    expect(Date.parse((await bookingAt(booking.id, manageToken)).start)).toBe(Date.parse(AT_8));

    // A cancelled booking stays cancelled.
    expect((await api('POST', `/bookings/${booking.id}/cancel`, { token: manageToken })).status).toBe(200);
    const cancelled = await reschedule(booking.id, manageToken, newTime);
    expectProblem(cancelled, 409, 'conflict');
    expect(cancelled.body.detail).toContain('cancelled');
  });

  it('replays the first answer for a repeated Idempotency-Key', async () => {
    const { booking, manageToken } = await book('Klara', AT_8);
    const newTime = await hold(AT_10);
    const send = () =>
      fetch(`${server.url}/v1/clinics/${clinic.slug}/bookings/${booking.id}/reschedule`, {
        method: 'POST',
        headers: { authorization: `Bearer ${manageToken}`, 'content-type': 'application/json', 'idempotency-key': 'flytt-1' },
        body: JSON.stringify({ holdId: newTime.id, holdSecret: newTime.secret }),
      });
    const first = await send();
    const again = await send();
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
  });
});

describe('reminders of a moved booking', () => {
  it('name the new time: the old time’s reminder is not sent, and one for the new time is when due', async () => {
    const settings = await api('PATCH', '/admin/settings', { token: clinic.token, body: { booking: { reminderHoursBefore: 36, reminderChannel: 'email' } } });
    expect(settings.status, settings.text).toBe(200);
    await api('POST', '/admin/working-times', {
      token: clinic.token,
      body: { practitionerId: clinic.practitionerId, start: '2027-03-10T08:00:00Z', end: '2027-03-10T12:00:00Z' },
    });
    const { booking, manageToken } = await book('Klara', AT_8, 'none');
    const dispatcher = new Dispatcher(t.app.deps, {}, silentLogger);
    const reminders = () =>
      t.store.db.selectFrom('messages').selectAll().where('booking_id', '=', booking.id).where('kind', '=', 'reminder').orderBy('created_at').execute();

    // 35 hours ahead: inside the 36-hour reminder window (queued, as no transport is set), not
    // yet inside the 24-hour cancellation window.
    t.clock.set('2027-03-01T21:00:00Z');
    await dispatcher.scheduleReminders();
    expect((await reminders()).map((m) => m.status)).toEqual(['pending']);

    expect((await reschedule(booking.id, manageToken, await hold('2027-03-10T09:00:00Z'))).status).toBe(200);
    const [old] = await reminders();
    expect(old).toMatchObject({ status: 'failed', last_error: expect.stringContaining('moved') });
    // The new time is more than 36 hours away: nothing yet, then its own reminder.
    await dispatcher.scheduleReminders();
    expect(await reminders()).toHaveLength(1);
    t.clock.set('2027-03-09T09:00:00Z');
    await dispatcher.scheduleReminders();
    await dispatcher.scheduleReminders();
    const after = await reminders();
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({ status: 'pending', dedupe_key: `reminder:${booking.id}` });
    expect(after[1]!.subject).toContain('onsdag 10 mars 2027 kl. 10:00');
  });
});

describe('reschedule limits', () => {
  it('is limited per address and in body size like the other public writes', async () => {
    await server.close();
    await t.close();
    t = await createTestContext({ config: { rateLimitPerMinute: 3, trustProxy: 1, bodyLimitBytes: 2048 } });
    clinic = await messagingClinic(t, 'flytta', { name: 'Samtal', durationMinutes: 60 });
    server = await listen(t.app);
    const path = `/bookings/bk_x/reschedule`;
    const big = await api('POST', path, { token: 'tbm_x', ip: '203.0.113.9', body: { holdId: 'hd_x', holdSecret: 'x'.repeat(4000) } });
    expectProblem(big, 413, 'payload_too_large');
    const answers: number[] = [];
    for (let i = 0; i < 4; i++) {
      answers.push((await api('POST', path, { token: 'tbm_x', ip: '203.0.113.10', body: { holdId: 'hd_x', holdSecret: 'x' } })).status);
    }
    expect(answers.slice(0, 3)).toEqual([404, 404, 404]);
    expect(answers[3]).toBe(429);
  });
});

describe('calendar files for moves and cancellations', () => {
  let mail: MailCatcher;
  beforeEach(async () => {
    mail = new MailCatcher();
    await mail.start();
  });
  afterEach(() => mail.stop());

  const deliver = () =>
    new Dispatcher(t.app.deps, smtpTransport(`smtp://127.0.0.1:${mail.port}`, 'Lugna Rummet <no-reply@lugna.example>'), silentLogger).runOnce();

  function event(received: (typeof mail.received)[number]) {
    // Named in the message's language.
    const file = received.attachments.find((a) => a.filename === 'bokning.ics' || a.filename === 'booking.ics');
    expect(file, received.subject).toBeDefined();
    const component = new ICAL.Component(ICAL.parse(file!.content.toString()));
    const vevent = component.getFirstSubcomponent('vevent')!;
    return {
      method: component.getFirstPropertyValue('method'),
      uid: vevent.getFirstPropertyValue('uid'),
      sequence: Number(vevent.getFirstPropertyValue('sequence') ?? 0),
      status: vevent.getFirstPropertyValue('status'),
      start: (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    };
  }

  it('tell the patient of a move with the same event, a higher SEQUENCE, then remove it on cancellation', async () => {
    await api('PATCH', '/admin/settings', { token: clinic.token, body: { booking: { confirmationCopyTo: 'desk@lugna.example' } } });
    const { booking, manageToken } = await book('Klara', AT_8);
    await deliver();
    expect((await reschedule(booking.id, manageToken, await hold(AT_10))).status).toBe(200);
    await deliver();
    expect((await api('POST', `/bookings/${booking.id}/cancel`, { token: manageToken })).status).toBe(200);
    await deliver();

    const toPatient = mail.received.filter((m) => m.to && JSON.stringify(m.to).includes('klara@example.com'));
    expect(toPatient.map((m) => m.subject)).toEqual([
      'Bokningsbekräftelse: onsdag 3 mars 2027 kl. 09:00',
      'Ny tid: onsdag 3 mars 2027 kl. 11:00',
      'Avbokad: onsdag 3 mars 2027 kl. 11:00',
    ]);
    const [confirmed, moved, cancelled] = toPatient.map(event);
    expect(confirmed).toMatchObject({ method: 'PUBLISH', uid: `${booking.id}@tidbok`, start: '2027-03-03T08:00:00.000Z' });
    expect(moved).toMatchObject({ method: 'REQUEST', uid: confirmed!.uid, start: '2027-03-03T10:00:00.000Z' });
    expect(moved!.sequence).toBeGreaterThan(confirmed!.sequence);
    expect(cancelled).toMatchObject({ method: 'CANCEL', uid: confirmed!.uid, status: 'CANCELLED' });
    expect(cancelled!.sequence).toBeGreaterThan(moved!.sequence);

    expect(toPatient[1]!.text).toContain('flyttad från onsdag 3 mars 2027 kl. 09:00');
    expect(toPatient[1]!.text).toContain('Ny tid: onsdag 3 mars 2027 kl. 11:00');
    // The clinic's desk gets its copy of the move, as of the booking, without the patient's link.
    const copies = mail.received.filter((m) => JSON.stringify(m.to).includes('desk@lugna.example')).map((m) => m.subject);
    expect(copies).toEqual(['Kopia: ny bokning onsdag 3 mars 2027 kl. 09:00 “Klara”', 'Kopia: flyttad till onsdag 3 mars 2027 kl. 11:00 “Klara”']);
  });

  it('in English for an English clinic, by SMS as the patient chose', async () => {
    await api('PATCH', '/admin/settings', { token: clinic.token, body: { locale: 'en' } });
    const { booking, manageToken } = await book('Klara', AT_8);
    expect((await reschedule(booking.id, manageToken, await hold(AT_10))).status).toBe(200);
    await deliver();
    const moved = mail.received.find((m) => m.subject?.startsWith('New time'));
    expect(moved?.text).toContain('has been moved from Wednesday, 3 March 2027 at 09:00.');
    expect(event(moved!)).toMatchObject({ method: 'REQUEST', sequence: 1 });
    expect(moved!.attachments.map((a) => a.filename)).toEqual(['booking.ics']);

    const bySms = await book('Sigrid', AT_9, 'sms');
    expect((await reschedule(bySms.booking.id, bySms.manageToken, await hold(AT_11))).status).toBe(200);
    const sms = await t.store.db
      .selectFrom('messages')
      .selectAll()
      .where('booking_id', '=', bySms.booking.id)
      .where('kind', '=', 'moved')
      .executeTakeFirstOrThrow();
    expect(sms.channel).toBe('sms');
    expect(sms.body_text).toBe(
      'Lugna Rummet: Your appointment on Wednesday, 3 March 2027 at 10:00 has moved to Wednesday, 3 March 2027 at 12:00 with Anna Lindqvist.',
    );
  });
});
