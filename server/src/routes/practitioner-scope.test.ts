import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, listen, type TestContext } from '../testing.js';
import { requestJson } from '../testing-http.js';

/**
 * What a practitioner-role member sees and may change, over HTTP: their own calendar, bookings
 * and clients in full; other practitioners' bookings and activities as busy time without client
 * data; writes to others' entries refused with 403 and nothing changed. Reception sees and
 * changes everything in the calendar.
 */
let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let slug: string;
let adminToken: string;
let anna: string; // the practitioner Pia is linked to
let bo: string; // another practitioner
let talk: string;
const tokens: Record<'pia' | 'reception' | 'unlinked', string> = { pia: '', reception: '', unlinked: '' };

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await requestJson(`${server.url}/v1/clinics/${slug}/admin${path}`, method, { token, body });
  return { status: res.status, text: res.text, json: res.body };
}
const asAdmin = (method: string, path: string, body?: unknown) => call(adminToken, method, path, body);

async function created(method: string, path: string, body: unknown) {
  const res = await asAdmin(method, path, body);
  expect(res.status, res.text).toBe(201);
  return res.json;
}

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z' });
  server = await listen(t.app);
  ({ slug, token: adminToken } = await t.clinic('scope'));
  talk = (await created('POST', '/treatment-types', { name: 'Samtal', durationMinutes: 60 })).id;
  anna = (await created('POST', '/practitioners', { name: 'Anna', treatmentTypeIds: [talk] })).id;
  bo = (await created('POST', '/practitioners', { name: 'Bo', treatmentTypeIds: [talk] })).id;
  tokens.pia = (await created('POST', '/staff', { name: 'Pia', role: 'practitioner', practitionerId: anna })).token;
  tokens.reception = (await created('POST', '/staff', { name: 'Rut', role: 'reception' })).token;
  tokens.unlinked = (await created('POST', '/staff', { name: 'Ulf', role: 'practitioner' })).token;
});
afterEach(async () => {
  await server.close();
  await t.close();
});

async function bookings() {
  const own = await created('POST', '/bookings', {
    practitionerId: anna,
    treatmentTypeId: talk,
    start: '2027-03-02T08:00:00Z',
    client: { name: 'Olle Egen' },
    note: 'Annas anteckning',
    confirmation: 'none',
  });
  const other = await created('POST', '/bookings', {
    practitionerId: bo,
    treatmentTypeId: talk,
    start: '2027-03-02T09:00:00Z',
    client: { name: 'Klara Annan', email: 'klara@example.com' },
    note: 'Ont i ryggen',
    confirmation: 'none',
  });
  const activity = await created('POST', '/activities', {
    practitionerId: bo,
    title: 'Tandläkaren',
    note: 'Privat',
    start: '2027-03-02T12:00:00Z',
    end: '2027-03-02T13:00:00Z',
  });
  return { own, other, activity };
}

describe('a practitioner', () => {
  it("sees another practitioner's booking and activity as busy time without client data", async () => {
    const { own, other, activity } = await bookings();
    const res = await call(tokens.pia, 'GET', '/calendar?from=2027-03-02&to=2027-03-02');
    expect(res.status).toBe(200);
    const byId = new Map(res.json.entries.map((e: { id: string }) => [e.id, e]));
    expect(byId.get(own.id)).toMatchObject({ kind: 'booking', clientName: 'Olle Egen', note: 'Annas anteckning' });
    expect(byId.get(other.id)).toEqual({
      kind: 'busy',
      id: other.id,
      start: other.start,
      end: other.end,
      practitionerId: bo,
      color: expect.any(String),
      title: null,
    });
    expect(byId.get(activity.id)).toMatchObject({ kind: 'busy', title: null });
    for (const secret of ['Klara', 'Ont i ryggen', 'Tandläkaren', 'Privat', other.clientId]) expect(res.text).not.toContain(secret);
  });

  it("cannot read, move, cancel, pay or delete another practitioner's booking; it stays as it was", async () => {
    const { other } = await bookings();
    expect((await call(tokens.pia, 'GET', `/bookings/${other.id}`)).status).toBe(403);
    const moved = await call(tokens.pia, 'PATCH', `/bookings/${other.id}`, { start: '2027-03-02T14:00:00Z' });
    expect(moved.status).toBe(403);
    expect(moved.json.code).toBe('forbidden');
    expect((await call(tokens.pia, 'POST', `/bookings/${other.id}/cancel`, {})).status).toBe(403);
    expect((await call(tokens.pia, 'POST', `/bookings/${other.id}/payment`, { method: 'card' })).status).toBe(403);
    expect((await call(tokens.pia, 'DELETE', `/bookings/${other.id}`)).status).toBe(403);
    // Nor take it over, nor book Bo, nor put her own booking in Bo's calendar.
    expect((await call(tokens.pia, 'PATCH', `/bookings/${other.id}`, { practitionerId: anna })).status).toBe(403);
    const forBo = await call(tokens.pia, 'POST', '/bookings', {
      practitionerId: bo,
      treatmentTypeId: talk,
      start: '2027-03-03T08:00:00Z',
      client: { name: 'Ny' },
      confirmation: 'none',
    });
    expect(forBo.status).toBe(403);
    const after = await asAdmin('GET', `/bookings/${other.id}`);
    expect(after.json).toMatchObject({ status: 'booked', start: other.start, practitionerId: bo, paid: null });
  });

  it('moves and cancels her own bookings', async () => {
    const { own } = await bookings();
    const moved = await call(tokens.pia, 'PATCH', `/bookings/${own.id}`, { start: '2027-03-02T10:00:00Z' });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json.start).toBe('2027-03-02T10:00:00.000Z'.replace('.000', ''));
    expect((await call(tokens.pia, 'POST', `/bookings/${own.id}/cancel`, {})).status).toBe(200);
  });

  it('writes working time and activities in her own calendar only', async () => {
    const block = { start: '2027-03-03T08:00:00Z', end: '2027-03-03T12:00:00Z' };
    expect((await call(tokens.pia, 'POST', '/working-times', { ...block, practitionerId: anna })).status).toBe(201);
    expect((await call(tokens.pia, 'POST', '/working-times', { ...block, practitionerId: bo })).status).toBe(403);
    const bosBlock = await created('POST', '/working-times', { ...block, practitionerId: bo });
    expect((await call(tokens.pia, 'PATCH', `/working-times/${bosBlock.id}`, { end: '2027-03-03T11:00:00Z' })).status).toBe(403);
    expect((await call(tokens.pia, 'DELETE', `/working-times/${bosBlock.id}`)).status).toBe(403);
    // "Delete all visible" clears her own blocks, never Bo's.
    const cleared = await call(tokens.pia, 'DELETE', '/working-times?from=2027-03-03&to=2027-03-03');
    expect(cleared.json).toEqual({ deleted: 1 });
    expect((await asAdmin('GET', `/working-times/${bosBlock.id}`)).status).toBe(200);
    const { activity } = await bookings();
    expect((await call(tokens.pia, 'PATCH', `/activities/${activity.id}`, { title: 'Mitt' })).status).toBe(403);
    expect((await call(tokens.pia, 'GET', `/activities/${activity.id}`)).status).toBe(403);
  });

  it('lists and reads only the clients she has a booking with', async () => {
    const { own, other } = await bookings();
    const list = await call(tokens.pia, 'GET', '/clients');
    expect(list.json.clients.map((c: { id: string }) => c.id)).toEqual([own.clientId]);
    expect((await call(tokens.pia, 'GET', '/clients?q=klara')).json.clients).toEqual([]);
    expect((await call(tokens.pia, 'GET', `/clients/${own.clientId}`)).status).toBe(200);
    expect((await call(tokens.pia, 'GET', `/clients/${other.clientId}`)).status).toBe(403);
    expect((await call(tokens.pia, 'PATCH', `/clients/${other.clientId}`, { phone: '070-1112233' })).status).toBe(403);
    expect((await asAdmin('GET', `/clients/${other.clientId}`)).json.phone).toBeNull();
  });

  it('sets her own treatment types, not another practitioner’s', async () => {
    expect((await call(tokens.pia, 'PUT', `/practitioners/${anna}/treatment-types`, { treatmentTypeIds: [] })).status).toBe(200);
    expect((await call(tokens.pia, 'PUT', `/practitioners/${bo}/treatment-types`, { treatmentTypeIds: [] })).status).toBe(403);
    expect((await asAdmin('GET', `/practitioners/${bo}`)).json.treatmentTypeIds).toEqual([talk]);
  });

  it('without a practitioner link sees no one in full and no clients, and changes nothing', async () => {
    const { own } = await bookings();
    const res = await call(tokens.unlinked, 'GET', '/calendar?from=2027-03-02&to=2027-03-02');
    expect(res.json.entries.filter((e: { kind: string }) => e.kind === 'booking')).toEqual([]);
    expect(res.text).not.toContain('Olle');
    expect((await call(tokens.unlinked, 'GET', '/clients')).json.clients).toEqual([]);
    expect((await call(tokens.unlinked, 'PATCH', `/bookings/${own.id}`, { start: '2027-03-02T10:00:00Z' })).status).toBe(403);
    expect((await call(tokens.unlinked, 'DELETE', '/working-times?from=2027-03-02&to=2027-03-02')).status).toBe(403);
  });
});

describe('reception', () => {
  it("sees every calendar in full and moves any practitioner's booking, but not settings or staff", async () => {
    const { other } = await bookings();
    const res = await call(tokens.reception, 'GET', '/calendar?from=2027-03-02&to=2027-03-02');
    expect(res.text).toContain('Klara Annan');
    expect(res.json.entries.some((e: { kind: string }) => e.kind === 'busy')).toBe(false);
    expect((await call(tokens.reception, 'PATCH', `/bookings/${other.id}`, { start: '2027-03-02T14:00:00Z' })).status).toBe(200);
    expect((await call(tokens.reception, 'POST', `/bookings/${other.id}/payment`, { method: 'card' })).status).toBe(200);
    const settings = await call(tokens.reception, 'PATCH', '/settings', { name: 'Annat' });
    expect(settings.status).toBe(403);
    expect(settings.json.detail).toMatch(/reception role has no access to settings/);
    expect((await call(tokens.reception, 'GET', '/staff')).status).toBe(403);
  });
});

describe('GET /admin/me', () => {
  it('names the staff member, role, practitioner link and permissions', async () => {
    const me = await call(tokens.pia, 'GET', '/me');
    expect(me.status).toBe(200);
    expect(me.json.staff).toMatchObject({ name: 'Pia', role: 'practitioner', practitionerId: anna });
    expect(me.json.permissions).toContain('calendar');
    expect(me.json.permissions).not.toContain('settings');
    expect((await call(tokens.reception, 'GET', '/me')).json.permissions).not.toContain('staff');
    expect((await asAdmin('GET', '/me')).json.permissions).toEqual(expect.arrayContaining(['settings', 'staff', 'keys', 'audit']));
  });
});
