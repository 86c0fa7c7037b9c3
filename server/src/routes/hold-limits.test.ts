import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { networkOf } from '../services/client-network.js';
import { createTestContext, listen, type TestContext } from '../testing.js';
import { type JsonRequest, requestJson } from '../testing-http.js';

// Issue 17 item 6: blocking a practitioner's week must cost more than a handful of addresses.

let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let slug: string;
let token: string;
let treatmentTypeId: string;
let practitionerId: string;

async function call(method: string, path: string, options: JsonRequest = {}) {
  const res = await requestJson(`${server.url}/v1/clinics/${slug}${path}`, method, { ...options, ip: options.ip ?? '203.0.113.1' });
  return { ...res, retryAfter: res.headers.get('retry-after') };
}
const admin = (method: string, path: string, body?: unknown) => call(method, `/admin${path}`, { token, body });
const settings = (booking: object) => admin('PATCH', '/settings', { booking });

/** The n-th half hour of 3 March 2027 (or of `day`), 08:00 UTC on. */
const at = (n: number, day = '2027-03-03') => new Date(Date.parse(`${day}T08:00:00Z`) + n * 30 * 60_000).toISOString().replace('.000Z', 'Z');
const hold = (start: string, ip: string, session?: string) =>
  call('POST', '/holds', { body: { treatmentTypeId, practitionerId, start }, ip, ...(session ? { token: session } : {}) });

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { trustProxy: 1 } });
  server = await listen(t.app);
  ({ slug, token } = await t.clinic('holdcaps'));
  treatmentTypeId = (await admin('POST', '/treatment-types', { name: 'Samtal', durationMinutes: 30 })).body.id;
  practitionerId = (await admin('POST', '/practitioners', { name: 'Anna', treatmentTypeIds: [treatmentTypeId] })).body.id;
  for (const day of ['2027-03-03', '2027-03-04']) {
    expect((await admin('POST', '/working-times', { practitionerId, start: `${day}T08:00:00Z`, end: `${day}T16:00:00Z` })).status).toBe(201);
  }
});
afterEach(async () => {
  await server.close();
  await t.close();
});

describe('networkOf', () => {
  it('groups IPv6 by /64 and keeps IPv4 addresses apart', () => {
    expect(networkOf('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:0DB8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(networkOf('192.0.2.7')).toBe('192.0.2.7');
    expect(networkOf('local')).toBe('local');
  });
});

describe('hold caps', () => {
  it('caps active holds per IPv6 /64, however many addresses in it are used', async () => {
    await settings({ anonymousHoldsPerPractitionerDay: 100 });
    for (let i = 1; i <= 6; i++) expect((await hold(at(i), `2001:db8:1:2::${i}`)).status).toBe(201);
    const seventh = await hold(at(7), '2001:db8:1:2::7');
    expect(seventh.status).toBe(429);
    expect(seventh.body.code).toBe('rate_limited');
    expect(Number(seventh.retryAfter)).toBeGreaterThan(0);
    // Another /64 is another network.
    expect((await hold(at(7), '2001:db8:1:3::1')).status).toBe(201);
  });

  it('caps anonymous holds on one practitioner-day for all addresses together; a logged-in client still holds', async () => {
    for (let i = 0; i < 4; i++) expect((await hold(at(i), `198.51.100.${i + 1}`)).status).toBe(201);
    const fifth = await hold(at(5), '198.51.100.99');
    expect(fifth.status).toBe(429);
    expect(Number(fifth.retryAfter)).toBeGreaterThan(0);
    // The next day of the same practitioner is not blocked.
    expect((await hold(at(0, '2027-03-04'), '198.51.100.99')).status).toBe(201);
    // A logged-in client is not anonymous (a test client's session stands in for a login here).
    const client = (await admin('POST', '/clients', { name: 'Test', isTest: true })).body;
    const session = (await admin('POST', `/clients/${client.id}/test-session`)).body.sessionToken;
    expect((await hold(at(5), '198.51.100.99', session)).status).toBe(201);
    // The cap is the clinic's setting.
    await settings({ anonymousHoldsPerPractitionerDay: 10 });
    expect((await hold(at(6), '198.51.100.99')).status).toBe(201);
  });

  it('caps holds made per network per hour, released or not', async () => {
    await settings({ holdsPerNetworkPerHour: 5 });
    for (let i = 0; i < 5; i++) {
      const made = await hold(at(i), '192.0.2.10');
      expect(made.status).toBe(201);
      const released = await fetch(`${server.url}/v1/clinics/${slug}/holds/${made.body.id}`, {
        method: 'DELETE',
        headers: { 'tidbok-hold-secret': made.body.secret, 'x-forwarded-for': '192.0.2.10' },
      });
      expect(released.status).toBe(204);
    }
    const capped = await hold(at(6), '192.0.2.10');
    expect(capped.status).toBe(429);
    expect(Number(capped.retryAfter)).toBeGreaterThan(3000);
    t.clock.advance(3_600_000);
    expect((await hold(at(6), '192.0.2.10')).status).toBe(201);
  });

  it('refuses anonymous holds where only logged-in clients may book', async () => {
    await settings({ publicBooking: 'clients-only' });
    const refused = await hold(at(0), '192.0.2.20');
    expect(refused.status).toBe(401);
    expect(await t.store.db.selectFrom('holds').selectAll().execute()).toHaveLength(0);
  });
});

describe('staff and holds', () => {
  it('lists active holds with where they came from, and releases one', async () => {
    await settings({ anonymousHoldsPerPractitionerDay: 100 });
    const a = (await hold(at(0), '2001:db8:9:9::1')).body;
    await hold(at(1), '2001:db8:9:9::2');
    await hold(at(2), '192.0.2.30');
    const listed = await admin('GET', '/holds');
    expect(listed.status).toBe(200);
    expect(
      listed.body.holds.map((h: { clientAddress: string; network: string; networkActiveHolds: number }) => [h.clientAddress, h.network, h.networkActiveHolds]),
    ).toEqual([
      ['2001:db8:9:9::1', '2001:db8:9:9::/64', 2],
      ['2001:db8:9:9::2', '2001:db8:9:9::/64', 2],
      ['192.0.2.30', '192.0.2.30', 1],
    ]);
    expect(listed.body.holds[0]).toMatchObject({ id: a.id, start: at(0), practitionerId, clientId: null });
    expect(JSON.stringify(listed.body)).not.toContain(a.secret);

    expect((await call('GET', '/admin/holds')).status).toBe(401);
    expect((await admin('DELETE', `/holds/${a.id}`)).status).toBe(204);
    expect((await admin('DELETE', `/holds/${a.id}`)).status).toBe(404);
    expect((await admin('GET', '/holds')).body.holds).toHaveLength(2);
    // The time is free for someone else at once.
    expect((await hold(at(0), '192.0.2.31')).status).toBe(201);

    const other = await t.clinic('elsewhere');
    const foreign = await fetch(`${server.url}/v1/clinics/${other.slug}/admin/holds/${a.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(foreign.status).toBe(404);
  });
});
