import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CalendarClinic, insertHold, type Reply, seedCalendarClinic } from '../testing-calendar.js';
import { createTestContext, type TestContext } from '../testing.js';

// The clock stands at Monday 2027-03-01 09:00 in Stockholm; the bookings are on Tuesday.
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

function expectStatus(res: Reply, status: number) {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
}

async function book(body: Record<string, unknown>) {
  const res = await c.api('POST', '/bookings', { treatmentTypeId: c.tt.talk, practitionerId: c.pr.anna, ...body });
  expectStatus(res, 201);
  return res.json as { id: string; status: string; notification?: Record<string, unknown> };
}

const messagesOf = async (bookingId: string) =>
  t.store.db.selectFrom('messages').select(['id', 'kind', 'status']).where('booking_id', '=', bookingId).orderBy('created_at').execute();

describe('the create answer tells what became of the confirmation', () => {
  it('queued when the client has the address; not_sent with the reason when not; absent for none', async () => {
    const byMail = await book({ client: { name: 'Med Post', email: 'post@example.se' }, start: `${TUE}T08:00:00Z`, confirmation: 'email' });
    expect(byMail.notification).toEqual({ kind: 'confirmation', channel: 'email', status: 'queued' });

    const noPhone = await book({ client: { name: 'Utan Telefon', email: 'x@example.se' }, start: `${TUE}T09:00:00Z`, confirmation: 'sms' });
    expect(noPhone.notification).toEqual({ kind: 'confirmation', channel: 'sms', status: 'not_sent', reason: 'no_phone' });

    const noMail = await book({ client: { name: 'Utan Post' }, start: `${TUE}T10:00:00Z`, confirmation: 'email' });
    expect(noMail.notification).toEqual({ kind: 'confirmation', channel: 'email', status: 'not_sent', reason: 'no_email' });

    const silent = await book({ client: { name: 'Tyst' }, start: `${TUE}T11:00:00Z`, confirmation: 'none' });
    expect(silent.notification).toBeUndefined();
  });
});

describe('a 409 says what the time conflicts with', () => {
  it('names the booking in the way: kind, time and practitioner', async () => {
    await book({ client: { name: 'Först' }, start: `${TUE}T08:00:00Z`, confirmation: 'none' });
    const res = await c.api('POST', '/bookings', {
      client: { name: 'Sen' },
      treatmentTypeId: c.tt.talk,
      practitionerId: c.pr.anna,
      start: `${TUE}T08:30:00Z`,
      confirmation: 'none',
    });
    expectStatus(res, 409);
    expect(res.json.code).toBe('conflict');
    expect(res.json.conflictsWith).toEqual({ kind: 'booking', start: `${TUE}T08:00:00Z`, end: `${TUE}T09:00:00Z`, practitionerId: c.pr.anna });
  });

  it('names a hold in the way', async () => {
    await insertHold(t, c, { practitionerId: c.pr.anna, start: `${TUE}T12:00:00Z`, end: `${TUE}T13:00:00Z`, expiresAt: '2027-03-01T08:10:00Z' });
    const res = await c.api('POST', '/bookings', {
      client: { name: 'Sen' },
      treatmentTypeId: c.tt.talk,
      practitionerId: c.pr.anna,
      start: `${TUE}T12:30:00Z`,
      confirmation: 'none',
    });
    expectStatus(res, 409);
    expect(res.json.conflictsWith).toMatchObject({ kind: 'hold', start: `${TUE}T12:00:00Z`, end: `${TUE}T13:00:00Z` });
  });
});

describe('undo (restore) of återbud and no-show', () => {
  it('books a cancelled booking again and withdraws the cancellation notice still in the outbox', async () => {
    const booking = await book({ client: { name: 'Ångrad', email: 'a@example.se' }, start: `${TUE}T08:00:00Z`, confirmation: 'email' });
    expectStatus(await c.api('POST', `/bookings/${booking.id}/cancel`, { late: true }), 200);
    expect((await messagesOf(booking.id)).map((m) => m.kind)).toEqual(['confirmation', 'cancellation']);

    const res = await c.api('POST', `/bookings/${booking.id}/restore`);
    expectStatus(res, 200);
    expect(res.json).toMatchObject({ id: booking.id, status: 'booked', lateCancellation: false, cancelledAt: null });
    expect(res.json.notification).toEqual({ kind: 'cancellation', channel: 'email', status: 'withdrawn' });
    expect((await messagesOf(booking.id)).map((m) => m.kind)).toEqual(['confirmation']);
    const read = await c.api('GET', `/bookings/${booking.id}`);
    expect(read.json.status).toBe('booked');
  });

  it('says the notice had gone out when it was already sent', async () => {
    const booking = await book({ client: { name: 'Sänt', email: 's@example.se' }, start: `${TUE}T08:00:00Z`, confirmation: 'email' });
    expectStatus(await c.api('POST', `/bookings/${booking.id}/cancel`, {}), 200);
    await t.store.db
      .updateTable('messages')
      .set({ status: 'sent', sent_at: Date.parse(NOW) })
      .where('booking_id', '=', booking.id)
      .execute();
    const res = await c.api('POST', `/bookings/${booking.id}/restore`);
    expectStatus(res, 200);
    expect(res.json.notification).toEqual({ kind: 'cancellation', channel: 'email', status: 'sent' });
  });

  it('undoes a no-show', async () => {
    const booking = await book({ client: { name: 'Borta' }, start: `${TUE}T08:00:00Z`, confirmation: 'none' });
    expectStatus(await c.api('POST', `/bookings/${booking.id}/no-show`), 200);
    const res = await c.api('POST', `/bookings/${booking.id}/restore`);
    expectStatus(res, 200);
    expect(res.json.status).toBe('booked');
    expect(res.json.notification).toBeUndefined();
  });

  it('refuses with 409 and what is in the way when the freed time was booked meanwhile; nothing changes', async () => {
    const first = await book({ client: { name: 'Avbokad' }, start: `${TUE}T08:00:00Z`, confirmation: 'none' });
    expectStatus(await c.api('POST', `/bookings/${first.id}/cancel`, {}), 200);
    await book({ client: { name: 'Ny' }, start: `${TUE}T08:30:00Z`, confirmation: 'none' });

    const res = await c.api('POST', `/bookings/${first.id}/restore`);
    expectStatus(res, 409);
    expect(res.json.code).toBe('conflict');
    expect(res.json.conflictsWith).toEqual({ kind: 'booking', start: `${TUE}T08:30:00Z`, end: `${TUE}T09:30:00Z`, practitionerId: c.pr.anna });
    expect((await c.api('GET', `/bookings/${first.id}`)).json.status).toBe('cancelled');
  });

  it('refuses a booking that is booked (409), an unknown one (404), and another practitioner is 403 to a practitioner', async () => {
    const booking = await book({ client: { name: 'Bokad' }, start: `${TUE}T08:00:00Z`, confirmation: 'none' });
    const res = await c.api('POST', `/bookings/${booking.id}/restore`);
    expectStatus(res, 409);
    expect(res.json.code).toBe('conflict');
    expectStatus(await c.api('POST', '/bookings/bk_nope/restore'), 404);
  });

  it("another clinic's token may not restore", async () => {
    const booking = await book({ client: { name: 'Bokad' }, start: `${TUE}T08:00:00Z`, confirmation: 'none' });
    expectStatus(await c.api('POST', `/bookings/${booking.id}/cancel`, {}), 200);
    const other = await t.clinic('annan');
    const res = await t.call('POST', `${c.admin}/bookings/${booking.id}/restore`, { token: other.token });
    expect(res.status).toBe(403);
    expect((await c.api('GET', `/bookings/${booking.id}`)).json.status).toBe('cancelled');
  });
});
