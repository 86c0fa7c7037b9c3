import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../secrets.js';
import { createTestContext, type TestContext } from '../testing.js';
import { normalisePersonalNumber } from './clients.js';

let t: TestContext;
let base: string;
let token: string;
let clinicId: string;

beforeEach(async () => {
  t = await createTestContext();
  const clinic = await t.clinic('lugna');
  base = `/v1/clinics/${clinic.slug}/admin/clients`;
  token = clinic.token;
  clinicId = clinic.id;
});
afterEach(async () => {
  await t.close();
});

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await t.call(method, `${base}${path}`, { token, body });
  const text = await res.text();
  return { status: res.status, json: text === '' ? null : JSON.parse(text) };
}

async function create(body: Record<string, unknown>) {
  const res = await api('POST', '', body);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { id: string; name: string };
}

async function search(q: string) {
  const res = await api('GET', `?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return (res.json.clients as { name: string }[]).map((c) => c.name);
}

describe('client CRUD', () => {
  it('creates a client with every field, reads it back and lists it', async () => {
    const res = await api('POST', '', {
      name: 'Klara Klient',
      email: 'klara@example.se',
      phone: '070-123 45 67',
      personalNumber: '19800101-1231',
      isTest: false,
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^cli_/),
      name: 'Klara Klient',
      email: 'klara@example.se',
      phone: '070-123 45 67',
      personalNumber: '19800101-1231',
      isTest: false,
      duplicateOf: null,
      createdAt: '2027-03-01T08:00:00Z',
      updatedAt: '2027-03-01T08:00:00Z',
    });
    expect((await api('GET', `/${res.json.id}`)).json).toEqual(res.json);
    expect((await api('GET', '')).json).toEqual({ clients: [res.json] });
  });

  it('marks a test client and can unmark it', async () => {
    const client = await create({ name: 'Testklient', email: 'test@lugna.example', isTest: true });
    expect((await api('GET', `/${client.id}`)).json.isTest).toBe(true);
    const patched = await api('PATCH', `/${client.id}`, { isTest: false });
    expect(patched.json.isTest).toBe(false);
    expect((await api('GET', '')).json.clients[0].isTest).toBe(false);
  });

  it('patches fields, clears nullable ones with null and moves updatedAt', async () => {
    const client = await create({ name: 'Klara', email: 'klara@example.se', phone: '070-1234567' });
    t.clock.advance(60_000);
    const res = await api('PATCH', `/${client.id}`, { email: null, name: 'Klara Svensson' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      name: 'Klara Svensson',
      email: null,
      phone: '070-1234567',
      createdAt: '2027-03-01T08:00:00Z',
      updatedAt: '2027-03-01T08:01:00Z',
    });
    expect((await api('GET', `/${client.id}`)).json).toEqual(res.json);
  });

  it('stores personal numbers as YYYYMMDD-XXXX whatever form was typed', async () => {
    const cases: [string, string][] = [
      ['198001011231', '19800101-1231'],
      ['800101-1231', '19800101-1231'],
      [' 0501011233 ', '20050101-1233'],
      ['800101+1231', '18800101-1231'],
    ];
    for (const [typed, stored] of cases) {
      expect(((await create({ name: typed, personalNumber: typed })) as { personalNumber?: string }).personalNumber).toBe(stored);
    }
    for (const typed of ['1980-01-01', '800101-1234', '801301-1231']) {
      const bad = await api('POST', '', { name: 'X', personalNumber: typed });
      expect(bad.status, typed).toBe(400);
      expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(['personalNumber']);
    }
  });

  it('deletes a client without bookings: 204, then 404', async () => {
    const client = await create({ name: 'Kortvarig' });
    expect((await api('DELETE', `/${client.id}`)).status).toBe(204);
    expect((await api('GET', `/${client.id}`)).status).toBe(404);
    expect((await api('DELETE', `/${client.id}`)).status).toBe(404);
    expect((await api('GET', '')).json.clients).toEqual([]);
  });

  it('keeps a client who has bookings: 409 conflict', async () => {
    const client = await create({ name: 'Trogen Klient' });
    const now = t.clock.now();
    const practitionerId = newId('pr');
    const treatmentTypeId = newId('tt');
    await t.store.write(async (trx) => {
      await trx
        .insertInto('practitioners')
        .values({
          id: practitionerId,
          clinic_id: clinicId,
          name: 'Anna',
          email: null,
          title: null,
          cancellation_window_hours: null,
          position: 0,
          deleted_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await trx
        .insertInto('treatment_types')
        .values({
          id: treatmentTypeId,
          clinic_id: clinicId,
          name: 'Samtal',
          description: '',
          duration_minutes: 60,
          client_minutes: 60,
          color: '#2e86ab',
          price_cents: 0,
          currency: 'SEK',
          vat_percent: 0,
          online_bookable: 1,
          confirmation_text: '',
          sms_text: '',
          position: 0,
          deleted_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await trx
        .insertInto('bookings')
        .values({
          id: newId('bk'),
          clinic_id: clinicId,
          practitioner_id: practitionerId,
          treatment_type_id: treatmentTypeId,
          location_id: null,
          client_id: client.id,
          status: 'cancelled',
          start_ms: now,
          end_ms: now + 3_600_000,
          note: '',
          late_cancellation: 0,
          confirmation: 'none',
          source: 'staff',
          manage_token_hash: null,
          paid_amount_cents: null,
          paid_currency: null,
          paid_method: null,
          paid_at: null,
          receipt_number: null,
          cancelled_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
    });
    const res = await t.call('DELETE', `${base}/${client.id}`, { token });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).code).toBe('conflict');
    expect((await api('GET', `/${client.id}`)).status).toBe(200);
  });
});

describe('client search', () => {
  beforeEach(async () => {
    await create({ name: 'Anna Andersson', email: 'anna.a@example.se', phone: '070-111 22 33' });
    await create({ name: 'Bertil Berg', email: 'BERTIL@Example.SE', phone: '+46 8 555 01 02' });
    await create({ name: 'Örjan Öberg', email: 'orjan@example.se' });
    await create({ name: '100% Frisk AB', email: 'info@frisk.example' });
    await create({ name: 'Per_Persson', phone: '073-999 88 77' });
    await create({ name: 'Back\\slash' });
  });

  it('matches names, e-mail addresses and phone numbers, ignoring case', async () => {
    expect(await search('ANNA')).toEqual(['Anna Andersson']);
    expect(await search('bertil@example.se')).toEqual(['Bertil Berg']);
    expect(await search('555 01')).toEqual(['Bertil Berg']);
    expect(await search('070-111')).toEqual(['Anna Andersson']);
    expect(await search('berg')).toEqual(['Bertil Berg', 'Örjan Öberg']);
    expect(await search('example.se')).toEqual(['Anna Andersson', 'Bertil Berg', 'Örjan Öberg']);
  });

  it('ignores case in Swedish letters too', async () => {
    expect(await search('örjan')).toEqual(['Örjan Öberg']);
    expect(await search('ÖBERG')).toEqual(['Örjan Öberg']);
  });

  it('treats LIKE wildcards in q as literal characters', async () => {
    expect(await search('%')).toEqual(['100% Frisk AB']);
    expect(await search('_')).toEqual(['Per_Persson']);
    expect(await search('r_p')).toEqual(['Per_Persson']);
    expect(await search('\\')).toEqual(['Back\\slash']);
    expect(await search('a%b')).toEqual([]);
  });

  it('lists everyone for an empty or blank q, and respects limit', async () => {
    expect(await search('')).toHaveLength(6);
    expect(await search('   ')).toHaveLength(6);
    const limited = await api('GET', '?limit=2');
    expect(limited.json.clients).toHaveLength(2);
  });

  it('refuses a bad limit, an over-long q and unknown query parameters', async () => {
    for (const query of ['limit=0', 'limit=abc', 'limit=1.5', 'limit=1e999', `q=${'x'.repeat(201)}`, 'name=Anna']) {
      const res = await api('GET', `?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json.code).toBe('validation_failed');
      expect(res.json.errors[0].path).toMatch(/^query\./);
    }
  });
});

describe('normalisePersonalNumber', () => {
  const today = new Date('2027-03-01T08:00:00Z');
  it('places ten-digit numbers in the century that makes them not in the future', () => {
    expect(normalisePersonalNumber('2701011234', today)).toBe('20270101-1234');
    expect(normalisePersonalNumber('2801011234', today)).toBe('19280101-1234');
    expect(normalisePersonalNumber('280101+1234', today)).toBe('18280101-1234');
  });
  it('returns null for nothing', () => {
    expect(normalisePersonalNumber(null, today)).toBeNull();
    expect(normalisePersonalNumber('', today)).toBeNull();
  });
});
