import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, listen, type TestContext } from '../testing.js';
import { requestJson } from '../testing-http.js';

/** The audit log over HTTP: what staff did, by whom, from which token, never what anyone wrote. */
let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let slug: string;
let adminToken: string;
let receptionToken: string;
let receptionId: string;
let anna: string;
let talk: string;

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await requestJson(`${server.url}/v1/clinics/${slug}/admin${path}`, method, { token, body });
  return { status: res.status, text: res.text, json: res.body };
}
const asAdmin = (method: string, path: string, body?: unknown) => call(adminToken, method, path, body);

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z' });
  server = await listen(t.app);
  ({ slug, token: adminToken } = await t.clinic('audit'));
  talk = (await asAdmin('POST', '/treatment-types', { name: 'Samtal', durationMinutes: 60 })).json.id;
  anna = (await asAdmin('POST', '/practitioners', { name: 'Anna', treatmentTypeIds: [talk] })).json.id;
  const reception = (await asAdmin('POST', '/staff', { name: 'Rut Reception', role: 'reception' })).json;
  receptionToken = reception.token;
  receptionId = reception.staff.id;
});
afterEach(async () => {
  await server.close();
  await t.close();
});

async function book(token: string, start: string) {
  const res = await call(token, 'POST', '/bookings', {
    practitionerId: anna,
    treatmentTypeId: talk,
    start,
    client: { name: 'Klara Klient', phone: '070-1234567' },
    note: 'Ont i ryggen sedan i höstas',
    confirmation: 'none',
  });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; clientId: string };
}

async function log(query = '') {
  const res = await asAdmin('GET', `/audit-log${query}`);
  expect(res.status, res.text).toBe(200);
  return res.json as { entries: Record<string, string | null>[]; nextCursor: string | null };
}

describe('the audit log', () => {
  it('records who created, moved, paid and cancelled a booking, newest first, from which token', async () => {
    const booking = await book(receptionToken, '2027-03-02T08:00:00Z');
    t.clock.advance(60_000);
    expect((await call(receptionToken, 'PATCH', `/bookings/${booking.id}`, { start: '2027-03-02T10:00:00Z', note: 'Bättre nu' })).status).toBe(200);
    t.clock.advance(60_000);
    expect((await asAdmin('POST', `/bookings/${booking.id}/payment`, { method: 'swish' })).status).toBe(200);
    t.clock.advance(60_000);
    expect((await call(receptionToken, 'POST', `/bookings/${booking.id}/cancel`, {})).status).toBe(200);

    const { entries } = await log('?entity=booking');
    expect(entries.map((e) => [e.action, e.staffName])).toEqual([
      ['cancelled', 'Rut Reception'],
      ['paid', 'Administrator'],
      ['moved', 'Rut Reception'],
      ['created', 'Rut Reception'],
    ]);
    expect(entries.every((e) => e.entityId === booking.id)).toBe(true);
    expect(entries[2]).toMatchObject({ staffId: receptionId, at: '2027-03-01T08:01:00Z' });
    expect(entries[2]!.summary).toContain('note');
    expect(entries[2]!.summary).toContain('2027-03-02T10:00:00Z');
    expect(entries[1]!.summary).toContain('swish');
    // The same token for Rut's three actions, another for the admin's.
    const rut = new Set(entries.filter((e) => e.staffId === receptionId).map((e) => e.sessionId));
    expect(rut.size).toBe(1);
    expect([...rut][0]).toMatch(/^tk_/);
    expect(entries[1]!.sessionId).not.toBe([...rut][0]);
  });

  it('never holds what a person wrote: notes, names, titles and contact details stay out', async () => {
    const booking = await book(adminToken, '2027-03-02T08:00:00Z');
    await asAdmin('PATCH', `/clients/${booking.clientId}`, { name: 'Klara Hemlig', email: 'klara@example.com' });
    await asAdmin('POST', '/activities', {
      practitionerId: anna,
      title: 'Tandläkaren',
      note: 'Privat',
      start: '2027-03-02T12:00:00Z',
      end: '2027-03-02T13:00:00Z',
    });
    const text = JSON.stringify(await log());
    for (const secret of ['Ont i ryggen', 'Klara', 'klara@example.com', '070', 'Tandläkaren', 'Privat']) expect(text).not.toContain(secret);
    const client = (await log('?entity=client')).entries[0]!;
    expect(client).toMatchObject({ action: 'changed', entityId: booking.clientId, summary: 'name, email' });
  });

  it('writes nothing for a change that did not happen (same transaction)', async () => {
    await book(adminToken, '2027-03-02T08:00:00Z');
    const before = (await log()).entries.length;
    const overlap = await call(adminToken, 'POST', '/bookings', {
      practitionerId: anna,
      treatmentTypeId: talk,
      start: '2027-03-02T08:30:00Z',
      client: { name: 'Krock' },
      confirmation: 'none',
    });
    expect(overlap.status).toBe(409);
    expect((await log()).entries.length).toBe(before);
  });

  it('records settings, catalogue and staff changes by field name', async () => {
    t.clock.advance(1000); // past the setup's entries: entries of one instant have no order but their ids
    await asAdmin('PATCH', '/settings', { name: 'Lugna Rummet', booking: { cancellationWindowHours: 48 } });
    t.clock.advance(1000);
    await asAdmin('PATCH', `/staff/${receptionId}`, { role: 'practitioner', practitionerId: anna });
    t.clock.advance(1000);
    await asAdmin('PATCH', `/treatment-types/${talk}`, { priceCents: 90000 });
    const { entries } = await log();
    expect(entries.slice(0, 3).map((e) => [e.entity, e.action, e.summary])).toEqual([
      ['treatmentType', 'changed', 'priceCents'],
      ['staff', 'changed', 'role, practitionerId; role reception → practitioner'],
      ['settings', 'changed', 'name, cancellationWindowHours'],
    ]);
  });

  it('records making and pasting a template week, not a dry run', async () => {
    await asAdmin('POST', '/working-times', { practitionerId: anna, start: '2027-03-02T08:00:00Z', end: '2027-03-02T12:00:00Z' });
    const template = await asAdmin('POST', '/template-weeks', { name: 'Vår', weekStart: '2027-03-01' });
    expect(template.status, template.text).toBe(201);
    t.clock.advance(1000);
    expect((await asAdmin('POST', `/template-weeks/${template.json.id}/apply`, { weekStarts: ['2027-03-08'], dryRun: true })).status).toBe(200);
    expect((await asAdmin('POST', `/template-weeks/${template.json.id}/apply`, { weekStarts: ['2027-03-08'] })).status).toBe(200);
    const { entries } = await log('?entity=templateWeek');
    expect(entries.map((e) => e.summary)).toEqual(['applied to 2027-03-08: 1 entries', 'from 2027-03-01']);
  });

  it('records integration keys made and revoked, never the key', async () => {
    const made = await asAdmin('POST', '/integration-keys', { name: 'Intranätet' });
    expect(made.status, made.text).toBe(201);
    t.clock.advance(1000);
    expect((await asAdmin('DELETE', `/integration-keys/${made.json.id}`)).status).toBe(204);
    const { entries } = await log('?entity=integrationKey');
    expect(entries.map((e) => [e.action, e.entityId])).toEqual([
      ['deleted', made.json.id],
      ['created', made.json.id],
    ]);
    expect(JSON.stringify(entries)).not.toContain(made.json.key);
  });

  it('filters by staff member, entity and time, and pages with a cursor', async () => {
    for (let hour = 8; hour < 13; hour++) {
      await book(hour % 2 ? adminToken : receptionToken, `2027-03-02T${String(hour).padStart(2, '0')}:00:00Z`);
      t.clock.advance(3_600_000);
    }
    expect((await log(`?staffId=${receptionId}&entity=booking`)).entries).toHaveLength(3);
    expect((await log('?entity=location')).entries).toEqual([]);
    const window = await log('?from=2027-03-01T09:00:00Z&to=2027-03-01T11:00:00Z&entity=booking');
    expect(window.entries.map((e) => e.at)).toEqual(['2027-03-01T10:00:00Z', '2027-03-01T09:00:00Z']);

    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await log(`?entity=booking&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((e) => e.id!));
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const bad = await asAdmin('GET', '/audit-log?cursor=nonsense');
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('validation_failed');
  });

  it('is for admins only', async () => {
    const res = await call(receptionToken, 'GET', '/audit-log');
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('forbidden');
  });
});
