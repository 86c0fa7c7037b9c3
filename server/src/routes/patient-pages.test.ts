import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, listen, type TestContext } from '../testing.js';
import { bookableClinic } from '../testing-bookable.js';

// The pages a patient opens from a message, as the patient's browser gets them over HTTP: built
// from escaped pieces (hono/html), in the booking's language, in the clinic's colour.

let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let slug: string;
let token: string;
let treatmentTypeId: string;
let practitionerId: string;

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { publicUrl: 'https://boka.example.se' } });
  ({ slug, token, treatmentTypeId, practitionerId } = await bookableClinic(t, 'pages', { practitionerName: 'Anna <b>Lindqvist</b> & co' }));
  server = await listen(t.app);
});
afterEach(async () => {
  await server.close();
  await t.close();
});

const form = (path: string, fields: Record<string, string>) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

async function book(locale?: 'sv' | 'en') {
  const hold = (await (
    await t.call('POST', `/v1/clinics/${slug}/holds`, { body: { treatmentTypeId, practitionerId, start: '2027-03-03T08:00:00Z' } })
  ).json()) as any;
  const res = await t.call('POST', `/v1/clinics/${slug}/bookings`, {
    body: {
      holdId: hold.id,
      holdSecret: hold.secret,
      client: { name: 'Klara Klient', email: 'klara@example.com' },
      confirmation: 'none',
      ...(locale ? { locale } : {}),
    },
  });
  return (await res.json()) as { booking: { id: string }; manageToken: string };
}

describe('the manage page', () => {
  it('escapes what staff typed, and shows the clinic’s colour and booking page', async () => {
    await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, {
      token,
      body: { name: 'Lugna <Rummet>', booking: { brandColor: '#123456', bookingPageUrl: 'https://lugna.example/boka?a=1&b=2' } },
    });
    const { booking, manageToken } = await book('en');
    const html = await (await form(`/b/${slug}/${booking.id}`, { t: manageToken, action: 'view' })).text();
    expect(html).toContain('Anna &lt;b&gt;Lindqvist&lt;/b&gt; &amp; co');
    expect(html).not.toContain('<b>Lindqvist');
    expect(html).toContain('<header><p>Lugna &lt;Rummet&gt;</p></header>');
    expect(html).toContain(':root{--brand:#123456}');
    expect(html).toContain('<a class="button" href="https://lugna.example/boka?a=1&amp;b=2">Book another time</a>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
  });

  it('speaks the language the booking was made in, whatever the clinic’s', async () => {
    const english = await book('en');
    const page = await (await form(`/b/${slug}/${english.booking.id}`, { t: english.manageToken, action: 'view' })).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Cancelling less than 24 hours before the appointment counts as a late cancellation.');
    const cancelled = await (await form(`/b/${slug}/${english.booking.id}`, { t: english.manageToken, action: 'cancel' })).text();
    expect(cancelled).toContain('The appointment is cancelled.');
  });

  it('says whose test booking it is when the client is a test client', async () => {
    const client = (await (
      await t.call('POST', `/v1/clinics/${slug}/admin/clients`, { token, body: { name: 'Test Testsson', email: 'test@example.com', isTest: true } })
    ).json()) as any;
    const res = await t.call('POST', `/v1/clinics/${slug}/admin/bookings`, {
      token,
      body: { clientId: client.id, practitionerId, treatmentTypeId, start: '2027-03-03T10:00:00Z', confirmation: 'email' },
    });
    expect(res.status).toBe(201);
    // The staff booking's confirmation carries the manage link: read it as the mailbox would.
    const message = await t.store.db.selectFrom('messages').select(['id', 'secret_url']).where('kind', '=', 'confirmation').executeTakeFirstOrThrow();
    const { openLink } = await import('../notifications/sealed-link.js');
    const link = new URL(openLink(t.app.deps.config, message.id, message.secret_url!));
    const manageToken = decodeURIComponent(link.hash.slice('#t='.length));
    const html = await (await form(link.pathname, { t: manageToken, action: 'view' })).text();
    expect(html).toContain('Testbokning: Test Testsson är en testklient.');
  });
});

describe('the confirm page', () => {
  it('asks in the language the visitor booked in, with the time they were shown', async () => {
    await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, { token, body: { booking: { confirmAnonymousBookingsByEmail: true } } });
    await t.call('PATCH', `/v1/clinics/${slug}/admin/treatment-types/${treatmentTypeId}`, { token, body: { clientMinutes: 45 } });
    const hold = (await (
      await t.call('POST', `/v1/clinics/${slug}/holds`, { body: { treatmentTypeId, practitionerId, start: '2027-03-03T08:00:00Z' } })
    ).json()) as any;
    const res = await t.call('POST', `/v1/clinics/${slug}/bookings`, {
      body: { holdId: hold.id, holdSecret: hold.secret, client: { name: 'Alex', email: 'alex@example.com' }, confirmation: 'email', locale: 'en' },
    });
    expect(res.status).toBe(202);
    const message = await t.store.db
      .selectFrom('messages')
      .select(['id', 'secret_url', 'subject', 'body_text'])
      .where('kind', '=', 'booking_request')
      .executeTakeFirstOrThrow();
    expect(message.subject).toBe('Confirm your booking at Clinic pages');
    expect(message.body_text).toContain('Wednesday, 3 March 2027 09:00–09:45');
    const { openLink } = await import('../notifications/sealed-link.js');
    const link = new URL(openLink(t.app.deps.config, message.id, message.secret_url!));
    const confirmToken = decodeURIComponent(link.hash.slice('#t='.length));
    const html = await (await form(link.pathname, { t: confirmToken, action: 'view' })).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Confirm that you want to book this time:');
    expect(html).toContain('Wednesday, 3 March 2027, 09:00–09:45');
    expect(html).toContain('Anna &lt;b&gt;Lindqvist&lt;/b&gt; &amp; co');
  });
});
