import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, listen, type TestContext } from '../testing.js';

// The clock stands at Wednesday 3 March 2027 12:00Z: bookings at 08:00 that day are over.
let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let slug: string;
const tokens = {} as Record<'admin' | 'reception' | 'anna' | 'erik', string>;
let anna: string;
let erik: string;
let massage: string;

type Answer = { status: number; body: any };
async function call(who: keyof typeof tokens, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${server.url}/v1/clinics/${slug}/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function book(clientId: string, practitionerId: string, start: string) {
  const res = await call('admin', 'POST', '/bookings', { clientId, practitionerId, treatmentTypeId: massage, start, confirmation: 'none' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-03T12:00:00Z' });
  server = await listen(t.app);
  const clinic = await t.clinic('history');
  slug = clinic.slug;
  tokens.admin = clinic.token;
  massage = (await call('admin', 'POST', '/treatment-types', { name: 'Massage', durationMinutes: 60, priceCents: 45000, vatPercent: 25 })).body.id;
  anna = (await call('admin', 'POST', '/practitioners', { name: 'Anna Berg', treatmentTypeIds: [massage] })).body.id;
  erik = (await call('admin', 'POST', '/practitioners', { name: 'Erik Lund', treatmentTypeIds: [massage] })).body.id;
  tokens.reception = (await call('admin', 'POST', '/staff', { name: 'Desk', role: 'reception' })).body.token;
  tokens.anna = (await call('admin', 'POST', '/staff', { name: 'Anna Berg', role: 'practitioner', practitionerId: anna })).body.token;
  tokens.erik = (await call('admin', 'POST', '/staff', { name: 'Erik Lund', role: 'practitioner', practitionerId: erik })).body.token;
});
afterEach(async () => {
  await server.close();
  await t.close();
});

/** Klara: two past visits with Anna (one paid), a no-show, a late and an early cancellation, two coming. */
async function klara() {
  const id = (await call('admin', 'POST', '/clients', { name: 'Klara Ek', email: 'klara@example.com', phone: '+46701234567' })).body.id as string;
  const visited = await book(id, anna, '2027-02-10T08:00:00Z');
  await call('admin', 'POST', `/bookings/${visited}/payment`, { method: 'card' });
  await book(id, anna, '2027-02-17T08:00:00Z');
  const missed = await book(id, erik, '2027-02-24T08:00:00Z');
  await call('admin', 'POST', `/bookings/${missed}/no-show`);
  const late = await book(id, anna, '2027-03-05T08:00:00Z');
  await call('admin', 'POST', `/bookings/${late}/cancel`, { late: true });
  const early = await book(id, erik, '2027-03-08T08:00:00Z');
  await call('admin', 'POST', `/bookings/${early}/cancel`, { late: false });
  await book(id, erik, '2027-03-10T08:00:00Z');
  await book(id, anna, '2027-03-04T08:00:00Z');
  return id;
}

describe('client history', () => {
  it('lists upcoming visits soonest first, past ones latest first, with status and counts', async () => {
    const id = await klara();
    const res = await call('reception', 'GET', `/clients/${id}/history`);
    expect(res.status).toBe(200);
    const h = res.body;
    expect(h.upcoming.map((v: any) => [v.start, v.practitionerName, v.status])).toEqual([
      ['2027-03-04T08:00:00Z', 'Anna Berg', 'booked'],
      ['2027-03-10T08:00:00Z', 'Erik Lund', 'booked'],
    ]);
    expect(h.past.map((v: any) => [v.start, v.status, v.lateCancellation])).toEqual([
      ['2027-03-08T08:00:00Z', 'cancelled', false],
      ['2027-03-05T08:00:00Z', 'cancelled', true],
      ['2027-02-24T08:00:00Z', 'no_show', false],
      ['2027-02-17T08:00:00Z', 'booked', false],
      ['2027-02-10T08:00:00Z', 'booked', false],
    ]);
    expect(h.past.at(-1)).toMatchObject({ treatmentName: 'Massage', paid: true, end: '2027-02-10T09:00:00Z' });
    expect(h.counts).toEqual({ upcoming: 2, visits: 2, noShows: 1, lateCancellations: 1, cancellations: 2 });
    expect(h.notes).toEqual({ text: '', updatedAt: null });
    expect((await call('reception', 'GET', `/clients/${id}/history?limit=2`)).body.past).toHaveLength(2);
  });

  it('refuses bad input and unknown clients, and other clinics’ clients are unknown', async () => {
    const id = await klara();
    expect((await call('admin', 'GET', `/clients/${id}/history?limit=0`)).status).toBe(400);
    expect((await call('admin', 'GET', `/clients/${id}/history?limit=x`)).status).toBe(400);
    expect((await call('admin', 'GET', `/clients/${id}/history?extra=1`)).status).toBe(400);
    expect((await call('admin', 'GET', '/clients/cli_nope/history')).status).toBe(404);
    const other = await t.clinic('other');
    const res = await fetch(`${server.url}/v1/clinics/${other.slug}/admin/clients/${id}/history`, { headers: { authorization: `Bearer ${other.token}` } });
    expect(res.status).toBe(404);
  });

  it('a practitioner sees only their own bookings of a client they treat, and no one else’s clients', async () => {
    const id = await klara();
    const h = (await call('anna', 'GET', `/clients/${id}/history`)).body;
    expect([...h.upcoming, ...h.past].every((v: any) => v.practitionerId === anna)).toBe(true);
    expect(h.counts).toEqual({ upcoming: 1, visits: 2, noShows: 0, lateCancellations: 1, cancellations: 1 });
    const stranger = (await call('admin', 'POST', '/clients', { name: 'Sven' })).body.id;
    await book(stranger, erik, '2027-03-09T08:00:00Z');
    const refused = await call('anna', 'GET', `/clients/${stranger}/history`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
  });

  it('records the read in the client’s access log', async () => {
    const id = await klara();
    await call('reception', 'GET', `/clients/${id}/history`);
    const log = (await call('admin', 'GET', `/clients/${id}/access-log`)).body;
    expect(JSON.stringify(log)).toContain('history');
  });
});

describe('client notes', () => {
  it('admins and the practitioners who treat the client write them; everyone who reads the client reads them', async () => {
    const id = await klara();
    const written = await call('anna', 'PUT', `/clients/${id}/notes`, { text: 'Föredrar sms.\nKänslig axel.' });
    expect(written.status).toBe(200);
    expect(written.body).toEqual({ text: 'Föredrar sms.\nKänslig axel.', updatedAt: '2027-03-03T12:00:00Z' });
    expect((await call('reception', 'GET', `/clients/${id}/history`)).body.notes.text).toBe('Föredrar sms.\nKänslig axel.');
    expect((await call('admin', 'PUT', `/clients/${id}/notes`, { text: '' })).body.text).toBe('');
    expect((await call('erik', 'GET', `/clients/${id}/history`)).body.notes).toEqual({ text: '', updatedAt: '2027-03-03T12:00:00Z' });
  });

  it('reception may not write them (403 forbidden, nothing stored), nor a practitioner for a client they do not treat', async () => {
    const id = await klara();
    const refused = await call('reception', 'PUT', `/clients/${id}/notes`, { text: 'Hej' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    const stranger = (await call('admin', 'POST', '/clients', { name: 'Sven' })).body.id;
    await book(stranger, erik, '2027-03-09T08:00:00Z');
    expect((await call('anna', 'PUT', `/clients/${stranger}/notes`, { text: 'Hej' })).status).toBe(403);
    expect((await call('admin', 'GET', `/clients/${id}/history`)).body.notes).toEqual({ text: '', updatedAt: null });
  });

  it('are validated: text only, within the limit, no control characters; the audit log does not hold the text', async () => {
    const id = await klara();
    for (const body of [{}, { text: 5 }, { text: 'x'.repeat(5001) }, { text: 'a\u0000b' }, { text: 'ok', extra: 1 }]) {
      const res = await call('admin', 'PUT', `/clients/${id}/notes`, body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await call('admin', 'PUT', '/clients/cli_nope/notes', { text: 'x' })).status).toBe(404);
    await call('admin', 'PUT', `/clients/${id}/notes`, { text: 'Hemlig anteckning' });
    const rows = await t.store.db.selectFrom('audit_log').select(['summary']).execute();
    expect(JSON.stringify(rows)).not.toContain('Hemlig');
  });

  it('go with the client when the client is deleted', async () => {
    const id = (await call('admin', 'POST', '/clients', { name: 'Ny' })).body.id;
    await call('admin', 'PUT', `/clients/${id}/notes`, { text: 'x' });
    expect((await call('admin', 'DELETE', `/clients/${id}`)).status).toBe(204);
    expect(await t.store.db.selectFrom('client_notes').selectAll().execute()).toEqual([]);
  });
});
