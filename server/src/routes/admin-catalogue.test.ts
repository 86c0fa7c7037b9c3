import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing.js';

let t: TestContext;
let base: string;
let token: string;

beforeEach(async () => {
  t = await createTestContext();
  const clinic = await t.clinic('lugna');
  base = `/v1/clinics/${clinic.slug}/admin`;
  token = clinic.token;
});
afterEach(async () => {
  await t.close();
});

/** Calls an admin route as the clinic's admin; returns status and parsed JSON (null for 204). */
async function api(method: string, path: string, body?: unknown, as = token) {
  const res = await t.call(method, `${base}${path}`, { token: as, body });
  const text = await res.text();
  const json: any = text === '' ? null : JSON.parse(text);
  return { status: res.status, json, headers: res.headers };
}

const paths = (problem: { errors?: { path: string }[] }) => (problem.errors ?? []).map((e) => e.path);

describe('settings', () => {
  it('changes any subset and keeps the rest', async () => {
    const before = await api('GET', '/settings');
    expect(before.status).toBe(200);
    const res = await api('PATCH', '/settings', {
      name: 'Lugna Rummet',
      timeZone: 'Europe/Helsinki',
      booking: { minNoticeHours: 4, allowedOrigins: ['https://lugna.example'] },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      ...before.json,
      name: 'Lugna Rummet',
      timeZone: 'Europe/Helsinki',
      booking: { ...before.json.booking, minNoticeHours: 4, allowedOrigins: ['https://lugna.example'] },
    });
    expect((await api('GET', '/settings')).json).toEqual(res.json);
  });

  it('sets every booking setting', async () => {
    const booking = {
      slotIntervalMinutes: 30,
      minNoticeHours: 12,
      horizonDays: 60,
      holdMinutes: 5,
      cancellationWindowHours: 48,
      publicBooking: 'clients-only',
      personalNumber: 'required',
      bookingInfoText: 'Jag samtycker till att mina uppgifter sparas.',
      allowedOrigins: ['https://a.example', 'http://localhost:3000'],
      staffConfirmationDefault: 'sms',
      reminderHoursBefore: 24,
      reminderChannel: 'email',
      confirmationCopyTo: 'kopia@example.com',
      confirmationCopyToPractitioner: true,
      smsSender: 'Lugna',
      receiptTitle: 'Kvitto',
      organisationNumber: '556677-8899',
      address: 'Götgatan 12, Stockholm',
      smsCountries: ['+46', '+47'],
      smsNewNumbersPerHour: 5,
      smsNewNumbersPerDay: 40,
      anonymousHoldsPerPractitionerDay: 2,
      holdsPerNetworkPerHour: 12,
      confirmAnonymousBookingsByEmail: true,
      calendarFeedClientNames: true,
      brandColor: '#2e6b5e',
      bookingPageUrl: 'https://lugna.example/boka',
      vatText: 'Momsfri sjukvård',
      publicHolidays: true,
      midsummerEveClosed: false,
      closedDays: [{ date: '2027-08-20', name: 'Personaldag' }],
    };
    const res = await api('PATCH', '/settings', { locale: 'en', modules: { booking: false }, booking });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ name: 'Clinic lugna', timeZone: 'Europe/Stockholm', locale: 'en', modules: { booking: false }, booking });
  });

  it('switches the booking module off and on', async () => {
    expect((await api('PATCH', '/settings', { modules: { booking: false } })).json.modules).toEqual({ booking: false });
    expect((await api('GET', '/settings')).json.modules).toEqual({ booking: false });
    expect((await api('PATCH', '/settings', { modules: {} })).json.modules).toEqual({ booking: false });
    expect((await api('PATCH', '/settings', { modules: { booking: true } })).json.modules).toEqual({ booking: true });
  });

  it('keeps every change when patches of different settings arrive at the same time', async () => {
    await Promise.all([
      api('PATCH', '/settings', { booking: { minNoticeHours: 5 } }),
      api('PATCH', '/settings', { booking: { holdMinutes: 7 } }),
      api('PATCH', '/settings', { name: 'Nytt namn' }),
      api('PATCH', '/settings', { modules: { booking: false } }),
    ]);
    const settings = (await api('GET', '/settings')).json;
    expect(settings.name).toBe('Nytt namn');
    expect(settings.modules.booking).toBe(false);
    expect(settings.booking).toMatchObject({ minNoticeHours: 5, holdMinutes: 7 });
  });

  it('refuses bad values per field and changes nothing', async () => {
    const before = (await api('GET', '/settings')).json;
    const cases: [unknown, string][] = [
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ locale: 'de' }, 'locale'],
      [{ name: '   ' }, 'name'],
      [{ booking: { slotIntervalMinutes: 0 } }, 'booking.slotIntervalMinutes'],
      [{ booking: { slotIntervalMinutes: 7.5 } }, 'booking.slotIntervalMinutes'],
      [{ booking: { horizonDays: 10_000 } }, 'booking.horizonDays'],
      [{ booking: { holdMinutes: -1 } }, 'booking.holdMinutes'],
      [{ booking: { publicBooking: 'closed' } }, 'booking.publicBooking'],
      // Both end up on the manage page: a colour in its CSS, an address in a link.
      [{ booking: { brandColor: 'red;background:url(https://x.example)' } }, 'booking.brandColor'],
      [{ booking: { bookingPageUrl: 'javascript:alert(1)' } }, 'booking.bookingPageUrl'],
      [{ booking: { personalNumber: 'always' } }, 'booking.personalNumber'],
      [{ booking: { allowedOrigins: ['https://ok.example', 'https://bad.example/path'] } }, 'booking.allowedOrigins.1'],
      [{ booking: { staffConfirmationDefault: 'fax' } }, 'booking.staffConfirmationDefault'],
      [{ booking: { colour: 'red' } }, 'booking.colour'],
      [{ modules: { calendar: true } }, 'modules.calendar'],
    ];
    for (const [body, path] of cases) {
      const res = await api('PATCH', '/settings', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(paths(res.json), JSON.stringify(body)).toContain(path);
    }
    expect((await api('GET', '/settings')).json).toEqual(before);
  });
});

describe('staff', () => {
  it('creates a staff user with a working token shown once, and lists users without tokens', async () => {
    const pr = (await api('POST', '/practitioners', { name: 'Anna Lindqvist' })).json;
    t.clock.advance(1000);
    const res = await api('POST', '/staff', { name: 'Anna', email: 'anna@lugna.example', role: 'practitioner', practitionerId: pr.id });
    expect(res.status).toBe(201);
    expect(res.json.staff).toMatchObject({ name: 'Anna', email: 'anna@lugna.example', role: 'practitioner', practitionerId: pr.id });
    expect(res.json.staff.id).toMatch(/^st_/);
    expect(res.json.token).toMatch(/^tbs_/);

    const settings = await api('GET', '/settings', undefined, res.json.token);
    expect(settings.status).toBe(200);

    const list = await api('GET', '/staff');
    expect(list.json.staff.map((s: { name: string; role: string }) => [s.name, s.role])).toEqual([
      ['Administrator', 'admin'],
      ['Anna', 'practitioner'],
    ]);
    expect(JSON.stringify(list.json)).not.toContain(res.json.token);
  });

  it('refuses an unknown role, a bad e-mail and an unknown practitioner', async () => {
    expect(paths((await api('POST', '/staff', { name: 'X', role: 'owner' })).json)).toEqual(['role']);
    expect(paths((await api('POST', '/staff', { name: 'X', role: 'admin', email: 'not-an-email' })).json)).toEqual(['email']);
    const unknown = await api('POST', '/staff', { name: 'X', role: 'admin', practitionerId: 'pr_nope' });
    expect(unknown.status).toBe(400);
    expect(paths(unknown.json)).toEqual(['practitionerId']);
    expect((await api('GET', '/staff')).json.staff).toHaveLength(1);
  });
});

describe('treatment types', () => {
  const full = {
    name: 'Samtalsbehandling',
    description: 'Enskilt samtal.',
    durationMinutes: 60,
    clientMinutes: 50,
    color: '#2E86AB',
    priceCents: 95000,
    currency: 'SEK',
    vatPercent: 0,
    onlineBookable: true,
    confirmationText: 'Välkommen!',
    smsText: 'Välkommen till Lugna.',
  };

  it('creates one with every field and reads it back', async () => {
    const res = await api('POST', '/treatment-types', full);
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ ...full, id: expect.stringMatching(/^tt_/), color: '#2e86ab' });
    expect((await api('GET', `/treatment-types/${res.json.id}`)).json).toEqual(res.json);
    expect((await api('GET', '/treatment-types')).json).toEqual({ treatmentTypes: [res.json] });
  });

  it('fills defaults: clientMinutes = durationMinutes, a colour, SEK, online-bookable', async () => {
    const res = await api('POST', '/treatment-types', { name: 'Massage', durationMinutes: 45 });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      durationMinutes: 45,
      clientMinutes: 45,
      priceCents: 0,
      currency: 'SEK',
      vatPercent: 0,
      onlineBookable: true,
      description: '',
      confirmationText: '',
      smsText: '',
    });
    expect(res.json.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('refuses clientMinutes above durationMinutes on create', async () => {
    const res = await api('POST', '/treatment-types', { name: 'Lång', durationMinutes: 30, clientMinutes: 31 });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('validation_failed');
    expect(paths(res.json)).toEqual(['clientMinutes']);
    expect((await api('GET', '/treatment-types')).json.treatmentTypes).toEqual([]);
  });

  it('refuses clientMinutes above durationMinutes on patch, alone or with a new duration', async () => {
    const tt = (await api('POST', '/treatment-types', { name: 'Samtal', durationMinutes: 60, clientMinutes: 50 })).json;
    for (const patch of [{ clientMinutes: 61 }, { durationMinutes: 40, clientMinutes: 45 }]) {
      const res = await api('PATCH', `/treatment-types/${tt.id}`, patch);
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(paths(res.json)).toEqual(['clientMinutes']);
    }
    expect((await api('GET', `/treatment-types/${tt.id}`)).json).toEqual(tt);
  });

  it('pulls clientMinutes down with a shorter duration and keeps it within a longer one', async () => {
    const tt = (await api('POST', '/treatment-types', { name: 'Samtal', durationMinutes: 60, clientMinutes: 50 })).json;
    const shorter = await api('PATCH', `/treatment-types/${tt.id}`, { durationMinutes: 40 });
    expect(shorter.json).toMatchObject({ durationMinutes: 40, clientMinutes: 40 });
    const longer = await api('PATCH', `/treatment-types/${tt.id}`, { durationMinutes: 90 });
    expect(longer.json).toMatchObject({ durationMinutes: 90, clientMinutes: 40 });
  });

  it('patches fields one at a time and keeps the others', async () => {
    const tt = (await api('POST', '/treatment-types', full)).json;
    const res = await api('PATCH', `/treatment-types/${tt.id}`, { priceCents: 100000, onlineBookable: false, description: '' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ...tt, priceCents: 100000, onlineBookable: false, description: '' });
    expect((await api('GET', `/treatment-types/${tt.id}`)).json).toEqual(res.json);
  });

  it('accepts colours only as #rrggbb', async () => {
    for (const color of ['red', '#abc', '#12345g', '2e86ab', '#2e86ab0']) {
      const res = await api('POST', '/treatment-types', { name: 'Färg', durationMinutes: 30, color });
      expect(res.status, color).toBe(400);
      expect(paths(res.json)).toEqual(['color']);
    }
    const tt = (await api('POST', '/treatment-types', { name: 'Färg', durationMinutes: 30, color: '#A1b2C3' })).json;
    expect(tt.color).toBe('#a1b2c3');
    expect((await api('PATCH', `/treatment-types/${tt.id}`, { color: 'blue' })).status).toBe(400);
  });

  it('archives on delete: 204, then 404 and gone from lists and practitioners', async () => {
    const keep = (await api('POST', '/treatment-types', { name: 'Behåll', durationMinutes: 30 })).json;
    const gone = (await api('POST', '/treatment-types', { name: 'Bort', durationMinutes: 30 })).json;
    const pr = (await api('POST', '/practitioners', { name: 'Anna', treatmentTypeIds: [keep.id, gone.id] })).json;
    expect(pr.treatmentTypeIds).toEqual([keep.id, gone.id]);

    const res = await api('DELETE', `/treatment-types/${gone.id}`);
    expect(res.status).toBe(204);
    expect(res.json).toBeNull();

    expect((await api('GET', `/treatment-types/${gone.id}`)).status).toBe(404);
    expect((await api('PATCH', `/treatment-types/${gone.id}`, { name: 'Åter' })).status).toBe(404);
    expect((await api('DELETE', `/treatment-types/${gone.id}`)).status).toBe(404);
    expect((await api('GET', '/treatment-types')).json.treatmentTypes.map((x: { id: string }) => x.id)).toEqual([keep.id]);
    expect((await api('GET', `/practitioners/${pr.id}`)).json.treatmentTypeIds).toEqual([keep.id]);
    // Archived, not erased: past bookings can still point at it.
    const row = await t.store.db.selectFrom('treatment_types').select('deleted_at').where('id', '=', gone.id).executeTakeFirst();
    expect(row?.deleted_at).toBe(t.clock.now());
  });

  it('answers 404 for an unknown id', async () => {
    const res = await api('GET', '/treatment-types/tt_doesnotexist');
    expect(res.status).toBe(404);
    expect(res.json.code).toBe('not_found');
  });

  it('lists in the order they were created', async () => {
    for (const name of ['Första', 'Andra', 'Tredje']) {
      await api('POST', '/treatment-types', { name, durationMinutes: 30 });
      t.clock.advance(1000);
    }
    expect((await api('GET', '/treatment-types')).json.treatmentTypes.map((x: { name: string }) => x.name)).toEqual(['Första', 'Andra', 'Tredje']);
  });
});

describe('practitioners', () => {
  async function types(...names: string[]) {
    const ids: string[] = [];
    for (const name of names) ids.push((await api('POST', '/treatment-types', { name, durationMinutes: 30 })).json.id);
    return ids;
  }

  it('creates one with every field and reads it back', async () => {
    const [a, b] = await types('A', 'B');
    const body = { name: 'Erik Johansson', email: 'erik@lugna.example', title: 'Leg. fysioterapeut', cancellationWindowHours: 48, treatmentTypeIds: [a, b] };
    const res = await api('POST', '/practitioners', body);
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ ...body, id: expect.stringMatching(/^pr_/) });
    expect((await api('GET', `/practitioners/${res.json.id}`)).json).toEqual(res.json);
    expect((await api('GET', '/practitioners')).json).toEqual({ practitioners: [res.json] });
  });

  it('defaults optional fields to null and an empty list', async () => {
    const res = await api('POST', '/practitioners', { name: 'Sara' });
    expect(res.json).toEqual({ id: res.json.id, name: 'Sara', email: null, title: null, cancellationWindowHours: null, treatmentTypeIds: [] });
  });

  it('patches fields, clears nullable ones with null, and keeps the rest', async () => {
    const [a] = await types('A');
    const pr = (await api('POST', '/practitioners', { name: 'Sara', email: 's@lugna.example', title: 'Psykolog', treatmentTypeIds: [a] })).json;
    const res = await api('PATCH', `/practitioners/${pr.id}`, { title: null, cancellationWindowHours: 12 });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ...pr, title: null, cancellationWindowHours: 12 });
  });

  it('replaces the treatment type list with PUT, dropping duplicates', async () => {
    const [a, b, c] = await types('A', 'B', 'C');
    const pr = (await api('POST', '/practitioners', { name: 'Anna', treatmentTypeIds: [a] })).json;
    const res = await api('PUT', `/practitioners/${pr.id}/treatment-types`, { treatmentTypeIds: [c, b, c] });
    expect(res.status).toBe(200);
    expect([...res.json.treatmentTypeIds].sort()).toEqual([b, c].sort());
    expect(res.json.treatmentTypeIds).toHaveLength(2);
    expect((await api('GET', `/practitioners/${pr.id}`)).json.treatmentTypeIds).toEqual(res.json.treatmentTypeIds);
    const cleared = await api('PUT', `/practitioners/${pr.id}/treatment-types`, { treatmentTypeIds: [] });
    expect(cleared.json.treatmentTypeIds).toEqual([]);
  });

  it('answers 400 naming the field for an unknown or archived treatment type, and changes nothing', async () => {
    const [a, archived] = await types('A', 'Arkiverad');
    await api('DELETE', `/treatment-types/${archived}`);
    const pr = (await api('POST', '/practitioners', { name: 'Anna', treatmentTypeIds: [a] })).json;
    for (const bad of ['tt_unknown', archived]) {
      const put = await api('PUT', `/practitioners/${pr.id}/treatment-types`, { treatmentTypeIds: [a, bad] });
      expect(put.status).toBe(400);
      expect(put.json.code).toBe('validation_failed');
      expect(paths(put.json)).toEqual(['treatmentTypeIds']);
      expect(put.json.detail).toContain(bad);
    }
    const create = await api('POST', '/practitioners', { name: 'Ny', treatmentTypeIds: ['tt_unknown'] });
    expect(create.status).toBe(400);
    expect(paths(create.json)).toEqual(['treatmentTypeIds']);
    expect((await api('GET', `/practitioners/${pr.id}`)).json.treatmentTypeIds).toEqual([a]);
    expect((await api('GET', '/practitioners')).json.practitioners).toHaveLength(1);
  });

  it('answers 404 for PUT treatment-types on an unknown practitioner', async () => {
    const res = await api('PUT', '/practitioners/pr_nope/treatment-types', { treatmentTypeIds: [] });
    expect(res.status).toBe(404);
  });

  it('archives on delete: 404 afterwards and gone from the list', async () => {
    const keep = (await api('POST', '/practitioners', { name: 'Anna' })).json;
    const gone = (await api('POST', '/practitioners', { name: 'Bertil' })).json;
    expect((await api('DELETE', `/practitioners/${gone.id}`)).status).toBe(204);
    expect((await api('GET', `/practitioners/${gone.id}`)).status).toBe(404);
    expect((await api('PATCH', `/practitioners/${gone.id}`, { name: 'X' })).status).toBe(404);
    expect((await api('PUT', `/practitioners/${gone.id}/treatment-types`, { treatmentTypeIds: [] })).status).toBe(404);
    expect((await api('GET', '/practitioners')).json.practitioners.map((p: { id: string }) => p.id)).toEqual([keep.id]);
  });

  it('refuses a bad e-mail, a negative window and an over-long title', async () => {
    expect(paths((await api('POST', '/practitioners', { name: 'A', email: 'nope' })).json)).toEqual(['email']);
    expect(paths((await api('POST', '/practitioners', { name: 'A', cancellationWindowHours: -1 })).json)).toEqual(['cancellationWindowHours']);
    expect(paths((await api('POST', '/practitioners', { name: 'A', title: 't'.repeat(201) })).json)).toEqual(['title']);
  });
});

describe('locations', () => {
  it('creates, reads, lists, patches and archives', async () => {
    const created = await api('POST', '/locations', { name: 'Södermalm', address: 'Götgatan 12' });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({ id: expect.stringMatching(/^lo_/), name: 'Södermalm', address: 'Götgatan 12' });
    const other = (await api('POST', '/locations', { name: 'Kungsholmen' })).json;
    expect(other.address).toBeNull();

    expect((await api('GET', `/locations/${created.json.id}`)).json).toEqual(created.json);
    expect((await api('GET', '/locations')).json.locations.map((l: { name: string }) => l.name)).toEqual(['Kungsholmen', 'Södermalm']);

    const patched = await api('PATCH', `/locations/${created.json.id}`, { address: null });
    expect(patched.json).toEqual({ ...created.json, address: null });
    const renamed = await api('PATCH', `/locations/${created.json.id}`, { name: 'Söder' });
    expect(renamed.json).toEqual({ ...created.json, name: 'Söder', address: null });

    expect((await api('DELETE', `/locations/${created.json.id}`)).status).toBe(204);
    expect((await api('GET', `/locations/${created.json.id}`)).status).toBe(404);
    expect((await api('GET', '/locations')).json.locations).toEqual([other]);
  });

  it('refuses a missing name and an over-long address', async () => {
    expect(paths((await api('POST', '/locations', {})).json)).toEqual(['name']);
    expect(paths((await api('POST', '/locations', { name: 'A', address: 'x'.repeat(501) })).json)).toEqual(['address']);
  });
});
