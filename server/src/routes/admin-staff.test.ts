import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing.js';

let t: TestContext;
let slug: string;
let token: string;
const admin = (method: string, path: string, body?: unknown, as = token) =>
  t.call(method, `/v1/clinics/${slug}/admin${path}`, { token: as, ...(body === undefined ? {} : { body }) });

beforeEach(async () => {
  t = await createTestContext();
  ({ slug, token } = await t.clinic('staff'));
});
afterEach(async () => {
  await t.close();
});

describe('staff users', () => {
  it('are read, changed and removed by admins; a removed user’s token stops working', async () => {
    const created = (await (await admin('POST', '/staff', { name: 'Pia', role: 'practitioner' })).json()) as any;
    expect((await admin('GET', `/staff/${created.staff.id}`)).status).toBe(200);
    const changed = (await (await admin('PATCH', `/staff/${created.staff.id}`, { name: 'Pia Persson', email: 'pia@example.com' })).json()) as any;
    expect(changed).toMatchObject({ name: 'Pia Persson', email: 'pia@example.com', role: 'practitioner' });
    expect((await admin('GET', '/settings', undefined, created.token)).status).toBe(200);
    expect((await admin('PATCH', `/staff/${created.staff.id}`, { name: 'X' }, created.token)).status).toBe(403);
    expect((await admin('DELETE', `/staff/${created.staff.id}`)).status).toBe(204);
    expect((await admin('GET', '/settings', undefined, created.token)).status).toBe(401);
    expect((await admin('GET', `/staff/${created.staff.id}`)).status).toBe(404);
  });

  it('always leave the clinic at least one admin', async () => {
    const list = (await (await admin('GET', '/staff')).json()) as any;
    const me = list.staff[0].id;
    expect((await admin('PATCH', `/staff/${me}`, { role: 'practitioner' })).status).toBe(409);
    expect((await admin('DELETE', `/staff/${me}`)).status).toBe(409);
    await admin('POST', '/staff', { name: 'Second', role: 'admin' });
    expect((await admin('PATCH', `/staff/${me}`, { role: 'practitioner' })).status).toBe(200);
  });
});
