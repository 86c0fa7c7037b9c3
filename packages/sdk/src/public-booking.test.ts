import type { CalendarEntry } from '@tidbok/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTidbokAdmin, type TidbokAdmin } from './admin-client.js';
import { TidbokError } from './errors.js';
import { createTidbok, type Tidbok } from './public-client.js';
import { booked, type Served, serve } from './test-support.js';

// The test clock stands at Monday 2027-03-01 08:00Z; Anna works Wednesday 09:00–13:00 Stockholm.
const WORK = { start: '2027-03-03T08:00:00Z', end: '2027-03-03T12:00:00Z' };
const client = { name: 'Klara Klient', email: 'klara@example.test', phone: '+46701234567' };

let s: Served;
let admin: TidbokAdmin;
let tidbok: Tidbok;
let treatmentTypeId: string;
let practitionerId: string;

beforeEach(async () => {
  s = await serve('lugna');
  admin = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: s.token });
  tidbok = createTidbok({ baseUrl: s.url, clinic: s.slug });
  treatmentTypeId = (await admin.treatmentTypes.create({ name: 'Samtal', durationMinutes: 60 })).id;
  practitionerId = (await admin.practitioners.create({ name: 'Anna Ek', treatmentTypeIds: [treatmentTypeId] })).id;
  await admin.workingTimes.create({ practitionerId, ...WORK });
});
afterEach(async () => {
  await s.close();
});

const starts = async () => (await tidbok.slots({ treatmentTypeId, from: '2027-03-03', to: '2027-03-03' })).slots.map((slot) => slot.start);

const bookings = async () =>
  (await admin.calendar({ from: '2027-03-01', to: '2027-03-07' })).entries.filter(
    (e): e is Extract<CalendarEntry, { kind: 'booking' }> => e.kind === 'booking',
  );

const holds = async () => (await admin.calendar({ from: '2027-03-01', to: '2027-03-07' })).entries.filter((e) => e.kind === 'hold');

async function failure(promise: Promise<unknown>): Promise<TidbokError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TidbokError);
  return error as TidbokError;
}

describe('the public booking flow against a real server', () => {
  it('finds a slot, holds it, books it, reads and cancels it with the manage token', async () => {
    const info = await tidbok.clinic();
    expect(info.treatmentTypes.map((t) => t.id)).toEqual([treatmentTypeId]);

    const { timeZone, slots } = await tidbok.slots({
      treatmentTypeId,
      from: new Date('2027-03-03T00:00:00+01:00'),
      to: '2027-03-03',
      practitionerId,
    });
    expect(timeZone).toBe('Europe/Stockholm');
    expect(slots[0]).toEqual({ start: WORK.start, end: '2027-03-03T09:00:00Z', practitionerId, locationId: null });

    const hold = await tidbok.hold({ treatmentTypeId, practitionerId, start: new Date(WORK.start) });
    expect(hold).toMatchObject({ start: WORK.start, end: '2027-03-03T09:00:00Z', expiresAt: '2027-03-01T08:10:00Z' });
    expect(await starts()).not.toContain(WORK.start);

    const { booking, manageToken } = booked(await tidbok.book({ hold, client, confirmation: 'email', note: 'Första besöket' }));
    expect(booking).toMatchObject({ status: 'booked', start: WORK.start, practitionerId, treatmentTypeId, note: 'Första besöket' });

    expect(await tidbok.booking(booking.id, { token: manageToken })).toEqual(booking);

    const cancelled = await tidbok.cancel(booking.id, { token: manageToken });
    // 48 hours ahead, outside the default 24-hour cancellation window.
    expect(cancelled).toMatchObject({ id: booking.id, status: 'cancelled', lateCancellation: false });
    expect(await starts()).toContain(WORK.start);
  });

  it('releasing a hold frees the time at once', async () => {
    const hold = await tidbok.hold({ treatmentTypeId, practitionerId, start: WORK.start });
    expect(await starts()).not.toContain(WORK.start);
    await expect(tidbok.releaseHold(hold)).resolves.toBeUndefined();
    expect(await starts()).toContain(WORK.start);
  });
});

describe('public errors from a real server', () => {
  it('a time someone else holds is 409 slot_unavailable', async () => {
    await tidbok.hold({ treatmentTypeId, practitionerId, start: WORK.start });
    const error = await failure(tidbok.hold({ treatmentTypeId, practitionerId, start: WORK.start }));
    expect(error).toMatchObject({ status: 409, code: 'slot_unavailable' });
  });

  it('booking after the hold ran out and someone else took the time is 410 hold_expired', async () => {
    const hold = await tidbok.hold({ treatmentTypeId, practitionerId, start: WORK.start });
    s.t.clock.advance(11 * 60_000);
    await tidbok.hold({ treatmentTypeId, practitionerId, start: WORK.start });
    const error = await failure(tidbok.book({ hold, client, confirmation: 'none' }));
    expect(error).toMatchObject({ status: 410, code: 'hold_expired' });
  });

  it('one Idempotency-Key for two different bookings is 422 idempotency_key_reused', async () => {
    const first = await tidbok.hold({ treatmentTypeId, practitionerId, start: WORK.start });
    const second = await tidbok.hold({ treatmentTypeId, practitionerId, start: '2027-03-03T10:00:00Z' });
    booked(await tidbok.book({ hold: first, client, confirmation: 'none', idempotencyKey: 'checkout-1' }));
    const error = await failure(tidbok.book({ hold: second, client, confirmation: 'none', idempotencyKey: 'checkout-1' }));
    expect(error).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
  });

  it('a wrong manage token finds no booking; a wrong hold secret finds no hold', async () => {
    const hold = await tidbok.hold({ treatmentTypeId, practitionerId, start: WORK.start });
    expect(await failure(tidbok.releaseHold({ id: hold.id, secret: 'not-the-secret' }))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    const { booking } = booked(await tidbok.book({ hold, client, confirmation: 'none' }));
    expect(await failure(tidbok.booking(booking.id, { token: 'not-the-token' }))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });

  it('with the booking module off, public booking calls are 403 module_disabled', async () => {
    await admin.settings.update({ modules: { booking: false } });
    const error = await failure(tidbok.slots({ treatmentTypeId, from: '2027-03-03', to: '2027-03-03' }));
    expect(error).toMatchObject({ status: 403, code: 'module_disabled' });
  });

  it('a query the server refuses is 400 validation_failed naming the parameter', async () => {
    const error = await failure(tidbok.slots({ treatmentTypeId, from: 'next week', to: '2027-03-03' }));
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.problem?.errors?.map((e) => e.path)).toContain('query.from');
  });
});

describe('a lost answer to hold() or book() is retried with its key: one record', () => {
  /** The real fetch, but the first POST's answer is lost after the server handled it. */
  function dropFirstPost() {
    const posts: string[] = [];
    const fetch = async (request: Request) => {
      const response = await globalThis.fetch(request);
      if (request.method === 'POST') {
        posts.push(request.headers.get('idempotency-key') ?? '');
        if (posts.length === 1) {
          await response.arrayBuffer();
          throw new TypeError('fetch failed');
        }
      }
      return response;
    };
    return { fetch, posts };
  }

  it('hold(): the retry gets the same hold, and no orphan hold blocks the time', async () => {
    const drop = dropFirstPost();
    const flaky = createTidbok({ baseUrl: s.url, clinic: s.slug, fetch: drop.fetch, retry: { delay: () => 0 } });
    const hold = await flaky.hold({ treatmentTypeId, practitionerId, start: WORK.start });
    expect(drop.posts).toHaveLength(2);
    expect(drop.posts[1]).toBe(drop.posts[0]);
    expect((await holds()).map((h) => h.id)).toEqual([hold.id]);
    // The replayed hold is usable: its secret books it.
    await expect(tidbok.book({ hold, client, confirmation: 'none' })).resolves.toMatchObject({
      booking: { status: 'booked' },
    });
  });

  it('book(): the retry gets the same booking and manage token, and there is one booking', async () => {
    const hold = await tidbok.hold({ treatmentTypeId, practitionerId, start: WORK.start });
    const drop = dropFirstPost();
    const flaky = createTidbok({ baseUrl: s.url, clinic: s.slug, fetch: drop.fetch, retry: { delay: () => 0 } });
    const { booking, manageToken } = booked(await flaky.book({ hold, client, confirmation: 'email' }));
    expect(drop.posts).toHaveLength(2);
    expect(drop.posts[1]).toBe(drop.posts[0]);
    expect((await bookings()).map((b) => b.id)).toEqual([booking.id]);
    expect(await tidbok.booking(booking.id, { token: manageToken })).toEqual(booking);
  });

  it('a retry of the whole call with the same key after network_error also gets the first booking', async () => {
    const hold = await tidbok.hold({ treatmentTypeId, practitionerId, start: WORK.start });
    const drop = dropFirstPost();
    const noRetry = createTidbok({ baseUrl: s.url, clinic: s.slug, fetch: drop.fetch, retry: 0 });
    const input = { hold, client, confirmation: 'none' as const, idempotencyKey: 'checkout-42' };
    expect(await failure(noRetry.book(input))).toMatchObject({ code: 'network_error' });
    const { booking } = booked(await noRetry.book(input));
    expect((await bookings()).map((b) => b.id)).toEqual([booking.id]);
  });
});
