import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing.js';

/** Hostile input on the public routes: whatever arrives, the answer is never a 5xx. */
let t: TestContext;
let slug: string;
let treatmentTypeId: string;
let practitionerId: string;

beforeAll(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z' });
  const clinic = await t.clinic('fuzz');
  slug = clinic.slug;
  const admin = async (path: string, body: unknown) =>
    (await (await t.call('POST', `/v1/clinics/${slug}/admin${path}`, { token: clinic.token, body })).json()) as any;
  treatmentTypeId = (await admin('/treatment-types', { name: 'Samtal', durationMinutes: 45 })).id;
  practitionerId = (await admin('/practitioners', { name: 'Anna', treatmentTypeIds: [treatmentTypeId] })).id;
  await admin('/working-times', { practitionerId, start: '2027-03-02T08:00:00Z', end: '2027-03-02T16:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

// Values that are almost right are the interesting ones: real ids, real instants, odd types.
const nearly = fc.oneof(
  fc.constantFrom('tt_unknown', '2027-03-02T08:00:00Z', '2027-03-02T08:00:00', '2027-13-40T99:00:00Z', '', 'x'.repeat(5000)),
  fc.constant(null),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.string(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);
const holdBody = fc.record(
  {
    treatmentTypeId: fc.oneof(nearly, fc.constant('TT')),
    practitionerId: fc.oneof(nearly, fc.constant('PR')),
    start: fc.oneof(nearly, fc.constantFrom('2027-03-02T09:00:00Z', '2027-03-02T09:00:00+01:00')),
    extra: nearly,
  },
  { requiredKeys: [] },
);
const bookingBody = fc.record(
  {
    holdId: nearly,
    holdSecret: nearly,
    client: fc.oneof(
      nearly,
      fc.record({ name: nearly, email: fc.oneof(nearly, fc.emailAddress()), phone: nearly, personalNumber: nearly }, { requiredKeys: [] }),
    ),
    confirmation: fc.oneof(nearly, fc.constantFrom('email', 'sms', 'none')),
    note: nearly,
  },
  { requiredKeys: [] },
);
const rawBody = fc.oneof(fc.string(), fc.constantFrom('{', '[]', 'null', '1e999', '{"start": 1e999}', '\u0000', '{"__proto__": {"x": 1}}'));

async function expectProblemOrSuccess(res: Response) {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as { code: string; status: number };
    expect(typeof problem.code).toBe('string');
    expect(problem.status).toBe(res.status);
  } else {
    await res.arrayBuffer();
  }
}

const fix = (body: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(body).replaceAll('"TT"', JSON.stringify(treatmentTypeId)).replaceAll('"PR"', JSON.stringify(practitionerId)));

describe('public routes under fuzzing', () => {
  it('answer hold bodies with success or problem+json, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(holdBody, async (body) => {
        const res = await t.call('POST', `/v1/clinics/${slug}/holds`, { body: fix(body) });
        await expectProblemOrSuccess(res);
      }),
      { numRuns: 150 },
    );
  });

  it('answer booking bodies with problem+json, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(bookingBody, async (body) => {
        await expectProblemOrSuccess(await t.call('POST', `/v1/clinics/${slug}/bookings`, { body }));
      }),
      { numRuns: 150 },
    );
  });

  it('answer raw bodies and odd query strings with problem+json, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, fc.string(), async (raw, query) => {
        await expectProblemOrSuccess(await t.call('POST', `/v1/clinics/${slug}/holds`, { body: raw }));
        await expectProblemOrSuccess(await t.call('GET', `/v1/clinics/${slug}/slots?${new URLSearchParams({ treatmentTypeId, from: query, to: query })}`));
      }),
      { numRuns: 100 },
    );
  });
});
