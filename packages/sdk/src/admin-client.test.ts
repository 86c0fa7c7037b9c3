import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTidbokAdmin, type TidbokAdmin } from './admin-client.js';
import { createTidbok } from './public-client.js';
import { type Served, serve } from './test-support.js';

let s: Served;
let admin: TidbokAdmin;
beforeEach(async () => {
  s = await serve();
  admin = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: s.token });
});
afterEach(async () => {
  await s.close();
});

describe('admin client against a real server', () => {
  it('reads the default settings and changes a subset of them', async () => {
    const before = await admin.settings.get();
    expect(before.booking.slotIntervalMinutes).toBe(15);
    expect(before.modules).toEqual({ booking: true });

    const after = await admin.settings.update({
      name: 'Lugna Rummet',
      booking: { slotIntervalMinutes: 30, allowedOrigins: ['https://lugna.example'] },
    });
    expect(after.name).toBe('Lugna Rummet');
    expect(after.booking.slotIntervalMinutes).toBe(30);
    expect(after.booking.allowedOrigins).toEqual(['https://lugna.example']);
    expect(after.booking.holdMinutes).toBe(before.booking.holdMinutes);
    expect(await admin.settings.get()).toEqual(after);
  });

  it('creates, lists, reads, changes and removes treatment types', async () => {
    const talk = await admin.treatmentTypes.create({ name: 'Samtal', durationMinutes: 60, clientMinutes: 50 });
    expect(talk).toMatchObject({ name: 'Samtal', durationMinutes: 60, clientMinutes: 50, currency: 'SEK' });
    expect(talk.id).toMatch(/^tt_/);

    expect(await admin.treatmentTypes.list()).toEqual([talk]);
    expect(await admin.treatmentTypes.get(talk.id)).toEqual(talk);

    const changed = await admin.treatmentTypes.update(talk.id, { priceCents: 95_000, color: '#2e86ab' });
    expect(changed).toMatchObject({ id: talk.id, priceCents: 95_000, color: '#2e86ab' });

    await expect(admin.treatmentTypes.remove(talk.id)).resolves.toBeUndefined();
    expect(await admin.treatmentTypes.list()).toEqual([]);
  });

  it('creates practitioners, replaces their treatment types and removes them', async () => {
    const talk = await admin.treatmentTypes.create({ name: 'Samtal', durationMinutes: 60 });
    const physio = await admin.treatmentTypes.create({ name: 'Fysioterapi', durationMinutes: 45 });
    const anna = await admin.practitioners.create({ name: 'Anna Ek', title: 'Leg. psykolog' });
    expect(anna).toMatchObject({ name: 'Anna Ek', title: 'Leg. psykolog', email: null, treatmentTypeIds: [] });

    const withTypes = await admin.practitioners.setTreatmentTypes(anna.id, [talk.id, physio.id]);
    expect([...withTypes.treatmentTypeIds].sort()).toEqual([talk.id, physio.id].sort());
    expect((await admin.practitioners.get(anna.id)).treatmentTypeIds).toHaveLength(2);

    const renamed = await admin.practitioners.update(anna.id, { name: 'Anna Ekström', cancellationWindowHours: 48 });
    expect(renamed).toMatchObject({ name: 'Anna Ekström', cancellationWindowHours: 48 });
    expect(await admin.practitioners.list()).toEqual([renamed]);

    await admin.practitioners.remove(anna.id);
    expect(await admin.practitioners.list()).toEqual([]);
  });

  it('creates, reads, changes and removes locations', async () => {
    const room = await admin.locations.create({ name: 'Rum 1', address: 'Götgatan 12' });
    expect(room).toMatchObject({ name: 'Rum 1', address: 'Götgatan 12' });
    expect(await admin.locations.get(room.id)).toEqual(room);
    expect(await admin.locations.update(room.id, { address: null })).toEqual({ ...room, address: null });
    expect(await admin.locations.list()).toHaveLength(1);
    await admin.locations.remove(room.id);
    expect(await admin.locations.list()).toEqual([]);
  });

  it('creates, searches, changes and removes clients', async () => {
    const alva = await admin.clients.create({ name: 'Alva Berg', email: 'alva@example.test', isTest: true });
    const bo = await admin.clients.create({ name: 'Bo Ek', phone: '070-123 45 67' });
    expect(alva).toMatchObject({ name: 'Alva Berg', email: 'alva@example.test', isTest: true, phone: null });

    expect((await admin.clients.list()).map((c) => c.id).sort()).toEqual([alva.id, bo.id].sort());
    expect(await admin.clients.list({ q: 'alva' })).toEqual([alva]);
    expect(await admin.clients.list({ q: 'nobody' })).toEqual([]);
    expect(await admin.clients.get(bo.id)).toEqual(bo);

    const changed = await admin.clients.update(bo.id, { email: 'bo@example.test' });
    expect(changed.email).toBe('bo@example.test');

    await admin.clients.remove(bo.id);
    expect(await admin.clients.list()).toEqual([alva]);
  });

  it('creates staff whose token works at once, with the rights of their role', async () => {
    const anna = await admin.practitioners.create({ name: 'Anna Ek' });
    const { staff, token } = await admin.staff.create({ name: 'Anna Ek', role: 'practitioner', practitionerId: anna.id });
    expect(staff).toMatchObject({ name: 'Anna Ek', role: 'practitioner', practitionerId: anna.id });
    expect(token).toEqual(expect.any(String));
    expect((await admin.staff.list()).map((x) => x.id)).toContain(staff.id);

    const practitioner = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token });
    expect(await practitioner.practitioners.list()).toHaveLength(1);
    await expect(practitioner.locations.create({ name: 'Rum 2' })).rejects.toMatchObject({
      name: 'TidbokError',
      status: 403,
      code: 'forbidden',
    });
  });

  it('takes a new token from setToken and from a token function before each request', async () => {
    const stale = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: 'tbs_revoked' });
    await expect(stale.settings.get()).rejects.toMatchObject({ code: 'unauthorized', status: 401 });
    stale.setToken(s.token);
    expect((await stale.settings.get()).name).toBe(`Clinic ${s.slug}`);

    let calls = 0;
    const fromFunction = createTidbokAdmin({
      baseUrl: s.url,
      clinic: s.slug,
      token: async () => {
        calls++;
        return s.token;
      },
    });
    await fromFunction.settings.get();
    await fromFunction.locations.list();
    expect(calls).toBe(2);
  });

  it('shows the public side only online-bookable treatment types and their practitioners', async () => {
    const talk = await admin.treatmentTypes.create({ name: 'Samtal', durationMinutes: 60 });
    const notes = await admin.treatmentTypes.create({ name: 'Journal', durationMinutes: 30, onlineBookable: false });
    const anna = await admin.practitioners.create({ name: 'Anna Ek', title: 'Psykolog', email: 'anna@example.test' });
    await admin.practitioners.setTreatmentTypes(anna.id, [talk.id, notes.id]);
    const room = await admin.locations.create({ name: 'Rum 1' });

    const info = await createTidbok({ baseUrl: s.url, clinic: s.slug }).clinic();
    expect(info).toMatchObject({ slug: s.slug, timeZone: 'Europe/Stockholm', locale: 'sv', modules: { booking: true } });
    expect(info.treatmentTypes.map((t) => t.id)).toEqual([talk.id]);
    // No window of her own: the clinic's cancellation window (24 h) is hers.
    expect(info.practitioners).toEqual([{ id: anna.id, name: 'Anna Ek', title: 'Psykolog', treatmentTypeIds: [talk.id], cancellationWindowHours: 24 }]);
    expect(info.locations).toEqual([room]);
  });
});
