// The hosted staff page in a real Chromium (playwright-core) against a real server with the demo
// clinic: a passkey made from an invitation link with a virtual authenticator (DevTools
// protocol, WebAuthn domain), signing in with it again, the staff calendar shown with the
// session, logging out and out everywhere — all under the page's Content-Security-Policy.
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo.js';
import { openLink } from '../notifications/sealed-link.js';
import { createTestContext, type TestContext } from '../testing.js';
import { closeInOrder, type EmbedServer, launchChromium, listenWithEmbed, watchProblems } from '../testing-browser.js';

/** Where the screenshots go, to be looked at by a person (not compared). */
const shots = process.env.TIDBOK_SCREENSHOTS_DIR;

let t: TestContext;
let srv: EmbedServer;
let browser: Browser;
let adminToken: string;
/** The page's origin: WebAuthn needs a host name (not an IP address) as the RP ID. */
let origin: string;

beforeAll(async () => {
  t = await createTestContext({ now: new Date().toISOString() });
  ({ adminToken } = await seedDemo(t.app.deps));
  srv = await listenWithEmbed(t);
  origin = srv.url.replace('127.0.0.1', 'localhost');
  // The relying party is read from the configuration on every request.
  (t.app.deps.config as { publicUrl: string }).publicUrl = origin;
  browser = await launchChromium();
}, 60_000);

afterAll(() => closeInOrder(browser, srv, t));

async function api(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${srv.url}/v1/clinics/demo${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (res.status === 204 ? undefined : await res.json()) as any };
}

/** A new staff member and the invitation link e-mailed to them. */
async function invite(name: string, email: string, role: string) {
  const created = await api('POST', '/admin/staff', adminToken, { name, email, role });
  expect(created.status).toBe(201);
  expect((await api('POST', `/admin/staff/${created.json.staff.id}/invite`, adminToken)).status).toBe(202);
  const message = await t.store.db
    .selectFrom('messages')
    .selectAll()
    .where('kind', '=', 'staff_invitation')
    .where('to_address', '=', email)
    .executeTakeFirstOrThrow();
  return { staffId: created.json.staff.id as string, link: openLink(t.app.deps.config, message.id, message.secret_url!) };
}

/** A page that records CSP violations and errors, with a virtual platform authenticator. */
async function openPage(locale = 'sv-SE'): Promise<{ page: Page; problems: string[]; cdp: CDPSession; authenticatorId: string }> {
  const context = await browser.newContext({ locale, timezoneId: 'Europe/Stockholm', viewport: { width: 1200, height: 850 } });
  const page = await context.newPage();
  const problems = watchProblems(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { page, problems, cdp, authenticatorId };
}

const shoot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
};
const sessionToken = (page: Page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('tidbok-staff:demo') ?? 'null')?.token as string | undefined);

describe('hosted staff page', () => {
  it('makes a passkey from an invitation, signs in with it, shows the calendar and logs out everywhere', async () => {
    const { link } = await invite('Pia Persson', 'pia@example.com', 'reception');
    const { page, problems, cdp, authenticatorId } = await openPage();
    await page.goto(link.replace(t.app.deps.config.publicUrl, origin));
    await expect.poll(() => page.locator('#invitee').textContent()).toBe('Pia Persson');
    await shoot(page, 'staff-invitation-sv');

    await page.locator('#invite-passkey').click();
    await page.locator('#signed-in').waitFor();
    await expect.poll(() => page.locator('#who').textContent()).toBe('Inloggad som Pia Persson');
    // The invitation is out of the address bar, and the calendar came up with the session.
    expect(page.url()).not.toContain('invitation');
    // The calendar's week is drawn (its heading names the week; the demo's working time starts
    // today, so on a weekend this week has none to wait for).
    await expect.poll(() => page.locator('tidbok-calendar [part~="title"]').first().textContent(), { timeout: 15_000 }).toMatch(/Vecka \d+/);
    await shoot(page, 'staff-calendar-sv');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.isResidentCredential).toBe(true);
    expect(credentials[0]!.rpId).toBe('localhost');
    const first = (await sessionToken(page))!;
    expect(first).toMatch(/^tss_/);

    // Log out: this session ends; the page offers sign-in again.
    await page.locator('#log-out').click();
    await page.locator('#sign-in').waitFor();
    expect((await api('GET', '/admin/me/credentials', first)).status).toBe(401);
    expect(await sessionToken(page)).toBeUndefined();

    // Sign in with the passkey: no e-mail, no password.
    await page.locator('#passkey-sign-in').click();
    await page.locator('#signed-in').waitFor();
    const second = (await sessionToken(page))!;
    const mine = await api('GET', '/admin/me/credentials', second);
    expect(mine.json.passkeys).toHaveLength(1);
    expect(mine.json.passkeys[0].lastUsedAt).not.toBeNull();

    // A reload keeps the tab signed in.
    await page.reload();
    await page.locator('#signed-in').waitFor();
    expect(await sessionToken(page)).toBe(second);

    // Log out everywhere ends this session and any other.
    const elsewhere = await openPage();
    await elsewhere.page.goto(`${origin}/staff/demo/`);
    await elsewhere.cdp.send('WebAuthn.addCredential', {
      authenticatorId: elsewhere.authenticatorId,
      credential: { ...credentials[0]!, signCount: credentials[0]!.signCount + 10 },
    });
    await elsewhere.page.locator('#passkey-sign-in').click();
    await elsewhere.page.locator('#signed-in').waitFor();
    const other = (await sessionToken(elsewhere.page))!;
    expect((await api('GET', '/admin/me/credentials', other)).status).toBe(200);
    await page.locator('#log-out-everywhere').click();
    await page.locator('#sign-in').waitFor();
    expect((await api('GET', '/admin/me/credentials', second)).status).toBe(401);
    expect((await api('GET', '/admin/me/credentials', other)).status).toBe(401);
    expect(await page.locator('#status').textContent()).toBe('Du är utloggad på alla enheter.');

    expect(problems).toEqual([]);
    expect(elsewhere.problems).toEqual([]);
    await page.context().close();
    await elsewhere.page.context().close();
  });

  it('adds a passkey while signed in with a password, and says clearly when a passkey is unknown', async () => {
    const { link } = await invite('Bo Berg', 'bo@example.com', 'practitioner');
    const { page, problems, cdp, authenticatorId } = await openPage('en-GB');
    await page.goto(`${link.replace(t.app.deps.config.publicUrl, origin).replace('/#', '/?lang=en#')}`);
    await expect.poll(() => page.locator('#invitee').textContent()).toBe('Bo Berg');
    await page.locator('#new-password').fill('a long passphrase for Bo');
    await page.locator('#repeat-password').fill('a long passphrase for Bo');
    await page.locator('#invite-password button[type="submit"]').click();
    await page.locator('#signed-in').waitFor();
    await expect.poll(() => page.locator('#who').textContent()).toBe('Signed in as Bo Berg');

    // An authenticator app, offered since Bo signs in with a password.
    await page.locator('#add-totp').click();
    await page.locator('#totp-panel').waitFor();
    await shoot(page, 'staff-add-totp-en');
    const secret = ((await page.locator('#enrol-secret').textContent()) ?? '').replace(/\s+/g, '');
    await page.locator('#enrol-code').fill(TOTP.generate({ secret: Secret.fromBase32(secret) }));
    await page.locator('#enrol-code').press('Enter');
    await expect.poll(() => page.locator('#status').textContent()).toBe('The authenticator app is saved. Signing in with the password now asks for a code.');
    expect(await page.locator('#add-totp').isHidden()).toBe(true);

    await page.locator('#add-passkey').click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('The passkey is saved. Next time you can sign in with it.');
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);
    // Its owner can remove it again (and only its owner).
    const token = (await sessionToken(page))!;
    const [passkey] = (await api('GET', '/admin/me/credentials', token)).json.passkeys;
    expect((await api('DELETE', `/admin/me/passkeys/${passkey.id}`, adminToken)).status).toBe(404);
    expect((await api('DELETE', `/admin/me/passkeys/${passkey.id}`, token)).status).toBe(204);
    expect((await api('GET', '/admin/me/credentials', token)).json.passkeys).toEqual([]);

    // A passkey this server never registered is refused with a sentence, not a crash.
    await page.locator('#log-out').click();
    await page.locator('#sign-in').waitFor();
    await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
    await cdp.send('WebAuthn.addCredential', {
      authenticatorId,
      credential: {
        credentialId: Buffer.from('not-registered-anywhere').toString('base64'),
        isResidentCredential: true,
        rpId: 'localhost',
        privateKey: await newPrivateKey(),
        userHandle: Buffer.from('nobody').toString('base64'),
        signCount: 0,
      },
    });
    await page.locator('#passkey-sign-in').click();
    await expect.poll(() => page.locator('#error').textContent()).toBe('The passkey is not known to this clinic.');

    // The password form, with a wrong password.
    await page.locator('#email').fill('bo@example.com');
    await page.locator('#password').fill('not the passphrase');
    await page.locator('#password').press('Enter');
    await expect.poll(() => page.locator('#error').textContent()).toBe('Wrong e-mail address or password.');
    await shoot(page, 'staff-sign-in-error-en');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('asks an invited admin for an authenticator app, and shows the sign-in page in both languages', async () => {
    const { link } = await invite('Anna Admin', 'anna@example.com', 'admin');
    for (const [lang, locale] of [
      ['sv', 'sv-SE'],
      ['en', 'en-GB'],
    ] as const) {
      const { page, problems } = await openPage(locale);
      await page.goto(`${origin}/staff/demo/?lang=${lang}`);
      await page.locator('#sign-in').waitFor();
      await shoot(page, `staff-sign-in-${lang}`);
      await page.goto(link.replace(t.app.deps.config.publicUrl, origin).replace('/#', `/?lang=${lang}#`));
      await expect.poll(() => page.locator('#invitee').textContent()).toBe('Anna Admin');
      expect(await page.locator('#totp-required').isVisible()).toBe(true);
      expect(await page.locator('#use-totp').isDisabled()).toBe(true);
      expect(await page.locator('#totp-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      await shoot(page, `staff-invitation-admin-${lang}`);
      // Without a code the form says what is missing and sends nothing.
      await page.locator('#new-password').fill('admin passphrase long');
      await page.locator('#repeat-password').fill('admin passphrase long');
      await page.locator('#invite-password button[type="submit"]').click();
      await expect
        .poll(() => page.locator('#error').textContent())
        .toBe(lang === 'sv' ? 'Skriv in den sexsiffriga koden som appen visar.' : 'Enter the six-digit code the app shows.');
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });
});

describe('hosted staff page, idle', () => {
  it('sends a person back to sign-in, saying so, once the session has been idle for 30 minutes', async () => {
    const { link } = await invite('Ida Idle', 'ida@example.com', 'reception');
    const { page, problems } = await openPage();
    await page.goto(link.replace(t.app.deps.config.publicUrl, origin));
    await expect.poll(() => page.locator('#invitee').textContent()).toBe('Ida Idle');
    await page.locator('#new-password').fill('idas långa lösenfras');
    await page.locator('#repeat-password').fill('idas långa lösenfras');
    await page.locator('#repeat-password').press('Enter');
    await page.locator('#signed-in').waitFor();
    // The calendar's own requests would end the session too, if one reached the server after
    // the clock moved (a reload then shows a plain sign-in). This test is about the check a
    // reload makes: let the calendar finish loading, and hold its requests off until then.
    await page.waitForLoadState('networkidle');
    await page.route('**/admin/**', (route) => route.abort());
    t.clock.advance(31 * 60_000);
    await page.unroute('**/admin/**');
    await page.reload();
    await page.locator('#sign-in').waitFor();
    expect(await page.locator('#error').textContent()).toBe('Du har loggats ut. Logga in igen.');
    expect(await sessionToken(page)).toBeUndefined();
    // Signing in again with the password works from here.
    await page.locator('#email').fill('ida@example.com');
    await page.locator('#password').fill('idas långa lösenfras');
    await page.locator('#password').press('Enter');
    await page.locator('#signed-in').waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

/** A P-256 private key as PKCS#8 in base64, for a credential added to the virtual authenticator. */
async function newPrivateKey(): Promise<string> {
  const { generateKeyPairSync } = await import('node:crypto');
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
}
