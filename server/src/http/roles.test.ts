import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, listen, type TestContext } from '../testing.js';

/**
 * Role × route: every staff and admin route, taken from the registered specs, called with each
 * role's token. A route missing from the table below fails the test, so a new route cannot be
 * added without deciding who may call it. "Allowed" means the role gate lets the call through:
 * it may still be refused later (an unknown id, a missing body, another practitioner's entry).
 */
type Role = 'admin' | 'reception' | 'practitioner';
const ALL: Role[] = ['admin', 'reception', 'practitioner'];
const DESK: Role[] = ['admin', 'reception'];
const ADMIN: Role[] = ['admin'];

const EXPECTED: Record<string, Role[]> = {
  'GET /admin/me': ALL,
  'GET /admin/settings': ALL,
  'PATCH /admin/settings': ADMIN,
  'GET /admin/settings/rejected-origins': ADMIN,
  'GET /admin/staff': ADMIN,
  'POST /admin/staff': ADMIN,
  'GET /admin/staff/:id': ADMIN,
  'PATCH /admin/staff/:id': ADMIN,
  'DELETE /admin/staff/:id': ADMIN,
  'GET /admin/treatment-types': ALL,
  'POST /admin/treatment-types': ADMIN,
  'GET /admin/treatment-types/:id': ALL,
  'PATCH /admin/treatment-types/:id': ADMIN,
  'DELETE /admin/treatment-types/:id': ADMIN,
  'GET /admin/practitioners': ALL,
  'POST /admin/practitioners': ADMIN,
  'GET /admin/practitioners/:id': ALL,
  'PATCH /admin/practitioners/:id': ADMIN,
  'PUT /admin/practitioners/:id/treatment-types': ['admin', 'practitioner'],
  'DELETE /admin/practitioners/:id': ADMIN,
  'GET /admin/locations': ALL,
  'POST /admin/locations': ADMIN,
  'GET /admin/locations/:id': ALL,
  'PATCH /admin/locations/:id': ADMIN,
  'DELETE /admin/locations/:id': ADMIN,
  'GET /admin/clients': ALL,
  'POST /admin/clients': ALL,
  'GET /admin/clients/:id': ALL,
  'PATCH /admin/clients/:id': ALL,
  'DELETE /admin/clients/:id': DESK,
  'GET /admin/clients/:id/duplicates': DESK,
  'POST /admin/clients/:id/merge': DESK,
  'POST /admin/clients/:id/test-session': DESK,
  'GET /admin/clients/:id/access-log': ADMIN,
  'GET /admin/clients/:id/history': ALL,
  'PUT /admin/clients/:id/notes': ['admin', 'practitioner'],
  'GET /admin/holds': DESK,
  'DELETE /admin/holds/:id': DESK,
  'GET /admin/calendar': ALL,
  'GET /admin/slots': ALL,
  'POST /admin/working-times': ALL,
  'DELETE /admin/working-times': ALL,
  'GET /admin/working-times/:id': ALL,
  'PATCH /admin/working-times/:id': ALL,
  'DELETE /admin/working-times/:id': ALL,
  'POST /admin/activities': ALL,
  'GET /admin/activities/:id': ALL,
  'PATCH /admin/activities/:id': ALL,
  'DELETE /admin/activities/:id': ALL,
  'POST /admin/bookings': ALL,
  'GET /admin/bookings/:id': ALL,
  'PATCH /admin/bookings/:id': ALL,
  'DELETE /admin/bookings/:id': ALL,
  'POST /admin/bookings/:id/cancel': ALL,
  'POST /admin/bookings/:id/no-show': ALL,
  'POST /admin/bookings/:id/restore': ALL,
  'POST /admin/bookings/:id/confirmation': ALL,
  'POST /admin/bookings/:id/payment': ALL,
  'POST /admin/bookings/:id/payment/void': ADMIN,
  'GET /admin/bookings/:id/receipt': ALL,
  'GET /admin/bookings/:id/receipt/lines': ALL,
  'POST /admin/bookings/:id/receipt/send': ALL,
  'GET /admin/messages': DESK,
  'GET /admin/sms-budget': DESK,
  'GET /admin/template-weeks': DESK,
  'POST /admin/template-weeks': DESK,
  'PATCH /admin/template-weeks/:id': DESK,
  'DELETE /admin/template-weeks/:id': DESK,
  'POST /admin/template-weeks/:id/apply': DESK,
  'GET /admin/audit-log': ADMIN,
  'GET /admin/integration-keys': ADMIN,
  'POST /admin/integration-keys': ADMIN,
  'DELETE /admin/integration-keys/:id': ADMIN,
  'GET /admin/me/tokens': ALL,
  'POST /admin/me/tokens': ALL,
  'DELETE /admin/me/tokens/:id': ALL,
  'GET /admin/staff/:id/tokens': ADMIN,
  'DELETE /admin/staff/:id/tokens/:tokenId': ADMIN,
  'GET /admin/me/sessions': ALL,
  'GET /admin/staff/:id/sessions': ALL,
  'DELETE /admin/staff/:id/sessions': ADMIN,
  'DELETE /admin/sessions/:id': ALL,
  'POST /admin/me/logout-everywhere': ALL,
  'POST /admin/webhooks': ADMIN,
  'GET /admin/webhooks': ADMIN,
  'GET /admin/webhooks/:id': ADMIN,
  'PATCH /admin/webhooks/:id': ADMIN,
  'DELETE /admin/webhooks/:id': ADMIN,
  'POST /admin/webhooks/:id/deliveries/:deliveryId/resend': ADMIN,
  'GET /admin/practitioners/:id/calendar-feed': ALL,
  'POST /admin/practitioners/:id/calendar-feed': ALL,
  'DELETE /admin/practitioners/:id/calendar-feed': ALL,
  'POST /admin/staff/:id/invite': ADMIN,
  'GET /admin/me/credentials': ALL,
  'POST /admin/me/passkeys/options': ALL,
  'POST /admin/me/passkeys': ALL,
  'DELETE /admin/me/passkeys/:id': ALL,
  'POST /admin/me/totp/options': ALL,
  'PUT /admin/me/totp': ALL,
  'DELETE /admin/me/totp': ALL,
  'GET /admin/practitioners/:id/busy-calendar': ADMIN,
  'PUT /admin/practitioners/:id/busy-calendar': ADMIN,
  'POST /admin/practitioners/:id/busy-calendar/refresh': ADMIN,
  'DELETE /admin/practitioners/:id/busy-calendar': ADMIN,
};

const CLINIC = '/v1/clinics/:clinic';
let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let slug: string;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  t = await createTestContext();
  server = await listen(t.app);
  const clinic = await t.clinic('roles');
  slug = clinic.slug;
  tokens.admin = clinic.token;
  for (const role of ['reception', 'practitioner'] as const) {
    const res = await t.call('POST', `/v1/clinics/${slug}/admin/staff`, { token: clinic.token, body: { name: `A ${role}`, role } });
    tokens[role] = ((await res.json()) as { token: string }).token;
  }
});
afterAll(async () => {
  await server.close();
  await t.close();
});

const staffRoutes = () => (createdSpecs ??= t.app.specs.filter((s) => s.access === 'staff' || s.access === 'admin'));
let createdSpecs: typeof t.app.specs | undefined;
const key = (spec: { method: string; path: string }) => `${spec.method.toUpperCase()} ${spec.path.replace(CLINIC, '')}`;

/** The role gate's refusal, told apart from a refusal for the entry itself (another practitioner's). */
const ROLE_REFUSAL = /role has no access|needs the admin role/;

describe('role × route', () => {
  it('the table names every staff and admin route, and only routes that exist', () => {
    const keys = staffRoutes().map(key);
    expect(
      keys.filter((k) => !(k in EXPECTED)),
      'routes without an entry',
    ).toEqual([]);
    expect(
      Object.keys(EXPECTED).filter((k) => !keys.includes(k)),
      'entries without a route',
    ).toEqual([]);
  });

  it('the OpenAPI document states each staff route’s permission and the roles that hold it', async () => {
    const doc = (await (await fetch(`${server.url}/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { 'x-tidbok-permission'?: string; 'x-tidbok-roles'?: string[] }>>;
    };
    const wrong: string[] = [];
    for (const spec of staffRoutes()) {
      const op = doc.paths[spec.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[spec.method];
      if (spec.permission && op?.['x-tidbok-permission'] !== spec.permission) wrong.push(`${key(spec)}: permission`);
      if ([...(op?.['x-tidbok-roles'] ?? [])].sort().join() !== [...(EXPECTED[key(spec)] ?? [])].sort().join()) {
        if (spec.permission) wrong.push(`${key(spec)}: roles ${op?.['x-tidbok-roles']}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(['admin', 'reception', 'practitioner'] as const)('%s: allowed routes pass the role gate, the others answer 403 forbidden', async (role) => {
    const outcomes: string[] = [];
    for (const spec of staffRoutes()) {
      const path = spec.path.replace(':clinic', slug).replace(/:[A-Za-z]+/g, 'nope');
      const res = await fetch(`${server.url}${path}`, {
        method: spec.method.toUpperCase(),
        headers: { authorization: `Bearer ${tokens[role]}`, ...(spec.body ? { 'content-type': 'application/json' } : {}) },
        ...(spec.body ? { body: '{}' } : {}),
      });
      const body = await res.text();
      const refused = res.status === 403 && ROLE_REFUSAL.test(body);
      if (refused) expect(JSON.parse(body).code, key(spec)).toBe('forbidden');
      expect(res.status, `${key(spec)} ${body.slice(0, 200)}`).not.toBe(401);
      expect(res.status, `${key(spec)} ${body.slice(0, 200)}`).toBeLessThan(500);
      const allowed = (EXPECTED[key(spec)] ?? []).includes(role);
      if (allowed === refused) outcomes.push(`${key(spec)}: expected ${allowed ? 'allowed' : '403'}, got ${res.status} ${body.slice(0, 200)}`);
    }
    expect(outcomes).toEqual([]);
  });
});
