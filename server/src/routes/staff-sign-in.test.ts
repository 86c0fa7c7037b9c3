// Password + TOTP sign-in, lock-out and invitations on the hosted staff page's API, over real
// HTTP against a real server on a real database, with the manual clock standing in for time.
import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLink } from '../notifications/sealed-link.js';
import { createTestContext, listen, type TestContext } from '../testing.js';

let t: TestContext;
let srv: Awaited<ReturnType<typeof listen>>;
let slug: string;
let adminToken: string;

beforeEach(async () => {
  t = await createTestContext();
  ({ slug, token: adminToken } = await t.clinic('lugna'));
  srv = await listen(t.app);
});
afterEach(async () => {
  await srv.close();
  await t.close();
});

async function http(method: string, path: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${srv.url}/v1/clinics/${slug}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : undefined) as any };
}

const code = (secret: string, at = t.clock.now()) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at });

/** Creates a staff member and invites them; the invitation token as the e-mail's link has it. */
async function invite(name: string, email: string, role: 'admin' | 'reception' | 'practitioner') {
  const created = await http('POST', '/admin/staff', { name, email, role }, adminToken);
  expect(created.status).toBe(201);
  const sent = await http('POST', `/admin/staff/${created.json.staff.id}/invite`, undefined, adminToken);
  expect(sent.status).toBe(202);
  expect(sent.json).toMatchObject({ staffId: created.json.staff.id, email });
  return { staffId: created.json.staff.id as string, token: await lastInvitation(email) };
}

/** The link in the newest invitation e-mail to `email`, opened as the dispatcher would. */
async function lastInvitation(email: string) {
  const message = await t.store.db
    .selectFrom('messages')
    .selectAll()
    .where('kind', '=', 'staff_invitation')
    .where('to_address', '=', email)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  // Sealed at rest: the stored value is not the link.
  expect(message.secret_url).not.toContain('invitation=');
  expect(message.body_text).toContain('72');
  const link = openLink(t.app.deps.config, message.id, message.secret_url!);
  expect(link).toMatch(new RegExp(`/staff/${slug}/#invitation=`));
  return decodeURIComponent(link.split('#invitation=')[1]!);
}

/** Accepts an invitation with a password (and, for admins, an authenticator app). */
async function acceptWithPassword(invitation: string, password: string, withTotp: boolean) {
  const view = await http('POST', '/staff-sign-in/invitation', { invitation });
  expect(view.status).toBe(200);
  const secret = view.json.totp.secret as string;
  const res = await http('POST', '/staff-sign-in/invitation/password', {
    invitation,
    password,
    ...(withTotp ? { totp: { secret, code: code(secret) } } : {}),
  });
  expect(res.status).toBe(201);
  return { secret, session: res.json };
}

describe('invitations', () => {
  it('are e-mailed with a sealed one-time link that sets a password once and signs in', async () => {
    const { token } = await invite('Pia Persson', 'pia@example.com', 'practitioner');
    const view = await http('POST', '/staff-sign-in/invitation', { invitation: token });
    expect(view.json).toMatchObject({ staff: { name: 'Pia Persson', email: 'pia@example.com', role: 'practitioner' }, totpRequired: false });
    expect(view.json.totp.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(view.json.totp.qrSvg).toMatch(/^<svg/);

    const short = await http('POST', '/staff-sign-in/invitation/password', { invitation: token, password: 'elva tecken' });
    expect(short.status).toBe(400);
    expect(short.json.errors[0].path).toBe('password');

    const { session } = await acceptWithPassword(token, 'en lång fras att minnas', false);
    expect(session).toMatchObject({ staff: { name: 'Pia Persson', role: 'practitioner' }, idleMinutes: 30 });
    expect(session.token).toMatch(/^tss_/);
    const mine = await http('GET', '/admin/me/credentials', undefined, session.token);
    expect(mine.json).toEqual({ passkeys: [], password: true, totp: false, totpRequired: false });

    // Used once: the same link does nothing more, for a password or a passkey.
    const again = await http('POST', '/staff-sign-in/invitation/password', { invitation: token, password: 'ett annat långt lösenord' });
    expect(again.status).toBe(410);
    expect(again.json.code).toBe('invitation_invalid');
    expect((await http('POST', '/staff-sign-in/invitation/passkey/options', { invitation: token })).status).toBe(410);

    // The password set with it signs in.
    const signIn = await http('POST', '/staff-sign-in/password', { email: 'PIA@example.com ', password: 'en lång fras att minnas' });
    expect(signIn.status).toBe(201);
  });

  it('expire after 72 hours, and a new invitation ends the older one', async () => {
    const first = await invite('Ola', 'ola@example.com', 'reception');
    t.clock.advance(72 * 3_600_000 - 1);
    expect((await http('POST', '/staff-sign-in/invitation', { invitation: first.token })).status).toBe(200);
    t.clock.advance(1);
    const late = await http('POST', '/staff-sign-in/invitation/password', { invitation: first.token, password: 'ett tillräckligt långt lösenord' });
    expect(late.status).toBe(410);

    const resent = await http('POST', `/admin/staff/${first.staffId}/invite`, undefined, adminToken);
    const second = await lastInvitation('ola@example.com');
    expect(resent.status).toBe(202);
    t.clock.advance(1_000);
    const third = (await http('POST', `/admin/staff/${first.staffId}/invite`, undefined, adminToken)).status;
    expect(third).toBe(202);
    const newest = await lastInvitation('ola@example.com');
    expect((await http('POST', '/staff-sign-in/invitation', { invitation: second })).status).toBe(410);
    expect((await http('POST', '/staff-sign-in/invitation', { invitation: newest })).status).toBe(200);
  });

  it('set one credential when the same link is sent twice at once', async () => {
    const { token } = await invite('Gun', 'gun@example.com', 'reception');
    const answers = await Promise.all(
      ['första långa lösenordet', 'andra långa lösenordet'].map((password) =>
        http('POST', '/staff-sign-in/invitation/password', { invitation: token, password }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 410]);
    const winner = answers.find((a) => a.status === 201)!;
    const password = winner === answers[0] ? 'första långa lösenordet' : 'andra långa lösenordet';
    expect((await http('POST', '/staff-sign-in/password', { email: 'gun@example.com', password })).status).toBe(201);
  });

  it('are sent by those who manage staff only, to people with an e-mail address', async () => {
    const { staffId } = await invite('Rut', 'rut@example.com', 'reception');
    const { session } = await acceptWithPassword(await lastInvitation('rut@example.com'), 'receptionens långa lösenord', false);
    expect((await http('POST', `/admin/staff/${staffId}/invite`, undefined, session.token)).status).toBe(403);
    const noEmail = await http('POST', '/admin/staff', { name: 'Utan Post', role: 'practitioner' }, adminToken);
    const refused = await http('POST', `/admin/staff/${noEmail.json.staff.id}/invite`, undefined, adminToken);
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0].path).toBe('email');
    expect((await http('POST', '/admin/staff/st_nobody/invite', undefined, adminToken)).status).toBe(404);
  });
});

describe('password and TOTP', () => {
  it('admins must enrol an authenticator app, and then sign in with a fresh code each time', async () => {
    const { token } = await invite('Anna Admin', 'anna@example.com', 'admin');
    const view = await http('POST', '/staff-sign-in/invitation', { invitation: token });
    expect(view.json.totpRequired).toBe(true);
    const secret = view.json.totp.secret as string;
    const password = 'administratörens lösenfras';

    const without = await http('POST', '/staff-sign-in/invitation/password', { invitation: token, password });
    expect(without.status).toBe(401);
    expect(without.json.code).toBe('totp_required');
    const wrongCode = await http('POST', '/staff-sign-in/invitation/password', {
      invitation: token,
      password,
      totp: { secret, code: code(secret, t.clock.now() - 5 * 60_000) },
    });
    expect(wrongCode.status).toBe(400);
    expect(wrongCode.json.errors[0].path).toBe('totp.code');
    // Neither spent the invitation.
    expect((await http('POST', '/staff-sign-in/invitation/password', { invitation: token, password, totp: { secret, code: code(secret) } })).status).toBe(201);

    t.clock.advance(60_000);
    const noCode = await http('POST', '/staff-sign-in/password', { email: 'anna@example.com', password });
    expect(noCode.status).toBe(401);
    expect(noCode.json.code).toBe('totp_required');
    const ok = await http('POST', '/staff-sign-in/password', { email: 'anna@example.com', password, totp: code(secret) });
    expect(ok.status).toBe(201);
    expect(ok.json.staff.role).toBe('admin');
    // The session works on admin routes.
    expect((await http('GET', '/admin/me/credentials', undefined, ok.json.token)).json).toMatchObject({ password: true, totp: true, totpRequired: true });

    // The same code a second time, within its 30 seconds: refused.
    t.clock.advance(1_000);
    const replay = await http('POST', '/staff-sign-in/password', { email: 'anna@example.com', password, totp: code(secret) });
    expect(replay.status).toBe(401);
    expect(replay.json.code).toBe('unauthorized');
    // A code one step old or new is still fine (clock drift); the next step's code works.
    t.clock.advance(30_000);
    expect((await http('POST', '/staff-sign-in/password', { email: 'anna@example.com', password, totp: code(secret) })).status).toBe(201);
    // An old code (two minutes back) does not.
    t.clock.advance(30_000);
    const old = await http('POST', '/staff-sign-in/password', { email: 'anna@example.com', password, totp: code(secret, t.clock.now() - 120_000) });
    expect(old.status).toBe(401);
  });

  it('others may enrol an app; without one they sign in with the password alone', async () => {
    const { token } = await invite('Bo', 'bo@example.com', 'practitioner');
    const { secret } = await acceptWithPassword(token, 'behandlarens lösenfras', true);
    expect((await http('POST', '/staff-sign-in/password', { email: 'bo@example.com', password: 'behandlarens lösenfras' })).json.code).toBe('totp_required');
    expect((await http('POST', '/staff-sign-in/password', { email: 'bo@example.com', password: 'behandlarens lösenfras', totp: code(secret) })).status).toBe(
      201,
    );

    const other = await invite('Cia', 'cia@example.com', 'reception');
    await acceptWithPassword(other.token, 'receptionens lösenfras', false);
    expect((await http('POST', '/staff-sign-in/password', { email: 'cia@example.com', password: 'receptionens lösenfras' })).status).toBe(201);
  });

  it('signed in, a person adds or removes an authenticator app; admins keep theirs', async () => {
    const { token } = await invite('Ivar', 'ivar@example.com', 'practitioner');
    const password = 'ivars långa lösenfras';
    const { session } = await acceptWithPassword(token, password, false);
    const enrolment = await http('POST', '/admin/me/totp/options', undefined, session.token);
    expect(enrolment.json.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    const secret = enrolment.json.secret as string;
    const wrong = await http('PUT', '/admin/me/totp', { secret, code: code(secret, t.clock.now() + 10 * 60_000) }, session.token);
    expect(wrong.status).toBe(400);
    expect((await http('PUT', '/admin/me/totp', { secret, code: code(secret) }, session.token)).status).toBe(204);
    expect((await http('GET', '/admin/me/credentials', undefined, session.token)).json.totp).toBe(true);
    // The code that proved the app does not sign in a second time.
    expect((await http('POST', '/staff-sign-in/password', { email: 'ivar@example.com', password, totp: code(secret) })).status).toBe(401);
    t.clock.advance(30_000);
    expect((await http('POST', '/staff-sign-in/password', { email: 'ivar@example.com', password, totp: code(secret) })).status).toBe(201);
    expect((await http('DELETE', '/admin/me/totp', undefined, session.token)).status).toBe(204);
    expect((await http('POST', '/staff-sign-in/password', { email: 'ivar@example.com', password })).status).toBe(201);

    // The clinic's first admin has no password: nothing to add an app to. Admins cannot drop theirs.
    const noPassword = await http('PUT', '/admin/me/totp', { secret, code: code(secret) }, adminToken);
    expect(noPassword.status).toBe(409);
    expect((await http('DELETE', '/admin/me/totp', undefined, adminToken)).status).toBe(409);
  });

  it('sessions end after 30 idle minutes', async () => {
    const { token } = await invite('Dag', 'dag@example.com', 'reception');
    const { session } = await acceptWithPassword(token, 'dags långa lösenfras', false);
    t.clock.advance(29 * 60_000);
    expect((await http('GET', '/admin/me/credentials', undefined, session.token)).status).toBe(200);
    t.clock.advance(31 * 60_000);
    const idle = await http('GET', '/admin/me/credentials', undefined, session.token);
    expect(idle.status).toBe(401);
  });
});

describe('lock-out', () => {
  it('slows down after each failure and locks the account for 15 minutes after five', async () => {
    const { token } = await invite('Eva', 'eva@example.com', 'practitioner');
    const password = 'evas riktiga lösenfras';
    await acceptWithPassword(token, password, false);
    const attempt = (pw: string) => http('POST', '/staff-sign-in/password', { email: 'eva@example.com', password: pw });

    const first = await attempt('fel lösenord 1');
    expect(first.status).toBe(401);
    expect(first.json.detail).toBe('The e-mail address or the password is wrong');
    // Too soon after a failure: wait, the password is not even checked.
    const soon = await attempt(password);
    expect(soon.status).toBe(429);
    expect(soon.json.code).toBe('rate_limited');
    expect(soon.headers.get('retry-after')).toBe('1');
    // 1, 2, 4, 8 seconds between attempts.
    for (const [wait, n] of [
      [1_000, 2],
      [2_000, 3],
      [4_000, 4],
    ] as const) {
      t.clock.advance(wait - 1);
      expect((await attempt('fel')).status, `attempt ${n} too early`).toBe(429);
      t.clock.advance(1);
      expect((await attempt(`fel lösenord ${n}`)).status, `attempt ${n}`).toBe(401);
    }
    t.clock.advance(8_000);
    const fifth = await attempt('fel lösenord 5');
    expect(fifth.status).toBe(429);
    expect(fifth.json.code).toBe('sign_in_locked');
    expect(fifth.json.detail).toMatch(/locked for 15 more minutes/);
    expect(fifth.headers.get('retry-after')).toBe('900');
    // Locked: even the right password is refused until the lock ends.
    t.clock.advance(14 * 60_000);
    expect((await attempt(password)).json.code).toBe('sign_in_locked');
    t.clock.advance(60_000);
    expect((await attempt(password)).status).toBe(201);
    // A success starts the count afresh.
    expect((await attempt('fel igen')).status).toBe(401);
  });

  it('counts guesses sent all at once before checking any of them', async () => {
    const { token } = await invite('Hans', 'hans@example.com', 'practitioner');
    await acceptWithPassword(token, 'hans riktiga lösenfras', false);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => http('POST', '/staff-sign-in/password', { email: 'hans@example.com', password: `gissning nummer ${i}` })),
    );
    // One is checked; the others come too soon after it and are not.
    expect(answers.filter((a) => a.status === 401)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 429 && a.json.code === 'rate_limited')).toHaveLength(7);
  });

  it('treats unknown e-mail addresses exactly like known ones', async () => {
    const attempt = () => http('POST', '/staff-sign-in/password', { email: 'nobody@example.com', password: 'vilket lösenord som helst' });
    const answers = [];
    for (const wait of [0, 1_000, 2_000, 4_000, 8_000]) {
      t.clock.advance(wait);
      answers.push(await attempt());
    }
    expect(answers.map((a) => a.json.code)).toEqual(['unauthorized', 'unauthorized', 'unauthorized', 'unauthorized', 'sign_in_locked']);
    expect(answers[0]!.json.detail).toBe('The e-mail address or the password is wrong');
  });

  it('locks an address that tries many accounts', async () => {
    for (let i = 1; i < 20; i++) {
      const res = await http('POST', '/staff-sign-in/password', { email: `guess${i}@example.com`, password: 'gissning nummer ett' });
      expect(res.status, `guess ${i}`).toBe(401);
    }
    const twentieth = await http('POST', '/staff-sign-in/password', { email: 'guess20@example.com', password: 'gissning nummer ett' });
    expect(twentieth.json.code).toBe('sign_in_locked');
    expect(twentieth.json.detail).toMatch(/this address/);
    const next = await http('POST', '/staff-sign-in/password', { email: 'guess21@example.com', password: 'gissning nummer ett' });
    expect(next.json.code).toBe('sign_in_locked');
  });

  it('counts wrong TOTP codes, and a right password without its code does not reset the count', async () => {
    const { token } = await invite('Fia Admin', 'fia@example.com', 'admin');
    const password = 'fias långa lösenfras';
    await acceptWithPassword(token, password, true);
    const send = (totp?: string) => http('POST', '/staff-sign-in/password', { email: 'fia@example.com', password, ...(totp ? { totp } : {}) });
    const codes: string[] = [];
    for (const wait of [0, 1_000, 2_000, 4_000]) {
      t.clock.advance(wait);
      expect((await send()).json.code).toBe('totp_required');
      codes.push((await send('000000')).json.code);
    }
    t.clock.advance(8_000);
    codes.push((await send('000001')).json.code);
    expect(codes).toEqual(['unauthorized', 'unauthorized', 'unauthorized', 'unauthorized', 'sign_in_locked']);
  });
});

describe('staff page', () => {
  it('is served per clinic in its language, with its script as a file under the page policy', async () => {
    const page = await fetch(`${srv.url}/staff/${slug}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('Logga in med nyckel (passkey)');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    const en = await (await fetch(`${srv.url}/staff/${slug}/?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Sign in with a passkey');
    const script = await fetch(`${srv.url}/staff/sign-in.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('navigator.credentials');
    expect((await fetch(`${srv.url}/staff/nosuchclinic/`)).status).toBe(404);
    const bare = await fetch(`${srv.url}/staff/${slug}`, { redirect: 'manual' });
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe(`/staff/${slug}/`);
  });
});
