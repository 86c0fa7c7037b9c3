// End to end: the example intranet (its own login, the handshake on its server) in a real
// Chromium (playwright-core), with a real Tidbok server and the demo clinic, the staff elements
// bundled with esbuild as the embed script. Two origins, as in real life: the intranet's and
// Tidbok's.
import type { AddressInfo } from 'node:net';
import { createTidbokAdmin, type TidbokAdmin } from '@tidbok/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/demo.js';
import { createTestContext, type TestContext } from '../../server/src/testing.js';
import { type EmbedServer, launchChromium, listenWithEmbed } from '../../server/src/testing-browser.js';
import { createIntranet } from './server.mjs';
import { setUpIntranet } from './setup.mjs';

let t: TestContext;
let tidbok: EmbedServer;
let intranet: ReturnType<typeof createIntranet>;
let intranetUrl: string;
let browser: Browser;
let admin: TidbokAdmin;
let annaStaffId: string;

beforeAll(async () => {
  // A Wednesday; the demo seeds four weeks of working time from it. The page shows the next week.
  t = await createTestContext({ now: '2027-03-03T06:00:00Z' });
  const { adminToken } = await seedDemo(t.app.deps);
  tidbok = await listenWithEmbed(t, "import { defineAdminElements } from './packages/elements/src/admin/index.ts';\ndefineAdminElements();");

  // What the clinic's admin does once in Tidbok (setup.mjs): Anna on the staff with her intranet
  // e-mail and her practitioner, an integration key for the intranet, the intranet's origin allowed.
  admin = createTidbokAdmin({ baseUrl: tidbok.url, clinic: 'demo', token: adminToken });
  let integrationKey = '';
  intranet = createIntranet({ tidbokUrl: tidbok.url, clinic: 'demo', integrationKey: () => integrationKey });
  await new Promise<void>((resolve) => intranet.listen(0, '127.0.0.1', resolve));
  intranetUrl = `http://127.0.0.1:${(intranet.address() as AddressInfo).port}`;
  const ready = await setUpIntranet({ baseUrl: tidbok.url, clinic: 'demo', token: adminToken, intranetOrigin: intranetUrl });
  integrationKey = ready.integrationKey;
  annaStaffId = ready.staffId;
  const anna = await admin.staff.get(annaStaffId);
  expect(anna).toMatchObject({ email: 'anna@lugnarummet.example', role: 'practitioner' });
  expect(anna.practitionerId).not.toBeNull();
  expect((await admin.settings.get()).booking.allowedOrigins).toEqual([intranetUrl]);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (intranet ? intranet.close(resolve) : resolve(undefined)));
  await tidbok?.close();
  await t?.close();
});

async function logIn(page: Page, email: string, password: string) {
  await page.goto(`${intranetUrl}/`);
  await page.waitForURL(/\/login$/);
  await page.getByLabel('E-post').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

describe('examples/intranet', () => {
  it("logs Anna in with the intranet's own password and shows her calendar, renewing the session without a reload", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const tokenRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/tidbok/token')) tokenRequests.push(request.method());
    });

    await logIn(page, 'anna@lugnarummet.example', 'wrong password, long enough');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Fel e-post eller lösenord');
    await page.getByLabel('E-post').fill('anna@lugnarummet.example');
    await page.getByLabel('Lösenord').fill('lugn-och-ro-2027');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${intranetUrl}/`);
    await page.goto(`${intranetUrl}/?date=2027-03-08`);

    // The page got a session made for Anna by the intranet's server; nothing asks for a key.
    const token = await page.locator('tidbok-admin').getAttribute('token');
    expect(token).toMatch(/^tss_/);
    expect(await page.locator('input[type="password"]').count()).toBe(0);
    await page.locator('tidbok-calendar [part~="working-time"]').first().waitFor();
    await expect(page.locator('tidbok-calendar [part~="title"]').textContent()).resolves.toContain('Vecka 10');
    const sessions = await admin.access.sessions.list(annaStaffId);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ method: 'integration' });
    // Anna is a practitioner: her own working time is what she sees in full.
    const shown = await page.locator('tidbok-calendar [part~="working-time"]').count();
    expect(shown).toBeGreaterThan(0);

    // Eight hours later on Tidbok's clock the session has run out: the element asks the
    // intranet for a new one and carries on, on the same page.
    t.clock.advance(8 * 60 * 60_000);
    await page.evaluate(() =>
      (document.querySelector('tidbok-admin')!.shadowRoot!.querySelector('tidbok-calendar') as unknown as { refresh(): Promise<void> }).refresh(),
    );
    expect(tokenRequests).toEqual(['POST']);
    const renewed = await admin.access.sessions.list(annaStaffId);
    expect(renewed).toHaveLength(1);
    expect(renewed[0]!.id).not.toBe(sessions[0]!.id);
    await page.locator('tidbok-calendar [part~="working-time"]').first().waitFor();
    // The same page (the calendar keeps its view and day in the address's #fragment only).
    expect(page.url()).toBe(`${intranetUrl}/?date=2027-03-08#tidbok-view=week&tidbok-date=2027-03-08`);

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/login$/);
    // Without the intranet login, no new Tidbok session.
    const refused = await page.evaluate(async () => (await fetch('/tidbok/token', { method: 'POST', headers: { 'x-intranet': '1' } })).status);
    expect(refused).toBe(401);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('tells an intranet user who is not on the clinic staff so, and opens no session', async () => {
    const page = await browser.newPage();
    await logIn(page, 'admin@lugnarummet.example', 'intranet-admin-2027');
    await page.waitForURL(`${intranetUrl}/`);
    await expect(page.locator('main').textContent()).resolves.toContain('finns inte bland mottagningens personal');
    expect(await page.locator('tidbok-admin').count()).toBe(0);
    await page.close();
  }, 60_000);
});
