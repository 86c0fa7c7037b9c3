import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../secrets.js';
import { createTestContext, OPERATOR_TOKEN, type TestContext } from '../testing.js';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

const admin = (slug: string) => `/v1/clinics/${slug}/admin`;

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const problem = await res.json();
  expect(problem).toMatchObject({ status, code });
  expect(JSON.stringify(problem)).not.toMatch(/\bat .+\.(ts|js):\d+/);
  return problem;
}

/** Creates a non-admin staff user (practitioner unless told) through the admin and returns their token. */
async function practitionerToken(slug: string, adminToken: string, role = 'practitioner') {
  const res = await t.call('POST', `${admin(slug)}/staff`, {
    token: adminToken,
    body: { name: 'Pia Practitioner', role },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

describe('staff authentication', () => {
  it('answers 401 unauthorized without a token', async () => {
    const { slug } = await t.clinic('a');
    await expectProblem(await t.call('GET', `${admin(slug)}/settings`), 401, 'unauthorized');
  });

  it('answers 401 for an unknown token, a malformed header and another scheme', async () => {
    const { slug, token } = await t.clinic('a');
    await expectProblem(await t.call('GET', `${admin(slug)}/settings`, { token: `${token}x` }), 401, 'unauthorized');
    await expectProblem(await t.call('GET', `${admin(slug)}/settings`, { headers: { authorization: `Basic ${token}` } }), 401, 'unauthorized');
    await expectProblem(await t.call('GET', `${admin(slug)}/settings`, { headers: { authorization: 'Bearer' } }), 401, 'unauthorized');
  });

  it('refuses the operator token on staff routes', async () => {
    const { slug } = await t.clinic('a');
    await expectProblem(await t.call('GET', `${admin(slug)}/settings`, { token: OPERATOR_TOKEN }), 401, 'unauthorized');
  });

  it('checks credentials before reading the body, so an anonymous caller gets 401, not a validation error', async () => {
    const { slug } = await t.clinic('a');
    await expectProblem(await t.call('POST', `${admin(slug)}/treatment-types`, { body: '{not json' }), 401, 'unauthorized');
  });

  it('accepts the scheme name in any case', async () => {
    const { slug, token } = await t.clinic('a');
    const res = await t.call('GET', `${admin(slug)}/settings`, { headers: { authorization: `bearer ${token}` } });
    expect(res.status).toBe(200);
  });
});

describe('tenant isolation', () => {
  it("answers 403 forbidden when clinic A's token is used on clinic B's path", async () => {
    const a = await t.clinic('a');
    const b = await t.clinic('b');
    for (const path of ['settings', 'staff', 'treatment-types', 'practitioners', 'locations', 'clients']) {
      await expectProblem(await t.call('GET', `${admin(b.slug)}/${path}`, { token: a.token }), 403, 'forbidden');
    }
    await expectProblem(await t.call('PATCH', `${admin(b.slug)}/settings`, { token: a.token, body: { name: 'Taken over' } }), 403, 'forbidden');
    const settings = await (await t.call('GET', `${admin(b.slug)}/settings`, { token: b.token })).json();
    expect(settings.name).toBe('Clinic b');
  });

  it('answers 403 for a clinic that does not exist, so a token cannot probe for slugs', async () => {
    const a = await t.clinic('a');
    await expectProblem(await t.call('GET', `${admin('nowhere')}/settings`, { token: a.token }), 403, 'forbidden');
  });

  it("answers 404 not_found for an id of clinic B asked for on clinic A's path, and leaves it unchanged", async () => {
    const a = await t.clinic('a');
    const b = await t.clinic('b');
    const created = {
      'treatment-types': { name: 'B-behandling', durationMinutes: 30 },
      practitioners: { name: 'B-behandlare' },
      locations: { name: 'B-rummet' },
      clients: { name: 'B-klient' },
    };
    for (const [resource, body] of Object.entries(created)) {
      const res = await t.call('POST', `${admin(b.slug)}/${resource}`, { token: b.token, body });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      const theirs = `${admin(a.slug)}/${resource}/${id}`;
      await expectProblem(await t.call('GET', theirs, { token: a.token }), 404, 'not_found');
      await expectProblem(await t.call('PATCH', theirs, { token: a.token, body: { name: 'Changed' } }), 404, 'not_found');
      await expectProblem(await t.call('DELETE', theirs, { token: a.token }), 404, 'not_found');
      const still = await t.call('GET', `${admin(b.slug)}/${resource}/${id}`, { token: b.token });
      expect(still.status).toBe(200);
      expect((await still.json()).name).toBe(body.name);
    }
  });

  it("does not list clinic B's rows to clinic A", async () => {
    const a = await t.clinic('a');
    const b = await t.clinic('b');
    await t.call('POST', `${admin(b.slug)}/clients`, { token: b.token, body: { name: 'Bertil Bsson' } });
    await t.call('POST', `${admin(b.slug)}/treatment-types`, { token: b.token, body: { name: 'B', durationMinutes: 30 } });
    const clients = await (await t.call('GET', `${admin(a.slug)}/clients?q=bertil`, { token: a.token })).json();
    expect(clients.clients).toEqual([]);
    const types = await (await t.call('GET', `${admin(a.slug)}/treatment-types`, { token: a.token })).json();
    expect(types.treatmentTypes).toEqual([]);
    const staff = await (await t.call('GET', `${admin(a.slug)}/staff`, { token: a.token })).json();
    expect(staff.staff).toHaveLength(1);
  });

  it("refuses another clinic's treatment type in a practitioner's list (400 naming the field)", async () => {
    const a = await t.clinic('a');
    const b = await t.clinic('b');
    const tt = await (await t.call('POST', `${admin(b.slug)}/treatment-types`, { token: b.token, body: { name: 'B', durationMinutes: 30 } })).json();
    const res = await t.call('POST', `${admin(a.slug)}/practitioners`, {
      token: a.token,
      body: { name: 'Anna', treatmentTypeIds: [tt.id] },
    });
    const problem = await expectProblem(res, 400, 'validation_failed');
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(['treatmentTypeIds']);
  });

  it("refuses another clinic's practitioner as a staff user's practitioner", async () => {
    const a = await t.clinic('a');
    const b = await t.clinic('b');
    const pr = await (await t.call('POST', `${admin(b.slug)}/practitioners`, { token: b.token, body: { name: 'B' } })).json();
    const res = await t.call('POST', `${admin(a.slug)}/staff`, {
      token: a.token,
      body: { name: 'Sneaky', role: 'practitioner', practitionerId: pr.id },
    });
    const problem = await expectProblem(res, 400, 'validation_failed');
    expect(problem.errors[0].path).toBe('practitionerId');
  });
});

describe('roles', () => {
  it('refuses a practitioner-role token with 403 on admin-only routes', async () => {
    const { slug, token } = await t.clinic('a');
    const tt = await (await t.call('POST', `${admin(slug)}/treatment-types`, { token, body: { name: 'Samtal', durationMinutes: 50 } })).json();
    const pr = await (await t.call('POST', `${admin(slug)}/practitioners`, { token, body: { name: 'Anna' } })).json();
    const lo = await (await t.call('POST', `${admin(slug)}/locations`, { token, body: { name: 'Rum 1' } })).json();
    const practitioner = await practitionerToken(slug, token);

    const refused: [string, string, unknown?][] = [
      ['PATCH', 'settings', { name: 'Mine now' }],
      ['GET', 'staff'],
      ['POST', 'staff', { name: 'Another', role: 'admin' }],
      ['POST', 'treatment-types', { name: 'New', durationMinutes: 30 }],
      ['PATCH', `treatment-types/${tt.id}`, { name: 'Renamed' }],
      ['DELETE', `treatment-types/${tt.id}`],
      ['POST', 'practitioners', { name: 'New' }],
      ['PATCH', `practitioners/${pr.id}`, { name: 'Renamed' }],
      ['PUT', `practitioners/${pr.id}/treatment-types`, { treatmentTypeIds: [tt.id] }],
      ['DELETE', `practitioners/${pr.id}`],
      ['POST', 'locations', { name: 'New' }],
      ['PATCH', `locations/${lo.id}`, { name: 'Renamed' }],
      ['DELETE', `locations/${lo.id}`],
    ];
    for (const [method, path, body] of refused) {
      const res = await t.call(method, `${admin(slug)}/${path}`, { token: practitioner, body });
      await expectProblem(res, 403, 'forbidden');
    }
    // Nothing changed.
    expect((await (await t.call('GET', `${admin(slug)}/settings`, { token })).json()).name).toBe('Clinic a');
    expect((await (await t.call('GET', `${admin(slug)}/treatment-types/${tt.id}`, { token })).json()).name).toBe('Samtal');
    expect((await (await t.call('GET', `${admin(slug)}/staff`, { token })).json()).staff).toHaveLength(2);
  });

  it('lets a reception-role token read the catalogue and work with clients', async () => {
    const { slug, token } = await t.clinic('a');
    const tt = await (await t.call('POST', `${admin(slug)}/treatment-types`, { token, body: { name: 'Samtal', durationMinutes: 50 } })).json();
    const practitioner = await practitionerToken(slug, token, 'reception');
    for (const path of ['settings', 'treatment-types', `treatment-types/${tt.id}`, 'practitioners', 'locations', 'clients']) {
      const res = await t.call('GET', `${admin(slug)}/${path}`, { token: practitioner });
      expect(res.status, path).toBe(200);
    }
    const client = await t.call('POST', `${admin(slug)}/clients`, { token: practitioner, body: { name: 'Klara Klient' } });
    expect(client.status).toBe(201);
    const { id } = await client.json();
    const patched = await t.call('PATCH', `${admin(slug)}/clients/${id}`, { token: practitioner, body: { phone: '070-123 45 67' } });
    expect(patched.status).toBe(200);
  });
});

describe('operator routes', () => {
  it('answer 401 when no operator token is configured, even to a caller that sends one', async () => {
    const off = await createTestContext({ config: { operatorToken: null } });
    try {
      const res = await off.call('POST', '/v1/clinics', { token: OPERATOR_TOKEN, body: { slug: 'x', name: 'X' } });
      const problem = await expectProblem(res, 401, 'unauthorized');
      expect(problem.detail).toContain('TIDBOK_OPERATOR_TOKEN');
      const count = await off.store.db
        .selectFrom('clinics')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(0);
    } finally {
      await off.close();
    }
  });

  it('answer 401 for a missing or wrong operator token, and for a staff token', async () => {
    const { token } = await t.clinic('a');
    const body = { slug: 'x', name: 'X' };
    await expectProblem(await t.call('POST', '/v1/clinics', { body }), 401, 'unauthorized');
    await expectProblem(await t.call('POST', '/v1/clinics', { token: `${OPERATOR_TOKEN}0`, body }), 401, 'unauthorized');
    await expectProblem(await t.call('POST', '/v1/clinics', { token: OPERATOR_TOKEN.slice(0, -1), body }), 401, 'unauthorized');
    await expectProblem(await t.call('POST', '/v1/clinics', { token, body }), 401, 'unauthorized');
    expect((await t.call('GET', '/v1/clinics/x')).status).toBe(404);
  });
});

describe('staff tokens', () => {
  it('carry at least 256 random bits and are stored only as their SHA-256', async () => {
    const { slug, token } = await t.clinic('a');
    const created = await t.call('POST', `${admin(slug)}/staff`, { token, body: { name: 'Pia', role: 'practitioner' } });
    const second = ((await created.json()) as { token: string }).token;

    for (const plain of [token, second]) {
      const secret = plain.slice(plain.indexOf('_') + 1);
      expect(Buffer.from(secret, 'base64url').length).toBeGreaterThanOrEqual(32);
    }
    expect(second).not.toBe(token);

    const rows = await t.store.db.selectFrom('staff_tokens').selectAll().execute();
    expect(rows.map((r) => r.token_hash).sort()).toEqual([hashSecret(token), hashSecret(second)].sort());
    expect(hashSecret(token)).toMatch(/^[0-9a-f]{64}$/);
    const stored = JSON.stringify(rows);
    for (const plain of [token, second]) {
      expect(stored).not.toContain(plain);
      expect(stored).not.toContain(plain.slice(plain.indexOf('_') + 1));
    }
  });

  it('never reach the database in plain text', async () => {
    const { slug, token } = await t.clinic('a');
    const res = await t.call('POST', `${admin(slug)}/staff`, { token, body: { name: 'Pia', role: 'admin' } });
    const second = ((await res.json()) as { token: string }).token;
    const bytes = await t.database.contents();
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(Buffer.from(hashSecret(token)))).toBe(true);
    expect(bytes.includes(Buffer.from(token))).toBe(false);
    expect(bytes.includes(Buffer.from(second))).toBe(false);
  });

  it('are not shown again: no list or read returns a token or its hash', async () => {
    const { slug, token } = await t.clinic('a');
    const staff = await (await t.call('GET', `${admin(slug)}/staff`, { token })).text();
    expect(staff).not.toContain(token);
    expect(staff).not.toContain(hashSecret(token));
    expect(staff).not.toMatch(/tbs_|[0-9a-f]{64}/);
  });
});
