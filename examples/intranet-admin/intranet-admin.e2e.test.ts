// End to end: the intranet page in a real Chromium (playwright-core), served by a real Tidbok
// server with the demo clinic, the staff elements bundled with esbuild as the embed script.
import { createTidbokAdmin } from '@tidbok/sdk';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/src/demo.js';
import { authenticateStaff } from '../../server/src/services/clinics.js';
import { createStaffSession } from '../../server/src/services/staff-sessions.js';
import { createTestContext, type TestContext } from '../../server/src/testing.js';
import { closeInOrder, type EmbedServer, launchChromium, listenWithEmbed } from '../../server/src/testing-browser.js';

let t: TestContext;
let srv: EmbedServer;
let browser: Browser;
let token: string;
/** A session for the demo admin, as `npm start` prints in the staff page's link. */
let session: string;

beforeAll(async () => {
  // A Wednesday; the demo seeds four weeks of working time from it. The page shows the next week.
  t = await createTestContext({ now: '2027-03-03T06:00:00Z' });
  ({ adminToken: token } = await seedDemo(t.app.deps));
  const demoAdmin = (await authenticateStaff(t.app.deps, token))!;
  session = (
    await createStaffSession(t.app.deps, undefined, {
      staff: { id: demoAdmin.staff_id, clinic_id: demoAdmin.clinic_id },
      method: 'invitation',
      ttlMinutes: 720,
    })
  ).token;
  srv = await listenWithEmbed(
    t,
    [
      "import { defineAdminElements } from './packages/elements/src/admin/index.ts';",
      "import { TidbokProvider } from './packages/elements/src/provider/provider.ts';",
      "import { define } from './packages/elements/src/shared/define.ts';",
      'defineAdminElements();',
      "define('tidbok-provider', TidbokProvider);",
    ].join('\n'),
  );
  browser = await launchChromium();
}, 60_000);

afterAll(() => closeInOrder(browser, srv, t));

async function openPage(query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(`${srv.url}/demo/admin.html${query}`);
  return page;
}

describe('examples/intranet-admin', () => {
  it('opens the calendar with the session from the link, books by double-click, and keeps the session only in the tab', async () => {
    const page = await openPage(`?date=2027-03-08#tidbok-session=${encodeURIComponent(session)}`);
    // The session leaves the address bar at once (a fragment never reaches a server anyway).
    await page.waitForFunction(() => !location.hash.includes('tidbok-session'));
    expect(await page.evaluate(() => sessionStorage.getItem('tidbok-demo-staff-session'))).toBe(session);
    expect(await page.locator('tidbok-admin').getAttribute('token')).toBeNull();

    await page.locator('tidbok-calendar [part~="working-time"]').first().waitFor();
    await expect(page.locator('tidbok-calendar [part~="title"]').textContent()).resolves.toContain('Vecka 10');

    // Anna's calendar; double-click Monday 10:00.
    const anna = await page.locator('tidbok-calendar #practitioner-filter option', { hasText: 'Anna Lindqvist' }).getAttribute('value');
    await page.locator('tidbok-calendar #practitioner-filter').selectOption(anna!);
    const monday = page.locator('tidbok-calendar .day[data-date="2027-03-08"]');
    const box = (await monday.boundingBox())!;
    // 07–19 shown: 10:00 is a quarter of the way down.
    await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height * 0.25 + 2);
    const popup = page.locator('tidbok-entry-popup [role="dialog"]');
    await popup.waitFor();
    await expect(popup.locator('[role="tab"][aria-selected="true"]').textContent()).resolves.toContain('Bokning');

    await popup.getByRole('button', { name: 'Lägg till ny klient' }).click();
    await popup.getByRole('textbox', { name: 'Namn' }).fill('Test Testsson');
    await popup.getByRole('textbox', { name: 'E-post' }).fill('test@example.se');
    await popup.getByRole('button', { name: 'Använd' }).click();
    await popup.getByLabel('Behandlingsform').selectOption({ label: 'Samtalsbehandling (60 min)' });
    // Whatever was chosen, the popup stays where it was and inside the window.
    const rect = await popup.evaluate((d) => d.getBoundingClientRect().toJSON() as DOMRect);
    expect(rect.top).toBeGreaterThanOrEqual(0);
    expect(rect.bottom).toBeLessThanOrEqual(900);
    await popup.getByRole('button', { name: 'Skapa' }).click();

    const block = page.getByRole('button', { name: /^Bokning 10:00–11:00, Test Testsson, Samtalsbehandling/ });
    await block.waitFor();
    const admin = createTidbokAdmin({ baseUrl: srv.url, clinic: 'demo', token });
    const { entries } = await admin.calendar({ from: '2027-03-08', to: '2027-03-08' });
    const booking = entries.find((e) => e.kind === 'booking');
    expect(booking).toMatchObject({ start: '2027-03-08T09:00:00Z', end: '2027-03-08T10:00:00Z', practitionerId: anna, clientName: 'Test Testsson' });

    // A reload opens the calendar again from the tab's storage, without the session in the address.
    await page.goto(`${srv.url}/demo/admin.html?date=2027-03-08`);
    await page.locator('tidbok-calendar [part~="working-time"]').first().waitFor();
    await page
      .getByRole('button', { name: /Test Testsson/ })
      .first()
      .waitFor();
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('without a session sends people to the staff sign-in page and asks for no key; signing out ends the session', async () => {
    const page = await openPage('?date=2027-03-08');
    await expect(page.getByRole('link', { name: 'Till inloggningen för personal' }).getAttribute('href')).resolves.toBe('/staff/demo/');
    expect(await page.locator('input').count()).toBe(0);

    // Another address than the one open (a change of fragment alone would not load the page again).
    await page.goto(`${srv.url}/demo/admin.html?date=2027-03-08&lang=sv#tidbok-session=${encodeURIComponent(session)}`);
    await page.locator('tidbok-calendar [part~="working-time"]').first().waitFor();
    const ended = page.waitForResponse((res) => res.request().method() === 'DELETE' && res.url().includes('/admin/sessions/'));
    await page.getByRole('button', { name: 'Logga ut från kalendern' }).click();
    expect((await ended).status()).toBe(204);
    await page.getByRole('link', { name: 'Till inloggningen för personal' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('tidbok-demo-staff-session'))).toBeNull();
    const after = await fetch(`${srv.url}/v1/clinics/demo/admin/me/sessions`, { headers: { authorization: `Bearer ${session}` } });
    expect(after.status).toBe(401);
    await page.close();
  }, 60_000);
});
