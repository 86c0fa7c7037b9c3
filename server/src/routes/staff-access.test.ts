import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStaffSession } from '../services/staff-sessions.js';
import { createTestContext, listen, type TestContext } from '../testing.js';

let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let slug: string;
let adminToken: string;

async function call(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/v1/clinics/${slug}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function addStaff(name: string, role: string, email?: string) {
  const res = await call('POST', '/admin/staff', adminToken, { name, role, ...(email ? { email } : {}) });
  expect(res.status).toBe(201);
  return res.body as { staff: { id: string }; token: string };
}

async function newKey(name = 'Intranet') {
  const res = await call('POST', '/admin/integration-keys', adminToken, { name });
  expect(res.status).toBe(201);
  return res.body as { id: string; key: string };
}

beforeEach(async () => {
  t = await createTestContext();
  server = await listen(t.app);
  ({ slug, token: adminToken } = await t.clinic('lugna'));
});
afterEach(async () => {
  await server.close();
  await t.close();
});

describe('integration keys', () => {
  it('are created once (key shown in the answer only), listed with last use and revoked by admins', async () => {
    const created = await newKey('Intranätet');
    expect(created.key).toMatch(/^tik_/);
    expect(created.id).toMatch(/^ik_/);
    let list = await call('GET', '/admin/integration-keys', adminToken);
    expect(list.body.integrationKeys).toEqual([{ id: created.id, name: 'Intranätet', createdAt: '2027-03-01T08:00:00Z', lastUsedAt: null }]);
    expect(JSON.stringify(list.body)).not.toContain(created.key);

    const pia = await addStaff('Pia', 'reception', 'pia@example.com');
    t.clock.advance(5 * 60_000);
    expect((await call('POST', '/staff-sessions', created.key, { email: 'pia@example.com' })).status).toBe(201);
    list = await call('GET', '/admin/integration-keys', adminToken);
    expect(list.body.integrationKeys[0].lastUsedAt).toBe('2027-03-01T08:05:00Z');

    expect((await call('DELETE', `/admin/integration-keys/${created.id}`, adminToken)).status).toBe(204);
    expect((await call('GET', '/admin/integration-keys', adminToken)).body.integrationKeys).toEqual([]);
    expect((await call('DELETE', `/admin/integration-keys/${created.id}`, adminToken)).status).toBe(404);
    expect(pia.staff.id).toMatch(/^st_/);
  });

  it('are for admins only', async () => {
    const reception = await addStaff('Rita', 'reception');
    const practitioner = await addStaff('Per', 'practitioner');
    for (const who of [reception.token, practitioner.token]) {
      expect((await call('GET', '/admin/integration-keys', who)).status).toBe(403);
      expect((await call('POST', '/admin/integration-keys', who, { name: 'x' })).status).toBe(403);
    }
    const key = await newKey();
    expect((await call('DELETE', `/admin/integration-keys/${key.id}`, reception.token)).status).toBe(403);
  });

  it('refuse names that are empty or more than one line', async () => {
    const empty = await call('POST', '/admin/integration-keys', adminToken, { name: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('validation_failed');
    expect((await call('POST', '/admin/integration-keys', adminToken, { name: 'a\nb' })).status).toBe(400);
  });

  it('are not staff tokens: a key reaches no admin route', async () => {
    const { key } = await newKey();
    for (const path of ['/admin/me', '/admin/staff', '/admin/integration-keys', '/admin/settings']) {
      const res = await call('GET', path, key);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthorized');
    }
  });
});

describe('the handshake', () => {
  it('trades the key and an e-mail for a session that reaches admin routes until it expires', async () => {
    const pia = await addStaff('Pia', 'reception', 'Pia@Example.com');
    const { key } = await newKey();
    const res = await call('POST', '/staff-sessions', key, { email: 'pia@example.COM', ttlMinutes: 60 });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^tss_/);
    expect(res.body.expiresAt).toBe('2027-03-01T09:00:00Z');
    expect(res.body.staff).toMatchObject({ id: pia.staff.id, name: 'Pia', role: 'reception' });

    const me = await call('GET', '/admin/me', res.body.token);
    expect(me.status).toBe(200);
    expect(me.body.staff.id).toBe(pia.staff.id);

    t.clock.advance(60 * 60_000 - 1);
    expect((await call('GET', '/admin/me', res.body.token)).status).toBe(200);
    t.clock.advance(1);
    const expired = await call('GET', '/admin/me', res.body.token);
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('token_expired');
  });

  it('takes a staff id, defaults to 480 minutes and refuses more than 720', async () => {
    const per = await addStaff('Per', 'practitioner');
    const { key } = await newKey();
    const res = await call('POST', '/staff-sessions', key, { staffId: per.staff.id });
    expect(res.status).toBe(201);
    expect(res.body.expiresAt).toBe('2027-03-01T16:00:00Z');
    const long = await call('POST', '/staff-sessions', key, { staffId: per.staff.id, ttlMinutes: 721 });
    expect(long.status).toBe(400);
    expect(long.body.code).toBe('validation_failed');
    expect((await call('POST', '/staff-sessions', key, { staffId: per.staff.id, ttlMinutes: 720 })).status).toBe(201);
  });

  it('answers 404 for unknown staff and 400 without exactly one of email and staffId', async () => {
    await addStaff('Pia', 'reception', 'pia@example.com');
    const { key } = await newKey();
    const unknown = await call('POST', '/staff-sessions', key, { email: 'nobody@example.com' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
    expect((await call('POST', '/staff-sessions', key, { staffId: 'st_nope' })).status).toBe(404);
    expect((await call('POST', '/staff-sessions', key, {})).status).toBe(400);
    expect((await call('POST', '/staff-sessions', key, { email: 'pia@example.com', staffId: 'st_x' })).status).toBe(400);
  });

  it('answers 401 to a missing, wrong or revoked key, and to a staff token', async () => {
    await addStaff('Pia', 'reception', 'pia@example.com');
    const { id, key } = await newKey();
    const ok = await call('POST', '/staff-sessions', key, { email: 'pia@example.com' });
    expect((await call('POST', '/staff-sessions', null, { email: 'pia@example.com' })).status).toBe(401);
    expect((await call('POST', '/staff-sessions', `${key}x`, { email: 'pia@example.com' })).status).toBe(401);
    expect((await call('POST', '/staff-sessions', adminToken, { email: 'pia@example.com' })).status).toBe(401);
    expect((await call('POST', '/staff-sessions', ok.body.token, { email: 'pia@example.com' })).status).toBe(401);

    await call('DELETE', `/admin/integration-keys/${id}`, adminToken);
    const revoked = await call('POST', '/staff-sessions', key, { email: 'pia@example.com' });
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('unauthorized');
    // The sessions the key opened end with it.
    expect((await call('GET', '/admin/me', ok.body.token)).status).toBe(401);
  });

  it("does not open sessions in another clinic, nor for another clinic's staff", async () => {
    const other = await t.clinic('annan');
    await call('POST', '/admin/staff', adminToken, { name: 'Pia', role: 'reception', email: 'pia@example.com' });
    const { key } = await newKey();
    const res = await fetch(`${server.url}/v1/clinics/${other.slug}/staff-sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'pia@example.com' }),
    });
    expect(res.status).toBe(403);
    const otherStaff = await fetch(`${server.url}/v1/clinics/${other.slug}/admin/staff`, { headers: { authorization: `Bearer ${other.token}` } });
    const otherAdmin = ((await otherStaff.json()) as any).staff[0].id;
    expect((await call('POST', '/staff-sessions', key, { staffId: otherAdmin })).status).toBe(404);
  });

  it('is counted by the per-address write limit', async () => {
    await server.close();
    await t.close();
    t = await createTestContext({ config: { rateLimitPerMinute: 3 } });
    server = await listen(t.app);
    ({ slug, token: adminToken } = await t.clinic('lugna'));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('POST', '/staff-sessions', 'tik_guess', { email: 'a@example.com' })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

describe('sessions', () => {
  it('end after the idle timeout; use within it keeps them open', async () => {
    const pia = await addStaff('Pia', 'reception');
    const own = await createStaffSession(t.app.deps, undefined, {
      staff: { id: pia.staff.id, clinic_id: await clinicId() },
      method: 'password',
      ttlMinutes: 600,
      idleMinutes: 30,
    });
    expect(own.token).toMatch(/^tss_/);
    for (let i = 0; i < 5; i++) {
      t.clock.advance(20 * 60_000);
      expect((await call('GET', '/admin/me', own.token)).status).toBe(200);
    }
    t.clock.advance(30 * 60_000);
    const idle = await call('GET', '/admin/me', own.token);
    expect(idle.status).toBe(401);
    expect(idle.body.code).toBe('token_expired');
  });

  it('are listed for their owner and admins, and ended one at a time or everywhere', async () => {
    const pia = await addStaff('Pia', 'reception', 'pia@example.com');
    const rita = await addStaff('Rita', 'reception', 'rita@example.com');
    const { key } = await newKey();
    const ua = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' };
    const first = (await call('POST', '/staff-sessions', key, { email: 'pia@example.com' }, ua)).body.token;
    t.clock.advance(1000);
    const second = (await call('POST', '/staff-sessions', key, { email: 'pia@example.com' })).body.token;
    const ritas = (await call('POST', '/staff-sessions', key, { email: 'rita@example.com' })).body.token;

    const mine = await call('GET', '/admin/me/sessions', second);
    expect(mine.status).toBe(200);
    expect(mine.body.sessions).toHaveLength(2);
    expect(mine.body.sessions[0]).toMatchObject({ method: 'integration', current: true, idleTimeoutMinutes: null });
    expect(mine.body.sessions[1]).toMatchObject({ current: false, client: 'Firefox on Linux, 127.0.0.1' });
    expect((await call('GET', `/admin/staff/${pia.staff.id}/sessions`, first)).body.sessions).toHaveLength(2);
    expect((await call('GET', `/admin/staff/${pia.staff.id}/sessions`, adminToken)).body.sessions).toHaveLength(2);
    // Not someone else's, unless an admin.
    expect((await call('GET', `/admin/staff/${pia.staff.id}/sessions`, ritas)).status).toBe(403);
    const firstId = mine.body.sessions[1].id;
    expect((await call('DELETE', `/admin/sessions/${firstId}`, ritas)).status).toBe(404);
    expect((await call('GET', '/admin/me', first)).status).toBe(200);

    expect((await call('DELETE', `/admin/sessions/${firstId}`, second)).status).toBe(204);
    expect((await call('GET', '/admin/me', first)).status).toBe(401);
    expect((await call('GET', '/admin/me', second)).status).toBe(200);

    const out = await call('POST', '/admin/me/logout-everywhere', second);
    expect(out.body).toEqual({ ended: 1 });
    expect((await call('GET', '/admin/me', second)).status).toBe(401);
    // Personal tokens are not sessions: they stay.
    expect((await call('GET', '/admin/me', pia.token)).status).toBe(200);

    const ritaSessions = await call('GET', `/admin/staff/${rita.staff.id}/sessions`, adminToken);
    expect((await call('DELETE', `/admin/sessions/${ritaSessions.body.sessions[0].id}`, adminToken)).status).toBe(204);
    expect((await call('GET', '/admin/me', ritas)).status).toBe(401);
  });

  it('of a staff member all end when an admin ends them, or when the person is removed', async () => {
    const pia = await addStaff('Pia', 'reception', 'pia@example.com');
    const { key } = await newKey();
    const a = (await call('POST', '/staff-sessions', key, { email: 'pia@example.com' })).body.token;
    const b = (await call('POST', '/staff-sessions', key, { email: 'pia@example.com' })).body.token;
    expect((await call('DELETE', `/admin/staff/${pia.staff.id}/sessions`, a)).status).toBe(403);
    expect((await call('DELETE', `/admin/staff/${pia.staff.id}/sessions`, adminToken)).body).toEqual({ ended: 2 });
    expect((await call('GET', '/admin/me', b)).status).toBe(401);
    const c = (await call('POST', '/staff-sessions', key, { email: 'pia@example.com' })).body.token;
    expect((await call('DELETE', `/admin/staff/${pia.staff.id}`, adminToken)).status).toBe(204);
    expect((await call('GET', '/admin/me', c)).status).toBe(401);
  });

  it('note when they were last seen at most once a minute', async () => {
    await addStaff('Pia', 'reception', 'pia@example.com');
    const { key } = await newKey();
    const token = (await call('POST', '/staff-sessions', key, { email: 'pia@example.com' })).body.token;
    const lastSeen = async () => (await call('GET', '/admin/me/sessions', token)).body.sessions[0].lastSeenAt;
    t.clock.advance(59_000);
    expect(await lastSeen()).toBe('2027-03-01T08:00:00Z');
    t.clock.advance(1_000);
    expect(await lastSeen()).toBe('2027-03-01T08:01:00Z');
    t.clock.advance(30_000);
    expect(await lastSeen()).toBe('2027-03-01T08:01:00Z');
  });
});

describe('personal API tokens', () => {
  it('are made, listed with last use and expiry, and revoked by their owner', async () => {
    const pia = await addStaff('Pia', 'practitioner');
    const made = await call('POST', '/admin/me/tokens', pia.token, { name: 'Backup script', expiresInDays: 30 });
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(/^tbs_/);
    expect(made.body.tokenInfo).toMatchObject({ name: 'Backup script', expiresAt: '2027-03-31T08:00:00Z', lastUsedAt: null });
    t.clock.advance(2 * 60_000);
    expect((await call('GET', '/admin/me', made.body.token)).status).toBe(200);
    const list = await call('GET', '/admin/me/tokens', pia.token);
    expect(list.body.tokens).toHaveLength(2);
    const script = list.body.tokens.find((x: any) => x.name === 'Backup script');
    expect(script).toMatchObject({ lastUsedAt: '2027-03-01T08:02:00Z', current: false });
    expect(list.body.tokens.find((x: any) => x.name === null)).toMatchObject({ current: true });
    expect(JSON.stringify(list.body)).not.toContain(made.body.token);

    expect((await call('DELETE', `/admin/me/tokens/${script.id}`, pia.token)).status).toBe(204);
    expect((await call('GET', '/admin/me', made.body.token)).status).toBe(401);
  });

  it('stop at their expiry with token_expired', async () => {
    const made = await call('POST', '/admin/me/tokens', adminToken, { name: 'Kort', expiresInDays: 1 });
    t.clock.advance(86_400_000 - 1);
    expect((await call('GET', '/admin/me', made.body.token)).status).toBe(200);
    t.clock.advance(1);
    const res = await call('GET', '/admin/me', made.body.token);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('token_expired');
    expect((await call('GET', '/admin/me/tokens', adminToken)).body.tokens.map((x: any) => x.name)).toEqual([null]);
  });

  it("are listed and revoked by admins, but not by others; nobody revokes another's through /me", async () => {
    const pia = await addStaff('Pia', 'practitioner');
    const rita = await addStaff('Rita', 'reception');
    const list = await call('GET', `/admin/staff/${pia.staff.id}/tokens`, adminToken);
    expect(list.status).toBe(200);
    const [first] = list.body.tokens;
    expect((await call('GET', `/admin/staff/${pia.staff.id}/tokens`, rita.token)).status).toBe(403);
    expect((await call('DELETE', `/admin/staff/${pia.staff.id}/tokens/${first.id}`, rita.token)).status).toBe(403);
    expect((await call('DELETE', `/admin/me/tokens/${first.id}`, rita.token)).status).toBe(404);
    expect((await call('DELETE', `/admin/staff/${rita.staff.id}/tokens/${first.id}`, adminToken)).status).toBe(404);
    expect((await call('GET', '/admin/me', pia.token)).status).toBe(200);
    expect((await call('DELETE', `/admin/staff/${pia.staff.id}/tokens/${first.id}`, adminToken)).status).toBe(204);
    expect((await call('GET', '/admin/me', pia.token)).status).toBe(401);
  });
});

async function clinicId(): Promise<string> {
  const row = await t.store.db.selectFrom('clinics').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return row.id;
}
