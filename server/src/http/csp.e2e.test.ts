// Every HTML page the server sends, in a real Chromium (playwright-core) against a real server
// with the demo clinic: each still works under its Content-Security-Policy, and the console shows
// no violation — while a script injected into the page does not run.
import { createTidbok, createTidbokAdmin } from '@tidbok/sdk';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo.js';
import { createTestContext, type TestContext } from '../testing.js';
import { closeInOrder, type EmbedServer, launchChromium, listenWithEmbed, watchProblems } from '../testing-browser.js';

let t: TestContext;
let srv: EmbedServer;
let browser: Browser;
let adminToken: string;

beforeAll(async () => {
  // The browser's clock is real, so the server's starts at the real now too.
  t = await createTestContext({ now: new Date().toISOString() });
  ({ adminToken } = await seedDemo(t.app.deps));
  // The split embed bundle, so the staff chunk is loaded from /embed/chunks/ under the policy too.
  srv = await listenWithEmbed(t);
  browser = await launchChromium();
}, 60_000);

afterAll(() => closeInOrder(browser, srv, t));

/** A page that records every CSP violation Chromium reports and every uncaught error. */
async function openPage(context: BrowserContext | Browser, path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  const problems = watchProblems(page);
  page.on('dialog', (dialog) => void dialog.accept());
  const res = await page.goto(`${srv.url}${path}`);
  expect(res?.headers()['content-security-policy'], path).toBeTruthy();
  return { page, problems };
}

/** Injects an inline script as an attacker's markup would; it must not run, and is reported. */
async function injectedScriptRuns(page: Page, problems: string[]): Promise<boolean> {
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    return (window as { __injected?: boolean }).__injected === true;
  });
  await expect.poll(() => problems.some((p) => p.startsWith('csp:'))).toBe(true);
  problems.splice(0);
  return ran;
}

async function book() {
  const tidbok = createTidbok({ baseUrl: srv.url, clinic: 'demo' });
  const clinic = await tidbok.clinic();
  const treatment = clinic.treatmentTypes[0]!;
  const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  const { slots } = await tidbok.slots({ treatmentTypeId: treatment.id, from, to });
  const slot = slots[0]!;
  const hold = await tidbok.hold({ treatmentTypeId: treatment.id, practitionerId: slot.practitionerId, start: slot.start });
  const result = await tidbok.book({ hold, client: { name: 'Karin Ek', email: 'karin.ek@example.com' }, confirmation: 'none' });
  if ('status' in result) throw new Error('the demo clinic does not confirm bookings by e-mail');
  return result;
}

describe('pages under their Content-Security-Policy in Chromium', () => {
  it('the hosted booking page loads the widget and its times, and runs no injected script', async () => {
    const { page, problems } = await openPage(browser, '/c/demo/');
    const widget = page.locator('tidbok-booking');
    await widget.getByRole('button', { name: /^Fysioterapi/ }).click();
    await widget.locator('[part~="slot"]').first().waitFor();
    expect(problems).toEqual([]);
    expect(await injectedScriptRuns(page, problems)).toBe(false);
    await page.close();
  });

  it("the demo website's page does the same", async () => {
    const { page, problems } = await openPage(browser, '/demo/');
    const widget = page.locator('tidbok-booking');
    await widget.getByRole('button', { name: /^Fysioterapi/ }).click();
    await widget.locator('[part~="slot"]').first().waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("the demo intranet page runs its own inline script (by hash) and loads the staff calendar's chunk", async () => {
    const { page, problems } = await openPage(browser, `/demo/admin.html#tidbok-session=${encodeURIComponent(adminToken)}`);
    await page.waitForFunction(() => !location.hash.includes('tidbok-session'));
    // The calendar's week is drawn (its heading names the week; the demo's working time starts
    // today, so on a weekend this week has none to wait for).
    await expect.poll(() => page.locator('tidbok-calendar [part~="title"]').first().textContent(), { timeout: 15_000 }).toMatch(/Vecka \d+/);
    expect(problems).toEqual([]);
    expect(await injectedScriptRuns(page, problems)).toBe(false);
    await page.close();
  });

  it('the manage page shows the booking and posts its form', async () => {
    const { booking, manageToken } = await book();
    const { page, problems } = await openPage(browser, `/b/demo/${booking.id}?t=${encodeURIComponent(manageToken)}`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Din bokning');
    const posted = page.waitForResponse((res) => res.request().method() === 'POST');
    await page.locator('form button[type="submit"]').first().click();
    expect((await posted).status()).toBe(200);
    await page.waitForLoadState();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the receipt renders with its styles and runs nothing', async () => {
    const { booking } = await book();
    await createTidbokAdmin({ baseUrl: srv.url, clinic: 'demo', token: adminToken }).bookings.pay(booking.id, { method: 'card' });
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${adminToken}` } });
    const { page, problems } = await openPage(context, `/v1/clinics/demo/admin/bookings/${booking.id}/receipt`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Kvitto');
    // The inline <style> applies: the header has its rule.
    expect(await page.locator('header').evaluate((el) => getComputedStyle(el).borderBottomStyle)).toBe('solid');
    expect(problems).toEqual([]);
    expect(await injectedScriptRuns(page, problems)).toBe(false);
    await context.close();
  });
});
