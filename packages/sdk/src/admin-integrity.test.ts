import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTidbokAdmin, type TidbokAdmin } from './admin-client.js';
import { createTidbok, type Tidbok } from './public-client.js';
import { booked, type Served, serve } from './test-support.js';

let s: Served;
let admin: TidbokAdmin;
let visitor: Tidbok;
let treatmentTypeId: string;
let practitionerId: string;

beforeEach(async () => {
  s = await serve();
  admin = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: s.token });
  visitor = createTidbok({ baseUrl: s.url, clinic: s.slug });
  treatmentTypeId = (await admin.treatmentTypes.create({ name: 'Samtal', durationMinutes: 30 })).id;
  practitionerId = (await admin.practitioners.create({ name: 'Anna', treatmentTypeIds: [treatmentTypeId] })).id;
  await admin.workingTimes.create({ practitionerId, start: '2027-03-03T08:00:00Z', end: '2027-03-03T12:00:00Z' });
});
afterEach(async () => {
  await s.close();
});

describe('admin client: holds and duplicate clients', () => {
  it('lists active holds and releases one', async () => {
    const hold = await visitor.hold({ treatmentTypeId, practitionerId, start: '2027-03-03T08:00:00Z' });
    const holds = await admin.holds.list();
    expect(holds).toHaveLength(1);
    expect(holds[0]).toMatchObject({ id: hold.id, practitionerId, networkActiveHolds: 1, clientId: null });
    await expect(admin.holds.release(hold.id)).resolves.toBeUndefined();
    expect(await admin.holds.list()).toEqual([]);
  });

  it('finds the client a public booking split off and merges it back', async () => {
    const stored = await admin.clients.create({ name: 'Klara', email: 'klara@example.com' });
    const hold = await visitor.hold({ treatmentTypeId, practitionerId, start: '2027-03-03T09:00:00Z' });
    const { booking } = booked(
      await visitor.book({
        hold,
        client: { name: 'Klara', email: 'klara@example.com', phone: '+46701112233' },
        confirmation: 'none',
      }),
    );
    const [duplicate] = await admin.clients.duplicates(stored.id);
    expect(duplicate).toMatchObject({ id: booking.clientId, duplicateOf: stored.id, phone: '+46701112233' });
    const merged = await admin.clients.merge(booking.clientId, stored.id);
    expect(merged).toMatchObject({ id: stored.id, phone: null });
    expect((await admin.bookings.get(booking.id)).clientId).toBe(stored.id);
    expect(await admin.clients.duplicates(stored.id)).toEqual([]);
  });
});
