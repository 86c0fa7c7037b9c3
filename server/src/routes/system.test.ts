import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, OPERATOR_TOKEN, type TestContext } from '../testing.js';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

const create = (body: unknown) => t.call('POST', '/v1/clinics', { token: OPERATOR_TOKEN, body });

describe('POST /v1/clinics (operator)', () => {
  it('creates a clinic with defaults and an admin token that works at once', async () => {
    const res = await create({ slug: 'lugna', name: 'Lugna Rummet' });
    expect(res.status).toBe(201);
    const { clinic, adminToken } = await res.json();
    expect(clinic).toEqual({
      id: expect.stringMatching(/^cl_/),
      slug: 'lugna',
      name: 'Lugna Rummet',
      timeZone: 'Europe/Stockholm',
      locale: 'sv',
      createdAt: '2027-03-01T08:00:00Z',
    });
    const staff = await t.call('GET', '/v1/clinics/lugna/admin/staff', { token: adminToken });
    expect(staff.status).toBe(200);
    expect((await staff.json()).staff).toEqual([expect.objectContaining({ role: 'admin' })]);
  });

  it('takes a time zone and a locale', async () => {
    const res = await create({ slug: 'oslo', name: 'Oslo', timeZone: 'Europe/Oslo', locale: 'en' });
    expect((await res.json()).clinic).toMatchObject({ timeZone: 'Europe/Oslo', locale: 'en' });
  });

  it('answers 409 conflict for a slug that is taken, keeping the first clinic', async () => {
    expect((await create({ slug: 'lugna', name: 'Först' })).status).toBe(201);
    const res = await create({ slug: 'lugna', name: 'Sedan' });
    expect(res.status).toBe(409);
    const problem = await res.json();
    expect(problem.code).toBe('conflict');
    expect(problem.errors).toEqual([{ path: 'slug', message: 'Taken' }]);
    expect((await (await t.call('GET', '/v1/clinics/lugna')).json()).name).toBe('Först');
  });

  it('refuses slugs that would not make clean URLs, and unknown zones and locales', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ slug: 'Lugna', name: 'X' }, 'slug'],
      [{ slug: 'lugna rummet', name: 'X' }, 'slug'],
      [{ slug: '-lugna', name: 'X' }, 'slug'],
      [{ slug: 'lugna-', name: 'X' }, 'slug'],
      [{ slug: 'a/b', name: 'X' }, 'slug'],
      [{ slug: 'x'.repeat(65), name: 'X' }, 'slug'],
      [{ slug: '', name: 'X' }, 'slug'],
      [{ slug: 'ok', name: '' }, 'name'],
      [{ slug: 'ok', name: 'X', timeZone: 'Europe/Atlantis' }, 'timeZone'],
      [{ slug: 'ok', name: 'X', locale: 'fi' }, 'locale'],
      [{ slug: 'ok', name: 'X', plan: 'gold' }, 'plan'],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).errors.map((e: { path: string }) => e.path)).toEqual([field]);
    }
    const count = await t.store.db.selectFrom('clinics').select('id').execute();
    expect(count).toEqual([]);
  });

  it('accepts the longest allowed slug', async () => {
    const slug = `a${'-'.repeat(62)}z`;
    expect((await create({ slug, name: 'Lång' })).status).toBe(201);
    expect((await t.call('GET', `/v1/clinics/${slug}`)).status).toBe(200);
  });
});

describe('GET /v1/health/ready', () => {
  it('says the database can be read and written, and which engine it is', async () => {
    const res = await t.call('GET', '/v1/health/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: { engine: t.engine, readable: true, writable: true } });
  });

  it('answers 503 with Retry-After and the cause once the database is gone, while /v1/health stays 200 (liveness)', async () => {
    await t.store.close();
    const res = await t.call('GET', '/v1/health/ready');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = (await res.json()) as { ok: boolean; database: { readable: boolean; writable: boolean; problem: string } };
    expect(body).toMatchObject({ ok: false, database: { readable: false, writable: false } });
    expect(body.database.problem.length).toBeGreaterThan(0);
    expect((await t.call('GET', '/v1/health')).status).toBe(200);
  });
});
