import { bookingEventUid } from '@tidbok/core';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing.js';
import { Dispatcher } from './dispatcher.js';
import { SMS_GRACE_MS } from './sms-guard.js';
import { MailCatcher, smsReceiver } from './testing-receivers.js';
import { httpSmsTransport, smtpTransport } from './transports.js';

// What a patient is told about one booking, read back from every place that tells it: the API,
// the e-mail (over SMTP, parsed), its calendar file (parsed), the manage page and its calendar
// file. The treatment takes 60 minutes of the calendar, 50 with the client; the practitioner
// has a 48-hour cancellation window of her own, the clinic 24.

let t: TestContext;
let mail: MailCatcher;
let slug: string;
let token: string;
let treatmentTypeId: string;
let practitionerId: string;

const json = async (res: Response) => (await res.json()) as any;
const noLogger = { info: () => {}, error: () => {} };

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { publicUrl: 'https://boka.example.se' } });
  mail = new MailCatcher();
  await mail.start();
  ({ slug, token } = await t.clinic('story'));
  const admin = (method: string, path: string, body?: unknown) => t.call(method, `/v1/clinics/${slug}/admin${path}`, { token, body });
  await admin('PATCH', '/settings', { name: 'Lugna Rummet', booking: { cancellationWindowHours: 24 } });
  treatmentTypeId = (await json(await admin('POST', '/treatment-types', { name: 'Samtal', durationMinutes: 60, clientMinutes: 50 }))).id;
  const location = (await json(await admin('POST', '/locations', { name: 'Södermalm', address: 'Götgatan 12, Stockholm' }))).id;
  practitionerId = (
    await json(await admin('POST', '/practitioners', { name: 'Anna Lindqvist', treatmentTypeIds: [treatmentTypeId], cancellationWindowHours: 48 }))
  ).id;
  await admin('POST', '/working-times', { practitionerId, start: '2027-03-03T08:00:00Z', end: '2027-03-03T16:00:00Z', locationId: location });
});
afterEach(async () => {
  await mail.stop();
  await t.close();
});

async function book(start: string, confirmation: 'email' | 'sms', locale?: 'sv' | 'en', email = 'alex@example.com') {
  const hold = await json(await t.call('POST', `/v1/clinics/${slug}/holds`, { body: { treatmentTypeId, practitionerId, start } }));
  const res = await t.call('POST', `/v1/clinics/${slug}/bookings`, {
    body: {
      holdId: hold.id,
      holdSecret: hold.secret,
      client: { name: 'Alex Visitor', email, phone: '070-123 45 67' },
      confirmation,
      ...(locale ? { locale } : {}),
    },
  });
  expect(res.status).toBe(201);
  return (await json(res)) as { booking: { id: string; clientId: string; start: string; end: string; clientEnd: string; locale: string }; manageToken: string };
}

const send = (transports: ConstructorParameters<typeof Dispatcher>[1]) => new Dispatcher(t.app.deps, transports, noLogger).runOnce();
const smtp = () => smtpTransport(`smtp://127.0.0.1:${mail.port}`, 'Lugna Rummet <no-reply@lugna.example>');

const managePage = (id: string, fields: Record<string, string>) =>
  t.app.request(`/b/${slug}/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

function parseEvent(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return { uid: event.uid, start: event.startDate.toJSDate().toISOString(), end: event.endDate.toJSDate().toISOString() };
}

describe('one booking, one story', () => {
  it('tells the same end, rule and calendar event in the API, the e-mail, its .ics and the manage page, in the language booked in', async () => {
    const { booking, manageToken } = await book('2027-03-03T08:00:00Z', 'email', 'en');
    // The calendar keeps its length; the patient's end is the time with the client.
    expect(booking).toMatchObject({ start: '2027-03-03T08:00:00Z', end: '2027-03-03T09:00:00Z', clientEnd: '2027-03-03T08:50:00Z', locale: 'en' });

    const clinic = await json(await t.call('GET', `/v1/clinics/${slug}`));
    expect(clinic.practitioners[0].cancellationWindowHours).toBe(48);
    const read = await json(await t.call('GET', `/v1/clinics/${slug}/bookings/${booking.id}`, { token: manageToken }));
    expect(read).toMatchObject({ clientEnd: '2027-03-03T08:50:00Z', cancellationWindowHours: 48, locale: 'en' });

    expect((await send(smtp())).sent).toBe(1);
    const received = mail.received[0]!;
    expect(received.subject).toBe('Booking confirmed: Wednesday, 3 March 2027 at 09:00');
    expect(received.text).toContain('When: Wednesday, 3 March 2027, 09:00–09:50');
    expect(received.text).toContain('Cancelling less than 48 hours before the appointment counts as a late cancellation.');
    // The HTML says the link's sentence once, as the link.
    expect(received.html).toContain(`<a href="https://boka.example.se/b/${slug}/${booking.id}#t=${manageToken}">See or cancel your booking</a>`);
    expect(String(received.html).split('See or cancel your booking')).toHaveLength(2);
    const attached = received.attachments.find((a) => a.filename?.endsWith('.ics'))!;
    const mailed = parseEvent(attached.content.toString('utf8'));
    expect(mailed).toEqual({ uid: bookingEventUid(booking.id), start: '2027-03-03T08:00:00.000Z', end: '2027-03-03T08:50:00.000Z' });

    const page = await managePage(booking.id, { t: manageToken, action: 'view' });
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Wednesday, 3 March 2027, 09:00–09:50');
    expect(html).toContain('Cancelling less than 48 hours before the appointment counts as a late cancellation.');
    expect(html).toContain('Södermalm, Götgatan 12, Stockholm');
    expect(html).toContain('Samtal');
    const download = await managePage(booking.id, { t: manageToken, action: 'ics' });
    expect(download.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(parseEvent(await download.text())).toEqual(mailed);
  });

  it('applies the same rule when the patient cancels: inside the practitioner’s 48 hours is late, though outside the clinic’s 24', async () => {
    const { booking, manageToken } = await book('2027-03-03T08:00:00Z', 'email', 'en');
    // 40 hours before the start.
    t.clock.advance(8 * 3_600_000);
    const asked = await (await managePage(booking.id, { t: manageToken, action: 'ask' })).text();
    expect(asked).toContain('This is inside the cancellation window and counts as a late cancellation.');
    const cancelled = await json(await t.call('POST', `/v1/clinics/${slug}/bookings/${booking.id}/cancel`, { token: manageToken, body: {} }));
    expect(cancelled).toMatchObject({ status: 'cancelled', lateCancellation: true, cancellationWindowHours: 48 });
    await send(smtp());
    const notice = mail.received.find((m) => m.subject?.startsWith('Cancelled'))!;
    expect(notice.text).toContain('Your appointment on Wednesday, 3 March 2027 at 09:00 with Anna Lindqvist is cancelled.');
  });

  it('writes in Swedish to a Swedish booker, in English to an English one, on every channel', async () => {
    await book('2027-03-03T08:00:00Z', 'email');
    await book('2027-03-03T10:00:00Z', 'email', 'sv', 'sara@example.com');
    const sms = await smsReceiver();
    try {
      await book('2027-03-03T12:00:00Z', 'sms', 'en', 'sam@example.com');
      t.clock.advance(SMS_GRACE_MS);
      await send({ ...smtp(), ...httpSmsTransport(sms.url) });
      const subjects = mail.received.map((m) => m.subject).sort();
      expect(subjects).toEqual(['Bokningsbekräftelse: onsdag 3 mars 2027 kl. 09:00', 'Bokningsbekräftelse: onsdag 3 mars 2027 kl. 11:00']);
      for (const m of mail.received) expect(m.text).toContain('Avbokning senare än 48 timmar före besöket räknas som sen avbokning.');
      expect(mail.received.map((m) => m.text).join('\n')).toContain('kl. 09:00–09:50');
      expect(sms.posts).toHaveLength(1);
      expect(sms.posts[0]!.form.get('message')).toMatch(
        /^Lugna Rummet: Your appointment on Wednesday, 3 March 2027 at 13:00 with Anna Lindqvist is booked\. Cancel: https:/,
      );
    } finally {
      await sms.close();
    }
  });

  it('books for a client in the language they last booked in when staff book, and sends their login link in it', async () => {
    const { booking } = await book('2027-03-03T08:00:00Z', 'email', 'en');
    const clientId = booking.clientId;
    const staff = await t.call('POST', `/v1/clinics/${slug}/admin/bookings`, {
      token,
      body: { clientId, practitionerId, treatmentTypeId, start: '2027-03-03T12:00:00Z', confirmation: 'email' },
    });
    expect(staff.status, await staff.clone().text()).toBe(201);
    mail.received.length = 0;
    await t.call('POST', `/v1/clinics/${slug}/auth/email-link`, { body: { email: 'alex@example.com' } });
    // The login link is queued after the answer (background work); wait until it is in the outbox.
    for (let i = 0; i < 50; i++) {
      const queued = await t.store.db.selectFrom('messages').select('id').where('kind', '=', 'login_link').executeTakeFirst();
      if (queued) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await send(smtp());
    const subjects = mail.received.map((m) => m.subject);
    expect(subjects).toContain('Booking confirmed: Wednesday, 3 March 2027 at 13:00');
    expect(subjects).toContain('Log in to Lugna Rummet');
    const login = mail.received.find((m) => m.subject === 'Log in to Lugna Rummet')!;
    expect(login.html).toContain('>Log in</a>');
  });
});
