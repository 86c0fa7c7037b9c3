import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing.js';
import { bookableClinic } from '../testing-bookable.js';

let t: TestContext;
beforeEach(async () => {
  t = await createTestContext();
});
afterEach(async () => {
  await t.close();
});

const json = async <T = any>(res: Response): Promise<T> => (await res.json()) as T;

describe('closed days', () => {
  // Monday 22 to Friday 26 March 2027, 09:00–12:00 in Stockholm (UTC+1 before 28 March); Friday is
  // långfredagen.
  const week = ['2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25', '2027-03-26'];

  async function setUp() {
    const clinic = await bookableClinic(t, 'lugna');
    for (const day of week) {
      const res = await t.call('POST', `/v1/clinics/${clinic.slug}/admin/working-times`, {
        token: clinic.token,
        body: { practitionerId: clinic.practitionerId, start: `${day}T08:00:00Z`, end: `${day}T11:00:00Z` },
      });
      expect(res.status).toBe(201);
    }
    const days = async (path: string, token: string | null = null) => {
      const res = await t.call('GET', `/v1/clinics/${clinic.slug}${path}/slots?treatmentTypeId=${clinic.treatmentTypeId}&from=2027-03-22&to=2027-03-28`, {
        token,
      });
      expect(res.status).toBe(200);
      return [...new Set((await json<{ slots: { start: string }[] }>(res)).slots.map((s) => s.start.slice(0, 10)))];
    };
    const patch = async (booking: Record<string, unknown>) =>
      json<{ booking: Record<string, unknown> }>(
        await t.call('PATCH', `/v1/clinics/${clinic.slug}/admin/settings`, { token: clinic.token, body: { booking } }),
      );
    return { ...clinic, days, patch };
  }

  it('are off until the clinic turns the red days on; then the public gets no time on långfredagen, staff still do', async () => {
    const c = await setUp();
    expect(await c.days('')).toEqual(week);
    const settings = await c.patch({ publicHolidays: true });
    expect(settings.booking).toMatchObject({ publicHolidays: true, midsummerEveClosed: true, closedDays: [] });
    expect(await c.days('')).toEqual(week.slice(0, 4));
    expect(await c.days('/admin', c.token)).toEqual(week);

    // A public hold that day is refused as any time not offered; staff book it.
    const hold = await t.call('POST', `/v1/clinics/${c.slug}/holds`, {
      body: { treatmentTypeId: c.treatmentTypeId, practitionerId: c.practitionerId, start: '2027-03-26T08:00:00Z' },
    });
    expect(hold.status).toBe(409);
    const booked = await t.call('POST', `/v1/clinics/${c.slug}/admin/bookings`, {
      token: c.token,
      body: {
        client: { name: 'Klara Klient', email: 'klara@example.se' },
        practitionerId: c.practitionerId,
        treatmentTypeId: c.treatmentTypeId,
        start: '2027-03-26T08:00:00Z',
        confirmation: 'none',
      },
    });
    expect(booked.status, await booked.clone().text()).toBe(201);
  });

  it("close the clinic's own days, and open again when removed", async () => {
    const c = await setUp();
    await c.patch({ closedDays: [{ date: '2027-03-23', name: 'Personaldag' }] });
    expect(await c.days('')).toEqual(['2027-03-22', '2027-03-24', '2027-03-25', '2027-03-26']);
    await c.patch({ closedDays: [] });
    expect(await c.days('')).toEqual(week);
  });

  it('refuse a malformed own day with a problem naming the field', async () => {
    const c = await setUp();
    for (const closedDays of [[{ date: '2027-02-30', name: 'X' }], [{ date: '2027-03-23', name: '' }], [{ date: '2027-03-23' }], 'nej']) {
      const res = await t.call('PATCH', `/v1/clinics/${c.slug}/admin/settings`, { token: c.token, body: { booking: { closedDays } } });
      expect(res.status).toBe(400);
      expect((await json(res)).code).toBe('validation_failed');
    }
  });
});

describe('GET /admin/settings/rejected-origins', () => {
  it('lists the websites refused lately, latest first, bounded, and forgets one once it is allowed', async () => {
    const { slug, token } = await t.clinic('lugna');
    const list = async () => {
      const res = await t.call('GET', `/v1/clinics/${slug}/admin/settings/rejected-origins`, { token });
      expect(res.status).toBe(200);
      return (await json<{ origins: { origin: string; count: number; lastSeenAt: string }[] }>(res)).origins;
    };
    expect(await list()).toEqual([]);
    await t.call('GET', `/v1/clinics/${slug}`, { headers: { origin: 'https://x.example' } });
    t.clock.advance(60_000);
    await t.call('GET', `/v1/clinics/${slug}`, { headers: { origin: 'https://x.example' } });
    // Not an origin: refused, not kept.
    await t.call('GET', `/v1/clinics/${slug}`, { headers: { origin: 'null' } });
    expect(await list()).toEqual([{ origin: 'https://x.example', count: 2, lastSeenAt: '2027-03-01T08:01:00Z' }]);
    for (let i = 1; i <= 6; i++) await t.call('GET', `/v1/clinics/${slug}`, { headers: { origin: `https://s${i}.example` } });
    expect((await list()).map((o) => o.origin)).toEqual([
      'https://s6.example',
      'https://s5.example',
      'https://s4.example',
      'https://s3.example',
      'https://s2.example',
    ]);
    await t.call('PATCH', `/v1/clinics/${slug}/admin/settings`, { token, body: { booking: { allowedOrigins: ['https://s6.example'] } } });
    expect((await list()).map((o) => o.origin)).not.toContain('https://s6.example');
  });

  it('is for admins only', async () => {
    const { slug, token } = await t.clinic('lugna');
    const created = await json<{ token: string }>(
      await t.call('POST', `/v1/clinics/${slug}/admin/staff`, { token, body: { name: 'Rita', role: 'reception' } }),
    );
    const res = await t.call('GET', `/v1/clinics/${slug}/admin/settings/rejected-origins`, { token: created.token });
    expect(res.status).toBe(403);
  });
});
