import { localToInstant } from '@tidbok/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CalendarClinic, insertHold, qs, type Reply, seedCalendarClinic, starts } from '../testing-calendar.js';
import { createApp } from '../app.js';
import { createTestContext, type TestContext } from '../testing.js';

// docs/design.md, "The rules that make a slot", over HTTP: the public `GET …/slots` and the staff
// `GET …/admin/slots`. The engine's own case table and properties live in packages/core.

const NOW = '2027-03-01T08:00:00Z'; // Monday 09:00 in Stockholm
const TUE = '2027-03-02';
const at = (hm: string, date = TUE) => `${date}T${hm}:00Z`;

let t: TestContext;
let c: CalendarClinic;

beforeEach(async () => {
  t = await createTestContext({ now: NOW });
  c = await seedCalendarClinic(t);
});
afterEach(async () => {
  await t.close();
});

function expectProblem(res: Reply, status: number, code: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.json.code).toBe(code);
}

async function block(practitionerId: string, start: string, end: string, extra: Record<string, unknown> = {}, clinic = c) {
  const res = await clinic.api('POST', '/working-times', { practitionerId, start, end, ...extra });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { id: string };
}

type Query = Record<string, string | undefined>;
const publicSlots = (query: Query, clinic = c) => clinic.pub('GET', `/slots${qs({ treatmentTypeId: clinic.tt.talk, from: TUE, to: TUE, ...query })}`);
const staffSlots = (query: Query, clinic = c) => clinic.api('GET', `/slots${qs({ treatmentTypeId: clinic.tt.talk, from: TUE, to: TUE, ...query })}`);

async function ok(res: Promise<Reply>) {
  const r = await res;
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r;
}

describe('slots: the basics, public and staff alike', () => {
  it('offers each grid start inside working time, with its end, practitioner, location and the zone', async () => {
    await block(c.pr.anna, at('08:00'), at('10:15'), { locationId: c.loc.room1 });
    for (const get of [publicSlots, staffSlots]) {
      const res = await ok(get({}));
      expect(res.json).toEqual({
        timeZone: 'Europe/Stockholm',
        slots: [
          { start: at('08:00'), end: at('09:00'), practitionerId: c.pr.anna, locationId: c.loc.room1 },
          { start: at('08:30'), end: at('09:30'), practitionerId: c.pr.anna, locationId: c.loc.room1 },
          { start: at('09:00'), end: at('10:00'), practitionerId: c.pr.anna, locationId: c.loc.room1 },
        ],
      });
    }
  });

  it('without practitionerId lists every practitioner offering the treatment, sorted by start', async () => {
    await block(c.pr.anna, at('08:00'), at('10:00'));
    await block(c.pr.bo, at('08:30'), at('10:30'));
    await block(c.pr.cilla, at('08:00'), at('12:00')); // offers nothing
    const res = await ok(publicSlots({}));
    expect(res.json.slots.map((s: { start: string; practitionerId: string }) => [s.start.slice(11, 16), s.practitionerId])).toEqual(
      [
        ['08:00', c.pr.anna],
        ['08:30', c.pr.anna],
        ['08:30', c.pr.bo],
        ['09:00', c.pr.anna],
        ['09:00', c.pr.bo],
        ['09:30', c.pr.bo],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : a[1]! < b[1]! ? -1 : 1)),
    );
    expect(starts(await ok(publicSlots({ practitionerId: c.pr.bo })))).toEqual([at('08:30'), at('09:00'), at('09:30')]);
    expect(starts(await ok(publicSlots({ practitionerId: c.pr.cilla })))).toEqual([]);
    expect(starts(await ok(publicSlots({ practitionerId: 'pr_unknown' })))).toEqual([]);
    // The staff-only treatment: only Anna offers it, and only staff see it.
    expect(starts(await ok(staffSlots({ treatmentTypeId: c.tt.internal })))).toEqual([at('08:00'), at('08:30'), at('09:00')]);
  });

  it('filters by location', async () => {
    await block(c.pr.anna, at('08:00'), at('09:00'), { locationId: c.loc.room1 });
    await block(c.pr.bo, at('08:00'), at('09:00'), { locationId: c.loc.room2 });
    await block(c.pr.bo, at('10:00'), at('11:00'));
    expect((await ok(publicSlots({ locationId: c.loc.room2 }))).json.slots).toEqual([
      { start: at('08:00'), end: at('09:00'), practitionerId: c.pr.bo, locationId: c.loc.room2 },
    ]);
    expect(starts(await ok(publicSlots({ locationId: c.loc.room1 })))).toEqual([at('08:00')]);
    expect(starts(await ok(publicSlots({ locationId: 'loc_unknown' })))).toEqual([]);
    expect(starts(await ok(publicSlots({})))).toEqual([at('08:00'), at('08:00'), at('10:00')]);
  });

  it('a booked booking or an active hold takes its time; an expired hold, a cancellation and an activity do not', async () => {
    await block(c.pr.anna, at('08:00'), at('13:00'));
    const booked = await c.api('POST', '/bookings', { client: { name: 'A' }, practitionerId: c.pr.anna, treatmentTypeId: c.tt.short, start: at('09:00') });
    expect(booked.status).toBe(201);
    await insertHold(t, c, { practitionerId: c.pr.anna, start: at('11:00'), end: at('12:00'), expiresAt: '2027-03-01T08:10:00Z' });
    await insertHold(t, c, { practitionerId: c.pr.anna, start: at('12:00'), end: at('13:00'), expiresAt: '2027-03-01T07:59:59Z' });
    await c.api('POST', '/activities', { practitionerId: c.pr.anna, title: 'Lunch', start: at('10:00'), end: at('11:00') });

    // 60 minutes: nothing over 09:00–09:30 (booking) or 11:00–12:00 (hold); touching is fine.
    const expected = [at('08:00'), at('09:30'), at('10:00'), at('12:00')];
    expect(starts(await ok(publicSlots({})))).toEqual(expected);
    expect(starts(await ok(staffSlots({})))).toEqual(expected);

    await c.api('POST', `/bookings/${booked.json.id}/cancel`, {});
    t.clock.set('2027-03-01T08:10:00Z'); // the hold expires now
    expect(starts(await ok(publicSlots({})))).toEqual(['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00'].map((hm) => at(hm)));
  });

  it("a block's own list wins over the practitioner's; archived practitioners and deleted treatments offer nothing", async () => {
    await block(c.pr.anna, at('08:00'), at('09:00')); // null: Anna's list
    await block(c.pr.anna, at('10:00'), at('11:00'), { treatmentTypeIds: [c.tt.talk] });
    await block(c.pr.bo, at('12:00'), at('13:00'));
    // Anna stops offering talk: the null block follows, the explicit one keeps what it names (rule 2).
    expect((await c.api('PUT', `/practitioners/${c.pr.anna}/treatment-types`, { treatmentTypeIds: [c.tt.short] })).status).toBe(200);
    expect(starts(await ok(publicSlots({})))).toEqual([at('10:00'), at('12:00')]);
    expect((await c.api('DELETE', `/practitioners/${c.pr.bo}`)).status).toBe(204);
    expect(starts(await ok(publicSlots({})))).toEqual([at('10:00')]);
    expect((await c.api('DELETE', `/treatment-types/${c.tt.talk}`)).status).toBe(204);
    expectProblem(await publicSlots({}), 404, 'not_found');
    expectProblem(await staffSlots({}), 404, 'not_found');
  });
});

describe('slots: public versus staff', () => {
  it('the public see only online-bookable treatment types (others 404); staff see all', async () => {
    await block(c.pr.anna, at('08:00'), at('09:00'));
    expectProblem(await publicSlots({ treatmentTypeId: c.tt.internal }), 404, 'not_found');
    expect(starts(await ok(staffSlots({ treatmentTypeId: c.tt.internal })))).toEqual([at('08:00')]);
    expectProblem(await publicSlots({ treatmentTypeId: 'tt_unknown' }), 404, 'not_found');
    expectProblem(await staffSlots({ treatmentTypeId: 'tt_unknown' }), 404, 'not_found');
    const other = await seedCalendarClinic(t, 'annan');
    expectProblem(await publicSlots({ treatmentTypeId: other.tt.talk }), 404, 'not_found');
    expectProblem(await c.pub('GET', `/slots${qs({ from: TUE, to: TUE })}`), 400, 'validation_failed');
    const unknownClinic = await t.call('GET', `/v1/clinics/nope/slots${qs({ treatmentTypeId: c.tt.talk, from: TUE, to: TUE })}`);
    expect(unknownClinic.status).toBe(404);
  });

  it('the minimum notice binds the public only; the horizon binds everyone; the past is never offered', async () => {
    await block(c.pr.anna, at('08:00'), at('12:00'));
    t.clock.set(at('08:40')); // notice 2 h: public from 10:40
    expect(starts(await ok(publicSlots({})))).toEqual([at('11:00')]);
    expect(starts(await ok(staffSlots({})))).toEqual([at('09:00'), at('09:30'), at('10:00'), at('10:30'), at('11:00')]);
    await c.api('PATCH', '/settings', { booking: { minNoticeHours: 0 } });
    expect(starts(await ok(publicSlots({})))).toEqual([at('09:00'), at('09:30'), at('10:00'), at('10:30'), at('11:00')]);

    // Horizon 90 days from 2027-03-02T08:40Z is 2027-05-31T08:40Z, inclusive.
    const edge = '2027-05-31';
    await block(c.pr.anna, at('07:00', edge), at('11:00', edge));
    const expected = [at('07:00', edge), at('07:30', edge), at('08:00', edge), at('08:30', edge)];
    expect(starts(await ok(publicSlots({ from: edge, to: edge })))).toEqual(expected);
    expect(starts(await ok(staffSlots({ from: edge, to: edge })))).toEqual(expected);
    t.clock.set(at('08:30')); // exactly on the grid: 2027-05-31T08:30Z is still in
    expect(starts(await ok(staffSlots({ from: edge, to: edge })))).toEqual(expected);
    t.clock.set(at('08:29'));
    expect(starts(await ok(staffSlots({ from: edge, to: edge })))).toEqual(expected.slice(0, 3));
  });

  it('with the booking module off the public slots are 403 module_disabled; staff still see them', async () => {
    await block(c.pr.anna, at('08:00'), at('09:00'));
    expect((await c.api('PATCH', '/settings', { modules: { booking: false } })).status).toBe(200);
    expectProblem(await publicSlots({}), 403, 'module_disabled');
    expect(starts(await ok(staffSlots({})))).toEqual([at('08:00')]);
    await c.api('PATCH', '/settings', { modules: { booking: true } });
    expect(starts(await ok(publicSlots({})))).toEqual([at('08:00')]);
  });
});

describe('slots: the range', () => {
  it("local dates are whole days in the clinic's zone, `to` inclusive; instants are [from, to)", async () => {
    // Tuesday in Stockholm (CET) is [2027-03-01T23:00Z, 2027-03-02T23:00Z).
    await block(c.pr.anna, '2027-03-01T22:00:00Z', '2027-03-01T23:00:00Z'); // Monday 23:00 local
    await block(c.pr.anna, '2027-03-01T23:00:00Z', '2027-03-02T00:00:00Z'); // Tuesday 00:00 local
    await block(c.pr.anna, at('22:00'), at('23:00')); // Tuesday 23:00 local
    await block(c.pr.anna, at('23:00'), '2027-03-03T00:00:00Z'); // Wednesday 00:00 local
    expect(starts(await ok(publicSlots({})))).toEqual(['2027-03-01T23:00:00Z', at('22:00')]);
    expect(starts(await ok(publicSlots({ from: '2027-03-01', to: '2027-03-03' })))).toHaveLength(4);
    // Instants: from <= start < to.
    expect(starts(await ok(publicSlots({ from: '2027-03-01T23:00:00Z', to: at('22:00') })))).toEqual(['2027-03-01T23:00:00Z']);
    expect(starts(await ok(publicSlots({ from: '2027-03-02T00:00:00+01:00', to: '2027-03-03T00:00:00+01:00' })))).toEqual([
      '2027-03-01T23:00:00Z',
      at('22:00'),
    ]);
    // Mixed: an instant from and a local-date to.
    expect(starts(await ok(publicSlots({ from: '2027-03-01T23:00:01Z', to: TUE })))).toEqual([at('22:00')]);
  });

  it('offers the last start of a 25-hour block that began the day before', async () => {
    // 2027-02-28T23:00Z–2027-03-02T00:00Z; Tuesday begins 2027-03-01T23:00Z.
    await block(c.pr.anna, '2027-02-28T23:00:00Z', '2027-03-02T00:00:00Z');
    expect(starts(await ok(publicSlots({})))).toEqual(['2027-03-01T23:00:00Z']);
    expect(starts(await ok(staffSlots({ from: '2027-03-01T23:00:00Z', to: '2027-03-01T23:00:01Z' })))).toEqual(['2027-03-01T23:00:00Z']);
  });

  it('refuses more than 62 days, an empty or inverted range and malformed dates with validation_failed', async () => {
    expect((await publicSlots({ from: '2027-03-01', to: '2027-05-01' })).status).toBe(200); // 62 days
    expect((await staffSlots({ from: '2027-03-01T00:00:00Z', to: '2027-05-02T00:00:00Z' })).status).toBe(200);
    const bad: Query[] = [
      { from: '2027-03-01', to: '2027-05-02' }, // 63 days
      { from: '2027-03-01T00:00:00Z', to: '2027-05-03T00:00:00Z' },
      { from: '2027-03-03', to: TUE },
      { from: at('10:00'), to: at('10:00') },
      { from: at('10:00'), to: at('09:59') },
      { from: '2027-02-29', to: TUE },
      { from: '2027-13-01', to: TUE },
      { from: '2027-3-2', to: TUE },
      { from: 'idag', to: TUE },
      { from: '2027-03-02T25:00:00Z', to: '2027-03-03' },
      { from: '2027-03-02T09:00:00', to: '2027-03-03' },
      { from: '2027-03-02T09:00Z', to: '2027-03-03' },
      { from: '2027-03-02T09:00:00+2', to: '2027-03-03' },
      { from: '', to: TUE },
      { from: undefined, to: TUE },
      { to: undefined },
      { treatmentTypeId: '' },
      { treatmentTypeId: 'tt x' },
      { practitionerId: 'pr/../x' },
      { locationId: '' },
      { limit: '5' },
    ];
    for (const query of bad) {
      for (const get of [publicSlots, staffSlots]) {
        const res = await get(query);
        expectProblem(res, 400, 'validation_failed');
      }
    }
  });
});

describe('slots: daylight saving time (Europe/Stockholm)', () => {
  const zone = 'Europe/Stockholm';
  const local = (date: string, time: string) => new Date(localToInstant(date, time, zone)).toISOString().replace('.000Z', 'Z');

  it('spring forward, 2027-03-28: a 23-hour day, and a block typed 01:00–04:00 lasts two real hours', async () => {
    expect([local('2027-03-28', '00:00'), local('2027-03-28', '04:00'), local('2027-03-29', '00:00')]).toEqual([
      '2027-03-27T23:00:00Z',
      '2027-03-28T02:00:00Z',
      '2027-03-28T22:00:00Z',
    ]);
    const mk = (date: string, from: string, toDate: string, to: string) => block(c.pr.anna, local(date, from), local(toDate, to));
    await mk('2027-03-27', '23:00', '2027-03-28', '00:00'); // the day before: out
    await mk('2027-03-28', '00:00', '2027-03-28', '01:00');
    await mk('2027-03-28', '01:00', '2027-03-28', '04:00'); // across the gap 02:00–03:00
    await mk('2027-03-28', '23:00', '2027-03-29', '00:00'); // the last local hour
    await mk('2027-03-29', '00:00', '2027-03-29', '01:00'); // the day after: out

    const expected = ['2027-03-27T23:00:00Z', '2027-03-28T00:00:00Z', '2027-03-28T00:30:00Z', '2027-03-28T01:00:00Z', '2027-03-28T21:00:00Z'];
    const res = await ok(publicSlots({ from: '2027-03-28', to: '2027-03-28' }));
    expect(res.json.timeZone).toBe(zone);
    expect(starts(res)).toEqual(expected);
    expect(starts(await ok(staffSlots({ from: '2027-03-28', to: '2027-03-28' })))).toEqual(expected);
    // The calendar feed covers the same 23 hours.
    const feed = await c.api('GET', `/calendar${qs({ from: '2027-03-28', to: '2027-03-28' })}`);
    expect(feed.json.entries.map((e: { start: string }) => e.start)).toEqual(['2027-03-27T23:00:00Z', '2027-03-28T00:00:00Z', '2027-03-28T21:00:00Z']);
  });

  it('fall back, 2027-10-31: a 25-hour day, and a block typed 01:00–04:00 lasts four real hours', async () => {
    t.clock.set('2027-10-01T08:00:00Z');
    expect([local('2027-10-31', '00:00'), local('2027-10-31', '01:00'), local('2027-10-31', '04:00'), local('2027-11-01', '00:00')]).toEqual([
      '2027-10-30T22:00:00Z',
      '2027-10-30T23:00:00Z',
      '2027-10-31T03:00:00Z',
      '2027-10-31T23:00:00Z',
    ]);
    const mk = (date: string, from: string, toDate: string, to: string) => block(c.pr.anna, local(date, from), local(toDate, to));
    await mk('2027-10-30', '23:00', '2027-10-31', '00:00'); // the day before: out
    await mk('2027-10-31', '00:00', '2027-10-31', '01:00');
    await mk('2027-10-31', '01:00', '2027-10-31', '04:00'); // across the repeated 02:00–03:00
    await mk('2027-10-31', '23:00', '2027-11-01', '00:00'); // the last local hour
    await mk('2027-11-01', '00:00', '2027-11-01', '01:00'); // the day after: out

    const expected = [
      '2027-10-30T22:00:00Z',
      '2027-10-30T23:00:00Z',
      '2027-10-30T23:30:00Z',
      '2027-10-31T00:00:00Z',
      '2027-10-31T00:30:00Z',
      '2027-10-31T01:00:00Z',
      '2027-10-31T01:30:00Z',
      '2027-10-31T02:00:00Z',
      '2027-10-31T22:00:00Z',
    ];
    expect(starts(await ok(publicSlots({ from: '2027-10-31', to: '2027-10-31' })))).toEqual(expected);
    expect(starts(await ok(staffSlots({ from: '2027-10-31', to: '2027-10-31' })))).toEqual(expected);
  });

  it('a clinic at +05:45 (Asia/Kathmandu) reads local dates in its own zone', async () => {
    const k = await seedCalendarClinic(t, 'kathmandu', { timeZone: 'Asia/Kathmandu' });
    await block(k.pr.anna, '2027-03-01T18:00:00Z', '2027-03-01T19:15:00Z', {}, k); // 23:45 on 1 March → 01:00 on the 2nd
    await block(k.pr.anna, '2027-03-02T03:15:00Z', '2027-03-02T05:15:00Z', {}, k); // 09:00–11:00 local
    const res = await ok(publicSlots({}, k));
    expect(res.json.timeZone).toBe('Asia/Kathmandu');
    // The day starts 2027-03-01T18:15Z; the first block's 18:00Z start is the day before.
    expect(starts(res)).toEqual(['2027-03-02T03:15:00Z', '2027-03-02T03:45:00Z', '2027-03-02T04:15:00Z']);
    expect(starts(await ok(publicSlots({ from: '2027-03-01', to: '2027-03-01' }, k)))).toEqual(['2027-03-01T18:00:00Z']);
  });
});

// Slot lists are kept between requests (read-cache.ts) until a write or until time alone could
// change them. Each case asks once so that an answer is kept, then checks the next answer.
describe('slots: a kept answer is never a stale one', () => {
  it('a booking written by another process (a second connection to the same database) shows at once', async () => {
    await block(c.pr.anna, at('08:00'), at('10:00'));
    expect(starts(await ok(publicSlots({})))).toEqual([at('08:00'), at('08:30'), at('09:00')]);
    const otherStore = t.database.open();
    try {
      const other = createApp({ store: otherStore, clock: t.clock, config: t.app.deps.config });
      const res = await other.request(`${c.admin}/bookings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ client: { name: 'A' }, practitionerId: c.pr.anna, treatmentTypeId: c.tt.talk, start: at('08:30') }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
    } finally {
      await otherStore.close();
    }
    expect(starts(await ok(publicSlots({})))).toEqual([]);
    expect(starts(await ok(staffSlots({})))).toEqual([]);
  });

  it('a hold that expires frees its time with no write in between', async () => {
    await block(c.pr.anna, at('08:00'), at('10:00'));
    await insertHold(t, c, { practitionerId: c.pr.anna, start: at('08:00'), end: at('09:00'), expiresAt: '2027-03-01T08:10:00Z' });
    expect(starts(await ok(publicSlots({})))).toEqual([at('09:00')]);
    t.clock.set('2027-03-01T08:09:59.999Z');
    expect(starts(await ok(publicSlots({})))).toEqual([at('09:00')]);
    t.clock.set('2027-03-01T08:10:00Z');
    expect(starts(await ok(publicSlots({})))).toEqual([at('08:00'), at('08:30'), at('09:00')]);
  });

  it('time passing drops starts inside the notice, and the past, with no write in between', async () => {
    await block(c.pr.anna, at('08:00'), at('12:00'));
    t.clock.set(at('05:00')); // notice 2 h: public from 07:00
    const all = [at('08:00'), at('08:30'), at('09:00'), at('09:30'), at('10:00'), at('10:30'), at('11:00')];
    expect(starts(await ok(publicSlots({})))).toEqual(all);
    expect(starts(await ok(staffSlots({})))).toEqual(all);
    t.clock.set(at('06:00'));
    expect(starts(await ok(publicSlots({})))).toEqual(all);
    t.clock.set('2027-03-02T06:00:00.001Z');
    expect(starts(await ok(publicSlots({})))).toEqual(all.slice(1));
    t.clock.set(at('09:15'));
    expect(starts(await ok(staffSlots({})))).toEqual(all.slice(3));
    t.clock.set(at('05:00')); // a clock set back is no reason to trust a later answer
    expect(starts(await ok(publicSlots({})))).toEqual(all);
  });

  it('the horizon moving on lets a later start in with no write in between', async () => {
    // Horizon 90 days from 2027-03-02T08:40Z is 2027-05-31T08:40Z, inclusive.
    const edge = '2027-05-31';
    await block(c.pr.anna, at('07:00', edge), at('11:00', edge));
    t.clock.set(at('08:29'));
    expect(starts(await ok(publicSlots({ from: edge, to: edge })))).toEqual([at('07:00', edge), at('07:30', edge), at('08:00', edge)]);
    t.clock.set(at('08:30'));
    expect(starts(await ok(publicSlots({ from: edge, to: edge })))).toEqual([at('07:00', edge), at('07:30', edge), at('08:00', edge), at('08:30', edge)]);
  });
});
