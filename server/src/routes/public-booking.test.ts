import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyHashOf, requestHashOf } from '../services/idempotency.js';
import { createTestContext, type TestContext } from '../testing.js';

let t: TestContext;
let slug: string;
let token: string;
let treatmentTypeId: string;
let practitionerId: string;

const WORK_START = '2027-03-03T08:00:00Z';
const WORK_END = '2027-03-03T12:00:00Z';
const client = { name: 'Klara Klient', email: 'klara@example.com', phone: '+46701234567' };

async function json(res: Response) {
  return (await res.json()) as any;
}

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { trustProxy: 1 } });
  ({ slug, token } = await t.clinic('open'));
  const tt = await json(
    await t.call('POST', `/v1/clinics/${slug}/admin/treatment-types`, {
      token,
      body: { name: 'Samtal', durationMinutes: 60, color: '#112233' },
    }),
  );
  treatmentTypeId = tt.id;
  const pr = await json(
    await t.call('POST', `/v1/clinics/${slug}/admin/practitioners`, {
      token,
      body: { name: 'Anna', treatmentTypeIds: [treatmentTypeId] },
    }),
  );
  practitionerId = pr.id;
  const wt = await t.call('POST', `/v1/clinics/${slug}/admin/working-times`, {
    token,
    body: { practitionerId, start: WORK_START, end: WORK_END },
  });
  expect(wt.status).toBe(201);
});
afterEach(async () => {
  await t.close();
});

const hold = (start = WORK_START, ip = '203.0.113.1', headers: Record<string, string> = {}) =>
  t.call('POST', `/v1/clinics/${slug}/holds`, {
    body: { treatmentTypeId, practitionerId, start },
    headers: { 'x-forwarded-for': ip, ...headers },
  });

const book = (h: { id: string; secret: string }, headers: Record<string, string> = {}, extra: object = {}) =>
  t.call('POST', `/v1/clinics/${slug}/bookings`, {
    body: { holdId: h.id, holdSecret: h.secret, client, confirmation: 'email', ...extra },
    headers,
  });

const slotStarts = async () =>
  (await json(await t.call('GET', `/v1/clinics/${slug}/slots?treatmentTypeId=${treatmentTypeId}&from=2027-03-03&to=2027-03-03`))).slots.map(
    (s: { start: string }) => s.start,
  );

describe('holds', () => {
  it('holds a free time, hides it from slots, and expires after holdMinutes', async () => {
    const res = await hold();
    expect(res.status).toBe(201);
    const h = await json(res);
    expect(h).toMatchObject({ start: WORK_START, end: '2027-03-03T09:00:00Z', expiresAt: '2027-03-01T08:10:00Z' });
    expect(h.secret.length).toBeGreaterThanOrEqual(32);
    expect(await slotStarts()).not.toContain('2027-03-03T08:30:00Z');

    // The secret is stored only as a hash.
    const row = await t.store.db.selectFrom('holds').selectAll().where('id', '=', h.id).executeTakeFirstOrThrow();
    expect(row.secret_hash).not.toContain(h.secret);
    expect(JSON.stringify(row)).not.toContain(h.secret);

    // An expired hold stops blocking at once, without any clean-up having run.
    t.clock.advance(10 * 60_000);
    expect(await slotStarts()).toContain('2027-03-03T08:00:00Z');
  });

  it('refuses a start that breaks a slot rule with 409 slot_unavailable', async () => {
    for (const start of [
      '2027-03-03T08:05:00Z', // off the 15-minute grid
      '2027-03-03T11:30:00Z', // would end after the working time
      '2027-03-03T13:00:00Z', // outside working time
      '2027-03-01T09:00:00Z', // inside the 2 h minimum notice (and no working time)
    ]) {
      const res = await hold(start);
      expect(res.status, start).toBe(409);
      expect((await json(res)).code).toBe('slot_unavailable');
    }
  });

  it('refuses a time that is already held or overlaps a hold', async () => {
    expect((await hold()).status).toBe(201);
    const again = await hold(WORK_START, '203.0.113.2');
    expect(again.status).toBe(409);
    expect((await json(again)).code).toBe('slot_unavailable');
    expect((await hold('2027-03-03T08:30:00Z', '203.0.113.2')).status).toBe(409);
    expect((await hold('2027-03-03T09:00:00Z', '203.0.113.2')).status).toBe(201);
  });

  it('caps active holds per client address at 3 with 429 and Retry-After', async () => {
    for (const start of ['08:00', '09:00', '10:00']) {
      expect((await hold(`2027-03-03T${start}:00Z`)).status).toBe(201);
    }
    const res = await hold('2027-03-03T11:00:00Z');
    expect(res.status).toBe(429);
    expect((await json(res)).code).toBe('rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await hold('2027-03-03T11:00:00Z', '198.51.100.7')).status).toBe(201);
  });

  it('releases a hold only with its secret', async () => {
    const h = await json(await hold());
    const path = `/v1/clinics/${slug}/holds/${h.id}`;
    expect((await t.call('DELETE', path)).status).toBe(401);
    expect((await t.call('DELETE', path, { headers: { 'tidbok-hold-secret': 'wrong' } })).status).toBe(404);
    expect(await slotStarts()).not.toContain(WORK_START);
    expect((await t.call('DELETE', path, { headers: { 'tidbok-hold-secret': h.secret } })).status).toBe(204);
    expect(await slotStarts()).toContain(WORK_START);
  });
});

describe('bookings', () => {
  it('books a held time and returns a manage token that reads and cancels it', async () => {
    const h = await json(await hold());
    const res = await book(h);
    expect(res.status).toBe(201);
    const { booking, manageToken } = await json(res);
    expect(booking).toMatchObject({
      status: 'booked',
      start: WORK_START,
      end: '2027-03-03T09:00:00Z',
      practitionerId,
      treatmentTypeId,
      color: '#112233',
      confirmation: 'email',
      paid: null,
    });
    expect(manageToken.length).toBeGreaterThanOrEqual(32);
    expect(await slotStarts()).not.toContain(WORK_START);

    const path = `/v1/clinics/${slug}/bookings/${booking.id}`;
    expect((await t.call('GET', path)).status).toBe(401);
    expect((await t.call('GET', path, { token: 'tbm_tampered' })).status).toBe(404);
    expect((await t.call('GET', `/v1/clinics/${slug}/bookings/bk_doesnotexist`, { token: manageToken })).status).toBe(404);
    expect((await json(await t.call('GET', path, { token: manageToken }))).id).toBe(booking.id);

    const cancel = await t.call('POST', `${path}/cancel`, { token: manageToken });
    expect(cancel.status).toBe(200);
    expect(await json(cancel)).toMatchObject({ status: 'cancelled', lateCancellation: false });
    expect(await slotStarts()).toContain(WORK_START);
    expect((await t.call('POST', `${path}/cancel`, { token: manageToken })).status).toBe(409);
  });

  it('marks a cancellation inside the window as late', async () => {
    const h = await json(await hold());
    const { booking, manageToken } = await json(await book(h));
    t.clock.set('2027-03-02T09:00:00Z'); // 23 h before the start: inside the 24 h window
    const res = await t.call('POST', `/v1/clinics/${slug}/bookings/${booking.id}/cancel`, { token: manageToken });
    expect(await json(res)).toMatchObject({ status: 'cancelled', lateCancellation: true });
  });

  it("uses the practitioner's own cancellation window when set", async () => {
    await t.call('PATCH', `/v1/clinics/${slug}/admin/practitioners/${practitionerId}`, {
      token,
      body: { cancellationWindowHours: 48 },
    });
    const { booking, manageToken } = await json(await book(await json(await hold())));
    t.clock.set('2027-03-01T09:00:00Z'); // 47 h before
    const res = await t.call('POST', `/v1/clinics/${slug}/bookings/${booking.id}/cancel`, { token: manageToken });
    expect((await json(res)).lateCancellation).toBe(true);
  });

  it('books an expired hold while its time is still free, and refuses with 410 once taken', async () => {
    const first = await json(await hold());
    t.clock.advance(11 * 60_000);
    expect((await book(first)).status).toBe(201);

    const second = await json(await hold('2027-03-03T10:00:00Z'));
    t.clock.advance(11 * 60_000);
    // Someone else holds the same time after the first hold expired.
    const other = await hold('2027-03-03T10:00:00Z', '198.51.100.9');
    expect(other.status).toBe(201);
    const late = await book(second);
    expect(late.status).toBe(410);
    expect((await json(late)).code).toBe('hold_expired');
  });

  it('refuses a wrong hold secret and a hold used twice', async () => {
    const h = await json(await hold());
    expect((await book({ ...h, secret: 'nope' })).status).toBe(401);
    expect((await book(h)).status).toBe(201);
    const again = await book(h);
    expect(again.status).toBe(409);
    expect((await json(again)).code).toBe('conflict');
  });

  it('matches the client by e-mail only when the details agree, and never changes what is stored', async () => {
    const staffClient = await json(
      await t.call('POST', `/v1/clinics/${slug}/admin/clients`, {
        token,
        body: { name: 'Klara Andersson', email: 'KLARA@example.com' },
      }),
    );
    const { phone: _phone, ...withoutPhone } = client;
    const { booking } = await json(await book(await json(await hold()), {}, { client: { ...withoutPhone, name: 'K. A.' } }));
    expect(booking.clientId).toBe(staffClient.id);
    // A phone the stored client lacks is not taken over: the booking gets a record of its own.
    const other = await json(await book(await json(await hold('2027-03-03T10:00:00Z')), {}, { client }));
    expect(other.booking.clientId).not.toBe(staffClient.id);
    const after = await json(await t.call('GET', `/v1/clinics/${slug}/admin/clients/${staffClient.id}`, { token }));
    expect(after).toMatchObject({ name: 'Klara Andersson', phone: null, updatedAt: staffClient.updatedAt });
  });

  it('follows the personal number setting', async () => {
    const h = await json(await hold());
    const withNumber = { client: { ...client, personalNumber: '19121212-1212' } };
    expect((await book(h, {}, withNumber)).status).toBe(400); // hidden: not asked for
    await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, { token, body: { booking: { personalNumber: 'required' } } });
    const missing = await book(h);
    expect(missing.status).toBe(400);
    expect((await json(missing)).errors[0].path).toBe('client.personalNumber');
    expect((await book(h, {}, { client: { ...client, personalNumber: '19121212-1213' } })).status).toBe(400);
    expect((await book(h, {}, withNumber)).status).toBe(201);
  });

  it('refuses anonymous bookings when only logged-in clients may book', async () => {
    const h = await json(await hold());
    await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, { token, body: { booking: { publicBooking: 'clients-only' } } });
    expect((await book(h)).status).toBe(401);
  });
});

describe('Idempotency-Key', () => {
  it('replays the same answer for the same key and body, and books once', async () => {
    const h = await json(await hold());
    const first = await book(h, { 'idempotency-key': 'key-1' });
    const second = await book(h, { 'idempotency-key': 'key-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(second)).toEqual(await json(first));
    const count = await t.store.db
      .selectFrom('bookings')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('stores the replayed answer encrypted, never the manage token in plain', async () => {
    const h = await json(await hold());
    const { manageToken } = await json(await book(h, { 'idempotency-key': 'key-secret' }));
    const rows = await t.store.db.selectFrom('idempotency_keys').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(manageToken);
    expect(JSON.stringify(rows)).not.toContain('key-secret');
  });

  it('refuses the same key with another body with 422', async () => {
    const h = await json(await hold());
    await book(h, { 'idempotency-key': 'key-2' });
    const res = await book(h, { 'idempotency-key': 'key-2' }, { note: 'different' });
    expect(res.status).toBe(422);
    expect((await json(res)).code).toBe('idempotency_key_reused');
  });

  it('answers 409 while the first request with the key is still running', async () => {
    const h = await json(await hold());
    const body = { holdId: h.id, holdSecret: h.secret, client, confirmation: 'email' };
    // A request in flight is a "running" row; write the one a concurrent request would.
    const clinicRow = await t.store.db.selectFrom('clinics').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    await t.store.db
      .insertInto('idempotency_keys')
      .values({
        clinic_id: clinicRow.id,
        scope: 'bookings',
        key_hash: keyHashOf('address:203.0.113.9', 'key-3'),
        request_hash: requestHashOf(body),
        state: 'running',
        response_status: null,
        response_body: null,
        created_at: t.clock.now(),
      })
      .execute();
    const res = await book(h, { 'idempotency-key': 'key-3', 'x-forwarded-for': '203.0.113.9' });
    expect(res.status).toBe(409);
    expect((await json(res)).code).toBe('conflict');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await t.store.db.selectFrom('bookings').selectAll().execute()).toHaveLength(0);

    // A request that died with its process does not block the key for ever.
    t.clock.advance(61_000);
    expect((await book(h, { 'idempotency-key': 'key-3', 'x-forwarded-for': '203.0.113.9' })).status).toBe(201);
  });

  it('books once when two requests race with one key', async () => {
    const racing = await json(await hold('2027-03-03T10:00:00Z'));
    const [a, b] = await Promise.all([book(racing, { 'idempotency-key': 'key-4' }), book(racing, { 'idempotency-key': 'key-4' })]);
    const statuses = [a.status, b.status].sort();
    // Either the second saw the first running (409) or came after it and replayed it (201).
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    expect(await t.store.db.selectFrom('bookings').selectAll().execute()).toHaveLength(1);
  });

  it('is scoped to the clinic and keeps answers for at least 24 hours', async () => {
    const h = await json(await hold());
    await book(h, { 'idempotency-key': 'key-5' });
    t.clock.advance(24 * 3_600_000);
    const replay = await book(h, { 'idempotency-key': 'key-5' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    const other = await t.clinic('other');
    const res = await t.call('POST', `/v1/clinics/${other.slug}/bookings`, {
      body: { holdId: h.id, holdSecret: h.secret, client, confirmation: 'email' },
      headers: { 'idempotency-key': 'key-5' },
    });
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect(res.status).toBe(410); // that clinic has no such hold
  });

  it('applies to holds too', async () => {
    const a = await hold(WORK_START, '203.0.113.1', { 'idempotency-key': 'hold-1' });
    const b = await hold(WORK_START, '203.0.113.1', { 'idempotency-key': 'hold-1' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect((await json(b)).id).toBe((await json(a)).id);
  });
});

describe('module, CORS and headers', () => {
  it('answers 403 module_disabled on public routes when the booking module is off', async () => {
    await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, { token, body: { modules: { booking: false } } });
    for (const res of [
      await t.call('GET', `/v1/clinics/${slug}/slots?treatmentTypeId=${treatmentTypeId}&from=2027-03-03&to=2027-03-03`),
      await hold(),
      await t.call('GET', `/v1/clinics/${slug}/bookings/bk_x`, { token: 'tbm_x' }),
    ]) {
      expect(res.status).toBe(403);
      expect((await json(res)).code).toBe('module_disabled');
    }
    // The public clinic page still says what is going on.
    expect((await json(await t.call('GET', `/v1/clinics/${slug}`))).modules.booking).toBe(false);
  });

  it("answers browsers only from the clinic's allowed origins", async () => {
    await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, {
      token,
      body: { booking: { allowedOrigins: ['https://clinic.example'] } },
    });
    const allowed = await t.call('GET', `/v1/clinics/${slug}`, { headers: { origin: 'https://clinic.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://clinic.example');
    expect(allowed.headers.get('vary')).toContain('Origin');
    // Another website is refused before the route runs, in an answer that website can read
    // (so the widget can tell its owner), and that says nothing about the clinic.
    const other = await t.call('GET', `/v1/clinics/${slug}`, { headers: { origin: 'https://evil.example' } });
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    const refusal = await json(other);
    expect(refusal.code).toBe('origin_not_allowed');
    expect(JSON.stringify(refusal)).not.toContain('treatmentTypes');
    const write = await t.call('DELETE', `/v1/clinics/${slug}/holds/h_x`, { headers: { origin: 'https://evil.example', 'tidbok-hold-secret': 'x' } });
    expect(write.status).toBe(403);
    expect((await json(write)).code).toBe('origin_not_allowed');
    // The server's own pages send Origin on their writes too: not refused.
    const own = await t.call('GET', `/v1/clinics/${slug}`, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' } });
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBeNull();
    // An unknown clinic is not answered for any website.
    const unknown = await t.call('GET', `/v1/clinics/no-such-clinic`, { headers: { origin: 'https://evil.example' } });
    expect(unknown.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = await t.call('OPTIONS', `/v1/clinics/${slug}/admin/calendar`, {
      headers: { origin: 'https://clinic.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    const refused = await t.call('OPTIONS', `/v1/clinics/${slug}/holds`, {
      headers: { origin: 'https://clinic.example.evil.com', 'access-control-request-method': 'POST' },
    });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sets security headers', async () => {
    const res = await t.call('GET', `/v1/clinics/${slug}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('rate limits', () => {
  it('limits public POSTs per address with 429 and Retry-After', async () => {
    const limited = await createTestContext({ config: { rateLimitPerMinute: 2, trustProxy: 1 } });
    try {
      const { slug: s } = await limited.clinic('limited');
      const post = (ip: string) =>
        limited.call('POST', `/v1/clinics/${s}/holds`, {
          body: { treatmentTypeId: 'tt_x', practitionerId: 'pr_x', start: WORK_START },
          headers: { 'x-forwarded-for': ip },
        });
      expect((await post('192.0.2.1')).status).not.toBe(429);
      expect((await post('192.0.2.1')).status).not.toBe(429);
      const third = await post('192.0.2.1');
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBe('60');
      expect((await post('192.0.2.2')).status).not.toBe(429);
      limited.clock.advance(60_000);
      expect((await post('192.0.2.1')).status).not.toBe(429);
    } finally {
      await limited.close();
    }
  });
});
