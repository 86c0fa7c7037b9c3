import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing.js';
import { Dispatcher } from './dispatcher.js';
import { SMS_GRACE_MS } from './sms-guard.js';
import { messagingClinic } from './testing-clinic.js';
import { MailCatcher, smsReceiver } from './testing-receivers.js';
import { httpSmsTransport, smtpTransport, type Transports } from './transports.js';

let t: TestContext;
let mail: MailCatcher;
let slug: string;
let token: string;
let treatmentTypeId: string;
let practitionerId: string;
const logs: string[] = [];
const logger = {
  info: (message: string, fields?: object) => logs.push(JSON.stringify({ message, ...fields })),
  error: (message: string, fields?: object) => logs.push(JSON.stringify({ message, ...fields })),
};

async function json(res: Response) {
  return (await res.json()) as any;
}

beforeEach(async () => {
  logs.length = 0;
  t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { publicUrl: 'https://boka.example.se' } });
  mail = new MailCatcher();
  await mail.start();
  ({ slug, token, treatmentTypeId, practitionerId } = await messagingClinic(t, 'mail', {
    name: 'Samtal om ångest',
    durationMinutes: 60,
    confirmationText: 'Kom fem minuter innan.',
  }));
});
afterEach(async () => {
  await mail.stop();
  await t.close();
});

async function bookPublic(confirmation: 'email' | 'sms' | 'none' = 'email', start = '2027-03-03T08:00:00Z') {
  const hold = await json(await t.call('POST', `/v1/clinics/${slug}/holds`, { body: { treatmentTypeId, practitionerId, start } }));
  const res = await t.call('POST', `/v1/clinics/${slug}/bookings`, {
    body: {
      holdId: hold.id,
      holdSecret: hold.secret,
      client: { name: 'Klara Klient', email: 'klara@example.com', phone: '070-123 45 67', personalNumber: undefined },
      confirmation,
    },
  });
  expect(res.status).toBe(201);
  return (await json(res)) as { booking: { id: string }; manageToken: string };
}

const dispatcher = (transports: Transports) => new Dispatcher(t.app.deps, transports, logger);
const smtp = () => smtpTransport(`smtp://127.0.0.1:${mail.port}`, 'Lugna Rummet <no-reply@lugna.example>');
const outbox = () => t.store.db.selectFrom('messages').selectAll().orderBy('created_at').orderBy('id').execute();

describe('confirmations by e-mail', () => {
  it('are written with the booking and delivered over SMTP with text, HTML, an .ics and a manage link', async () => {
    const { booking, manageToken } = await bookPublic('email');
    const [queued] = await outbox();
    expect(queued).toMatchObject({ kind: 'confirmation', channel: 'email', status: 'pending', booking_id: booking.id });
    // The link with its token is kept apart from the body until delivery.
    expect(queued!.body_text).not.toContain(manageToken);

    const result = await dispatcher(smtp()).runOnce();
    expect(result.sent).toBe(1);
    expect(mail.received).toHaveLength(1);
    const received = mail.received[0]!;
    expect(received.subject).toBe('Bokningsbekräftelse: onsdag 3 mars 2027 kl. 09:00');
    expect(received.text).toContain('Hej Klara Klient!');
    expect(received.text).toContain('När: onsdag 3 mars 2027 kl. 09:00–10:00');
    expect(received.text).toContain('Kom fem minuter innan.');
    const link = `https://boka.example.se/b/${slug}/${booking.id}#t=${manageToken}`;
    expect(received.text).toContain(link);
    expect(received.html).toContain('href="https://boka.example.se/b/');
    const ics = received.attachments.find((a) => a.filename === 'bokning.ics');
    expect(ics?.contentType).toBe('text/calendar');
    expect(ics?.content.toString()).toContain('DTSTART:20270303T080000Z');
    expect(received.messageId).toBe(`<${queued!.id}@tidbok>`);

    const [sent] = await outbox();
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, secret_url: null });
    const listed = await json(await t.call('GET', `/v1/clinics/${slug}/admin/messages?bookingId=${booking.id}`, { token }));
    expect(listed.messages[0]).toMatchObject({ status: 'sent', to: 'klara@example.com', kind: 'confirmation' });
    expect(listed.messages[0].body).toContain('[länk för att se eller avboka]');
    expect(JSON.stringify(listed)).not.toContain(manageToken);
  });

  it('are written in English for an English clinic', async () => {
    await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, { token, body: { locale: 'en' } });
    await bookPublic('email');
    await dispatcher(smtp()).runOnce();
    expect(mail.received[0]!.subject).toBe('Booking confirmed: Wednesday, 3 March 2027 at 09:00');
    expect(mail.received[0]!.text).toContain('With: Anna Lindqvist');
  });

  it('send copies to the extra address and to the practitioner when the clinic asks', async () => {
    await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, {
      token,
      body: { booking: { confirmationCopyTo: 'reception@lugna.example', confirmationCopyToPractitioner: true } },
    });
    const { manageToken } = await bookPublic('email');
    await dispatcher(smtp()).runOnce();
    const to = mail.received.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text).sort();
    expect(to).toEqual(['anna@lugna.example', 'klara@example.com', 'reception@lugna.example']);
    for (const copy of mail.received.filter((m) => m.subject?.startsWith('Kopia'))) {
      expect(copy.text).not.toContain(manageToken);
    }
  });

  it('keep the booking when SMTP is down, wait in the outbox, and go out after recovery', async () => {
    const port = mail.port;
    await mail.stop();
    await bookPublic('email');
    const first = await dispatcher(smtp()).runOnce();
    expect(first.retried).toBe(1);
    const [waiting] = await outbox();
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting!.last_error).toBeTruthy();
    expect(waiting!.next_attempt_at).toBeGreaterThan(t.clock.now());

    await mail.start(port);
    // Not before its backoff is over …
    expect((await dispatcher(smtp()).runOnce()).sent).toBe(0);
    t.clock.advance(31_000);
    // … then delivered.
    expect((await dispatcher(smtp()).runOnce()).sent).toBe(1);
    expect(mail.received).toHaveLength(1);
    expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('are delivered once even when two dispatchers run at the same time or one restarts', async () => {
    await bookPublic('email');
    await bookPublic('email', '2027-03-03T10:00:00Z');
    const [a, b] = await Promise.all([dispatcher(smtp()).runOnce(), dispatcher(smtp()).runOnce()]);
    expect(a.sent + b.sent).toBe(2);
    // A "restarted" dispatcher finds nothing left to send.
    expect((await dispatcher(smtp()).runOnce()).sent).toBe(0);
    expect(mail.received).toHaveLength(2);
  });

  it('stay in the outbox without a transport and are logged without personal data', async () => {
    await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, { token, body: { booking: { personalNumber: 'optional' } } });
    const hold = await json(await t.call('POST', `/v1/clinics/${slug}/holds`, { body: { treatmentTypeId, practitionerId, start: '2027-03-03T08:00:00Z' } }));
    await t.call('POST', `/v1/clinics/${slug}/bookings`, {
      body: {
        holdId: hold.id,
        holdSecret: hold.secret,
        client: { name: 'Klara Klient', email: 'klara@example.com', personalNumber: '19121212-1212' },
        confirmation: 'email',
      },
    });
    await dispatcher({}).runOnce();
    expect((await outbox())[0]!.status).toBe('pending');
    expect(logs.some((line) => line.includes('no e-mail (TIDBOK_SMTP_URL) transport configured'))).toBe(true);
    const all = logs.join('\n');
    for (const secret of ['19121212', 'klara@example.com', 'Klara']) expect(all).not.toContain(secret);
  });
});

describe('SMS', () => {
  it('posts a short text without health details to the provider with basic auth', async () => {
    const receiver = await smsReceiver();
    try {
      await bookPublic('sms');
      // A public booking's SMS waits until the booking is a few minutes old (sms-guard.ts).
      expect((await dispatcher(httpSmsTransport(receiver.url)).runOnce()).sent).toBe(0);
      t.clock.advance(SMS_GRACE_MS);
      expect((await dispatcher(httpSmsTransport(receiver.url)).runOnce()).sent).toBe(1);
      expect(receiver.posts).toHaveLength(1);
      const { auth, form } = receiver.posts[0]!;
      expect(auth).toBe(`Basic ${Buffer.from('elks:s3cret').toString('base64')}`);
      expect(form.get('to')).toBe('+46701234567');
      expect(form.get('from')).toBe('Tidbok');
      const text = form.get('message')!;
      expect(text).toContain('onsdag 3 mars 2027 kl. 09:00');
      expect(text).not.toContain('ångest');
      expect(text.length).toBeLessThan(320);
    } finally {
      await receiver.close();
    }
  });

  it('retries when the provider refuses', async () => {
    const receiver = await smsReceiver(500);
    try {
      await bookPublic('sms');
      t.clock.advance(SMS_GRACE_MS);
      expect((await dispatcher(httpSmsTransport(receiver.url)).runOnce()).retried).toBe(1);
      expect((await outbox())[0]).toMatchObject({ status: 'pending', attempts: 1 });
    } finally {
      await receiver.close();
    }
  });
});

describe('other messages', () => {
  it('sends a cancellation notice when a client cancels', async () => {
    const { booking, manageToken } = await bookPublic('email');
    await t.call('POST', `/v1/clinics/${slug}/bookings/${booking.id}/cancel`, { token: manageToken });
    await dispatcher(smtp()).runOnce();
    expect(mail.received.map((m) => m.subject)).toContain('Avbokad: onsdag 3 mars 2027 kl. 09:00');
  });

  it('sends one reminder N hours before, never twice', async () => {
    await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, {
      token,
      body: { booking: { reminderHoursBefore: 24, reminderChannel: 'email' } },
    });
    await bookPublic('none');
    expect((await dispatcher(smtp()).runOnce()).sent).toBe(0);
    t.clock.set('2027-03-02T09:00:00Z'); // 23 h before
    await dispatcher(smtp()).runOnce();
    await dispatcher(smtp()).runOnce();
    expect(mail.received.map((m) => m.subject)).toEqual(['Påminnelse: onsdag 3 mars 2027 kl. 09:00']);
  });

  it('lets staff send a confirmation through the same outbox, with a fresh link', async () => {
    const { booking, manageToken } = await bookPublic('none');
    const res = await t.call('POST', `/v1/clinics/${slug}/admin/bookings/${booking.id}/confirmation`, {
      token,
      body: { channel: 'email' },
    });
    expect(res.status).toBe(202);
    await dispatcher(smtp()).runOnce();
    expect(mail.received).toHaveLength(1);
    const link = /https:\/\/boka\.example\.se\/b\/\S+/.exec(mail.received[0]!.text ?? '')![0];
    expect(link).not.toContain(manageToken);
    // The old link stopped working; the new one works.
    expect((await t.call('GET', `/v1/clinics/${slug}/bookings/${booking.id}`, { token: manageToken })).status).toBe(404);
    const fresh = new URL(link).hash.slice('#t='.length);
    expect((await t.call('GET', `/v1/clinics/${slug}/bookings/${booking.id}`, { token: fresh })).status).toBe(200);
  });
});

describe('the manage page behind the link', () => {
  it('shows the booking on GET without changing it, and cancels on POST', async () => {
    const { booking, manageToken } = await bookPublic('none');
    const path = `/b/${slug}/${booking.id}?t=${encodeURIComponent(manageToken)}`;
    const page = await t.call('GET', path);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Anna Lindqvist');
    expect(html).toContain('onsdag 3 mars 2027, 09:00–10:00');
    expect(html).toContain('Avboka tiden');
    // A mail scanner's GET changed nothing.
    expect((await json(await t.call('GET', `/v1/clinics/${slug}/bookings/${booking.id}`, { token: manageToken }))).status).toBe('booked');

    const cancelled = await t.call('POST', `/b/${slug}/${booking.id}`, {
      body: new URLSearchParams({ t: manageToken }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(await cancelled.text()).toContain('Tiden är avbokad.');
    expect((await json(await t.call('GET', `/v1/clinics/${slug}/bookings/${booking.id}`, { token: manageToken }))).status).toBe('cancelled');
  });

  it('answers a wrong token with the same not-found page', async () => {
    const { booking } = await bookPublic('none');
    const res = await t.call('GET', `/b/${slug}/${booking.id}?t=wrong`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Bokningen hittades inte');
  });
});
