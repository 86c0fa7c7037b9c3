import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from './demo.js';
import { demoStaffSession } from './demo-staff-session.js';
import { createTestContext, listen, type TestContext } from './testing.js';

let t: TestContext;
let srv: Awaited<ReturnType<typeof listen>>;
beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-03T06:00:00Z' });
  srv = await listen(t.app);
});
afterEach(async () => {
  await srv.close();
  await t.close();
});

describe('the demo staff page session', () => {
  it("is the demo admin's, reaches the admin routes, and ends after 12 hours", async () => {
    const { adminToken } = await seedDemo(t.app.deps);
    const session = await demoStaffSession(t.app.deps, adminToken);
    expect(session).toMatch(/^tss_/);
    const settings = (token: string) => fetch(`${srv.url}/v1/clinics/demo/admin/settings`, { headers: { authorization: `Bearer ${token}` } });
    expect((await settings(session)).status).toBe(200);
    const sessions = (await (await fetch(`${srv.url}/v1/clinics/demo/admin/me/sessions`, { headers: { authorization: `Bearer ${session}` } })).json()) as {
      sessions: { method: string; expiresAt: string }[];
    };
    expect(sessions.sessions).toEqual([expect.objectContaining({ method: 'invitation', expiresAt: '2027-03-03T18:00:00Z' })]);
    t.clock.advance(12 * 60 * 60_000);
    const expired = await settings(session);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { code: string }).code).toBe('token_expired');
  });

  it('refuses a token that does not work', async () => {
    await expect(demoStaffSession(t.app.deps, 'tbs_nope')).rejects.toThrow(/does not work/);
  });
});
