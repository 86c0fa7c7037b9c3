import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { ManualClock } from './clock.js';
import { testConfig } from './config.js';
import { DEMO_SLUG, seedDemoIfEmpty } from './demo.js';
import type { Deps } from './services/deps.js';
import { createTestContext, type TestContext } from './testing.js';

// A Monday six days before Europe/Stockholm moves its clocks forward (2027-03-28), so the four
// weeks of working time straddle a DST change.
const NOW = '2027-03-22T05:00:00Z';
const ZONE = 'Europe/Stockholm';

let t: TestContext;
let deps: Deps;
beforeEach(async () => {
  t = await createTestContext({ now: NOW });
  deps = { store: t.store, clock: t.clock, config: t.app.deps.config };
});
afterEach(async () => {
  await t.close();
});

const local = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});
function localParts(ms: number) {
  const parts = Object.fromEntries(local.formatToParts(ms).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, weekday: parts.weekday };
}

async function demoRows(clinicId: string) {
  const db = t.store.db;
  return {
    treatmentTypes: await db.selectFrom('treatment_types').selectAll().where('clinic_id', '=', clinicId).execute(),
    practitioners: await db.selectFrom('practitioners').selectAll().where('clinic_id', '=', clinicId).execute(),
    links: await db.selectFrom('practitioner_treatment_types').selectAll().execute(),
    locations: await db.selectFrom('locations').selectAll().where('clinic_id', '=', clinicId).execute(),
    workingTimes: await db.selectFrom('working_times').selectAll().where('clinic_id', '=', clinicId).orderBy('start_ms').execute(),
  };
}

describe('seedDemoIfEmpty', () => {
  it('creates clinic demo with practitioners, priced and coloured treatment types and a location', async () => {
    const demo = await seedDemoIfEmpty(deps);
    expect(demo).toEqual({ slug: DEMO_SLUG, adminToken: expect.stringMatching(/^tbs_/) });
    const clinic = await t.store.db.selectFrom('clinics').selectAll().where('slug', '=', 'demo').executeTakeFirstOrThrow();
    expect(clinic.time_zone).toBe(ZONE);
    const rows = await demoRows(clinic.id);

    expect(rows.practitioners.length).toBeGreaterThanOrEqual(2);
    expect(rows.practitioners.length).toBeLessThanOrEqual(3);
    for (const practitioner of rows.practitioners) {
      expect(rows.links.filter((l) => l.practitioner_id === practitioner.id).length, practitioner.name).toBeGreaterThan(0);
    }
    const bookable = rows.treatmentTypes.filter((tt) => tt.online_bookable === 1);
    expect(bookable.length).toBeGreaterThanOrEqual(2);
    for (const tt of rows.treatmentTypes) expect(tt.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(rows.treatmentTypes.map((tt) => tt.color)).size).toBe(rows.treatmentTypes.length);
    for (const tt of bookable) {
      expect(tt.price_cents, tt.name).toBeGreaterThan(0);
      expect(tt.client_minutes).toBeLessThanOrEqual(tt.duration_minutes);
    }
    expect(rows.locations).toHaveLength(1);
  });

  it('gives every practitioner weekday working time for the next four weeks, in the clinic zone, across DST', async () => {
    await seedDemoIfEmpty(deps);
    const clinic = await t.store.db.selectFrom('clinics').selectAll().where('slug', '=', 'demo').executeTakeFirstOrThrow();
    const { workingTimes, practitioners, locations } = await demoRows(clinic.id);
    expect(workingTimes.length).toBeGreaterThan(0);

    const today = localParts(Date.parse(NOW)).date;
    const lastDay = localParts(Date.parse(NOW) + 27 * 86_400_000).date;
    const dates = new Set<string>();
    for (const wt of workingTimes) {
      const start = localParts(wt.start_ms);
      const end = localParts(wt.end_ms);
      expect(start.date, 'a block stays within one day').toBe(end.date);
      expect(['Sat', 'Sun']).not.toContain(start.weekday);
      expect(start.date >= today && start.date <= lastDay, start.date).toBe(true);
      expect(wt.end_ms).toBeGreaterThan(wt.start_ms);
      // Whole or half hours on the wall clock, before and after the DST change alike.
      expect(start.time).toMatch(/^(0[7-9]|1\d):(00|30)$/);
      expect(end.time).toMatch(/^(1\d):(00|30)$/);
      expect(wt.location_id).toBe(locations[0]?.id);
      dates.add(start.date);
    }
    // Twenty weekdays in four weeks, each with working time.
    expect(dates.size).toBe(20);
    expect([...dates].some((d) => d > '2027-03-28')).toBe(true);

    // The same wall-clock hours before and after the change: a practitioner's Monday looks alike.
    for (const practitioner of practitioners) {
      const mine = workingTimes.filter((wt) => wt.practitioner_id === practitioner.id);
      const weeks = new Set(mine.map((wt) => Math.floor((wt.start_ms - Date.parse(NOW)) / (7 * 86_400_000))));
      expect(weeks.size, practitioner.name).toBe(4);
      const mondays = (date: string) =>
        mine.filter((wt) => localParts(wt.start_ms).date === date).map((wt) => `${localParts(wt.start_ms).time}-${localParts(wt.end_ms).time}`);
      expect(mondays('2027-03-22').length, practitioner.name).toBeGreaterThan(0);
      expect(mondays('2027-03-29')).toEqual(mondays('2027-03-22'));
    }
  });

  it('gives a staff token that works and a public clinic that shows the bookable types', async () => {
    const demo = await seedDemoIfEmpty(deps);
    const settings = await t.call('GET', '/v1/clinics/demo/admin/settings', { token: demo?.adminToken });
    expect(settings.status).toBe(200);
    const pub = await (await t.call('GET', '/v1/clinics/demo')).json();
    expect(pub.treatmentTypes.length).toBeGreaterThan(0);
    expect(pub.treatmentTypes.every((tt: { onlineBookable: boolean }) => tt.onlineBookable)).toBe(true);
    expect(pub.practitioners.length).toBeGreaterThanOrEqual(2);
    expect(pub.locations).toHaveLength(1);
  });

  it('is closed to online booking on the red days (långfredagen 2027-03-26), open the day before', async () => {
    await seedDemoIfEmpty(deps);
    const pub = await (await t.call('GET', '/v1/clinics/demo')).json();
    const slotsOn = async (date: string) => {
      const res = await t.call('GET', `/v1/clinics/demo/slots?treatmentTypeId=${pub.treatmentTypes[0].id}&from=${date}&to=${date}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { slots: unknown[] }).slots;
    };
    expect((await slotsOn('2027-03-25')).length).toBeGreaterThan(0);
    expect(await slotsOn('2027-03-26')).toEqual([]);
  });

  it('does nothing the second time', async () => {
    expect(await seedDemoIfEmpty(deps)).not.toBeNull();
    const count = async () => {
      const db = t.store.db;
      return [
        (await db.selectFrom('clinics').select('id').execute()).length,
        (await db.selectFrom('staff_tokens').select('id').execute()).length,
        (await db.selectFrom('treatment_types').select('id').execute()).length,
        (await db.selectFrom('working_times').select('id').execute()).length,
      ];
    };
    const before = await count();
    t.clock.advance(7 * 86_400_000);
    expect(await seedDemoIfEmpty(deps)).toBeNull();
    expect(await count()).toEqual(before);
  });

  it('does nothing when the database already has another clinic', async () => {
    await t.clinic('egen');
    expect(await seedDemoIfEmpty(deps)).toBeNull();
    expect((await t.call('GET', '/v1/clinics/demo')).status).toBe(404);
  });

  it('works on a database that was just migrated, through a new app', async () => {
    const demo = await seedDemoIfEmpty(deps);
    const app = createApp({ store: t.store, clock: new ManualClock(Date.parse(NOW)), config: testConfig() });
    const res = await app.request('/v1/clinics/demo/admin/practitioners', { headers: { authorization: `Bearer ${demo?.adminToken}` } });
    expect(res.status).toBe(200);
    expect((await res.json()).practitioners.length).toBeGreaterThanOrEqual(2);
  });
});
