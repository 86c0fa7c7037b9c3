import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing.js';
import { Dispatcher } from './dispatcher.js';
import { SMS_GRACE_MS } from './sms-guard.js';
import { messagingClinic, slotStart } from './testing-clinic.js';
import { smsReceiver } from './testing-receivers.js';
import { httpSmsTransport } from './transports.js';

let t: TestContext;
let receiver: Awaited<ReturnType<typeof smsReceiver>>;
let clinic: Awaited<ReturnType<typeof messagingClinic>>;
const silent = { info: () => {}, error: () => {} };

beforeEach(async () => {
  t = await createTestContext({ now: '2027-03-01T08:00:00Z', config: { publicUrl: 'https://boka.example.se' } });
  receiver = await smsReceiver();
  clinic = await messagingClinic(t);
});
afterEach(async () => {
  await receiver.close();
  await t.close();
});

const json = async (res: Response) => (await res.json()) as any;
const dispatch = () => new Dispatcher(t.app.deps, httpSmsTransport(receiver.url), silent).runOnce();
const sentTo = () => receiver.posts.map((p) => p.form.get('to'));
const settings = (booking: object) => t.call('PATCH', `/v1/clinics/${clinic.slug}/admin/settings`, { token: clinic.token, body: { booking } });
const messages = async () => (await json(await t.call('GET', `/v1/clinics/${clinic.slug}/admin/messages`, { token: clinic.token }))).messages as any[];
const bookSms = (phone: string, slot: number) => clinic.book({ name: 'Klara Klient', email: `k${slot}@example.com`, phone }, 'sms', slotStart(slot));

describe('SMS for a booking cancelled at once', () => {
  it('are never sent: hold → book → cancel sends nothing, and staff see why', async () => {
    for (let i = 0; i < 3; i++) {
      const { booking, manageToken } = await bookSms('+46701234567', i);
      const cancelled = await t.call('POST', `/v1/clinics/${clinic.slug}/bookings/${booking.id}/cancel`, { token: manageToken });
      expect(cancelled.status).toBe(200);
    }
    await dispatch();
    t.clock.advance(SMS_GRACE_MS + 1_000);
    await dispatch();
    expect(receiver.posts).toHaveLength(0);
    const listed = await messages();
    expect(listed).toHaveLength(6);
    for (const m of listed) {
      expect(m).toMatchObject({ channel: 'sms', status: 'withheld', withheldReason: 'cancelled_early' });
      expect(m.lastError).toMatch(/cancelled within minutes/);
    }
  });

  it('go out once the booking is a few minutes old, and a later cancellation is sent too', async () => {
    const { booking, manageToken } = await bookSms('070-123 45 67', 0);
    await dispatch();
    expect(receiver.posts).toHaveLength(0);
    t.clock.advance(SMS_GRACE_MS);
    await dispatch();
    expect(sentTo()).toEqual(['+46701234567']);
    await t.call('POST', `/v1/clinics/${clinic.slug}/bookings/${booking.id}/cancel`, { token: manageToken });
    await dispatch();
    expect(receiver.posts).toHaveLength(2);
    expect(receiver.posts[1]!.form.get('message')).toContain('avbokad');
  });
});

describe('SMS countries', () => {
  it("go only to the clinic's own country by default; others are withheld with the reason", async () => {
    await bookSms('+8823 1234 5678', 0); // an international premium range
    await bookSms('+47 912 34 567', 1);
    await bookSms('0701234567', 2);
    await bookSms('12345', 3);
    t.clock.advance(SMS_GRACE_MS);
    await dispatch();
    expect(sentTo()).toEqual(['+46701234567']);
    const reasons = (await messages()).map((m) => [m.to, m.status, m.withheldReason ?? null]).sort();
    expect(reasons).toEqual([
      ['+47 912 34 567', 'withheld', 'country_not_allowed'],
      ['+8823 1234 5678', 'withheld', 'country_not_allowed'],
      ['0701234567', 'sent', null],
      ['12345', 'withheld', 'number_invalid'],
    ]);
  });

  it('follow the setting, and a clinic in Oslo sends to Norway without one', async () => {
    expect((await settings({ smsCountries: ['+46', '+47'] })).status).toBe(200);
    await bookSms('+47 912 34 567', 0);
    await bookSms('+358 40 123 4567', 1);
    t.clock.advance(SMS_GRACE_MS);
    await dispatch();
    expect(sentTo()).toEqual(['+4791234567']);

    await settings({ smsCountries: null });
    await t.call('PATCH', `/v1/clinics/${clinic.slug}/admin/settings`, { token: clinic.token, body: { timeZone: 'Europe/Oslo' } });
    await bookSms('+47 912 34 568', 2);
    await bookSms('+46 70 123 45 67', 3);
    t.clock.advance(SMS_GRACE_MS);
    await dispatch();
    expect(sentTo()).toEqual(['+4791234567', '+4791234568']);
  });

  it('refuses a malformed calling code in the settings', async () => {
    const res = await settings({ smsCountries: ['46'] });
    expect(res.status).toBe(400);
    expect((await json(res)).code).toBe('validation_failed');
  });
});

describe('the budget of SMS to numbers staff do not know', () => {
  it('withholds SMS beyond the hourly and daily limits, tells staff, and spares numbers staff entered', async () => {
    await settings({ smsNewNumbersPerHour: 2, smsNewNumbersPerDay: 3 });
    // A client staff entered, with their number.
    const created = await t.call('POST', `/v1/clinics/${clinic.slug}/admin/clients`, {
      token: clinic.token,
      body: { name: 'Känd Klient', email: 'kand@example.com', phone: '070-999 99 99' },
    });
    expect(created.status).toBe(201);
    for (let i = 0; i < 3; i++) await bookSms(`+46 70 000 00 0${i}`, i);
    await bookSms('0709999999', 3);
    t.clock.advance(SMS_GRACE_MS);
    await dispatch();
    expect(sentTo().sort()).toEqual(['+46700000000', '+46700000001', '+46709999999']);
    const withheld = (await messages()).filter((m) => m.status === 'withheld');
    expect(withheld).toHaveLength(1);
    expect(withheld[0]).toMatchObject({ to: '+46 70 000 00 02', withheldReason: 'budget_hour' });

    const budget = await json(await t.call('GET', `/v1/clinics/${clinic.slug}/admin/sms-budget`, { token: clinic.token }));
    expect(budget).toMatchObject({
      callingCodes: ['+46'],
      hour: { used: 2, limit: 2 },
      day: { used: 2, limit: 3 },
      exhausted: true,
      refusedLastDay: 1,
      lastRefusedAt: '2027-03-01T08:05:00Z',
    });

    // An hour later there is room for one more today, then the day's limit holds.
    t.clock.advance(3_600_000);
    await bookSms('+46 70 000 00 04', 4);
    await bookSms('+46 70 000 00 05', 5);
    t.clock.advance(SMS_GRACE_MS);
    await dispatch();
    expect(receiver.posts).toHaveLength(4);
    const reasons = (await messages())
      .filter((m) => m.status === 'withheld')
      .map((m) => m.withheldReason)
      .sort();
    expect(reasons).toEqual(['budget_day', 'budget_hour']);
  });

  it('does not count numbers staff booked with', async () => {
    await settings({ smsNewNumbersPerHour: 0, smsNewNumbersPerDay: 0 });
    const staffBooking = await t.call('POST', `/v1/clinics/${clinic.slug}/admin/bookings`, {
      token: clinic.token,
      body: {
        practitionerId: clinic.practitionerId,
        treatmentTypeId: clinic.treatmentTypeId,
        start: slotStart(0),
        client: { name: 'Per Persson', phone: '+46 70 111 11 11' },
        confirmation: 'sms',
      },
    });
    expect(staffBooking.status).toBe(201);
    await bookSms('+46 70 111 11 11', 1);
    await bookSms('+46 70 222 22 22', 2);
    t.clock.advance(SMS_GRACE_MS);
    await dispatch();
    expect(sentTo()).toEqual(['+46701111111', '+46701111111']);
    expect((await messages()).find((m) => m.status === 'withheld')).toMatchObject({ to: '+46 70 222 22 22', withheldReason: 'budget_hour' });
  });
});

describe('numbers the clinic has seen come', () => {
  it('are not counted: reminders, and a client whose earlier booking took place', async () => {
    await settings({ smsNewNumbersPerHour: 0, smsNewNumbersPerDay: 0, reminderHoursBefore: 24, reminderChannel: 'sms' });
    await bookSms('+46 70 333 33 33', 0);
    t.clock.advance(SMS_GRACE_MS);
    await dispatch();
    expect((await messages()).map((m) => m.withheldReason)).toEqual(['budget_hour']);
    // The reminder, 23 hours before, goes all the same.
    t.clock.set('2027-03-02T09:00:00Z');
    await dispatch();
    expect(sentTo()).toEqual(['+46703333333']);
    expect(receiver.posts[0]!.form.get('message')).toContain('Påminnelse');

    // Once that booking has taken place, the client's number is known for the next one.
    t.clock.set('2027-03-03T09:00:00Z');
    const next = await t.call('POST', `/v1/clinics/${clinic.slug}/admin/working-times`, {
      token: clinic.token,
      body: { practitionerId: clinic.practitionerId, start: '2027-03-10T08:00:00Z', end: '2027-03-10T12:00:00Z' },
    });
    expect(next.status).toBe(201);
    await clinic.book({ name: 'Klara Klient', email: 'k0@example.com', phone: '+46 70 333 33 33' }, 'sms', '2027-03-10T08:00:00Z');
    t.clock.advance(SMS_GRACE_MS);
    await dispatch();
    expect(sentTo()).toEqual(['+46703333333', '+46703333333']);
  });
});
