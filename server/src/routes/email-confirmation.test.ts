import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../notifications/dispatcher.js';
import { MailCatcher } from '../notifications/testing-receivers.js';
import { smtpTransport } from '../notifications/transports.js';
import { CONFIRM_WINDOW_MS } from '../services/email-confirmation.js';
import { createTestContext, listen, type TestContext } from '../testing.js';
import { type JsonRequest, requestJson } from '../testing-http.js';

// Issue 17 item 6: with `confirmAnonymousBookingsByEmail`, a visitor's booking is made only when
// the link e-mailed to the address it gave is clicked; until then the time is only held.

let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let mail: MailCatcher;
let slug: string;
let token: string;
let treatmentTypeId: string;
let practitionerId: string;
const quiet = { info: () => undefined, error: () => undefined };
const START = '2027-03-03T08:00:00Z';

const call = (method: string, path: string, options: JsonRequest = {}) =>
  requestJson(`${server.url}${path}`, method, { ...options, ip: options.ip ?? '203.0.113.7' });
const admin = (method: string, path: string, body?: unknown) => call(method, `/v1/clinics/${slug}/admin${path}`, { token, body });
const form = (fields: Record<string, string>) =>
  fetch(`${server.url}/b/${slug}/confirm`, { method: 'POST', body: new URLSearchParams(fields) }).then(async (r) => ({
    status: r.status,
    html: await r.text(),
  }));

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { trustProxy: 1, publicUrl: 'https://boka.example.se' } });
  server = await listen(t.app);
  mail = new MailCatcher();
  await mail.start();
  ({ slug, token } = await t.clinic('confirm'));
  await admin('PATCH', '/settings', { booking: { confirmAnonymousBookingsByEmail: true } });
  treatmentTypeId = (await admin('POST', '/treatment-types', { name: 'Samtal', durationMinutes: 30 })).body.id;
  practitionerId = (await admin('POST', '/practitioners', { name: 'Anna Lindqvist', treatmentTypeIds: [treatmentTypeId] })).body.id;
  await admin('POST', '/working-times', { practitionerId, start: '2027-03-03T08:00:00Z', end: '2027-03-03T12:00:00Z' });
});
afterEach(async () => {
  await mail.stop();
  await server.close();
  await t.close();
});

async function request(start = START) {
  const hold = (await call('POST', `/v1/clinics/${slug}/holds`, { body: { treatmentTypeId, practitionerId, start } })).body;
  const body = { holdId: hold.id, holdSecret: hold.secret, client: { name: 'Klara', email: 'klara@example.com' }, confirmation: 'email' };
  return { hold, body, answer: await call('POST', `/v1/clinics/${slug}/bookings`, { body }) };
}
/** Delivers the outbox over SMTP and returns the token of the newest confirm link sent. */
async function mailedToken() {
  await new Dispatcher(t.app.deps, smtpTransport(`smtp://127.0.0.1:${mail.port}`, 'Klinik <no-reply@klinik.example>'), quiet).runOnce();
  const text = mail.received.at(-1)?.text ?? '';
  const match = new RegExp(`https://boka\\.example\\.se/b/${slug}/confirm#t=(\\S+)`).exec(text);
  return match ? decodeURIComponent(match[1]!) : null;
}
const bookings = () => t.store.db.selectFrom('bookings').selectAll().execute();
const slotStarts = async () =>
  (await call('GET', `/v1/clinics/${slug}/slots?treatmentTypeId=${treatmentTypeId}&from=2027-03-03&to=2027-03-03`)).body.slots.map(
    (s: { start: string }) => s.start,
  );

describe('anonymous bookings confirmed by e-mail', () => {
  it('books only when the e-mailed link is clicked; the time is held meanwhile', async () => {
    const { answer } = await request();
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ status: 'awaiting-email', email: 'klara@example.com', expiresAt: '2027-03-01T08:30:00Z' });
    expect(await bookings()).toHaveLength(0);
    expect(await t.store.db.selectFrom('clients').selectAll().execute()).toHaveLength(0);
    expect(await slotStarts()).not.toContain(START);

    const confirmToken = await mailedToken();
    expect(confirmToken).toMatch(/^tbq_/);
    expect(mail.received[0]!.subject).toBe('Bekräfta din bokning hos Clinic confirm');
    // The request waits sealed: neither the token nor the hold secret is readable in the database.
    const stored = JSON.stringify(await t.store.db.selectFrom('holds').selectAll().execute());
    expect(stored).not.toContain(confirmToken);
    expect(stored).not.toContain('klara@example.com');

    // The page behind the link changes nothing on GET; the first POST shows the time; the second books.
    const page = await fetch(`${server.url}/b/${slug}/confirm`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/b/manage.js"></script>');
    const view = await form({ t: confirmToken!, action: 'view' });
    expect(view.status).toBe(200);
    expect(view.html).toContain('Anna Lindqvist');
    expect(view.html).toContain('Ja, boka tiden');
    expect(await bookings()).toHaveLength(0);
    const done = await form({ t: confirmToken!, action: 'confirm' });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Tiden är bokad');
    const [booking] = await bookings();
    expect(booking).toMatchObject({ status: 'booked', start_ms: Date.parse(START), source: 'public' });
    // The usual confirmation follows, with its manage link.
    await mailedToken();
    expect(mail.received.at(-1)!.subject).toMatch(/^Bokningsbekräftelse/);
    expect((await form({ t: confirmToken!, action: 'confirm' })).html).toContain('redan bekräftad');
  });

  it('lets the time go when the link is not clicked within 30 minutes', async () => {
    await request();
    const confirmToken = await mailedToken();
    t.clock.advance(CONFIRM_WINDOW_MS + 1000);
    expect(await slotStarts()).toContain(START);
    const late = await call('POST', `/v1/clinics/${slug}/bookings/confirm`, { body: { token: confirmToken } });
    expect(late.status).toBe(410);
    expect((await form({ t: confirmToken!, action: 'confirm' })).html).toContain('gäller inte längre');
    expect(await bookings()).toHaveLength(0);
  });

  it('cannot be skipped by sending the booking again, and is not sent twice', async () => {
    const { body } = await request();
    const again = await call('POST', `/v1/clinics/${slug}/bookings`, { body });
    expect(again.status).toBe(409);
    await mailedToken();
    expect(mail.received).toHaveLength(1);
    expect(await bookings()).toHaveLength(0);
  });

  it('books through the API with the token too', async () => {
    await request();
    const confirmToken = await mailedToken();
    expect((await call('POST', `/v1/clinics/${slug}/bookings/confirm`, { body: { token: 'tbq_made-up' } })).status).toBe(410);
    const booked = await call('POST', `/v1/clinics/${slug}/bookings/confirm`, { body: { token: confirmToken } });
    expect(booked.status).toBe(201);
    expect(booked.body.manageToken).toMatch(/^tbm_/);
    expect((await call('POST', `/v1/clinics/${slug}/bookings/confirm`, { body: { token: confirmToken } })).status).toBe(409);
  });

  it('does not apply to a logged-in client, nor when the setting is off', async () => {
    const client = (await admin('POST', '/clients', { name: 'Test', email: 'test@example.com', isTest: true })).body;
    const session = (await admin('POST', `/clients/${client.id}/test-session`)).body.sessionToken;
    const hold = (await call('POST', `/v1/clinics/${slug}/holds`, { body: { treatmentTypeId, practitionerId, start: START }, token: session })).body;
    const own = await call('POST', `/v1/clinics/${slug}/bookings`, {
      body: { holdId: hold.id, holdSecret: hold.secret, confirmation: 'none' },
      token: session,
    });
    expect(own.status).toBe(201);

    await admin('PATCH', '/settings', { booking: { confirmAnonymousBookingsByEmail: false } });
    expect((await request('2027-03-03T09:00:00Z')).answer.status).toBe(201);
  });
});
