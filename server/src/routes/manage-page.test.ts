import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manageUrl } from '../notifications/compose.js';
import { findClinicBySlug } from '../services/clinics.js';
import { createTestContext, listen, type TestContext } from '../testing.js';
import { bookableClinic } from '../testing-bookable.js';

let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let slug: string;
let treatmentTypeId: string;
let practitionerId: string;

async function json(res: Response) {
  return (await res.json()) as any;
}

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { publicUrl: 'https://boka.example.se' } });
  ({ slug, treatmentTypeId, practitionerId } = await bookableClinic(t, 'manage'));
  server = await listen(t.app);
});
afterEach(async () => {
  await server.close();
  await t.close();
});

async function book() {
  const publicCall = (path: string, body: unknown) => t.call('POST', `/v1/clinics/${slug}${path}`, { body });
  const hold = await json(await publicCall('/holds', { treatmentTypeId, practitionerId, start: '2027-03-03T08:00:00Z' }));
  const res = await publicCall('/bookings', {
    holdId: hold.id,
    holdSecret: hold.secret,
    client: { name: 'Klara Klient', email: 'klara@example.com' },
    confirmation: 'none',
  });
  return (await json(res)) as { booking: { id: string }; manageToken: string };
}

const post = (id: string, fields: Record<string, string>) =>
  fetch(`${server.url}/b/${slug}/${id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

const status = async (id: string, token: string) => (await json(await t.call('GET', `/v1/clinics/${slug}/bookings/${id}`, { token }))).status as string;

describe('the manage page', () => {
  it('is linked with its token after #, where no request line (and so no log or Referer) carries it', async () => {
    const { booking, manageToken } = await book();
    const clinic = (await findClinicBySlug(t.app.deps, slug))!;
    const link = new URL(manageUrl(t.app.deps, clinic, booking.id, manageToken));
    expect(link.search).toBe('');
    expect(link.hash).toBe(`#t=${manageToken}`);

    // What the server gets for the link: the same page for any booking, real or not, with no
    // booking data, and the served script that posts the token from the fragment.
    const page = await fetch(`${server.url}${link.pathname}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<script src="/b/manage.js"></script>');
    expect(html).toContain('Öppnar din bokning');
    expect(html).toContain('<noscript>');
    expect(html).not.toContain('Anna Lindqvist');
    const other = await (await fetch(`${server.url}/b/${slug}/bk_not-a-booking`)).text();
    expect(other).toBe(html);

    const script = await fetch(`${server.url}/b/manage.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('form.submit()');
  });

  it('shows the booking for the token in a POST, and keeps the token in hidden fields only', async () => {
    const { booking, manageToken } = await book();
    const res = await post(booking.id, { t: manageToken, action: 'view' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('Anna Lindqvist');
    expect(html).toContain('onsdag 3 mars 2027, 09:00–10:00');
    // Every occurrence of the token is the value of a hidden field (one per form: move, add to
    // calendar, cancel); nothing links anywhere with it.
    const occurrences = html.split(manageToken).length - 1;
    const hidden = html.match(new RegExp(`<input type="hidden" name="t" value="${manageToken}"\\s*/?>`, 'g'))?.length ?? 0;
    expect(occurrences).toBe(3);
    expect(hidden).toBe(3);
    // The one link: "Book again", to the clinic's hosted booking page.
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual([`https://boka.example.se/c/${slug}/`]);
    expect(await status(booking.id, manageToken)).toBe('booked');

    const wrong = await post(booking.id, { t: 'tbm_wrong', action: 'view' });
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toContain('Bokningen hittades inte');
  });

  it('cancels in two steps without any script: the question, then the yes; no keeps the booking', async () => {
    const { booking, manageToken } = await book();
    const shown = await (await post(booking.id, { t: manageToken, action: 'view' })).text();
    // No inline handler (the page's CSP forbids them): the button asks on a page of its own.
    expect(shown).not.toMatch(/\son[a-z]+=/i);
    expect(shown).toMatch(/<input type="hidden" name="action" value="ask"\s*\/?><button type="submit" class="danger">Avboka tiden<\/button>/);

    // Inside the default 24-hour cancellation window: the question says the cancellation is late.
    t.clock.advance(30 * 3_600_000);
    const asked = await (await post(booking.id, { t: manageToken, action: 'ask' })).text();
    expect(asked).toContain('Vill du avboka tiden?');
    expect(asked).toMatch(/value="cancel"\s*\/?><button type="submit" class="danger strong">Ja, avboka<\/button>/);
    expect(asked).toMatch(/value="view"\s*\/?><button type="submit">Nej, behåll tiden<\/button>/);
    expect(asked).toContain('räknas som sen avbokning');
    expect(asked).not.toMatch(/\son[a-z]+=/i);
    expect(await status(booking.id, manageToken)).toBe('booked');

    const kept = await (await post(booking.id, { t: manageToken, action: 'view' })).text();
    expect(kept).toContain('Bokad');
    expect(await status(booking.id, manageToken)).toBe('booked');

    const cancelled = await (await post(booking.id, { t: manageToken, action: 'cancel' })).text();
    expect(cancelled).toContain('Tiden är avbokad.');
    expect(cancelled).not.toContain('Avboka tiden');
    expect(await status(booking.id, manageToken)).toBe('cancelled');
  });

  it('still opens links sent before, with the token in the query, and never says whether a booking exists', async () => {
    const { booking, manageToken } = await book();
    const old = await fetch(`${server.url}/b/${slug}/${booking.id}?t=${encodeURIComponent(manageToken)}`);
    expect(old.status).toBe(200);
    expect(old.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await old.text();
    expect(html).toContain('Anna Lindqvist');
    expect(html).toContain('value="ask"');
    const wrong = await fetch(`${server.url}/b/${slug}/${booking.id}?t=tbm_wrong`);
    const missing = await fetch(`${server.url}/b/${slug}/bk_missing?t=${encodeURIComponent(manageToken)}`);
    expect([wrong.status, missing.status]).toEqual([404, 404]);
    expect(await wrong.text()).toBe(await missing.text());
  });
});
