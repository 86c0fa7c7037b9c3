// "Move" from the manage link, as a patient uses it: in a real Chromium (playwright-core) against
// a real server serving a freshly built embed bundle, under the pages' CSP. The token stays in
// POST bodies; the booking keeps its id and its link, at the new time.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manageUrl } from '../notifications/compose.js';
import { findClinicBySlug } from '../services/clinics.js';
import { createTestContext, type TestContext } from '../testing.js';
import { bookableClinic } from '../testing-bookable.js';
import { closeInOrder, type EmbedServer, launchChromium, listenWithEmbed, watchProblems } from '../testing-browser.js';

let t: TestContext;
let srv: EmbedServer;
let browser: Browser;
let slug: string;
let treatmentTypeId: string;
let practitionerId: string;
let adminToken: string;

async function json(res: Response) {
  return (await res.json()) as any;
}

beforeAll(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z' });
  ({ slug, token: adminToken, treatmentTypeId, practitionerId } = await bookableClinic(t, 'flytta'));
  srv = await listenWithEmbed(t);
  browser = await launchChromium();
}, 120_000);

afterAll(() => closeInOrder(browser, srv, t));

async function bookWithLink(start: string) {
  const call = (path: string, body: unknown) => t.call('POST', `/v1/clinics/${slug}${path}`, { body });
  const hold = await json(await call('/holds', { treatmentTypeId, practitionerId, start }));
  const { booking, manageToken } = await json(
    await call('/bookings', {
      holdId: hold.id,
      holdSecret: hold.secret,
      client: { name: 'Klara Klient', email: 'klara@example.com' },
      confirmation: 'none',
      locale: 'en',
    }),
  );
  const clinic = (await findClinicBySlug(t.app.deps, slug))!;
  const link = manageUrl({ ...t.app.deps, config: { ...t.app.deps.config, publicUrl: srv.url } }, clinic, booking.id, manageToken);
  return { id: booking.id as string, manageToken: manageToken as string, link };
}

const postForm = (path: string, fields: Record<string, string>) =>
  fetch(`${srv.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

describe('the move page', () => {
  it('is offered on the manage page before the window, keeps the token in a hidden field, and refuses a wrong token', async () => {
    const { id, manageToken } = await bookWithLink('2027-03-03T09:00:00Z');
    const manage = await (await postForm(`/b/${slug}/${id}`, { t: manageToken, action: 'view' })).text();
    expect(manage).toContain(`<form method="post" action="/b/${slug}/${id}/move">`);
    expect(manage).toContain('Move the appointment');

    const res = await postForm(`/b/${slug}/${id}/move`, { t: manageToken });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<title>Move your appointment – Clinic flytta</title>');
    expect(html).toContain('<h1>Your booking</h1>');
    expect(html).toContain('<script type="module" src="/b/move.js"></script>');
    expect(html).toMatch(/data-chunk="\/embed\/chunks\/my-bookings-[A-Za-z0-9]{8}\.js"/);
    expect(html.split(manageToken).length - 1).toBe(1);
    expect(html).toMatch(new RegExp(`<input type="hidden" name="t" value="${manageToken}"\\s*/?>`));
    expect(html).not.toMatch(/\son[a-z]+=/i);

    const wrong = await postForm(`/b/${slug}/${id}/move`, { t: 'tbm_wrong' });
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).not.toContain('data-chunk');

    // Inside the window (24 hours before 10:00 on the 3rd), "Move" is no longer offered.
    t.clock.set('2027-03-02T09:30:00Z');
    const late = await (await postForm(`/b/${slug}/${id}`, { t: manageToken, action: 'view' })).text();
    expect(late).not.toContain('/move"');
    t.clock.set('2027-03-01T08:00:00Z');

    // Nor where only logged-in clients may hold times: they move it under My bookings.
    const settings = (publicBooking: string) =>
      t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, { token: adminToken, body: { booking: { publicBooking } } });
    expect((await settings('clients-only')).status).toBe(200);
    const closed = await (await postForm(`/b/${slug}/${id}`, { t: manageToken, action: 'view' })).text();
    expect(closed).toContain('Add to calendar');
    expect(closed).not.toContain('/move"');
    expect((await settings('open')).status).toBe(200);
  });

  it('moves the booking in Chromium from the manage link: pick a time, confirm, back to the booking at its new time', async () => {
    const { id, manageToken, link } = await bookWithLink('2027-03-03T08:00:00Z');
    const page = await browser.newPage({ locale: 'en-GB', viewport: { width: 390, height: 844 } });
    const problems = watchProblems(page);
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await page.goto(link);
    await page.getByRole('button', { name: 'Move the appointment' }).click();
    await page.getByRole('heading', { name: 'Move your appointment', level: 3 }).waitFor();
    // The picker's times in the clinic's zone (Stockholm): 11:00 is 10:00Z.
    await page.getByRole('button', { name: /Wednesday 3 March 11:00/ }).click();
    await page.getByText('Move the appointment to Wednesday 3 March 11:00?').waitFor();
    await page.getByRole('button', { name: 'Yes, move it' }).click();
    await page.getByText('Done! Your appointment is moved to Wednesday 3 March 11:00.').waitFor();

    const booking = await json(await t.call('GET', `/v1/clinics/${slug}/bookings/${id}`, { token: manageToken }));
    expect(booking).toMatchObject({ id, status: 'booked', start: '2027-03-03T10:00:00Z' });

    // Back to the booking with the same token: the manage page shows the new time.
    await page.getByRole('button', { name: 'Back to the booking' }).click();
    await expect(page.locator('dd').nth(1).textContent()).resolves.toContain('11:00');
    // The manage link from the confirmation still opens it.
    await page.goto(link);
    await expect(page.locator('dd').nth(1).textContent()).resolves.toContain('11:00');

    for (const url of urls) expect(url).not.toContain(manageToken);
    expect(problems).toEqual([]);
    await page.close();
  });
});
