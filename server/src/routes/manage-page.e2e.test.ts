// The manage link as a patient opens it, in a real Chromium (playwright-core) against a real
// server: the token after `#` reaches the server only in a POST body, never in an address or a
// Referer; the booking is cancelled in two steps under the page's CSP; without JavaScript the
// page says why it cannot open the booking.
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manageUrl } from '../notifications/compose.js';
import { findClinicBySlug } from '../services/clinics.js';
import { createTestContext, listen, type TestContext } from '../testing.js';
import { bookableClinic } from '../testing-bookable.js';
import { closeInOrder, launchChromium, watchProblems } from '../testing-browser.js';

let t: TestContext;
let srv: Awaited<ReturnType<typeof listen>>;
let browser: Browser;
let slug: string;
let treatmentTypeId: string;
let practitionerId: string;

async function json(res: Response) {
  return (await res.json()) as any;
}

beforeAll(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z' });
  ({ slug, treatmentTypeId, practitionerId } = await bookableClinic(t, 'manage'));
  srv = await listen(t.app);
  browser = await launchChromium();
}, 60_000);

afterAll(() => closeInOrder(browser, srv, t));

/** A booking and its manage link, pointing at the test server. */
async function bookWithLink(start: string) {
  const call = (path: string, body: unknown) => t.call('POST', `/v1/clinics/${slug}${path}`, { body });
  const hold = await json(await call('/holds', { treatmentTypeId, practitionerId, start }));
  const { booking, manageToken } = await json(
    await call('/bookings', { holdId: hold.id, holdSecret: hold.secret, client: { name: 'Klara Klient', email: 'klara@example.com' }, confirmation: 'none' }),
  );
  const clinic = (await findClinicBySlug(t.app.deps, slug))!;
  const link = manageUrl({ ...t.app.deps, config: { ...t.app.deps.config, publicUrl: srv.url } }, clinic, booking.id, manageToken);
  return { id: booking.id as string, manageToken: manageToken as string, link };
}

/** Every request the page sends, and every CSP report or script error. */
function watch(page: Page) {
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  const problems = watchProblems(page);
  return { requests, problems };
}

describe('a manage link opened in Chromium', () => {
  it('shows the booking with the token sent only in POST bodies, and cancels after the question', async () => {
    const { id, manageToken, link } = await bookWithLink('2027-03-03T08:00:00Z');
    const page = await browser.newPage({ locale: 'sv-SE' });
    const { requests, problems } = watch(page);
    await page.goto(link);
    await expect(page.locator('dd').nth(1).textContent()).resolves.toContain('09:00–10:00');
    await expect(page.locator('.status').textContent()).resolves.toBe('Bokad');

    await page.getByRole('button', { name: 'Avboka tiden' }).click();
    await page.getByRole('heading', { name: 'Vill du avboka tiden?' }).waitFor();
    await page.getByRole('button', { name: 'Ja, avboka' }).click();
    await page.getByRole('status').filter({ hasText: 'Tiden är avbokad.' }).waitFor();
    const booking = await json(await t.call('GET', `/v1/clinics/${slug}/bookings/${id}`, { token: manageToken }));
    expect(booking.status).toBe('cancelled');

    // Four requests carried the token: the fragment's POST, the question, the yes (and none else);
    // no address and no Referer ever did.
    const documents = requests.filter((r) => r.resourceType() === 'document');
    expect(documents.map((r) => r.method())).toEqual(['GET', 'POST', 'POST', 'POST']);
    for (const request of requests) {
      expect(request.url()).not.toContain(manageToken);
      expect((await request.allHeaders()).referer ?? '').not.toContain(manageToken);
    }
    expect(documents.slice(1).every((r) => r.postData()?.includes(`t=${manageToken}`))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says, without JavaScript, why it cannot open the booking', async () => {
    const { link } = await bookWithLink('2027-03-03T10:00:00Z');
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'sv-SE' });
    const page = await context.newPage();
    await page.goto(link);
    await expect(page.locator('main').textContent()).resolves.toContain('Slå på JavaScript för den här sidan, eller kontakta mottagningen.');
    await expect(page.locator('dd').count()).resolves.toBe(0);
    await context.close();
  });

  it('leaves no page behind that Back would send again', async () => {
    const { link } = await bookWithLink('2027-03-03T11:00:00Z');
    const page = await browser.newPage({ locale: 'sv-SE' });
    const { requests } = watch(page);
    await page.goto(`${srv.url}/c/${slug}/`);
    await page.goto(link);
    await page.locator('.status').waitFor();
    // The form went while the page was loading, so its answer took the page's place in the history.
    await page.goBack();
    expect(new URL(page.url()).pathname).toBe(`/c/${slug}/`);
    expect(requests.filter((r) => r.method() === 'POST' && r.resourceType() === 'document')).toHaveLength(1);
    await page.close();
  });
});
