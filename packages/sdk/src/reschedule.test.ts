import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTidbokAdmin, type TidbokAdmin } from './admin-client.js';
import { TidbokError } from './errors.js';
import { createTidbok, type Tidbok } from './public-client.js';
import { booked, type Served, serve } from './test-support.js';

// The test clock stands at Monday 2027-03-01 08:00Z; Anna works Wednesday 09:00–13:00 Stockholm.
const WORK = { start: '2027-03-03T08:00:00Z', end: '2027-03-03T12:00:00Z' };
const client = { name: 'Klara Klient', email: 'klara@example.test' };

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

async function bookAt(start: string) {
  const hold = await tidbok.hold({ treatmentTypeId, practitionerId, start });
  return booked(await tidbok.book({ hold, client, confirmation: 'none' }));
}

describe('reschedule() against a real server', () => {
  it('moves the booking to the held time: same id, same manage token, the old time free again', async () => {
    const { booking, manageToken } = await bookAt('2027-03-03T08:00:00Z');
    const hold = await tidbok.hold({ treatmentTypeId, practitionerId, start: '2027-03-03T10:00:00Z' });

    const moved = await tidbok.reschedule(booking.id, { hold }, { token: manageToken });
    expect(moved).toMatchObject({ id: booking.id, status: 'booked', start: '2027-03-03T10:00:00Z', end: '2027-03-03T11:00:00Z' });
    expect((await tidbok.booking(booking.id, { token: manageToken })).start).toBe('2027-03-03T10:00:00Z');
    expect(await starts()).toContain('2027-03-03T08:00:00Z');
    expect(await starts()).not.toContain('2027-03-03T10:00:00Z');
  });

  it('inside the cancellation window it fails with inside_cancellation_window and the booking stays', async () => {
    const { booking, manageToken } = await bookAt('2027-03-03T08:00:00Z');
    const hold = await tidbok.hold({ treatmentTypeId, practitionerId, start: '2027-03-03T10:00:00Z' });
    s.t.clock.set('2027-03-02T09:00:00Z');

    const error = await tidbok.reschedule(booking.id, { hold }, { token: manageToken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TidbokError);
    expect(error).toMatchObject({ code: 'inside_cancellation_window', status: 409 });
    expect((await tidbok.booking(booking.id, { token: manageToken })).start).toBe('2027-03-03T08:00:00Z');
  });
});
