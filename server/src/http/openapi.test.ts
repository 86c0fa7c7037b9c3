import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing.js';

/**
 * Routes registered on Hono directly rather than through `Api.route`, and so not in the document
 * on purpose. Anything else Hono serves must be documented.
 */
// The document describes the JSON API under /v1; the HTML pages behind links in messages (manage
// a booking, confirm an e-mailed booking) and the script they load are for people, not integrations.
const UNDOCUMENTED = new Set([
  'GET /v1/openapi.json',
  'GET /b/manage.js',
  'GET /b/:clinic/:id',
  'POST /b/:clinic/:id',
  'GET /b/:clinic/confirm',
  'POST /b/:clinic/confirm',
  // The patient's move page and its script (routes/move-page.ts): HTML, not API.
  'GET /b/move.js',
  'POST /b/:clinic/:id/move',
  // The hosted staff page and its script (routes/staff-sign-in-page.ts): HTML, not API.
  'GET /staff/sign-in.js',
  'GET /staff/:clinic/',
  'GET /staff/:clinic',
]);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Json = any;

let t: TestContext;
let doc: Json;
beforeAll(async () => {
  t = await createTestContext();
  const res = await t.call('GET', '/v1/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/json');
  doc = await res.json();
});
afterAll(async () => {
  await t.close();
});

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function operations(): { method: string; path: string; op: Json }[] {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Json>)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ method, path, op })),
  );
}

describe('GET /v1/openapi.json', () => {
  it('documents every route Hono serves', () => {
    const served = t.app.routes
      // `app.use` middleware is registered as method ALL; it is not an endpoint.
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`)
      .filter((route) => !UNDOCUMENTED.has(route));
    const documented = new Set(operations().map(({ method, path }) => `${method.toUpperCase()} ${path}`));
    const missing = [...new Set(served)].filter((route) => {
      const [method, path] = route.split(' ') as [string, string];
      return !documented.has(`${method} ${toOpenApiPath(path)}`);
    });
    expect(missing, 'routes missing from the OpenAPI document').toEqual([]);
    expect(served.length).toBeGreaterThanOrEqual(28);
  });

  it('documents only routes that exist', () => {
    const served = new Set(t.app.routes.map((r) => `${r.method} ${toOpenApiPath(r.path)}`));
    const phantom = operations()
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`)
      .filter((route) => !served.has(route));
    expect(phantom).toEqual([]);
  });

  it('matches the route registry one to one', () => {
    const fromSpecs = t.app.specs.map((s) => `${s.method} ${toOpenApiPath(s.path)}`).sort();
    const fromDoc = operations()
      .map(({ method, path }) => `${method} ${path}`)
      .sort();
    expect(fromDoc).toEqual(fromSpecs);
    expect(new Set(fromSpecs).size, 'a route registered twice').toBe(fromSpecs.length);
  });

  it('is an OpenAPI 3.1 document with info, tags and responses on every operation', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    for (const { method, path, op } of operations()) {
      const where = `${method} ${path}`;
      expect(typeof op.summary, where).toBe('string');
      expect(op.summary.length, where).toBeGreaterThan(0);
      expect(op.tags, where).toHaveLength(1);
      const statuses = Object.keys(op.responses ?? {});
      expect(statuses.filter((s) => /^[1-5]\d\d$/.test(s)).length, `${where} has a success response`).toBeGreaterThan(0);
      for (const status of statuses) {
        expect(status === 'default' || /^[1-5]\d\d$/.test(status), where).toBe(true);
        expect(typeof op.responses[status].description, `${where} ${status}`).toBe('string');
      }
      expect(op.responses.default.content['application/problem+json'], where).toBeDefined();
    }
  });

  it('gives every operation a unique operationId', () => {
    const ids = operations().map(({ op }) => op.operationId as string);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares every path parameter, and only those', () => {
    for (const { method, path, op } of operations()) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = ((op.parameters ?? []) as Json[])
        .filter((p) => p.in === 'path')
        .map((p) => {
          expect(p.required, `${method} ${path} ${p.name}`).toBe(true);
          return p.name as string;
        })
        .sort();
      expect(declared, `${method} ${path}`).toEqual(inPath);
      for (const p of (op.parameters ?? []) as Json[]) expect(['path', 'query', 'header']).toContain(p.in);
    }
  });

  it('names only security schemes it defines, and marks public routes as needing none', () => {
    const schemes = Object.keys(doc.components.securitySchemes);
    for (const { method, path, op } of operations()) {
      expect(Array.isArray(op.security), `${method} ${path}`).toBe(true);
      for (const requirement of op.security as Record<string, unknown>[]) {
        for (const name of Object.keys(requirement)) expect(schemes, `${method} ${path}`).toContain(name);
      }
    }
    const byRoute = new Map(operations().map(({ method, path, op }) => [`${method} ${path}`, op]));
    expect(byRoute.get('get /v1/health').security).toEqual([]);
    expect(byRoute.get('get /v1/clinics/{clinic}').security).toEqual([]);
    expect(byRoute.get('post /v1/clinics').security).toEqual([{ operator: [] }]);
    expect(byRoute.get('get /v1/clinics/{clinic}/admin/settings').security).toEqual([{ staff: [] }]);
  });

  it('says which routes need the admin role', () => {
    const byRoute = new Map(operations().map(({ method, path, op }) => [`${method} ${path}`, op]));
    for (const spec of t.app.specs) {
      const op = byRoute.get(`${spec.method} ${toOpenApiPath(spec.path)}`);
      if (spec.access === 'admin') expect(op.security, spec.path).toEqual([{ staff: ['admin'] }]);
      else expect(JSON.stringify(op.security), spec.path).not.toContain('admin');
    }
    expect(byRoute.get('patch /v1/clinics/{clinic}/admin/settings').security).toEqual([{ staff: ['admin'] }]);
  });

  it('resolves every $ref inside the document', () => {
    const refs = new Set<string>();
    const walk = (node: Json) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        if (typeof node.$ref === 'string') refs.add(node.$ref);
        Object.values(node).forEach(walk);
      }
    };
    walk(doc);
    for (const ref of refs) {
      expect(ref.startsWith('#/'), ref).toBe(true);
      const target = ref
        .slice(2)
        .split('/')
        .reduce((node: Json, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
      expect(target, ref).toBeDefined();
    }
  });

  it('describes request bodies with the same strictness the server applies', () => {
    const create = doc.paths['/v1/clinics/{clinic}/admin/treatment-types'].post.requestBody.content['application/json'].schema;
    expect(create.type).toBe('object');
    expect(create.required.sort()).toEqual(['durationMinutes', 'name']);
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.color.pattern).toBe('^#[0-9a-fA-F]{6}$');
    expect(create.properties.name.maxLength).toBe(200);
    const list = doc.paths['/v1/clinics/{clinic}/admin/clients'].get.parameters.find((p: Json) => p.name === 'q');
    expect(list).toMatchObject({ in: 'query', required: false });
  });
});
