import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { DEMO_MAILBOX_PATH, demoMailboxAllowed } from './demo-mailbox.js';
import { seedDemo } from './demo.js';
import { createTestContext, listen, type TestContext } from './testing.js';

let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;

beforeEach(async () => {
  // A Monday; the demo's working time starts today.
  t = await createTestContext({ now: '2027-03-22T05:00:00Z', config: { publicUrl: 'https://demo.example' } });
  await seedDemo({ store: t.store, clock: t.clock, config: t.app.deps.config });
  server = await listen(createApp({ store: t.store, clock: t.clock, config: t.app.deps.config, demoMailbox: true }));
});
afterEach(async () => {
  await server.close();
  await t.close();
});

/** An English visitor books Anna's talk on Tuesday at 09:00 (Stockholm), confirmation by e-mail. */
async function bookInEnglish() {
  const clinic = (await (await t.call('GET', '/v1/clinics/demo')).json()) as any;
  const talk = clinic.treatmentTypes.find((x: any) => x.name === 'Samtalsbehandling');
  const anna = clinic.practitioners.find((p: any) => p.name === 'Anna Lindqvist');
  const hold = (await (
    await t.call('POST', '/v1/clinics/demo/holds', { body: { treatmentTypeId: talk.id, practitionerId: anna.id, start: '2027-03-23T08:00:00Z' } })
  ).json()) as any;
  const res = await t.call('POST', '/v1/clinics/demo/bookings', {
    body: { holdId: hold.id, holdSecret: hold.secret, client: { name: 'Alex Visitor', email: 'alex@example.com' }, confirmation: 'email', locale: 'en' },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { booking: { id: string }; manageToken: string };
}

describe('the demo mailbox', () => {
  it("lists the demo clinic's outgoing messages with their links opened, and the link leads to the booking", async () => {
    const { booking, manageToken } = await bookInEnglish();
    const page = await fetch(`${server.url}${DEMO_MAILBOX_PATH}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('Booking confirmed: Tuesday, 23 March 2027 at 09:00');
    expect(html).toContain('alex@example.com');
    expect(html).toMatch(/confirmation · \w+\.ics/);
    // The sealed link, opened for this page: the manage link with its token after #.
    const link = `https://demo.example/b/demo/${booking.id}#t=${manageToken}`;
    expect(html).toContain(`<a href="${link}">${link}</a>`);
    expect(html).not.toContain('{{manage-link}}');

    // Following it (the page's script posts the token from the fragment) shows the booking in English.
    const shown = await fetch(`${server.url}/b/demo/${booking.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ t: manageToken, action: 'view' }).toString(),
    });
    expect(shown.status).toBe(200);
    const manage = await shown.text();
    expect(manage).toContain('Your booking');
    expect(manage).toContain('Tuesday, 23 March 2027, 09:00–09:50');
  });

  it('is off as soon as the database holds another clinic, so it never shows a real clinic’s mail', async () => {
    await bookInEnglish();
    await t.clinic('lugna');
    const page = await fetch(`${server.url}${DEMO_MAILBOX_PATH}`);
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain('alex@example.com');
  });

  it('is not served unless the server was started for it, and is not allowed with a transport', async () => {
    await bookInEnglish();
    const plain = await listen(t.app);
    try {
      expect((await fetch(`${plain.url}${DEMO_MAILBOX_PATH}`)).status).toBe(404);
    } finally {
      await plain.close();
    }
    expect(demoMailboxAllowed(true, { smtpUrl: null, smsUrl: null })).toBe(true);
    expect(demoMailboxAllowed(false, { smtpUrl: null, smsUrl: null })).toBe(false);
    expect(demoMailboxAllowed(true, { smtpUrl: 'smtp://127.0.0.1:2525', smsUrl: null })).toBe(false);
    expect(demoMailboxAllowed(true, { smtpUrl: null, smsUrl: 'https://sms.example/send' })).toBe(false);
  });
});
