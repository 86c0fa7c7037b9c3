import { ACTIVITY_COLOR, HOLD_COLOR, WORKING_TIME_COLOR } from '@tidbok/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CalendarClinic, insertHold, qs, type Reply, seedCalendarClinic, starts } from '../testing-calendar.js';
import { createTestContext, type TestContext } from '../testing.js';

// The clock stands at Monday 2027-03-01 09:00 in Stockholm (CET, UTC+1); most tests use Tuesday.
const NOW = '2027-03-01T08:00:00Z';
const TUE = '2027-03-02';

let t: TestContext;
let c: CalendarClinic;

beforeEach(async () => {
  t = await createTestContext({ now: NOW });
  c = await seedCalendarClinic(t);
});
afterEach(async () => {
  await t.close();
});

const paths = (res: Reply) => ((res.json?.errors ?? []) as { path: string }[]).map((e) => e.path);

function expectProblem(res: Reply, status: number, code: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.json.code).toBe(code);
}

async function workingTime(body: Record<string, unknown>) {
  const res = await c.api('POST', '/working-times', body);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json as { id: string; start: string; end: string; treatmentTypeIds: string[] | null; locationId: string | null };
}

/** A staff booking of Anna for talk, for a new client unless the body names one. */
async function book(body: Record<string, unknown>) {
  const client = 'client' in body || 'clientId' in body ? {} : { client: { name: 'Klient Ett' } };
  return c.api('POST', '/bookings', { ...client, treatmentTypeId: c.tt.talk, practitionerId: c.pr.anna, ...body });
}

/** The booking as GET answers it: without the create answer's `notification`. */
async function booked(body: Record<string, unknown>) {
  const res = await book(body);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  const { notification: _sent, ...booking } = res.json;
  return booking;
}

async function staffSlots(query: Record<string, string | undefined>) {
  const res = await c.api('GET', `/slots${qs({ treatmentTypeId: c.tt.talk, from: TUE, to: TUE, ...query })}`);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res;
}

async function feed(query: Record<string, string | undefined> = {}) {
  const res = await c.api('GET', `/calendar${qs({ from: TUE, to: TUE, ...query })}`);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json as { timeZone: string; entries: Record<string, unknown>[] };
}

const ANNA_MORNING = ['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00'].map((hm) => `${TUE}T${hm}:00Z`);

describe('working time', () => {
  it('creates, reads, moves and deletes a block; slots follow', async () => {
    const created = await workingTime({ practitionerId: c.pr.anna, start: `${TUE}T08:00:00Z`, end: `${TUE}T12:00:00Z` });
    expect(created).toEqual({
      id: expect.stringMatching(/^wt_/),
      practitionerId: c.pr.anna,
      start: `${TUE}T08:00:00Z`,
      end: `${TUE}T12:00:00Z`,
      treatmentTypeIds: null,
      locationId: null,
    });
    expect((await c.api('GET', `/working-times/${created.id}`)).json).toEqual(created);
    expect(starts(await staffSlots({}))).toEqual(ANNA_MORNING);

    const moved = await c.api('PATCH', `/working-times/${created.id}`, { start: `${TUE}T09:00:00Z`, end: `${TUE}T10:30:00Z` });
    expect(moved.status).toBe(200);
    expect(moved.json).toEqual({ ...created, start: `${TUE}T09:00:00Z`, end: `${TUE}T10:30:00Z` });
    expect((await c.api('GET', `/working-times/${created.id}`)).json).toEqual(moved.json);
    expect(starts(await staffSlots({}))).toEqual([`${TUE}T09:00:00Z`, `${TUE}T09:30:00Z`]);

    const resized = await c.api('PATCH', `/working-times/${created.id}`, { end: `${TUE}T11:00:00Z` });
    expect(resized.json.end).toBe(`${TUE}T11:00:00Z`);
    expect(resized.json.start).toBe(`${TUE}T09:00:00Z`);

    expect((await c.api('DELETE', `/working-times/${created.id}`)).status).toBe(204);
    expectProblem(await c.api('GET', `/working-times/${created.id}`), 404, 'not_found');
    expectProblem(await c.api('DELETE', `/working-times/${created.id}`), 404, 'not_found');
    expectProblem(await c.api('PATCH', `/working-times/${created.id}`, { end: `${TUE}T12:00:00Z` }), 404, 'not_found');
    expect(starts(await staffSlots({}))).toEqual([]);
  });

  it('reads instants with any offset and answers in UTC', async () => {
    const created = await workingTime({
      practitionerId: c.pr.anna,
      start: `${TUE}T09:00:00+01:00`,
      end: `${TUE}T13:00:00.000+01:00`,
    });
    expect([created.start, created.end]).toEqual([`${TUE}T08:00:00Z`, `${TUE}T12:00:00Z`]);
  });

  it('null treatmentTypeIds offers every treatment type of the practitioner; an explicit subset only those', async () => {
    const all = await workingTime({ practitionerId: c.pr.anna, start: `${TUE}T08:00:00Z`, end: `${TUE}T10:00:00Z`, treatmentTypeIds: null });
    const shortOnly = await workingTime({
      practitionerId: c.pr.anna,
      start: `${TUE}T13:00:00Z`,
      end: `${TUE}T14:00:00Z`,
      treatmentTypeIds: [c.tt.short],
    });
    expect(all.treatmentTypeIds).toBeNull();
    expect(shortOnly.treatmentTypeIds).toEqual([c.tt.short]);

    expect(starts(await staffSlots({}))).toEqual([`${TUE}T08:00:00Z`, `${TUE}T08:30:00Z`, `${TUE}T09:00:00Z`]);
    expect(starts(await staffSlots({ treatmentTypeId: c.tt.short }))).toEqual(
      ['08:00', '08:30', '09:00', '09:30', '13:00', '13:30'].map((hm) => `${TUE}T${hm}:00Z`),
    );
    // Staff-only treatment: offered by Anna, so in the null block, not in the explicit one.
    expect(starts(await staffSlots({ treatmentTypeId: c.tt.internal }))).toEqual([`${TUE}T08:00:00Z`, `${TUE}T08:30:00Z`, `${TUE}T09:00:00Z`]);

    // Widening the explicit block back to "all" offers talk there as well.
    const widened = await c.api('PATCH', `/working-times/${shortOnly.id}`, { treatmentTypeIds: null });
    expect(widened.json.treatmentTypeIds).toBeNull();
    expect(starts(await staffSlots({}))).toContain(`${TUE}T13:00:00Z`);
    // An unrelated PATCH keeps the list.
    const narrowed = await c.api('PATCH', `/working-times/${shortOnly.id}`, { treatmentTypeIds: [c.tt.talk, c.tt.talk] });
    expect(narrowed.json.treatmentTypeIds).toEqual([c.tt.talk]);
    expect((await c.api('PATCH', `/working-times/${shortOnly.id}`, { end: `${TUE}T15:00:00Z` })).json.treatmentTypeIds).toEqual([c.tt.talk]);
  });

  it("refuses treatment types outside the practitioner's own list, naming treatmentTypeIds", async () => {
    const base = { practitionerId: c.pr.bo, start: `${TUE}T08:00:00Z`, end: `${TUE}T12:00:00Z` };
    for (const treatmentTypeIds of [[c.tt.internal], [c.tt.talk, c.tt.internal], ['tt_unknown']]) {
      const res = await c.api('POST', '/working-times', { ...base, treatmentTypeIds });
      expectProblem(res, 400, 'validation_failed');
      expect(paths(res)).toEqual(['treatmentTypeIds']);
    }
    // Cilla offers nothing, so any explicit treatment is foreign to her.
    expect(paths(await c.api('POST', '/working-times', { ...base, practitionerId: c.pr.cilla, treatmentTypeIds: [c.tt.talk] }))).toEqual(['treatmentTypeIds']);
    const block = await workingTime({ ...base, treatmentTypeIds: [c.tt.talk] });
    const patched = await c.api('PATCH', `/working-times/${block.id}`, { treatmentTypeIds: [c.tt.internal] });
    expectProblem(patched, 400, 'validation_failed');
    expect(paths(patched)).toEqual(['treatmentTypeIds']);
    // Moving the block to a practitioner who does not offer its list is refused the same way.
    expect(paths(await c.api('PATCH', `/working-times/${block.id}`, { practitionerId: c.pr.cilla }))).toEqual(['treatmentTypeIds']);
    expect((await c.api('GET', `/working-times/${block.id}`)).json).toEqual(block);
    expect((await feed()).entries).toHaveLength(1);
  });

  it('takes an optional location, filters slots by it, and refuses an unknown one', async () => {
    const inRoom = await workingTime({
      practitionerId: c.pr.anna,
      start: `${TUE}T08:00:00Z`,
      end: `${TUE}T09:00:00Z`,
      locationId: c.loc.room1,
    });
    expect(inRoom.locationId).toBe(c.loc.room1);
    await workingTime({ practitionerId: c.pr.anna, start: `${TUE}T10:00:00Z`, end: `${TUE}T11:00:00Z` });

    const all = await staffSlots({});
    expect(all.json.slots).toEqual([
      { start: `${TUE}T08:00:00Z`, end: `${TUE}T09:00:00Z`, practitionerId: c.pr.anna, locationId: c.loc.room1 },
      { start: `${TUE}T10:00:00Z`, end: `${TUE}T11:00:00Z`, practitionerId: c.pr.anna, locationId: null },
    ]);
    expect(starts(await staffSlots({ locationId: c.loc.room1 }))).toEqual([`${TUE}T08:00:00Z`]);
    expect(starts(await staffSlots({ locationId: c.loc.room2 }))).toEqual([]);

    const cleared = await c.api('PATCH', `/working-times/${inRoom.id}`, { locationId: null });
    expect(cleared.json.locationId).toBeNull();
    expect(starts(await staffSlots({ locationId: c.loc.room1 }))).toEqual([]);

    const other = await seedCalendarClinic(t, 'annan');
    for (const locationId of ['loc_unknown', other.loc.room1]) {
      const res = await c.api('POST', '/working-times', { practitionerId: c.pr.anna, start: `${TUE}T08:00:00Z`, end: `${TUE}T09:00:00Z`, locationId });
      expectProblem(res, 400, 'validation_failed');
      expect(paths(res)).toEqual(['locationId']);
    }
    // A deleted room can no longer be chosen.
    expect((await c.api('DELETE', `/locations/${c.loc.room2}`)).status).toBe(204);
    expect(paths(await c.api('PATCH', `/working-times/${inRoom.id}`, { locationId: c.loc.room2 }))).toEqual(['locationId']);
  });

  it('refuses empty, inverted and over-long blocks, unknown practitioners and bad instants', async () => {
    const base = { practitionerId: c.pr.anna, start: `${TUE}T08:00:00Z`, end: `${TUE}T12:00:00Z` };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, end: base.start }, 'end'],
      [{ ...base, end: `${TUE}T07:00:00Z` }, 'end'],
      [{ ...base, end: '2027-03-03T09:00:01Z' }, 'end'], // over 25 hours
      [{ ...base, practitionerId: 'pr_unknown' }, 'practitionerId'],
      [{ ...base, practitionerId: 'pr bad' }, 'practitionerId'],
      [{ ...base, start: '2027-03-02 08:00' }, 'start'],
      [{ ...base, start: '2027-03-02T08:00:00' }, 'start'],
      [{ ...base, start: '2027-02-30T08:00:00Z' }, 'start'],
      [{ ...base, start: 1_800_000_000_000 }, 'start'],
      [{ ...base, end: null }, 'end'],
      [{ practitionerId: c.pr.anna, start: base.start }, 'end'],
      [{ ...base, colour: 'green' }, 'colour'],
      [{ ...base, treatmentTypeIds: 'all' }, 'treatmentTypeIds'],
    ];
    for (const [body, path] of cases) {
      const res = await c.api('POST', '/working-times', body);
      expectProblem(res, 400, 'validation_failed');
      expect(paths(res), JSON.stringify(body)).toContain(path);
    }
    const other = await seedCalendarClinic(t, 'annan');
    expect(paths(await c.api('POST', '/working-times', { ...base, practitionerId: other.pr.anna }))).toEqual(['practitionerId']);
    // An archived practitioner gets no new working time.
    expect((await c.api('DELETE', `/practitioners/${c.pr.cilla}`)).status).toBe(204);
    expect(paths(await c.api('POST', '/working-times', { ...base, practitionerId: c.pr.cilla }))).toEqual(['practitionerId']);

    const block = await workingTime(base);
    expect(paths(await c.api('PATCH', `/working-times/${block.id}`, { start: `${TUE}T12:00:00Z` }))).toEqual(['end']);
    expect((await feed()).entries).toHaveLength(1);
  });

  it('accepts a whole local day, which lasts 25 hours on the fall-back day, and nothing longer', async () => {
    // 2027-10-31 in Stockholm: [2027-10-30T22:00Z, 2027-10-31T23:00Z).
    const day = { practitionerId: c.pr.anna, start: '2027-10-30T22:00:00Z', end: '2027-10-31T23:00:00Z' };
    expect((await c.api('POST', '/working-times', day)).status).toBe(201);
    expect((await c.api('POST', '/activities', { ...day, title: 'Ledig' })).status).toBe(201);
    const longer = { ...day, end: '2027-10-31T23:01:00Z' };
    expect(paths(await c.api('POST', '/working-times', longer))).toEqual(['end']);
    expect(paths(await c.api('POST', '/activities', { ...longer, title: 'Ledig' }))).toEqual(['end']);
  });

  it('"delete all visible" removes the blocks overlapping the range, optionally of one practitioner', async () => {
    const mk = (practitionerId: string, start: string, end: string) => workingTime({ practitionerId, start, end });
    // Monday evening (local) touches Tuesday's start exactly: 2027-03-01T23:00Z is Tuesday 00:00 CET.
    const mondayLate = await mk(c.pr.anna, '2027-03-01T21:00:00Z', '2027-03-01T23:00:00Z');
    const tueAnna1 = await mk(c.pr.anna, `${TUE}T08:00:00Z`, `${TUE}T10:00:00Z`);
    const tueAnna2 = await mk(c.pr.anna, `${TUE}T13:00:00Z`, `${TUE}T15:00:00Z`);
    const tueBo = await mk(c.pr.bo, `${TUE}T08:00:00Z`, `${TUE}T10:00:00Z`);
    // Straddles Tuesday/Wednesday midnight local: overlaps both days.
    const straddle = await mk(c.pr.bo, `${TUE}T22:00:00Z`, '2027-03-03T01:00:00Z');
    const wedAnna = await mk(c.pr.anna, '2027-03-03T08:00:00Z', '2027-03-03T10:00:00Z');

    const onlyAnna = await c.api('DELETE', `/working-times${qs({ from: TUE, to: TUE, practitionerId: c.pr.anna })}`);
    expect(onlyAnna.status).toBe(200);
    expect(onlyAnna.json).toEqual({ deleted: 2 });
    const ids = async () => (await feed({ from: '2027-03-01', to: '2027-03-03' })).entries.map((e) => e.id).sort();
    expect(await ids()).toEqual([mondayLate.id, tueBo.id, straddle.id, wedAnna.id].sort());
    expect(tueAnna1.id && tueAnna2.id).toBeTruthy();

    const tuesday = await c.api('DELETE', `/working-times${qs({ from: TUE, to: TUE })}`);
    expect(tuesday.json).toEqual({ deleted: 2 });
    expect(await ids()).toEqual([mondayLate.id, wedAnna.id].sort());

    // Instants work too, and an empty range deletes nothing.
    const none = await c.api('DELETE', `/working-times${qs({ from: '2027-03-03T10:00:00Z', to: '2027-03-03T12:00:00Z' })}`);
    expect(none.json).toEqual({ deleted: 0 });
    // Another clinic's "all visible" never reaches ours.
    const other = await seedCalendarClinic(t, 'annan');
    expect((await other.api('DELETE', `/working-times${qs({ from: '2027-03-01', to: '2027-03-03' })}`)).json).toEqual({ deleted: 0 });
    expect(await ids()).toEqual([mondayLate.id, wedAnna.id].sort());
  });

  it('"delete all visible" refuses a bad or too long range and deletes nothing', async () => {
    await workingTime({ practitionerId: c.pr.anna, start: `${TUE}T08:00:00Z`, end: `${TUE}T10:00:00Z` });
    for (const query of [
      { from: TUE },
      { to: TUE },
      { from: '2027-03-03', to: TUE },
      { from: TUE, to: '2027-05-03' },
      { from: 'yesterday', to: TUE },
      { from: TUE, to: TUE, practitionerId: 'not an id' },
      { from: TUE, to: TUE, extra: '1' },
    ]) {
      const res = await c.api('DELETE', `/working-times${qs(query)}`);
      expectProblem(res, 400, 'validation_failed');
    }
    expect((await feed()).entries).toHaveLength(1);
  });

  it('overlapping blocks of one practitioner never yield duplicate slots', async () => {
    await workingTime({ practitionerId: c.pr.anna, start: `${TUE}T08:00:00Z`, end: `${TUE}T11:00:00Z` });
    await workingTime({ practitionerId: c.pr.anna, start: `${TUE}T09:00:00Z`, end: `${TUE}T12:00:00Z` });
    await workingTime({ practitionerId: c.pr.anna, start: `${TUE}T08:00:00Z`, end: `${TUE}T11:00:00Z` });
    await workingTime({ practitionerId: c.pr.anna, start: `${TUE}T09:00:00Z`, end: `${TUE}T12:00:00Z`, locationId: c.loc.room1 });
    // Same times for Bo: one slot each per start, both practitioners listed.
    await workingTime({ practitionerId: c.pr.bo, start: `${TUE}T08:00:00Z`, end: `${TUE}T10:00:00Z` });
    await workingTime({ practitionerId: c.pr.bo, start: `${TUE}T08:00:00Z`, end: `${TUE}T10:00:00Z` });

    const res = await staffSlots({ practitionerId: c.pr.anna });
    expect(starts(res)).toEqual(ANNA_MORNING);
    const both = (await staffSlots({})).json.slots as { start: string; practitionerId: string }[];
    const keys = both.map((s) => `${s.start} ${s.practitionerId}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(both.filter((s) => s.practitionerId === c.pr.bo).map((s) => s.start)).toEqual([`${TUE}T08:00:00Z`, `${TUE}T08:30:00Z`, `${TUE}T09:00:00Z`]);
    // Sorted by start.
    expect([...both].map((s) => s.start)).toEqual(both.map((s) => s.start).sort());
  });
});

describe('activities', () => {
  it('creates, reads, changes and deletes an activity', async () => {
    const created = await c.api('POST', '/activities', {
      practitionerId: c.pr.anna,
      title: 'Handledning',
      start: `${TUE}T12:00:00+01:00`,
      end: `${TUE}T13:00:00+01:00`,
    });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      id: expect.stringMatching(/^ac_/),
      practitionerId: c.pr.anna,
      title: 'Handledning',
      note: '',
      start: `${TUE}T11:00:00Z`,
      end: `${TUE}T12:00:00Z`,
    });
    const id = created.json.id as string;
    expect((await c.api('GET', `/activities/${id}`)).json).toEqual(created.json);

    const changed = await c.api('PATCH', `/activities/${id}`, {
      title: 'APT',
      note: 'Rum 2',
      practitionerId: c.pr.bo,
      end: `${TUE}T12:30:00Z`,
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toEqual({ ...created.json, title: 'APT', note: 'Rum 2', practitionerId: c.pr.bo, end: `${TUE}T12:30:00Z` });
    expect((await c.api('GET', `/activities/${id}`)).json).toEqual(changed.json);

    expect((await c.api('DELETE', `/activities/${id}`)).status).toBe(204);
    expectProblem(await c.api('GET', `/activities/${id}`), 404, 'not_found');
    expectProblem(await c.api('PATCH', `/activities/${id}`, { title: 'X' }), 404, 'not_found');
    expectProblem(await c.api('DELETE', `/activities/${id}`), 404, 'not_found');
  });

  it('never blocks slots, staff bookings or other activities', async () => {
    await workingTime({ practitionerId: c.pr.anna, start: `${TUE}T08:00:00Z`, end: `${TUE}T12:00:00Z` });
    for (let i = 0; i < 2; i++) {
      const res = await c.api('POST', '/activities', {
        practitionerId: c.pr.anna,
        title: `Möte ${i}`,
        start: `${TUE}T07:00:00Z`,
        end: `${TUE}T13:00:00Z`,
      });
      expect(res.status).toBe(201);
    }
    expect(starts(await staffSlots({}))).toEqual(ANNA_MORNING);
    expect(starts(await c.pub('GET', `/slots${qs({ treatmentTypeId: c.tt.talk, from: TUE, to: TUE })}`))).toEqual(ANNA_MORNING);
    await booked({ start: `${TUE}T08:00:00Z` });
  });

  it('refuses an empty title, a bad interval and an unknown practitioner', async () => {
    const base = { practitionerId: c.pr.anna, title: 'Möte', start: `${TUE}T08:00:00Z`, end: `${TUE}T09:00:00Z` };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, title: '   ' }, 'title'],
      [{ ...base, title: 'x'.repeat(201) }, 'title'],
      [{ ...base, end: base.start }, 'end'],
      [{ ...base, end: '2027-03-04T09:00:00Z' }, 'end'],
      [{ ...base, practitionerId: 'pr_unknown' }, 'practitionerId'],
      [{ ...base, start: 'tomorrow' }, 'start'],
      [{ ...base, note: 42 }, 'note'],
      [{ ...base, color: '#ffffff' }, 'color'],
    ];
    for (const [body, path] of cases) {
      const res = await c.api('POST', '/activities', body);
      expectProblem(res, 400, 'validation_failed');
      expect(paths(res), JSON.stringify(body)).toContain(path);
    }
    const created = (await c.api('POST', '/activities', base)).json;
    expect(paths(await c.api('PATCH', `/activities/${created.id}`, { start: `${TUE}T10:00:00Z` }))).toEqual(['end']);
    expect(paths(await c.api('PATCH', `/activities/${created.id}`, { practitionerId: 'pr_unknown' }))).toEqual(['practitionerId']);
    expect((await c.api('GET', `/activities/${created.id}`)).json).toEqual(created);
  });
});

describe('staff bookings', () => {
  it("books an existing client, taking the end from the treatment's duration", async () => {
    const client = (await c.api('POST', '/clients', { name: 'Eva Ström', email: 'eva@example.se' })).json;
    t.clock.advance(60_000);
    const res = await book({ clientId: client.id, start: `${TUE}T10:00:00+01:00`, note: 'Första besöket', locationId: c.loc.room1 });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^bk_/),
      status: 'booked',
      start: `${TUE}T09:00:00Z`,
      end: `${TUE}T10:00:00Z`,
      practitionerId: c.pr.anna,
      treatmentTypeId: c.tt.talk,
      locationId: c.loc.room1,
      clientId: client.id,
      note: 'Första besöket',
      color: c.color.talk,
      lateCancellation: false,
      confirmation: 'email',
      paid: null,
      cancelledAt: null,
      createdAt: '2027-03-01T08:01:00Z',
      updatedAt: '2027-03-01T08:01:00Z',
      // Only the create answer says what became of the confirmation (booking-undo.test.ts).
      notification: { kind: 'confirmation', channel: 'email', status: 'queued' },
    });
    const { notification: _sent, ...stored } = res.json;
    expect((await c.api('GET', `/bookings/${res.json.id}`)).json).toEqual(stored);
  });

  it('books a new client given inline, who then is in the register', async () => {
    const res = await book({
      client: { name: 'Nils Nyström', email: 'nils@example.se', phone: '070-123 45 67' },
      treatmentTypeId: c.tt.short,
      start: `${TUE}T09:00:00Z`,
      confirmation: 'sms',
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ end: `${TUE}T09:30:00Z`, color: c.color.short, confirmation: 'sms' });
    const clients = (await c.api('GET', `/clients${qs({ q: 'nyström' })}`)).json.clients;
    expect(clients).toEqual([expect.objectContaining({ id: res.json.clientId, name: 'Nils Nyström', email: 'nils@example.se' })]);
  });

  it('takes an explicit end, and may lie outside working time', async () => {
    await workingTime({ practitionerId: c.pr.anna, start: `${TUE}T08:00:00Z`, end: `${TUE}T12:00:00Z` });
    const longer = await booked({ start: `${TUE}T11:30:00Z`, end: `${TUE}T13:15:00Z` });
    expect([longer.start, longer.end]).toEqual([`${TUE}T11:30:00Z`, `${TUE}T13:15:00Z`]);
    // Staff-only treatment at night with a practitioner who does not offer it: staff decide.
    const night = await booked({ practitionerId: c.pr.cilla, treatmentTypeId: c.tt.internal, start: `${TUE}T21:00:00Z` });
    expect(night.end).toBe(`${TUE}T21:45:00Z`);
    // In the past, too (entering a visit afterwards).
    expect((await book({ start: '2027-02-20T09:00:00Z' })).status).toBe(201);
  });

  it('refuses an overlap with a booked booking of the practitioner (409 conflict); touching is fine', async () => {
    const first = await booked({ start: `${TUE}T09:00:00Z` });
    for (const [start, end] of [
      [`${TUE}T09:00:00Z`, undefined],
      [`${TUE}T08:30:00Z`, undefined],
      [`${TUE}T09:59:00Z`, undefined],
      [`${TUE}T08:00:00Z`, `${TUE}T11:00:00Z`],
      [`${TUE}T09:15:00Z`, `${TUE}T09:30:00Z`],
    ]) {
      const res = await book({ start, end });
      expectProblem(res, 409, 'conflict');
      expect(res.json.detail).toMatch(/booking/);
    }
    await booked({ start: `${TUE}T08:00:00Z` }); // ends 09:00 exactly
    await booked({ start: `${TUE}T10:00:00Z` }); // starts 10:00 exactly
    await booked({ start: `${TUE}T09:00:00Z`, practitionerId: c.pr.bo }); // another practitioner
    // The refused attempts created no clients and no bookings.
    const entries = (await feed()).entries;
    expect(entries.filter((e) => e.kind === 'booking')).toHaveLength(4);
    expect((await c.api('GET', '/clients')).json.clients).toHaveLength(4);
    expect(first.id).toMatch(/^bk_/);
  });

  it('refuses an overlap with an active hold; an expired or released hold does not block', async () => {
    await insertHold(t, c, { practitionerId: c.pr.anna, start: `${TUE}T09:00:00Z`, end: `${TUE}T10:00:00Z`, expiresAt: '2027-03-01T08:10:00Z' });
    const expired = await insertHold(t, c, {
      practitionerId: c.pr.anna,
      start: `${TUE}T11:00:00Z`,
      end: `${TUE}T12:00:00Z`,
      expiresAt: '2027-03-01T08:00:00Z', // expiry is exclusive: at `now` it no longer holds
    });
    await insertHold(t, c, {
      practitionerId: c.pr.anna,
      start: `${TUE}T13:00:00Z`,
      end: `${TUE}T14:00:00Z`,
      expiresAt: '2027-03-01T09:00:00Z',
      active: 0,
    });

    const held = await book({ start: `${TUE}T09:30:00Z` });
    expectProblem(held, 409, 'conflict');
    expect(held.json.detail).toMatch(/held/);
    await booked({ start: `${TUE}T11:00:00Z` });
    await booked({ start: `${TUE}T13:00:00Z` });
    // The expired hold was deactivated in the same write.
    const row = await t.store.db.selectFrom('holds').select('active').where('id', '=', expired).executeTakeFirstOrThrow();
    expect(row.active).toBe(0);

    // Once the clock passes its expiry, the first hold stops blocking as well.
    t.clock.set('2027-03-01T08:10:00Z');
    await booked({ start: `${TUE}T09:30:00Z` });
  });

  it('refuses unknown or foreign references and a malformed body, naming the field', async () => {
    const other = await seedCalendarClinic(t, 'annan');
    const foreignClient = (await other.api('POST', '/clients', { name: 'Främling' })).json.id;
    const start = `${TUE}T09:00:00Z`;
    const cases: [Record<string, unknown>, string][] = [
      [{ start, practitionerId: 'pr_unknown' }, 'practitionerId'],
      [{ start, practitionerId: other.pr.anna }, 'practitionerId'],
      [{ start, treatmentTypeId: 'tt_unknown' }, 'treatmentTypeId'],
      [{ start, treatmentTypeId: other.tt.talk }, 'treatmentTypeId'],
      [{ start, locationId: 'loc_unknown' }, 'locationId'],
      [{ start, client: undefined, clientId: 'cli_unknown' }, 'clientId'],
      [{ start, client: undefined, clientId: foreignClient }, 'clientId'],
      [{ start, clientId: foreignClient, client: { name: 'Båda' } }, 'clientId'],
      [{ start, client: undefined }, 'clientId'],
      [{ start, client: { name: '' } }, 'client.name'],
      [{ start, client: { name: 'X', email: 'not-mail' } }, 'client.email'],
      [{ start, end: start }, 'end'],
      [{ start, end: `${TUE}T08:00:00Z` }, 'end'],
      [{ start, end: '2027-03-04T09:00:00Z' }, 'end'],
      [{ start: '2027-03-02' }, 'start'],
      [{ start, confirmation: 'fax' }, 'confirmation'],
      [{ start, status: 'booked' }, 'status'],
      [{ start, note: 'x'.repeat(5001) }, 'note'],
    ];
    for (const [body, path] of cases) {
      const res = await book(body);
      expectProblem(res, 400, 'validation_failed');
      expect(paths(res), JSON.stringify(body)).toContain(path);
    }
    expect((await feed()).entries).toEqual([]);
  });

  it('PATCH moves, resizes and changes practitioner, treatment, location, client and note', async () => {
    const b = await booked({ start: `${TUE}T09:00:00Z` });
    const eva = (await c.api('POST', '/clients', { name: 'Eva' })).json.id;
    t.clock.advance(5 * 60_000);

    const moved = await c.api('PATCH', `/bookings/${b.id}`, { start: `${TUE}T13:00:00+01:00` });
    expect(moved.status).toBe(200);
    // Moving keeps the length.
    expect(moved.json).toEqual({ ...b, start: `${TUE}T12:00:00Z`, end: `${TUE}T13:00:00Z`, updatedAt: '2027-03-01T08:05:00Z' });

    const resized = await c.api('PATCH', `/bookings/${b.id}`, { end: `${TUE}T13:30:00Z` });
    expect([resized.json.start, resized.json.end]).toEqual([`${TUE}T12:00:00Z`, `${TUE}T13:30:00Z`]);

    const changed = await c.api('PATCH', `/bookings/${b.id}`, {
      practitionerId: c.pr.bo,
      treatmentTypeId: c.tt.short,
      locationId: c.loc.room2,
      clientId: eva,
      note: 'Flyttad',
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      practitionerId: c.pr.bo,
      treatmentTypeId: c.tt.short,
      color: c.color.short,
      locationId: c.loc.room2,
      clientId: eva,
      note: 'Flyttad',
      start: `${TUE}T12:00:00Z`,
      end: `${TUE}T13:30:00Z`,
      status: 'booked',
    });
    expect((await c.api('GET', `/bookings/${b.id}`)).json).toEqual(changed.json);

    const cleared = await c.api('PATCH', `/bookings/${b.id}`, { locationId: null, note: '' });
    expect(cleared.json).toMatchObject({ locationId: null, note: '' });
    // Moving over its own old time is not an overlap with itself.
    const shifted = await c.api('PATCH', `/bookings/${b.id}`, { start: `${TUE}T12:30:00Z` });
    expect(shifted.status).toBe(200);
    expect(shifted.json.end).toBe(`${TUE}T14:00:00Z`);

    const entry = (await feed()).entries.find((e) => e.id === b.id);
    expect(entry).toMatchObject({ practitionerId: c.pr.bo, clientName: 'Eva', treatmentName: 'Kort samtal', color: c.color.short });
  });

  it('PATCH follows the same overlap rule: another booking or an active hold is 409 and nothing changes', async () => {
    const a = await booked({ start: `${TUE}T09:00:00Z` });
    const b = await booked({ start: `${TUE}T11:00:00Z` });
    const atBo = await booked({ start: `${TUE}T09:00:00Z`, practitionerId: c.pr.bo });
    await insertHold(t, c, { practitionerId: c.pr.anna, start: `${TUE}T14:00:00Z`, end: `${TUE}T15:00:00Z`, expiresAt: '2027-03-01T08:10:00Z' });

    const attempts: Record<string, unknown>[] = [
      { start: `${TUE}T09:30:00Z` }, // moved onto a
      { end: `${TUE}T12:30:00Z`, start: `${TUE}T09:30:00Z` }, // resized over a
      { start: `${TUE}T13:30:00Z` }, // onto the hold
      { practitionerId: c.pr.bo, start: `${TUE}T09:30:00Z` }, // to Bo, onto his booking
    ];
    for (const patch of attempts) expectProblem(await c.api('PATCH', `/bookings/${b.id}`, patch), 409, 'conflict');
    expectProblem(await c.api('PATCH', `/bookings/${atBo.id}`, { practitionerId: c.pr.anna }), 409, 'conflict');
    expect((await c.api('GET', `/bookings/${b.id}`)).json).toEqual(b);
    expect((await c.api('GET', `/bookings/${a.id}`)).json).toEqual(a);

    // Bad references are 400 naming the field, unknown ids 404.
    for (const [patch, path] of [
      [{ practitionerId: 'pr_unknown' }, 'practitionerId'],
      [{ treatmentTypeId: 'tt_unknown' }, 'treatmentTypeId'],
      [{ locationId: 'loc_unknown' }, 'locationId'],
      [{ clientId: 'cli_unknown' }, 'clientId'],
      [{ end: `${TUE}T11:00:00Z` }, 'end'],
      [{ status: 'cancelled' }, 'status'],
    ] as const) {
      const res = await c.api('PATCH', `/bookings/${b.id}`, patch);
      expectProblem(res, 400, 'validation_failed');
      expect(paths(res), JSON.stringify(patch)).toContain(path);
    }
    expectProblem(await c.api('PATCH', '/bookings/bk_unknown', { note: 'x' }), 404, 'not_found');
  });

  it("cancel: staff choose late, or it follows the practitioner's window, else the clinic's 24 hours", async () => {
    // Now is Monday 08:00Z. Anna has no window of her own (clinic: 24 h); Bo has 48 h.
    const cancel = async (id: string, body: unknown = {}) => c.api('POST', `/bookings/${id}/cancel`, body);
    const in23h = await booked({ start: '2027-03-02T07:00:00Z' });
    const in25h = await booked({ start: '2027-03-02T09:00:00Z' });
    const exactly24h = await booked({ start: '2027-03-02T08:00:00Z', treatmentTypeId: c.tt.short, end: '2027-03-02T08:30:00Z' });
    const boIn30h = await booked({ start: '2027-03-02T14:00:00Z', practitionerId: c.pr.bo });
    const boIn50h = await booked({ start: '2027-03-03T10:00:00Z', practitionerId: c.pr.bo });
    const chosenLate = await booked({ start: '2027-03-10T10:00:00Z' });
    const chosenOnTime = await booked({ start: '2027-03-02T10:00:00Z' });

    t.clock.advance(1000);
    const late = await cancel(in23h.id);
    expect(late.status).toBe(200);
    expect(late.json).toMatchObject({ status: 'cancelled', lateCancellation: true, cancelledAt: '2027-03-01T08:00:01Z' });
    expect((await cancel(in25h.id)).json.lateCancellation).toBe(false);
    // 24 h minus a second: inside the window.
    expect((await cancel(exactly24h.id)).json.lateCancellation).toBe(true);
    expect((await cancel(boIn30h.id)).json.lateCancellation).toBe(true);
    expect((await cancel(boIn50h.id)).json.lateCancellation).toBe(false);
    expect((await cancel(chosenLate.id, { late: true })).json.lateCancellation).toBe(true);
    expect((await cancel(chosenOnTime.id, { late: false })).json.lateCancellation).toBe(false);

    // A practitioner window of 0 hours: never late unless staff say so.
    await c.api('PATCH', `/practitioners/${c.pr.bo}`, { cancellationWindowHours: 0 });
    const boSoon = await booked({ start: '2027-03-01T09:00:00Z', practitionerId: c.pr.bo });
    expect((await cancel(boSoon.id)).json.lateCancellation).toBe(false);
    // The clinic's window, changed in settings.
    await c.api('PATCH', '/settings', { booking: { cancellationWindowHours: 72 } });
    const annaIn49h = await booked({ start: '2027-03-03T09:00:00Z' });
    expect((await cancel(annaIn49h.id)).json.lateCancellation).toBe(true);

    expectProblem(await cancel(in23h.id), 409, 'conflict');
    expectProblem(await cancel(in25h.id, { late: 'yes' }), 400, 'validation_failed');
    expectProblem(await cancel('bk_unknown'), 404, 'not_found');
  });

  it('cancelled and no-show bookings stay in the calendar but free their time', async () => {
    await workingTime({ practitionerId: c.pr.anna, start: `${TUE}T08:00:00Z`, end: `${TUE}T12:00:00Z` });
    const cancelled = await booked({ start: `${TUE}T08:00:00Z` });
    const noShow = await booked({ start: `${TUE}T10:00:00Z` });
    expect(starts(await staffSlots({}))).toEqual([`${TUE}T09:00:00Z`, `${TUE}T11:00:00Z`]);

    expect((await c.api('POST', `/bookings/${cancelled.id}/cancel`, {})).json.status).toBe('cancelled');
    const marked = await c.api('POST', `/bookings/${noShow.id}/no-show`);
    expect(marked.status).toBe(200);
    expect(marked.json).toMatchObject({ status: 'no_show', lateCancellation: false });
    expect(starts(await staffSlots({}))).toEqual(ANNA_MORNING);

    const bookings = (await feed()).entries.filter((e) => e.kind === 'booking');
    expect(bookings.map((e) => [e.id, e.status])).toEqual([
      [cancelled.id, 'cancelled'],
      [noShow.id, 'no_show'],
    ]);
    // Their time can be booked again, and moving them does not run into the new bookings.
    await booked({ start: `${TUE}T08:00:00Z` });
    await booked({ start: `${TUE}T10:00:00Z` });
    expect((await c.api('PATCH', `/bookings/${cancelled.id}`, { note: 'Återbud per telefon' })).status).toBe(200);

    expectProblem(await c.api('POST', `/bookings/${noShow.id}/no-show`), 409, 'conflict');
    expectProblem(await c.api('POST', `/bookings/${noShow.id}/cancel`, {}), 409, 'conflict');
    expectProblem(await c.api('POST', `/bookings/${cancelled.id}/no-show`), 409, 'conflict');
    expectProblem(await c.api('POST', '/bookings/bk_unknown/no-show'), 404, 'not_found');
  });

  it('delete removes a booking from the calendar and frees its time', async () => {
    const b = await booked({ start: `${TUE}T09:00:00Z` });
    expect((await c.api('DELETE', `/bookings/${b.id}`)).status).toBe(204);
    expectProblem(await c.api('GET', `/bookings/${b.id}`), 404, 'not_found');
    expectProblem(await c.api('DELETE', `/bookings/${b.id}`), 404, 'not_found');
    expect((await feed()).entries).toEqual([]);
    await booked({ start: `${TUE}T09:00:00Z` });
  });

  it("another clinic's bookings are not found, and its token is forbidden here", async () => {
    const b = await booked({ start: `${TUE}T09:00:00Z` });
    const other = await seedCalendarClinic(t, 'annan');
    expectProblem(await other.api('GET', `/bookings/${b.id}`), 404, 'not_found');
    expectProblem(await other.api('PATCH', `/bookings/${b.id}`, { note: 'x' }), 404, 'not_found');
    expectProblem(await other.api('POST', `/bookings/${b.id}/cancel`, {}), 404, 'not_found');
    expectProblem(await other.api('DELETE', `/bookings/${b.id}`), 404, 'not_found');
    const foreign = await t.call('GET', `${c.admin}/bookings/${b.id}`, { token: other.token });
    expect(foreign.status).toBe(403);
    expect((await t.call('GET', `${c.admin}/calendar${qs({ from: TUE, to: TUE })}`)).status).toBe(401);
    expect((await c.api('GET', `/bookings/${b.id}`)).json).toEqual(b);
  });
});

describe('calendar feed', () => {
  it('returns every kind in the range with its colour and what a calendar draws', async () => {
    const annaBlock = await workingTime({ practitionerId: c.pr.anna, start: `${TUE}T08:00:00Z`, end: `${TUE}T12:00:00Z`, locationId: c.loc.room1 });
    const boBlock = await workingTime({ practitionerId: c.pr.bo, start: `${TUE}T08:00:00Z`, end: `${TUE}T12:00:00Z`, treatmentTypeIds: [c.tt.short] });
    const activity = (
      await c.api('POST', '/activities', {
        practitionerId: c.pr.bo,
        title: 'Handledning',
        note: 'Med Anna',
        start: `${TUE}T12:00:00Z`,
        end: `${TUE}T13:00:00Z`,
      })
    ).json;
    const booking = await booked({ start: `${TUE}T09:00:00Z`, client: { name: 'Eva Ström' }, note: 'Ny', locationId: c.loc.room1 });
    const paid = await booked({ start: `${TUE}T10:00:00Z`, treatmentTypeId: c.tt.internal, client: { name: 'Olle' } });
    await t.store.db
      .updateTable('bookings')
      .set({ paid_at: t.clock.now(), paid_amount_cents: 50000, paid_currency: 'SEK', paid_method: 'swish', receipt_number: 1 })
      .where('id', '=', paid.id)
      .execute();
    const cancelled = await booked({ start: `${TUE}T08:00:00Z`, practitionerId: c.pr.bo, treatmentTypeId: c.tt.short, client: { name: 'Per' } });
    await c.api('POST', `/bookings/${cancelled.id}/cancel`, { late: true });
    const hold = await insertHold(t, c, { practitionerId: c.pr.bo, start: `${TUE}T09:00:00Z`, end: `${TUE}T09:30:00Z`, expiresAt: '2027-03-01T08:10:00Z' });
    await insertHold(t, c, { practitionerId: c.pr.bo, start: `${TUE}T10:00:00Z`, end: `${TUE}T10:30:00Z`, expiresAt: '2027-03-01T08:00:00Z' });
    await insertHold(t, c, { practitionerId: c.pr.bo, start: `${TUE}T11:00:00Z`, end: `${TUE}T11:30:00Z`, expiresAt: '2027-03-01T09:00:00Z', active: 0 });

    const res = await feed();
    expect(res.timeZone).toBe('Europe/Stockholm');
    const byId = new Map(res.entries.map((e) => [e.id, e]));
    expect(res.entries).toHaveLength(7);
    expect(byId.get(annaBlock.id)).toEqual({
      kind: 'workingTime',
      id: annaBlock.id,
      start: `${TUE}T08:00:00Z`,
      end: `${TUE}T12:00:00Z`,
      practitionerId: c.pr.anna,
      color: WORKING_TIME_COLOR,
      treatmentTypeIds: null,
      bookableTreatmentTypeIds: expect.arrayContaining([c.tt.talk, c.tt.short, c.tt.internal]),
      locationId: c.loc.room1,
    });
    expect((byId.get(annaBlock.id)!.bookableTreatmentTypeIds as string[]).length).toBe(3);
    expect(byId.get(boBlock.id)).toMatchObject({
      kind: 'workingTime',
      treatmentTypeIds: [c.tt.short],
      bookableTreatmentTypeIds: [c.tt.short],
      locationId: null,
    });
    expect(byId.get(activity.id)).toEqual({
      kind: 'activity',
      id: activity.id,
      start: `${TUE}T12:00:00Z`,
      end: `${TUE}T13:00:00Z`,
      practitionerId: c.pr.bo,
      color: ACTIVITY_COLOR,
      title: 'Handledning',
      note: 'Med Anna',
    });
    expect(ACTIVITY_COLOR).toBe('#8e44ad');
    expect(byId.get(booking.id)).toEqual({
      kind: 'booking',
      id: booking.id,
      start: `${TUE}T09:00:00Z`,
      end: `${TUE}T10:00:00Z`,
      practitionerId: c.pr.anna,
      color: c.color.talk,
      status: 'booked',
      clientId: booking.clientId,
      clientName: 'Eva Ström',
      treatmentTypeId: c.tt.talk,
      treatmentName: 'Samtal',
      locationId: c.loc.room1,
      note: 'Ny',
      lateCancellation: false,
      paid: false,
    });
    expect(byId.get(paid.id)).toMatchObject({ color: c.color.internal, treatmentName: 'Intern', clientName: 'Olle', paid: true, status: 'booked' });
    expect(byId.get(cancelled.id)).toMatchObject({ color: c.color.short, status: 'cancelled', lateCancellation: true, clientName: 'Per' });
    const holdEntry = byId.get(hold)!;
    // A hold carries no client data at all, not even empty fields.
    expect(Object.keys(holdEntry).sort()).toEqual(['color', 'end', 'expiresAt', 'id', 'kind', 'practitionerId', 'start']);
    expect(holdEntry).toEqual({
      kind: 'hold',
      id: hold,
      start: `${TUE}T09:00:00Z`,
      end: `${TUE}T09:30:00Z`,
      practitionerId: c.pr.bo,
      color: HOLD_COLOR,
      expiresAt: '2027-03-01T08:10:00Z',
    });
    expect(JSON.stringify(holdEntry)).not.toMatch(/client|203\.0\.113/i);
    // Sorted by start.
    const startsInOrder = res.entries.map((e) => e.start as string);
    expect(startsInOrder).toEqual([...startsInOrder].sort());

    // The practitioner filter.
    const bo = await feed({ practitionerId: c.pr.bo });
    expect(bo.entries.map((e) => e.id).sort()).toEqual([boBlock.id, activity.id, cancelled.id, hold].sort());
    const anna = await feed({ practitionerId: c.pr.anna });
    expect(anna.entries.map((e) => e.id).sort()).toEqual([annaBlock.id, booking.id, paid.id].sort());
    expect((await feed({ practitionerId: c.pr.cilla })).entries).toEqual([]);
  });

  it("resolves a working time's bookable treatment types to the live ones", async () => {
    const all = await workingTime({ practitionerId: c.pr.anna, start: `${TUE}T08:00:00Z`, end: `${TUE}T10:00:00Z` });
    const named = await workingTime({
      practitionerId: c.pr.anna,
      start: `${TUE}T10:00:00Z`,
      end: `${TUE}T12:00:00Z`,
      treatmentTypeIds: [c.tt.short, c.tt.internal],
    });
    expect((await c.api('DELETE', `/treatment-types/${c.tt.internal}`)).status).toBe(204);
    const byId = new Map((await feed()).entries.map((e) => [e.id, e]));
    expect((byId.get(all.id)!.bookableTreatmentTypeIds as string[]).sort()).toEqual([c.tt.talk, c.tt.short].sort());
    // The stored list is shown as it is; what can be booked there no longer includes the deleted type.
    expect(byId.get(named.id)).toMatchObject({ treatmentTypeIds: [c.tt.short, c.tt.internal], bookableTreatmentTypeIds: [c.tt.short] });
  });

  it("shows what overlaps the range (half-open), in the clinic's zone, and nothing of other clinics", async () => {
    // Tuesday in Stockholm is [2027-03-01T23:00Z, 2027-03-02T23:00Z).
    const before = await booked({ start: '2027-03-01T22:00:00Z' }); // ends 23:00Z: touches, not in
    const first = await booked({ start: '2027-03-01T23:00:00Z' });
    const straddling = await booked({ start: `${TUE}T22:30:00Z` }); // into Wednesday
    const after = await booked({ start: `${TUE}T23:30:00Z` });
    const other = await seedCalendarClinic(t, 'annan');
    await other.api('POST', '/bookings', { client: { name: 'X' }, treatmentTypeId: other.tt.talk, practitionerId: other.pr.anna, start: `${TUE}T09:00:00Z` });

    expect((await feed()).entries.map((e) => e.id)).toEqual([first.id, straddling.id]);
    expect((await feed({ from: '2027-03-01T22:00:00Z', to: '2027-03-01T23:00:00Z' })).entries.map((e) => e.id)).toEqual([before.id]);
    expect((await feed({ from: TUE, to: '2027-03-03' })).entries.map((e) => e.id)).toEqual([first.id, straddling.id, after.id]);
  });

  it('finds the longest entries (25 hours) that began a day before the range, and refuses overlapping them', async () => {
    // Tuesday begins 2027-03-01T23:00Z; these end one second into it.
    const long = { start: '2027-02-28T22:00:01Z', end: '2027-03-01T23:00:01Z' };
    const wt = await workingTime({ practitionerId: c.pr.anna, ...long });
    const ac = (await c.api('POST', '/activities', { practitionerId: c.pr.anna, title: 'Jour', ...long })).json;
    const bk = await booked({ practitionerId: c.pr.bo, ...long });
    await insertHold(t, c, { practitionerId: c.pr.cilla, ...long, expiresAt: '2027-03-01T08:10:00Z' });
    const entries = (await feed()).entries;
    expect(entries.map((e) => e.kind).sort()).toEqual(['activity', 'booking', 'hold', 'workingTime']);
    expect(entries.map((e) => e.id)).toEqual(expect.arrayContaining([wt.id, ac.id, bk.id]));
    // The overlap check sees them too, for bookings and holds alike.
    expectProblem(await book({ practitionerId: c.pr.bo, start: '2027-03-01T23:00:00Z' }), 409, 'conflict');
    expectProblem(await book({ practitionerId: c.pr.cilla, start: '2027-03-01T23:00:00Z' }), 409, 'conflict');
    await booked({ practitionerId: c.pr.bo, start: '2027-03-01T23:00:01Z' });
    // "Delete all visible" reaches the working time.
    expect((await c.api('DELETE', `/working-times${qs({ from: TUE, to: TUE })}`)).json).toEqual({ deleted: 1 });

    // A template week pasted across a DST change can stretch a 25-hour block to 26 hours.
    const clinic = await t.store.db.selectFrom('clinics').select('id').where('slug', '=', c.slug).executeTakeFirstOrThrow();
    await t.store.db
      .insertInto('working_times')
      .values({
        id: 'wt_stretched',
        clinic_id: clinic.id,
        practitioner_id: c.pr.anna,
        start_ms: Date.parse('2027-02-28T22:00:00Z'),
        end_ms: Date.parse('2027-03-02T00:00:00Z'),
        treatment_type_ids: null,
        location_id: null,
        created_at: t.clock.now(),
      })
      .execute();
    expect((await feed()).entries.map((e) => e.id)).toContain('wt_stretched');
    expect(starts(await staffSlots({}))).toEqual(['2027-03-01T23:00:00Z']);
  });

  it('refuses a bad, inverted or too long range with validation_failed', async () => {
    for (const query of [
      {},
      { from: TUE },
      { from: '2027-03-03', to: TUE },
      { from: `${TUE}T10:00:00Z`, to: `${TUE}T10:00:00Z` },
      { from: '2027-03-01', to: '2027-05-02' }, // 63 days
      { from: '2027-02-29', to: '2027-03-02' },
      { from: '02/03/2027', to: TUE },
      { from: TUE, to: TUE, practitionerId: '../x' },
      { from: TUE, to: TUE, kind: 'booking' },
    ]) {
      const res = await c.api('GET', `/calendar${qs(query)}`);
      expectProblem(res, 400, 'validation_failed');
    }
    // 62 days inclusive is allowed.
    expect((await c.api('GET', `/calendar${qs({ from: '2027-03-01', to: '2027-05-01' })}`)).status).toBe(200);
  });
});

describe('bad input never yields a 500', () => {
  it('answers malformed bodies, queries and ids on every calendar route with a 4xx problem', async () => {
    const b = await booked({ start: `${TUE}T09:00:00Z` });
    const wt = await workingTime({ practitionerId: c.pr.anna, start: `${TUE}T08:00:00Z`, end: `${TUE}T12:00:00Z` });
    const ac = (await c.api('POST', '/activities', { practitionerId: c.pr.anna, title: 'A', start: `${TUE}T08:00:00Z`, end: `${TUE}T09:00:00Z` })).json;
    const bodies: unknown[] = [
      '{"start": ',
      '[]',
      '"text"',
      'null',
      '42',
      { start: { $gt: 0 } },
      { start: '9999-99-99T99:99:99Z', end: '0000-00-00T00:00:00Z' },
      { start: '2027-03-02T09:00:00+25:00' },
      { start: `${TUE}T09:00:00Z`, end: `${TUE}T09:00:00.000001Z` },
      { practitionerId: 'x'.repeat(65) },
      { practitionerId: null, treatmentTypeId: null, start: null },
      { treatmentTypeIds: [null] },
      { title: ['a'] },
      { clientId: 1, client: { name: 'A' } },
      { late: 'maybe' },
      { start: '+275760-09-13T00:00:00Z' },
      { start: '1969-12-31T23:59:59Z', end: '1970-01-01T00:00:01Z' },
    ];
    const writes: [string, string][] = [
      ['POST', '/working-times'],
      ['PATCH', `/working-times/${wt.id}`],
      ['POST', '/activities'],
      ['PATCH', `/activities/${ac.id}`],
      ['POST', '/bookings'],
      ['PATCH', `/bookings/${b.id}`],
      ['POST', `/bookings/${b.id}/cancel`],
    ];
    for (const [method, path] of writes) {
      for (const body of bodies) {
        const res = await c.api(method, path, body);
        expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBeLessThan(500);
        if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
    }
    const queries = [
      '',
      '?from=&to=',
      '?from=%00&to=%FF',
      `?from=${'9'.repeat(300)}&to=2027-03-02`,
      '?from=2027-03-02T24:00:00Z&to=2027-03-03',
      '?from=-271821-04-20&to=2027-03-02',
      '?from=1900-01-01&to=1900-01-02&treatmentTypeId=tt_x',
      `?treatmentTypeId=${c.tt.talk}&from=2027-03-02&to=2027-03-02&locationId=%20`,
    ];
    for (const path of ['/calendar', '/slots', '/working-times']) {
      for (const query of queries) {
        const method = path === '/working-times' ? 'DELETE' : 'GET';
        const res = await c.api(method, `${path}${query}`);
        expect(res.status, `${method} ${path}${query}`).toBeLessThan(500);
        expect(res.status, `${method} ${path}${query}`).toBeGreaterThanOrEqual(400);
      }
    }
    for (const id of ['%00', 'a%2Fb', 'x'.repeat(500), '..', '%E2%9C%93']) {
      for (const [method, path] of [
        ['GET', `/bookings/${id}`],
        ['PATCH', `/bookings/${id}`],
        ['DELETE', `/working-times/${id}`],
        ['GET', `/activities/${id}`],
        ['POST', `/bookings/${id}/no-show`],
      ] as const) {
        const res = await c.api(method, path, method === 'PATCH' ? { note: 'x' } : undefined);
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
      }
    }
    // Still readable (one of the bodies above is a valid, if odd, move to 1969).
    expect((await c.api('GET', `/bookings/${b.id}`)).status).toBe(200);
  });
});
