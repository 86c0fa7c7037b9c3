import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTidbokAdmin, type TidbokAdmin } from './admin-client.js';
import { createStaffSession } from './index.js';
import { type Served, serve } from './test-support.js';

let s: Served;
let admin: TidbokAdmin;
let key: string;

beforeEach(async () => {
  s = await serve('lugna');
  admin = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: s.token });
  await admin.staff.create({ name: 'Pia Ek', role: 'reception', email: 'pia@example.com' });
  key = (await admin.access.integrationKeys.create('Intranätet')).key;
});
afterEach(async () => {
  await s.close();
});

const handshake = (extra: { email?: string; staffId?: string; ttlMinutes?: number } = { email: 'pia@example.com' }) =>
  createStaffSession({ baseUrl: s.url, clinic: s.slug, integrationKey: key, ...extra });

/** An admin client for Pia whose token provider opens a session by the handshake; `calls()` counts its calls. */
function piaWithProvider(options: { token?: string; ttlMinutes?: number } = {}) {
  let calls = 0;
  const pia = createTidbokAdmin({
    baseUrl: s.url,
    clinic: s.slug,
    ...(options.token ? { token: options.token } : {}),
    tokenProvider: async () => {
      calls++;
      return (await handshake({ email: 'pia@example.com', ...(options.ttlMinutes ? { ttlMinutes: options.ttlMinutes } : {}) })).token;
    },
  });
  return { pia, calls: () => calls };
}

describe('the handshake helper against a real server', () => {
  it('opens a session for the person, which the admin client can use', async () => {
    const session = await handshake({ email: 'pia@example.com', ttlMinutes: 30 });
    expect(session.token).toMatch(/^tss_/);
    expect(session.expiresAt).toBe('2027-03-01T08:30:00Z');
    expect(session.staff.name).toBe('Pia Ek');
    const pia = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: session.token });
    const sessions = await pia.access.sessions.list();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ method: 'integration', current: true });
  });

  it('answers not_found for an unknown person and unauthorized for a revoked key', async () => {
    await expect(handshake({ email: 'nobody@example.com' })).rejects.toMatchObject({ code: 'not_found', status: 404 });
    const [listed] = await admin.access.integrationKeys.list();
    await admin.access.integrationKeys.revoke(listed!.id);
    await expect(handshake()).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
  });
});

describe('createTidbokAdmin with a tokenProvider', () => {
  it('asks the provider for the first token, and once more when the session expires', async () => {
    const { pia, calls } = piaWithProvider({ ttlMinutes: 10 });
    // Two requests at once share the first call.
    await Promise.all([pia.settings.get(), pia.access.sessions.list()]);
    expect(calls()).toBe(1);
    s.t.clock.advance(10 * 60_000);
    // Both fail with token_expired together; one new token serves both retries.
    const [settings, sessions] = await Promise.all([pia.settings.get(), pia.access.sessions.list()]);
    expect(settings.name).toBe('Clinic lugna');
    expect(calls()).toBe(2);
    expect(sessions.filter((x) => x.current)).toHaveLength(1);
  });

  it('uses a given token first and the provider after it expires; without a provider the error reaches the caller', async () => {
    const first = await handshake({ email: 'pia@example.com', ttlMinutes: 5 });
    const { pia, calls } = piaWithProvider({ token: first.token });
    await pia.settings.get();
    expect(calls()).toBe(0);
    const plain = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: first.token });
    s.t.clock.advance(5 * 60_000);
    await expect(plain.settings.get()).rejects.toMatchObject({ code: 'token_expired', status: 401 });
    await pia.settings.get();
    expect(calls()).toBe(1);
  });

  it('does not ask the provider again for other errors', async () => {
    const { pia, calls } = piaWithProvider();
    await expect(pia.access.integrationKeys.list()).rejects.toMatchObject({ code: 'forbidden' });
    await expect(pia.staff.get('st_missing')).rejects.toMatchObject({ code: 'forbidden' });
    expect(calls()).toBe(1);
  });

  it('needs a token or a provider', () => {
    expect(() => createTidbokAdmin({ baseUrl: s.url, clinic: s.slug })).toThrow(/token or a tokenProvider/);
  });
});

describe('personal tokens and sessions through the SDK', () => {
  it('lists, creates and revokes tokens, and logs out everywhere', async () => {
    const made = await admin.access.tokens.create({ name: 'Backup', expiresInDays: 7 });
    expect(made.token).toMatch(/^tbs_/);
    expect((await admin.access.tokens.list()).map((x) => x.name).sort()).toEqual(['Backup', null].sort());
    await admin.access.tokens.revoke(made.tokenInfo.id);
    expect((await admin.access.tokens.list()).map((x) => x.name)).toEqual([null]);

    const session = await handshake();
    const pia = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: session.token });
    expect(await pia.access.sessions.logoutEverywhere()).toBe(1);
    await expect(pia.settings.get()).rejects.toMatchObject({ code: 'unauthorized' });
    const again = await handshake();
    expect(await admin.access.sessions.endAll(again.staff.id)).toBe(1);
  });
});
