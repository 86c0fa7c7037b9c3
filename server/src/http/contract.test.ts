import { ERROR_CODES } from '@tidbok/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalendarClinic } from '../testing-calendar.js';
import { createTestContext, listen, OPERATOR_TOKEN, type TestContext } from '../testing.js';

/**
 * The contract, read from the document a client reads: for every operation of
 * `GET /v1/openapi.json`, every error status it documents is provoked over real HTTP, and the
 * answer must be that status as a problem with every field the document's Problem schema
 * requires. What is provoked is derived from the operation alone (its security, parameters,
 * headers and body), so a new route is covered the moment it is registered, and a documented
 * status the test cannot provoke fails it rather than going unchecked.
 */

type Json = any;

interface Operation {
  method: string;
  path: string;
  op: Json;
}

interface Request {
  method: string;
  path: string;
  token?: string;
  headers?: Record<string, string>;
  /** Sent as it is: a string is the raw body, undefined sends none. */
  body?: string;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const MISSING_ID = 'zz_missing';
const MISSING_CLINIC = 'no-such-clinic';

let t: TestContext;
let limited: TestContext;
let http: { url: string; close(): Promise<void> };
let limitedHttp: { url: string; close(): Promise<void> };
let doc: Json;

/** Clinic `alpha` takes bookings online; `beta` is another clinic; `gamma` has booking off. */
const fx = {
  slug: '',
  admin: '',
  practitioner: '',
  otherClinicAdmin: '',
  bookingOff: '',
  /** A real booking of `alpha`, for visitor routes that look it up before asking for a token. */
  bookingId: '',
  limitedSlug: '',
  /** An integration key of `alpha`, for the handshake. */
  integrationKey: '',
};

beforeAll(async () => {
  t = await createTestContext();
  http = await listen(t.app);
  doc = await (await fetch(`${http.url}/v1/openapi.json`)).json();

  const alpha = await seedCalendarClinic(t, 'alpha');
  fx.slug = alpha.slug;
  fx.admin = alpha.token;
  const staff = await alpha.api('POST', '/staff', { name: 'Pia Practitioner', role: 'practitioner' });
  fx.practitioner = staff.json.token;
  fx.integrationKey = (await alpha.api('POST', '/integration-keys', { name: 'Contract' })).json.key;
  const booking = await alpha.api('POST', '/bookings', {
    client: { name: 'Klient Ett' },
    treatmentTypeId: alpha.tt.talk,
    practitionerId: alpha.pr.anna,
    start: '2027-03-02T10:00:00Z',
  });
  expect(booking.status, JSON.stringify(booking.json)).toBe(201);
  fx.bookingId = booking.json.id;
  fx.otherClinicAdmin = (await t.clinic('beta')).token;
  const gamma = await t.clinic('gamma');
  const off = await t.call('PATCH', '/v1/clinics/gamma/admin/settings', { token: gamma.token, body: { modules: { booking: false } } });
  expect(off.status).toBe(200);
  fx.bookingOff = gamma.slug;

  // A second server whose visitors may write once a minute; its clock never moves, so after one
  // write every further one is over the limit.
  limited = await createTestContext({ config: { rateLimitPerMinute: 1 } });
  limitedHttp = await listen(limited.app);
  fx.limitedSlug = (await limited.clinic('limited')).slug;
  await fetch(`${limitedHttp.url}/v1/clinics/${fx.limitedSlug}/auth/logout`, { method: 'POST' });
}, 60_000);

afterAll(async () => {
  await http?.close();
  await limitedHttp?.close();
  await t?.close();
  await limited?.close();
});

function operations(): Operation[] {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Json>)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ method, path, op })),
  );
}

const schemes = (op: Json): string[] => (op.security as Record<string, string[]>[]).flatMap((r) => Object.keys(r));
const roles = (op: Json): string[] => (op.security as Record<string, string[]>[]).flatMap((r) => Object.values(r).flat());
const parameters = (op: Json, where: string): Json[] => ((op.parameters ?? []) as Json[]).filter((p) => p.in === where);
const bodySchema = (op: Json): Json | undefined => op.requestBody?.content?.['application/json']?.schema;

/** The token that gets past an operation's security, if it has any. */
function credentials(op: Json): string | undefined {
  const names = schemes(op);
  if (names.includes('operator')) return OPERATOR_TOKEN;
  if (names.includes('staff')) return fx.admin;
  if (names.includes('integration')) return fx.integrationKey;
  return undefined;
}

/** Every required header with a value of the right shape, so a request fails only where meant. */
function requiredHeaders(op: Json): Record<string, string> {
  return Object.fromEntries(
    parameters(op, 'header')
      .filter((p) => p.required)
      .map((p) => [p.name, 'not-the-secret']),
  );
}

function fill(path: string, values: { clinic?: string; id?: string } = {}): string {
  return path.replace('{clinic}', values.clinic ?? fx.slug).replace(/\{[^}]+\}/g, values.id ?? fx.bookingId);
}

/** Query values that satisfy the operation's required parameters (the 404 and 401 cases). */
function validQuery(op: Json): string {
  const entries = parameters(op, 'query')
    .filter((p) => p.required)
    .map((p) => [p.name, exampleOf(p.schema)] as const);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}

/**
 * A small value the schema accepts: enough for a request to get past validation to the check
 * under test (a missing item, a missing token). Not a general generator; it knows the shapes the
 * API's schemas use (ids, dates, instants, emails, colours, enums, bounded numbers).
 */
function exampleOf(schema: Json): unknown {
  if (!schema || typeof schema !== 'object') return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const variants = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (variants) return exampleOf(variants.find((v) => v.type !== 'null') ?? variants[0]);
  const type = Array.isArray(schema.type) ? schema.type.find((x: string) => x !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of (schema.required ?? []) as string[]) out[name] = exampleOf(schema.properties?.[name]);
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleOf(schema.items));
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? Math.max(schema.minimum, 1) : 1;
    case 'boolean':
      return false;
    case 'string': {
      const candidates =
        schema.format === 'date-time'
          ? ['2027-03-02T10:00:00Z']
          : schema.format === 'date'
            ? ['2027-03-08'] // a Monday: template weeks start on one
            : schema.format === 'email'
              ? ['someone@example.com']
              : // An id in a body is never the id in the path (merging a client into itself is a 400).
                ['zz_other', '10:00', '#112233', 'x'.repeat(Math.max(1, schema.minLength ?? 1))];
      return candidates.find((c) => !schema.pattern || new RegExp(schema.pattern).test(c)) ?? candidates[0];
    }
    default:
      return null;
  }
}

async function send(base: string, request: Request): Promise<Response> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${base}${request.path}`, { method: request.method.toUpperCase(), headers, body: request.body });
}

/** The requests that must each give `status` for this operation, by how the document reads. */
function provoke(status: string, { method, path, op }: Operation): { base: string; why: string; request: Request }[] {
  const token = credentials(op);
  const headers = requiredHeaders(op);
  const example = bodySchema(op) ? JSON.stringify(exampleOf(bodySchema(op))) : undefined;
  const base = http.url;
  const visitor = schemes(op).every((name) => name === 'client');
  switch (status) {
    case '400': {
      if (op.requestBody?.required) {
        return [{ base, why: 'an empty body', request: { method, path: fill(path), token, headers, body: '' } }];
      }
      const query = parameters(op, 'query');
      if (query.some((p) => p.required)) {
        return [{ base, why: 'no query parameters', request: { method, path: fill(path), token, headers } }];
      }
      // Every optional parameter here is constrained (a pattern, an enum, a number, a length).
      return query.map((p) => {
        const bad = typeof p.schema.maxLength === 'number' && !p.schema.pattern ? 'x'.repeat(p.schema.maxLength + 1) : '!';
        return { base, why: `${p.name}=${bad.slice(0, 10)}`, request: { method, path: `${fill(path)}?${p.name}=${bad}`, token, headers } };
      });
    }
    case '401':
      // Visitor routes look their item up first; a real one makes the missing token the only fault.
      return [{ base, why: 'no credentials', request: { method, path: fill(path) + validQuery(op), body: example } }];
    case '403': {
      const cases: { base: string; why: string; request: Request }[] = [];
      if (schemes(op).includes('staff')) {
        cases.push({
          base,
          why: "another clinic's token",
          request: { method, path: fill(path) + validQuery(op), token: fx.otherClinicAdmin, headers, body: example },
        });
      }
      if (roles(op).includes('admin')) {
        cases.push({
          base,
          why: 'a practitioner token',
          request: { method, path: fill(path) + validQuery(op), token: fx.practitioner, headers, body: example },
        });
      }
      // A visitor route that can be forbidden can only be so because its module is off.
      if (visitor) {
        cases.push({
          base,
          why: 'online booking off',
          request: { method, path: fill(path, { clinic: fx.bookingOff }) + validQuery(op), headers, body: example },
        });
      }
      return cases;
    }
    case '404': {
      const cases: { base: string; why: string; request: Request }[] = [];
      if (visitor && path.includes('{clinic}')) {
        cases.push({
          base,
          why: 'an unknown clinic',
          request: { method, path: fill(path, { clinic: MISSING_CLINIC }) + validQuery(op), headers, body: example },
        });
      }
      if (/\{(?!clinic\})[^}]+\}/.test(path)) {
        cases.push({
          base,
          why: 'an unknown id',
          request: {
            method,
            path: fill(path, { id: MISSING_ID }) + validQuery(op),
            token: token ?? (visitor ? 'not-a-token' : undefined),
            headers,
            body: example,
          },
        });
      }
      return cases;
    }
    case '413':
      return [{ base, why: 'a 65 KiB body', request: { method, path: fill(path), token, headers, body: JSON.stringify({ pad: 'x'.repeat(65 * 1024) }) } }];
    case '429':
      return [
        {
          base: limitedHttp.url,
          why: 'a second write within the minute',
          request: { method, path: fill(path, { clinic: fx.limitedSlug, id: MISSING_ID }), token, headers, body: example },
        },
      ];
    default:
      return [];
  }
}

const CODES_BY_STATUS: Record<string, string[]> = {
  '400': ['validation_failed'],
  '401': ['unauthorized'],
  '403': ['forbidden', 'module_disabled'],
  '404': ['not_found'],
  '413': ['payload_too_large'],
  '429': ['rate_limited'],
};

/** The fields the document promises on every problem, checked against the answer. */
function expectProblem(problem: Json, status: number, where: string) {
  const schema = doc.components.schemas.Problem;
  for (const field of schema.required as string[]) {
    expect(problem[field], `${where}: problem.${field}`).toBeDefined();
    const type = schema.properties[field].type;
    if (type === 'string') expect(typeof problem[field], `${where}: problem.${field}`).toBe('string');
    if (type === 'number' || type === 'integer') expect(typeof problem[field], `${where}: problem.${field}`).toBe('number');
  }
  expect(problem.status, where).toBe(status);
  expect(problem.detail.trim().length, `${where}: detail is empty`).toBeGreaterThan(0);
  expect(schema.properties.code.enum, where).toContain(problem.code);
  expect(problem.type, where).toBe(`https://tidbok.dev/problems/${problem.code.replaceAll('_', '-')}`);
  expect(CODES_BY_STATUS[String(status)], `${where}: code ${problem.code} for ${status}`).toContain(problem.code);
}

describe('the OpenAPI document, as a contract', () => {
  it('promises type, title, status, detail and a stable code on every problem', () => {
    const problem = doc.components.schemas.Problem;
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']));
    expect([...problem.properties.code.enum].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('documents the errors that a route’s access, parameters and body imply', () => {
    const byRoute = new Map(operations().map(({ method, path, op }) => [`${method} ${path}`, op]));
    const statuses = (route: string) => Object.keys(byRoute.get(route).responses).filter((s) => /^[45]/.test(s));
    expect(statuses('patch /v1/clinics/{clinic}/admin/settings')).toEqual(['400', '401', '403', '413']);
    expect(statuses('post /v1/clinics/{clinic}/holds')).toEqual(['400', '403', '404', '413', '429']);
    expect(statuses('delete /v1/clinics/{clinic}/holds/{id}')).toEqual(['401', '403', '404', '429']);
    expect(statuses('post /v1/clinics')).toEqual(['400', '401', '413']);
    expect(statuses('get /v1/clinics/{clinic}')).toEqual(['404']);
  });

  it('answers every documented error status with that status and a whole problem', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const operation of operations()) {
      // 5xx answers (a database that cannot be reached) are the fault tests' business; here
      // every client error the document names is provoked.
      for (const status of Object.keys(operation.op.responses).filter((s) => /^4\d\d$/.test(s))) {
        const where = `${operation.method.toUpperCase()} ${operation.path} ${status}`;
        const cases = provoke(status, operation);
        if (cases.length === 0) {
          failures.push(`${where}: documented, but this test has no way to provoke it`);
          continue;
        }
        for (const { base, why, request } of cases) {
          const res = await send(base, request);
          const text = await res.text();
          checked++;
          if (res.status !== Number(status)) {
            failures.push(`${where} (${why}): got ${res.status} ${text.slice(0, 200)}`);
            continue;
          }
          expect(res.headers.get('content-type'), `${where} (${why})`).toContain('application/problem+json');
          expectProblem(JSON.parse(text), Number(status), `${where} (${why})`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  }, 60_000);

  it('refuses an empty body wherever the document requires one, whatever the body’s fields', async () => {
    const required = operations().filter(({ op }) => op.requestBody?.required === true);
    expect(required.length).toBeGreaterThan(30);
    for (const { method, path, op } of required) {
      for (const body of [undefined, '', '  \n']) {
        const res = await send(http.url, { method, path: fill(path), token: credentials(op), headers: requiredHeaders(op), body });
        const where = `${method.toUpperCase()} ${path} with ${JSON.stringify(body)}`;
        expect(res.status, where).toBe(400);
        expect(res.headers.get('content-type'), where).toContain('application/problem+json');
        const problem = await res.json();
        expectProblem(problem, 400, where);
        expect(problem.code, where).toBe('validation_failed');
      }
    }
  }, 60_000);

  it('gives a detail on the problems that used to have none', async () => {
    const operator = await send(http.url, { method: 'post', path: '/v1/clinics', token: 'wrong', body: '{}' });
    expect(operator.status).toBe(401);
    expect((await operator.json()).detail).toBe('The operator token is not valid');
    const logout = await send(http.url, { method: 'post', path: `/v1/clinics/${fx.slug}/auth/logout` });
    expect(logout.status).toBe(401);
    expect((await logout.json()).detail).toMatch(/Authorization/);
    const off = await send(http.url, { method: 'get', path: `/v1/clinics/${fx.bookingOff}/slots` });
    expect(off.status).toBe(403);
    expect(await off.json()).toMatchObject({ code: 'module_disabled', detail: expect.stringContaining('Clinic gamma') });
    const route = await send(http.url, { method: 'get', path: '/v1/nothing-here' });
    expect(await route.json()).toMatchObject({ status: 404, detail: 'No such route' });
  });
});
