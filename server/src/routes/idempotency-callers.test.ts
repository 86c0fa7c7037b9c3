import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, listen, type TestContext } from '../testing.js';

// Idempotency-Key over real HTTP: replays belong to the caller that made the first request, and
// only final answers are kept (issue 17 item 15, issue 18 "Idempotency keeps only final answers").

let t: TestContext;
let server: Awaited<ReturnType<typeof listen>>;
let slug: string;
let treatmentTypeId: string;
let practitionerId: string;

const DAY = '2027-03-03';
const client = { name: 'Klara Klient', email: 'klara@example.com' };

async function call(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
}

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { trustProxy: 1 } });
  server = await listen(t.app);
  const admin = await t.clinic('idem');
  slug = admin.slug;
  const tt = await (
    await call('POST', `/v1/clinics/${slug}/admin/treatment-types`, { token: admin.token, body: { name: 'Samtal', durationMinutes: 60, color: '#112233' } })
  ).json();
  treatmentTypeId = tt.id;
  const pr = await (
    await call('POST', `/v1/clinics/${slug}/admin/practitioners`, { token: admin.token, body: { name: 'Anna', treatmentTypeIds: [treatmentTypeId] } })
  ).json();
  practitionerId = pr.id;
  const wt = await call('POST', `/v1/clinics/${slug}/admin/working-times`, {
    token: admin.token,
    body: { practitionerId, start: `${DAY}T08:00:00Z`, end: `${DAY}T14:00:00Z` },
  });
  expect(wt.status).toBe(201);
});
afterEach(async () => {
  await server.close();
  await t.close();
});

const hold = (hour: string, ip: string, key?: string) =>
  call('POST', `/v1/clinics/${slug}/holds`, {
    body: { treatmentTypeId, practitionerId, start: `${DAY}T${hour}:00:00Z` },
    headers: { 'x-forwarded-for': ip, ...(key ? { 'idempotency-key': key } : {}) },
  });

describe('Idempotency-Key replays', () => {
  it("never hands another address the first caller's hold secret", async () => {
    const first = await hold('08', '203.0.113.1', 'shared-key');
    expect(first.status).toBe(201);
    const mine = await first.json();

    // The same key and body from elsewhere is that caller's own request: the time is held, so 409.
    const other = await hold('08', '198.51.100.2', 'shared-key');
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(other.status).toBe(409);
    expect(await other.text()).not.toContain(mine.secret);

    // The first caller still gets its replay.
    const again = await hold('08', '203.0.113.1', 'shared-key');
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await again.json()).secret).toBe(mine.secret);
  });

  it("never hands another caller the first booking's manage token", async () => {
    const h = await (await hold('09', '203.0.113.1')).json();
    const body = { holdId: h.id, holdSecret: h.secret, client, confirmation: 'none' };
    const first = await call('POST', `/v1/clinics/${slug}/bookings`, {
      body,
      headers: { 'idempotency-key': 'book-key', 'x-forwarded-for': '203.0.113.1' },
    });
    expect(first.status).toBe(201);
    const { manageToken } = await first.json();
    const other = await call('POST', `/v1/clinics/${slug}/bookings`, {
      body,
      headers: { 'idempotency-key': 'book-key', 'x-forwarded-for': '198.51.100.2' },
    });
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(other.status).toBe(409);
    expect(await other.text()).not.toContain(manageToken);
  });

  it('replays a booking with its Location header', async () => {
    const h = await (await hold('10', '203.0.113.1')).json();
    const send = () =>
      call('POST', `/v1/clinics/${slug}/bookings`, {
        body: { holdId: h.id, holdSecret: h.secret, client, confirmation: 'none' },
        headers: { 'idempotency-key': 'located', 'x-forwarded-for': '203.0.113.1' },
      });
    const first = await send();
    const id = (await first.json()).booking.id;
    expect(first.headers.get('location')).toBe(`/v1/clinics/${slug}/bookings/${id}`);
    const replay = await send();
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('location')).toBe(`/v1/clinics/${slug}/bookings/${id}`);
  });
});

describe('Idempotency-Key keeps only final answers', () => {
  it('does not keep a 429 hold cap: the same key holds once a hold is released', async () => {
    const held = [];
    for (const hour of ['08', '09', '10']) held.push(await (await hold(hour, '203.0.113.5')).json());
    const capped = await hold('11', '203.0.113.5', 'after-cap');
    expect(capped.status).toBe(429);
    expect(Number(capped.headers.get('retry-after'))).toBeGreaterThan(0);
    // Still 429 (answered afresh, not replayed) while the cap holds.
    const still = await hold('11', '203.0.113.5', 'after-cap');
    expect(still.status).toBe(429);
    expect(still.headers.get('idempotent-replayed')).toBeNull();
    expect(still.headers.get('retry-after')).not.toBeNull();

    const released = await call('DELETE', `/v1/clinics/${slug}/holds/${held[0].id}`, { headers: { 'tidbok-hold-secret': held[0].secret } });
    expect(released.status).toBe(204);
    const retry = await hold('11', '203.0.113.5', 'after-cap');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    const rows = await t.store.db.selectFrom('idempotency_keys').select(['response_status']).execute();
    expect(rows.map((r) => r.response_status)).toEqual([201]);
  });

  it('keeps a final error (409) and replays it', async () => {
    expect((await hold('12', '203.0.113.1')).status).toBe(201);
    const taken = await hold('12', '198.51.100.9', 'taken');
    expect(taken.status).toBe(409);
    const replay = await hold('12', '198.51.100.9', 'taken');
    expect(replay.status).toBe(409);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });
});
