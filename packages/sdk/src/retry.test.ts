import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTidbokAdmin, type TidbokAdmin } from './admin-client.js';
import { TidbokError } from './errors.js';
import { createTidbok } from './public-client.js';
import { booked, fakeFetch, jsonResponse, problemResponse, sampleBooking, sampleHold, type Served, serve } from './test-support.js';

const quick = { limit: 2, delay: () => 0 };
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The real `fetch`, except that the first request's response is lost after the server handled
 * it: the failure a retry must survive without doing the work twice.
 */
function dropFirstResponse() {
  const seen: string[] = [];
  const fetch = async (request: Request) => {
    seen.push(`${request.method} ${new URL(request.url).pathname}`);
    const response = await globalThis.fetch(request);
    if (seen.length === 1) {
      await response.arrayBuffer();
      throw new TypeError('fetch failed');
    }
    return response;
  };
  return { fetch, seen };
}

describe('retries against a real server, with the first response lost', () => {
  let s: Served;
  let admin: TidbokAdmin;
  beforeEach(async () => {
    s = await serve();
    admin = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: s.token });
  });
  afterEach(async () => {
    await s.close();
  });

  const flaky = (fetch: (request: Request) => Promise<Response>) => createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: s.token, retry: quick, fetch });

  it('a GET is retried and gets the answer', async () => {
    const room = await admin.locations.create({ name: 'Rum 1' });
    const drop = dropFirstResponse();
    expect(await flaky(drop.fetch).locations.get(room.id)).toEqual(room);
    expect(drop.seen).toHaveLength(2);
  });

  it('a PUT is retried and the outcome is the same as one attempt', async () => {
    const talk = await admin.treatmentTypes.create({ name: 'Samtal', durationMinutes: 60 });
    const anna = await admin.practitioners.create({ name: 'Anna Ek' });
    const drop = dropFirstResponse();
    const result = await flaky(drop.fetch).practitioners.setTreatmentTypes(anna.id, [talk.id]);
    expect(result.treatmentTypeIds).toEqual([talk.id]);
    expect(drop.seen).toEqual([
      `PUT /v1/clinics/${s.slug}/admin/practitioners/${anna.id}/treatment-types`,
      `PUT /v1/clinics/${s.slug}/admin/practitioners/${anna.id}/treatment-types`,
    ]);
  });

  it('a POST without Idempotency-Key is not retried: network_error, and exactly one record', async () => {
    const drop = dropFirstResponse();
    const error = await flaky(drop.fetch)
      .locations.create({ name: 'Rum 1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TidbokError);
    expect(error).toMatchObject({ code: 'network_error', status: 0 });
    expect(drop.seen).toHaveLength(1);
    // The server did the work; a blind retry would have made a second room.
    expect((await admin.locations.list()).map((l) => l.name)).toEqual(['Rum 1']);
  });

  it('a retried DELETE that finds the resource gone resolves: the lost attempt deleted it', async () => {
    const room = await admin.locations.create({ name: 'Rum 1' });
    const drop = dropFirstResponse();
    await expect(flaky(drop.fetch).locations.remove(room.id)).resolves.toBeUndefined();
    expect(drop.seen).toHaveLength(2);
    expect(await admin.locations.list()).toEqual([]);
  });

  it('a DELETE of something that never existed is still not_found', async () => {
    await expect(admin.locations.remove('lo_missing')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('book() and the Idempotency-Key', () => {
  const base = { baseUrl: 'http://clinic.test', clinic: 'lugna', retry: quick };
  const input = {
    hold: sampleHold,
    client: { name: 'Alva Berg', email: 'alva@example.test' },
    confirmation: 'email' as const,
  };

  it('a lost response is retried with the same key and answered with the first booking: one record', async () => {
    // A server that keeps Idempotency-Key answers (docs/design.md): a repeated key gets the first answer, not a new booking.
    const bookings: string[] = [];
    const answers = new Map<string, unknown>();
    const { fetch, calls } = fakeFetch((request, attempt) => {
      const key = request.headers.get('idempotency-key') ?? '';
      let answer = answers.get(key);
      if (!answer) {
        const id = `bk_${bookings.length + 1}`;
        bookings.push(id);
        answer = { booking: { ...sampleBooking, id }, manageToken: `manage-${id}` };
        answers.set(key, answer);
      }
      if (attempt === 1) throw new TypeError('fetch failed');
      return jsonResponse(answer, 201);
    });

    const result = await createTidbok({ ...base, fetch }).book(input);

    expect(result).toEqual({ booking: { ...sampleBooking, id: 'bk_1' }, manageToken: 'manage-bk_1' });
    expect(bookings).toEqual(['bk_1']);
    expect(calls).toHaveLength(2);
    const [first, second] = calls.map((c) => c.headers.get('idempotency-key'));
    expect(first).toMatch(UUID_V4);
    expect(second).toBe(first);
    expect(calls[1]?.body).toEqual(calls[0]?.body);
  });

  it('each book() call has its own key unless the caller gives one', async () => {
    const { fetch, calls } = fakeFetch(() => jsonResponse({ booking: sampleBooking, manageToken: 'm' }, 201));
    const tidbok = createTidbok({ ...base, fetch });
    booked(await tidbok.book(input));
    booked(await tidbok.book(input));
    booked(await tidbok.book({ ...input, idempotencyKey: 'checkout-7f3a' }));
    const keys = calls.map((c) => c.headers.get('idempotency-key'));
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe('checkout-7f3a');
  });

  it('a 503 is retried for book() (it has a key) but not for a POST without one', async () => {
    const unavailable = () => problemResponse('unavailable', 503, {}, { 'retry-after': '0' });
    const booking = fakeFetch((_, attempt) => (attempt === 1 ? unavailable() : jsonResponse({ booking: sampleBooking, manageToken: 'm' }, 201)));
    await expect(createTidbok({ ...base, fetch: booking.fetch }).book(input)).resolves.toMatchObject({
      manageToken: 'm',
    });
    expect(booking.calls).toHaveLength(2);

    const login = fakeFetch(unavailable);
    const error = await createTidbok({ ...base, fetch: login.fetch })
      .requestLoginLink('alva@example.test')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unavailable', status: 503 });
    expect(login.calls).toHaveLength(1);
    expect(login.calls[0]?.headers.get('idempotency-key')).toBeNull();
  });

  it('hold() carries a key of its own too, reused on its retries', async () => {
    const { fetch, calls } = fakeFetch((_, attempt) => {
      if (attempt === 1) throw new TypeError('fetch failed');
      return jsonResponse(sampleHold, 201);
    });
    const tidbok = createTidbok({ ...base, fetch });
    await tidbok.hold({ treatmentTypeId: 'tt_1', practitionerId: 'pr_1', start: '2027-03-02T08:00:00Z' });
    const [first, second] = calls.map((c) => c.headers.get('idempotency-key'));
    expect(first).toMatch(UUID_V4);
    expect(second).toBe(first);
    expect(calls[0]?.body).toEqual({ treatmentTypeId: 'tt_1', practitionerId: 'pr_1', start: '2027-03-02T08:00:00Z' });
  });

  it('a POST without a key is not retried after a lost response either', async () => {
    const { fetch, calls } = fakeFetch(() => {
      throw new TypeError('fetch failed');
    });
    const error = await createTidbok({ ...base, fetch })
      .verifyLogin('link-token')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'network_error' });
    expect(calls).toHaveLength(1);
  });
});

describe('retry rules', () => {
  const base = { baseUrl: 'http://clinic.test', clinic: 'lugna', token: 't' };
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for Retry-After on 429 before the retry', async () => {
    vi.useFakeTimers();
    const { fetch, calls } = fakeFetch((_, attempt) =>
      attempt === 1 ? problemResponse('rate_limited', 429, {}, { 'retry-after': '2' }) : jsonResponse({ locations: [] }),
    );
    const pending = createTidbokAdmin({ ...base, fetch, timeout: false }).locations.list();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await expect(pending).resolves.toEqual([]);
  });

  it('fails at once with rate_limited when Retry-After is longer than maxRetryAfter', async () => {
    const { fetch, calls } = fakeFetch(() => problemResponse('rate_limited', 429, {}, { 'retry-after': '60' }));
    const error = await createTidbokAdmin({ ...base, fetch, retry: { maxRetryAfter: 5_000 } })
      .locations.list()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
    expect((error as TidbokError).response?.headers.get('retry-after')).toBe('60');
    expect(calls).toHaveLength(1);
  });

  it('does not retry PATCH, nor client errors, nor anything with retry: 0', async () => {
    const busy = fakeFetch(() => problemResponse('unavailable', 503, {}, { 'retry-after': '0' }));
    await expect(createTidbokAdmin({ ...base, fetch: busy.fetch }).locations.update('lo_1', { name: 'Rum 2' })).rejects.toMatchObject({ code: 'unavailable' });
    expect(busy.calls).toHaveLength(1);

    const conflict = fakeFetch(() => problemResponse('not_found', 404));
    await expect(createTidbokAdmin({ ...base, fetch: conflict.fetch }).locations.get('lo_1')).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(conflict.calls).toHaveLength(1);

    const off = fakeFetch(() => problemResponse('unavailable', 503, {}, { 'retry-after': '0' }));
    await expect(createTidbokAdmin({ ...base, fetch: off.fetch, retry: 0 }).locations.list()).rejects.toMatchObject({
      code: 'unavailable',
    });
    expect(off.calls).toHaveLength(1);
  });

  it('gives up after `limit` retries and reports the last failure', async () => {
    const { fetch, calls } = fakeFetch(() => problemResponse('internal_error', 500));
    await expect(createTidbokAdmin({ ...base, fetch, retry: { limit: 3, delay: () => 0 } }).locations.list()).rejects.toMatchObject({
      code: 'internal_error',
      status: 500,
    });
    expect(calls).toHaveLength(4);
  });

  it('an abort during the wait between attempts ends the call as aborted', async () => {
    const controller = new AbortController();
    const { fetch, calls } = fakeFetch(() => problemResponse('unavailable', 503));
    const pending = createTidbokAdmin({ ...base, fetch, retry: { delay: () => 60_000 } }).locations.list({
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'aborted', status: 0 });
    expect(calls).toHaveLength(1);
  });
});
