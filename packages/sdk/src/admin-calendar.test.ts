import { ACTIVITY_COLOR, HOLD_COLOR } from '@tidbok/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTidbokAdmin, type TidbokAdmin } from './admin-client.js';
import { createTidbok } from './public-client.js';
import { type Served, serve } from './test-support.js';

// The test clock stands at Monday 2027-03-01 08:00Z.
const WEEK = { from: '2027-03-01', to: '2027-03-07' };

let s: Served;
let admin: TidbokAdmin;
let talk: string;
let notes: string;
let anna: string;

beforeEach(async () => {
  s = await serve('lugna');
  admin = createTidbokAdmin({ baseUrl: s.url, clinic: s.slug, token: s.token });
  talk = (await admin.treatmentTypes.create({ name: 'Samtal', durationMinutes: 60, color: '#2e86ab' })).id;
  notes = (await admin.treatmentTypes.create({ name: 'Journal', durationMinutes: 30, onlineBookable: false })).id;
  anna = (await admin.practitioners.create({ name: 'Anna Ek', treatmentTypeIds: [talk, notes] })).id;
});
afterEach(async () => {
  await s.close();
});

describe('working time, activities and the calendar against a real server', () => {
  it('creates, reads, moves and removes working time; staff slots include what is not online-bookable', async () => {
    const block = await admin.workingTimes.create({
      practitionerId: anna,
      start: new Date('2027-03-03T08:00:00Z'),
      end: '2027-03-03T13:00:00+01:00',
    });
    expect(block).toMatchObject({ practitionerId: anna, start: '2027-03-03T08:00:00Z', end: '2027-03-03T12:00:00Z', treatmentTypeIds: null });
    expect(await admin.workingTimes.get(block.id)).toEqual(block);

    const staffSlots = await admin.slots({ treatmentTypeId: notes, from: '2027-03-03', to: '2027-03-03' });
    expect(staffSlots.slots[0]?.start).toBe('2027-03-03T08:00:00Z');
    const publicSide = createTidbok({ baseUrl: s.url, clinic: s.slug });
    await expect(publicSide.slots({ treatmentTypeId: notes, from: '2027-03-03', to: '2027-03-03' })).rejects.toMatchObject({
      code: 'not_found',
    });

    const moved = await admin.workingTimes.update(block.id, { end: new Date('2027-03-03T10:00:00Z'), treatmentTypeIds: [talk] });
    expect(moved).toMatchObject({ end: '2027-03-03T10:00:00Z', treatmentTypeIds: [talk] });

    await admin.workingTimes.remove(block.id);
    await expect(admin.workingTimes.get(block.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('removes all working time in a range and says how many blocks went', async () => {
    for (const day of ['2027-03-02', '2027-03-03', '2027-03-10']) {
      await admin.workingTimes.create({ practitionerId: anna, start: `${day}T08:00:00Z`, end: `${day}T12:00:00Z` });
    }
    expect(await admin.workingTimes.removeRange({ ...WEEK, practitionerId: anna })).toEqual({ deleted: 2 });
    const left = (await admin.calendar({ from: '2027-03-01', to: '2027-03-14' })).entries.filter((e) => e.kind === 'workingTime');
    expect(left.map((e) => e.start)).toEqual(['2027-03-10T08:00:00Z']);
  });

  it('creates, reads, changes and removes activities, shown purple', async () => {
    const meeting = await admin.activities.create({
      practitionerId: anna,
      title: 'Team meeting',
      start: new Date('2027-03-02T12:00:00Z'),
      end: '2027-03-02T13:00:00Z',
    });
    expect(meeting).toMatchObject({ title: 'Team meeting', note: '', start: '2027-03-02T12:00:00Z' });
    expect(await admin.activities.get(meeting.id)).toEqual(meeting);
    expect(await admin.activities.update(meeting.id, { note: 'Room 2' })).toEqual({ ...meeting, note: 'Room 2' });

    const { entries } = await admin.calendar(WEEK);
    expect(entries).toContainEqual(expect.objectContaining({ kind: 'activity', id: meeting.id, color: ACTIVITY_COLOR }));

    await admin.activities.remove(meeting.id);
    expect((await admin.calendar(WEEK)).entries).toEqual([]);
  });

  it('shows bookings, working time, activities and holds in one calendar, a hold without client data', async () => {
    await admin.workingTimes.create({ practitionerId: anna, start: '2027-03-03T08:00:00Z', end: '2027-03-03T12:00:00Z' });
    await admin.activities.create({ practitionerId: anna, title: 'Lunch', start: '2027-03-03T11:00:00Z', end: '2027-03-03T12:00:00Z' });
    const booking = await admin.bookings.create({
      client: { name: 'Alva Berg', email: 'alva@example.test' },
      practitionerId: anna,
      treatmentTypeId: talk,
      start: '2027-03-03T08:00:00Z',
    });
    await createTidbok({ baseUrl: s.url, clinic: s.slug }).hold({ treatmentTypeId: talk, practitionerId: anna, start: '2027-03-03T09:00:00Z' });

    const calendar = await admin.calendar({ ...WEEK, practitionerId: anna });
    expect(calendar.timeZone).toBe('Europe/Stockholm');
    expect(calendar.entries.map((e) => e.kind).sort()).toEqual(['activity', 'booking', 'hold', 'workingTime']);
    expect(calendar.entries.find((e) => e.kind === 'booking')).toMatchObject({
      id: booking.id,
      clientName: 'Alva Berg',
      treatmentName: 'Samtal',
      color: '#2e86ab',
    });
    const hold = calendar.entries.find((e) => e.kind === 'hold');
    expect(hold).toMatchObject({ color: HOLD_COLOR });
    expect(Object.keys(hold ?? {})).not.toContain('clientName');
  });
});

describe('staff bookings against a real server', () => {
  it('books a new client outside working time, moves, cancels, marks no-show and deletes', async () => {
    const booking = await admin.bookings.create({
      client: { name: 'Alva Berg', email: 'alva@example.test' },
      practitionerId: anna,
      treatmentTypeId: talk,
      start: new Date('2027-03-04T15:00:00Z'),
      note: 'Remiss',
    });
    expect(booking).toMatchObject({ status: 'booked', start: '2027-03-04T15:00:00Z', end: '2027-03-04T16:00:00Z', note: 'Remiss', paid: null });
    // The create answer alone says what became of the confirmation.
    const { notification, ...stored } = booking;
    expect(notification).toEqual({ kind: 'confirmation', channel: 'email', status: 'queued' });
    expect(await admin.bookings.get(booking.id)).toEqual(stored);

    const moved = await admin.bookings.update(booking.id, { start: new Date('2027-03-04T16:00:00Z') });
    expect(moved).toMatchObject({ start: '2027-03-04T16:00:00Z', end: '2027-03-04T17:00:00Z' });

    const cancelled = await admin.bookings.cancel(booking.id, { late: true });
    expect(cancelled).toMatchObject({ status: 'cancelled', lateCancellation: true });
    await expect(admin.bookings.noShow(booking.id)).rejects.toMatchObject({ status: 409, code: 'conflict' });

    const second = await admin.bookings.create({ clientId: booking.clientId, practitionerId: anna, treatmentTypeId: talk, start: '2027-03-05T08:00:00Z' });
    expect(await admin.bookings.noShow(second.id)).toMatchObject({ status: 'no_show' });

    await admin.bookings.remove(booking.id);
    await expect(admin.bookings.get(booking.id)).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('cancels by the window when `late` is not given', async () => {
    const soon = await admin.bookings.create({
      client: { name: 'Bo Ek' },
      practitionerId: anna,
      treatmentTypeId: talk,
      start: '2027-03-01T12:00:00Z',
    });
    expect(await admin.bookings.cancel(soon.id)).toMatchObject({ status: 'cancelled', lateCancellation: true });
  });

  it('refuses a booking over another booking of the practitioner with 409 conflict', async () => {
    const client = await admin.clients.create({ name: 'Alva Berg' });
    await admin.bookings.create({ clientId: client.id, practitionerId: anna, treatmentTypeId: talk, start: '2027-03-04T15:00:00Z' });
    await expect(
      admin.bookings.create({ clientId: client.id, practitionerId: anna, treatmentTypeId: talk, start: '2027-03-04T15:30:00Z' }),
    ).rejects.toMatchObject({ status: 409, code: 'conflict' });
  });
});
