import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, listen, OPERATOR_TOKEN, type TestContext } from '../testing.js';

let t: TestContext;
let slug: string;
let token: string;

beforeEach(async () => {
  t = await createTestContext();
  ({ slug, token } = await t.clinic('lugna'));
});
afterEach(async () => {
  await t.close();
});

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: { path: string; message: string }[];
}

async function problemOf(res: Response, status: number): Promise<Problem> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const text = await res.text();
  // No stack traces or source paths, whatever went wrong.
  expect(text).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
  const problem = JSON.parse(text) as Problem;
  expect(problem).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String), code: expect.any(String) });
  return problem;
}

const post = (path: string, body: unknown) => t.call('POST', `/v1/clinics/${slug}/admin/${path}`, { token, body });
const errorPaths = (problem: Problem) => (problem.errors ?? []).map((e) => e.path);

describe('validation problems', () => {
  it('answers malformed JSON with 400 validation_failed', async () => {
    for (const body of ['{', '{"name": "A",}', "{'name': 'A'}", 'name=A', '{"name": "A"} trailing']) {
      const problem = await problemOf(await post('locations', body), 400);
      expect(problem.code).toBe('validation_failed');
      expect(problem.errors).toEqual([{ path: '', message: 'Malformed JSON' }]);
    }
  });

  it('answers a body that is not an object with 400', async () => {
    for (const body of ['[]', 'null', '"Rum 1"', '42', 'true']) {
      const problem = await problemOf(await post('locations', body), 400);
      expect(problem.code, body).toBe('validation_failed');
    }
  });

  it('refuses an empty body, and names the missing fields of an empty object', async () => {
    const empty = await problemOf(await post('treatment-types', ''), 400);
    expect(empty).toMatchObject({ code: 'validation_failed', detail: 'This request needs a JSON body' });
    expect(errorPaths(empty)).toEqual(['']);
    const problem = await problemOf(await post('treatment-types', {}), 400);
    expect(errorPaths(problem).sort()).toEqual(['durationMinutes', 'name']);
  });

  it('names each field of the wrong type', async () => {
    const problem = await problemOf(
      await post('treatment-types', {
        name: 42,
        durationMinutes: '60',
        priceCents: 10.5,
        onlineBookable: 'yes',
        vatPercent: null,
        description: ['x'],
      }),
      400,
    );
    expect(problem.code).toBe('validation_failed');
    expect(errorPaths(problem).sort()).toEqual(['description', 'durationMinutes', 'name', 'onlineBookable', 'priceCents', 'vatPercent']);
    for (const error of problem.errors ?? []) expect(error.message.length).toBeGreaterThan(0);
    expect(problem.detail).toMatch(/^\w+: /);
  });

  it('names unknown fields, also inside nested objects', async () => {
    const top = await problemOf(await post('locations', { name: 'Rum', floor: 2, colour: 'red' }), 400);
    expect(top.errors).toEqual([
      { path: 'floor', message: 'Unknown field' },
      { path: 'colour', message: 'Unknown field' },
    ]);
    const nested = await problemOf(await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, { token, body: { booking: { slotInterval: 15 } } }), 400);
    expect(nested.errors).toEqual([{ path: 'booking.slotInterval', message: 'Unknown field' }]);
  });

  it('refuses over-long strings field by field', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['treatment-types', { name: 'n'.repeat(201), durationMinutes: 30 }, 'name'],
      ['treatment-types', { name: 'A', durationMinutes: 30, description: 'd'.repeat(5001) }, 'description'],
      ['treatment-types', { name: 'A', durationMinutes: 30, smsText: 's'.repeat(321) }, 'smsText'],
      ['treatment-types', { name: 'A', durationMinutes: 30, confirmationText: 'c'.repeat(5001) }, 'confirmationText'],
      ['clients', { name: 'A', email: `${'e'.repeat(250)}@example.se` }, 'email'],
      ['clients', { name: 'A', phone: `070${'1'.repeat(40)}` }, 'phone'],
      ['locations', { name: 'A', address: 'a'.repeat(501) }, 'address'],
      ['practitioners', { name: 'A', title: 't'.repeat(201) }, 'title'],
      ['staff', { name: 'n'.repeat(201), role: 'admin' }, 'name'],
    ];
    for (const [path, body, field] of cases) {
      const problem = await problemOf(await post(path, body), 400);
      expect(errorPaths(problem), `${path} ${field}`).toEqual([field]);
    }
    // The limits themselves are allowed.
    expect((await post('treatment-types', { name: 'n'.repeat(200), durationMinutes: 30, description: 'd'.repeat(5000) })).status).toBe(201);
  });

  it('refuses names that are only white space, and trims the rest', async () => {
    const problem = await problemOf(await post('locations', { name: '   ' }), 400);
    expect(errorPaths(problem)).toEqual(['name']);
    const res = await post('locations', { name: '  Rum 1  ' });
    expect((await res.json()).name).toBe('Rum 1');
  });

  it('refuses numbers that JSON turns into Infinity (1e999)', async () => {
    const cases: [string, string, string][] = [
      ['treatment-types', '{"name":"A","durationMinutes":1e999}', 'durationMinutes'],
      ['treatment-types', '{"name":"A","durationMinutes":30,"priceCents":1e999}', 'priceCents'],
      ['treatment-types', '{"name":"A","durationMinutes":30,"vatPercent":1e999}', 'vatPercent'],
      ['treatment-types', '{"name":"A","durationMinutes":30,"vatPercent":-1e999}', 'vatPercent'],
      ['practitioners', '{"name":"A","cancellationWindowHours":1e999}', 'cancellationWindowHours'],
    ];
    for (const [path, body, field] of cases) {
      const problem = await problemOf(await post(path, body), 400);
      expect(problem.code).toBe('validation_failed');
      expect(errorPaths(problem), body).toEqual([field]);
    }
    const settings = await problemOf(await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, { token, body: '{"booking":{"minNoticeHours":1e999}}' }), 400);
    expect(errorPaths(settings)).toEqual(['booking.minNoticeHours']);
    const stored = await t.store.db.selectFrom('treatment_types').select('id').execute();
    expect(stored).toEqual([]);
  });

  it('refuses integers where only whole numbers make sense, and out-of-range numbers', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'A', durationMinutes: 30.5 }, 'durationMinutes'],
      [{ name: 'A', durationMinutes: 0 }, 'durationMinutes'],
      [{ name: 'A', durationMinutes: 24 * 60 + 1 }, 'durationMinutes'],
      [{ name: 'A', durationMinutes: 30, priceCents: -1 }, 'priceCents'],
      [{ name: 'A', durationMinutes: 30, vatPercent: 101 }, 'vatPercent'],
      [{ name: 'A', durationMinutes: 30, currency: 'kr' }, 'currency'],
    ];
    for (const [body, field] of cases) {
      const problem = await problemOf(await post('treatment-types', body), 400);
      expect(errorPaths(problem), JSON.stringify(body)).toEqual([field]);
    }
  });
});

describe('request body limit', () => {
  const big = () => JSON.stringify({ name: 'A', address: 'x'.repeat(70 * 1024) });

  it('answers a body over 64 KB with 413 problem+json', async () => {
    const problem = await problemOf(await post('locations', big()), 413);
    expect(problem.code).toBe('payload_too_large');
    expect((await t.store.db.selectFrom('locations').select('id').execute()).length).toBe(0);
  });

  it('answers 413 when the length is declared up front', async () => {
    const body = big();
    const res = await t.call('POST', `/v1/clinics/${slug}/admin/locations`, {
      token,
      body,
      headers: { 'content-length': String(Buffer.byteLength(body)) },
    });
    expect((await problemOf(res, 413)).code).toBe('payload_too_large');
  });

  it('answers 413 over real HTTP for a chunked body with no declared length', async () => {
    const server = await listen(t.app);
    try {
      const { status, contentType, body } = await new Promise<{ status: number; contentType: string; body: string }>((resolve, reject) => {
        const req = httpRequest(
          `${server.url}/v1/clinics/${slug}/admin/locations`,
          { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), body: text }));
          },
        );
        req.on('error', reject);
        const payload = big();
        // Several writes without a content-length: node sends them chunked.
        for (let i = 0; i < payload.length; i += 8192) req.write(payload.slice(i, i + 8192));
        req.end();
      });
      expect(status).toBe(413);
      expect(contentType).toContain('application/problem+json');
      expect(JSON.parse(body).code).toBe('payload_too_large');
    } finally {
      await server.close();
    }
  });

  it('lets a body just under the limit through to validation', async () => {
    const body = JSON.stringify({ name: 'A', address: 'x'.repeat(60 * 1024) });
    const problem = await problemOf(await post('locations', body), 400);
    expect(errorPaths(problem)).toEqual(['address']);
  });
});

describe('every route', () => {
  const junk = ['{', '[]', 'null', '"x"', '{"unknownField":1}', '{"name":1e999}', JSON.stringify({ name: { deep: [[[[]]]] } })];

  it('answers bad input with a 4xx problem, never a 500', async () => {
    const routes = t.app.specs;
    expect(routes.length).toBeGreaterThan(20);
    for (const spec of routes) {
      const path = spec.path.replace(':clinic', slug).replace(/:[A-Za-z]+/g, 'xx_unknown');
      const bodies = spec.body ? junk : [undefined];
      for (const credentials of [token, OPERATOR_TOKEN, null]) {
        for (const body of bodies) {
          const res = await t.call(spec.method.toUpperCase(), `${path}?unknownParam=1e999`, { token: credentials, body });
          const label = `${spec.method.toUpperCase()} ${spec.path} ${body ?? ''}`;
          expect(res.status, label).toBeGreaterThanOrEqual(200);
          expect(res.status, label).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers.get('content-type'), label).toContain('application/problem+json');
          }
        }
      }
    }
  });

  it('answers an unknown path or method with 404 problem+json', async () => {
    expect((await problemOf(await t.call('GET', '/v1/nothing-here'), 404)).code).toBe('not_found');
    expect((await problemOf(await t.call('PUT', `/v1/clinics/${slug}/admin/settings`, { token, body: {} }), 404)).code).toBe('not_found');
  });
});
