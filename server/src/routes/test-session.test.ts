import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_SESSION_TTL_MS } from '../services/client-auth.js';
import { createTestContext, listen, type TestContext } from '../testing.js';
import { requestJson } from '../testing-http.js';

// Issue 17 item 10: marking a client as a test client, which lets staff open a session as them,
// is for admins only; a test session is short and ends when the mark is taken away.

let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let slug: string;
let adminToken: string;
let staffToken: string;

const call = (method: string, path: string, token?: string, body?: unknown) => requestJson(`${server.url}/v1/clinics/${slug}${path}`, method, { token, body });

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { publicUrl: 'https://boka.example.se' } });
  server = await listen(t.app);
  ({ slug, token: adminToken } = await t.clinic('testsession'));
  // Reception: staff who see every client but may not mark test clients.
  staffToken = (await call('POST', '/admin/staff', adminToken, { name: 'Pia', role: 'reception' })).body.token;
});
afterEach(async () => {
  await server.close();
  await t.close();
});

describe('test clients', () => {
  it('only an admin marks or unmarks one; other staff get 403 and nothing changes', async () => {
    const real = (await call('POST', '/admin/clients', staffToken, { name: 'Klara', email: 'klara@example.com' })).body;
    const marked = await call('PATCH', `/admin/clients/${real.id}`, staffToken, { isTest: true });
    expect(marked.status).toBe(403);
    expect(marked.body.code).toBe('forbidden');
    expect((await call('GET', `/admin/clients/${real.id}`, staffToken)).body.isTest).toBe(false);
    expect((await call('POST', `/admin/clients/${real.id}/test-session`, staffToken)).status).toBe(409);
    expect((await call('POST', '/admin/clients', staffToken, { name: 'Test', isTest: true })).status).toBe(403);
    // Nor as a new client made with a booking.
    const tt = (await call('POST', '/admin/treatment-types', adminToken, { name: 'Samtal', durationMinutes: 30 })).body;
    const pr = (await call('POST', '/admin/practitioners', adminToken, { name: 'Anna', treatmentTypeIds: [tt.id] })).body;
    const withBooking = await call('POST', '/admin/bookings', staffToken, {
      client: { name: 'Test', isTest: true },
      practitionerId: pr.id,
      treatmentTypeId: tt.id,
      start: '2027-03-03T08:00:00Z',
    });
    expect(withBooking.status).toBe(403);

    // Other changes by staff go through, with the mark sent unchanged as a form would.
    const renamed = await call('PATCH', `/admin/clients/${real.id}`, staffToken, { name: 'Klara K', isTest: false });
    expect(renamed.status).toBe(200);

    const byAdmin = await call('PATCH', `/admin/clients/${real.id}`, adminToken, { isTest: true });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.isTest).toBe(true);
    expect((await call('PATCH', `/admin/clients/${real.id}`, staffToken, { isTest: false })).status).toBe(403);
  });

  it('a test session ends when the mark is taken away, and does not come back with it', async () => {
    const client = (await call('POST', '/admin/clients', adminToken, { name: 'Test Testsson', email: 'test@example.com', isTest: true })).body;
    const opened = await call('POST', `/admin/clients/${client.id}/test-session`, staffToken);
    expect(opened.status).toBe(201);
    const session = opened.body.sessionToken;
    // The page can say it is a test session, and whose.
    const me = await call('GET', '/me', session);
    expect(me.status).toBe(200);
    expect(me.body.client).toMatchObject({ name: 'Test Testsson', isTest: true });

    expect((await call('PATCH', `/admin/clients/${client.id}`, adminToken, { isTest: false })).status).toBe(200);
    expect((await call('GET', '/me', session)).status).toBe(401);
    expect((await call('PATCH', `/admin/clients/${client.id}`, adminToken, { isTest: true })).status).toBe(200);
    expect((await call('GET', '/me', session)).status).toBe(401);
  });

  it('a test session lasts 30 minutes', async () => {
    const client = (await call('POST', '/admin/clients', adminToken, { name: 'Test Testsson', isTest: true })).body;
    const session = (await call('POST', `/admin/clients/${client.id}/test-session`, adminToken)).body.sessionToken;
    expect(TEST_SESSION_TTL_MS).toBe(30 * 60_000);
    t.clock.advance(TEST_SESSION_TTL_MS - 1000);
    expect((await call('GET', '/me', session)).status).toBe(200);
    t.clock.advance(2000);
    expect((await call('GET', '/me', session)).status).toBe(401);
  });
});
