import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addLocalDays, localToInstant } from '@tidbok/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testConfig } from '../config.js';
import { silentLogger } from '../logger.js';
import { qs, type CalendarClinic, seedCalendarClinic, starts } from '../testing-calendar.js';
import { createTestContext, type TestContext } from '../testing.js';
import { BusyCalendarPoller } from './poller.js';

// Busy time from a practitioner's own calendar, over the API against a real calendar server on
// loopback (allowed only with allowPrivateUrls, as TIDBOK_ALLOW_PRIVATE_URLS=1 does).

const ZONE = 'Europe/Stockholm';
const NOW = '2027-03-20T08:00:00Z'; // Saturday; summer time starts Sunday 2027-03-28
const local = (date: string, hm: string) => new Date(localToInstant(date, hm, ZONE)).toISOString().replace('.000Z', 'Z');

/**
 * A weekly 10:00–11:00 on Tuesdays from 16 March, six times, in Stockholm time: the 23rd is
 * winter time (09:00Z), the 30th summer time (08:00Z). 6 April is excepted (EXDATE); 13 April is
 * moved to 14:00–15:00 (RECURRENCE-ID). A transparent and a cancelled event block nothing; an
 * all-day event blocks the whole of 20 April.
 */
const FEED = `BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//Private//EN\r
BEGIN:VTIMEZONE\r
TZID:Europe/Stockholm\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
TZNAME:CEST\r
DTSTART:19700329T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
TZNAME:CET\r
DTSTART:19701025T030000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:dentist@example.com\r
SUMMARY:Tandläkare\r
DTSTART;TZID=Europe/Stockholm:20270316T100000\r
DTEND;TZID=Europe/Stockholm:20270316T110000\r
RRULE:FREQ=WEEKLY;COUNT=6\r
EXDATE;TZID=Europe/Stockholm:20270406T100000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:dentist@example.com\r
SUMMARY:Tandläkare (flyttad)\r
RECURRENCE-ID;TZID=Europe/Stockholm:20270413T100000\r
DTSTART;TZID=Europe/Stockholm:20270413T140000\r
DTEND;TZID=Europe/Stockholm:20270413T150000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:free@example.com\r
SUMMARY:Maybe\r
TRANSP:TRANSPARENT\r
DTSTART:20270330T100000Z\r
DTEND:20270330T110000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:off@example.com\r
SUMMARY:Called off\r
STATUS:CANCELLED\r
DTSTART;TZID=Europe/Stockholm:20270330T140000\r
DTEND;TZID=Europe/Stockholm:20270330T150000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:away@example.com\r
SUMMARY:Bortrest\r
DTSTART;VALUE=DATE:20270420\r
DTEND;VALUE=DATE:20270421\r
END:VEVENT\r
END:VCALENDAR\r
`;

const TUESDAYS = ['2027-03-23', '2027-03-30', '2027-04-06', '2027-04-13', '2027-04-20'];

/** The calendar server: what it serves next, and what it was asked. */
interface Feed {
  url: string;
  body: string | Buffer;
  status: number;
  requests: IncomingMessage[];
  notModified: number;
  server: Server;
}

async function serveFeed(): Promise<Feed> {
  const feed = { body: FEED, status: 200, requests: [], notModified: 0 } as unknown as Feed;
  feed.server = createServer((req, res) => {
    feed.requests.push(req);
    if (feed.status !== 200) {
      res.writeHead(feed.status).end('nope');
      return;
    }
    const etag = `"${createHash('sha256').update(feed.body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      feed.notModified += 1;
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/calendar', etag }).end(feed.body);
  });
  await new Promise<void>((done) => feed.server.listen(0, '127.0.0.1', done));
  feed.url = `http://127.0.0.1:${(feed.server.address() as AddressInfo).port}/private/basic.ics`;
  return feed;
}

let t: TestContext;
let c: CalendarClinic;
let feed: Feed;

beforeEach(async () => {
  t = await createTestContext({ now: NOW, config: { allowPrivateUrls: true } });
  c = await seedCalendarClinic(t);
  await c.api('PATCH', '/settings', { booking: { horizonDays: 120 } });
  // Anna works every Tuesday 08:00–17:00 local.
  for (const date of TUESDAYS) {
    const res = await c.api('POST', '/working-times', { practitionerId: c.pr.anna, start: local(date, '08:00'), end: local(date, '17:00') });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
  }
  feed = await serveFeed();
});
afterEach(async () => {
  await new Promise((done) => feed.server.close(done));
  await t.close();
});

const busyPath = () => `/practitioners/${c.pr.anna}/busy-calendar`;
const publicStarts = async (date: string) => {
  const res = await c.pub('GET', `/slots${qs({ treatmentTypeId: c.tt.talk, practitionerId: c.pr.anna, from: date, to: date })}`);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return starts(res);
};
const staffStarts = async (date: string) =>
  starts(await c.api('GET', `/slots${qs({ treatmentTypeId: c.tt.talk, practitionerId: c.pr.anna, from: date, to: date })}`));

/** Every 60-minute start on the half hour from 08:00 to 16:00 local, except those overlapping `busy` (local HH:mm pairs). */
function expected(date: string, busy: [string, string][]): string[] {
  const out: string[] = [];
  for (let m = 8 * 60; m <= 16 * 60; m += 30) {
    const hm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${m % 60 === 0 ? '00' : '30'}`;
    const start = localToInstant(date, hm, ZONE);
    const blocked = busy.some(([from, to]) => start < localToInstant(date, to, ZONE) && start + 3_600_000 > localToInstant(date, from, ZONE));
    if (!blocked) out.push(local(date, hm));
  }
  return out;
}

describe('busy calendar', () => {
  it('a weekly private event with an exception and a moved occurrence across the DST change blocks exactly its public slots', async () => {
    const put = await c.api('PUT', busyPath(), { url: feed.url });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    expect(put.json).toMatchObject({ configured: true, host: '127.0.0.1', showTitles: false, lastError: null });
    // 23 and 30 March, 13 April moved, 20 April, and 20 April all day (16 March is before the window).
    expect(put.json.events).toBe(5);

    expect(await publicStarts('2027-03-23')).toEqual(expected('2027-03-23', [['10:00', '11:00']]));
    expect(await publicStarts('2027-03-30')).toEqual(expected('2027-03-30', [['10:00', '11:00']]));
    // Same local hour on both sides of the change, so a different hour in UTC.
    expect(local('2027-03-23', '10:00')).toBe('2027-03-23T09:00:00Z');
    expect(local('2027-03-30', '10:00')).toBe('2027-03-30T08:00:00Z');
    expect(await publicStarts('2027-03-30')).not.toContain('2027-03-30T08:00:00Z');
    expect(await publicStarts('2027-03-30')).toContain('2027-03-30T10:00:00Z'); // transparent at 10:00Z, free
    // The excepted Tuesday is wholly free; the moved one is free at 10:00 and busy at 14:00.
    expect(await publicStarts('2027-04-06')).toEqual(expected('2027-04-06', []));
    expect(await publicStarts('2027-04-13')).toEqual(expected('2027-04-13', [['14:00', '15:00']]));
    expect(await publicStarts('2027-04-20')).toEqual([]);
    // Staff see the time as free: they may book over it.
    expect(await staffStarts('2027-03-30')).toContain(local('2027-03-30', '10:00'));
  });

  it('shows busy blocks in the staff calendar, with titles only when the practitioner allows', async () => {
    await c.api('PUT', busyPath(), { url: feed.url });
    const week = await c.api('GET', `/calendar${qs({ from: '2027-03-29', to: '2027-04-04', practitionerId: c.pr.anna })}`);
    const busy = (week.json.entries as { kind: string }[]).filter((e) => e.kind === 'busy');
    expect(busy).toEqual([
      {
        kind: 'busy',
        id: expect.any(String),
        start: '2027-03-30T08:00:00Z',
        end: '2027-03-30T09:00:00Z',
        practitionerId: c.pr.anna,
        color: '#9e9e9e',
        title: null,
      },
    ]);
    await c.api('PUT', busyPath(), { url: feed.url, showTitles: true });
    const titled = await c.api('GET', `/calendar${qs({ from: '2027-04-13', to: '2027-04-13' })}`);
    expect((titled.json.entries as { kind: string; title?: string }[]).filter((e) => e.kind === 'busy').map((e) => e.title)).toEqual(['Tandläkare (flyttad)']);
    // The address is a secret: it is never answered, and not stored in plain text.
    const status = await c.api('GET', busyPath());
    expect(JSON.stringify(status.json)).not.toContain('/private/basic.ics');
    const stored = await t.store.db.selectFrom('busy_calendars').select('url_sealed').executeTakeFirstOrThrow();
    expect(stored.url_sealed).not.toContain('basic.ics');
  });

  it('asks again with If-None-Match; a 304 keeps the busy time', async () => {
    await c.api('PUT', busyPath(), { url: feed.url });
    t.clock.advance(60_000);
    const refreshed = await c.api('POST', `${busyPath()}/refresh`);
    expect(refreshed.status, JSON.stringify(refreshed.json)).toBe(200);
    expect(refreshed.json).toEqual({ events: 5, fetchedAt: new Date(t.clock.now()).toISOString().replace('.000Z', 'Z') });
    expect(feed.requests[1]!.headers['if-none-match']).toBe(`"${createHash('sha256').update(FEED).digest('hex').slice(0, 16)}"`);
    expect(feed.notModified).toBe(1);
    expect(await publicStarts('2027-03-30')).toEqual(expected('2027-03-30', [['10:00', '11:00']]));
  });

  it('a failing read keeps the last good copy and shows the error; a later good read clears it', async () => {
    await c.api('PUT', busyPath(), { url: feed.url });
    feed.status = 500;
    t.clock.advance(60_000);
    const failed = await c.api('POST', `${busyPath()}/refresh`);
    expect(failed.status).toBe(502);
    expect(failed.json.code).toBe('calendar_unreachable');
    const status = await c.api('GET', busyPath());
    expect(status.json).toMatchObject({ configured: true, events: 5, lastError: "The calendar's server answered 500" });
    expect(status.json.lastCheckedAt > status.json.lastFetchedAt).toBe(true);
    expect(await publicStarts('2027-03-30')).toEqual(expected('2027-03-30', [['10:00', '11:00']]));

    feed.status = 200;
    feed.body = 'this is not a calendar';
    expect((await c.api('POST', `${busyPath()}/refresh`)).json.code).toBe('calendar_unreachable');
    expect((await c.api('GET', busyPath())).json.lastError).toMatch(/^Not an iCalendar file/);
    expect(await publicStarts('2027-03-30')).toEqual(expected('2027-03-30', [['10:00', '11:00']]));

    feed.body = FEED.replace('COUNT=6', 'COUNT=2');
    expect((await c.api('POST', `${busyPath()}/refresh`)).json.events).toBe(2); // 23 March and the day away
    expect((await c.api('GET', busyPath())).json.lastError).toBeNull();
    expect(await publicStarts('2027-03-30')).toEqual(expected('2027-03-30', []));
  });

  it('an address sealed for another practitioner (or with another key) does not open; the copy stays', async () => {
    await c.api('PUT', busyPath(), { url: feed.url });
    await c.api('PUT', `/practitioners/${c.pr.bo}/busy-calendar`, { url: feed.url });
    // Bo's sealed address moved onto Anna's row: bound to Bo, it does not open for Anna.
    const bo = await t.store.db.selectFrom('busy_calendars').select('url_sealed').where('practitioner_id', '=', c.pr.bo).executeTakeFirstOrThrow();
    await t.store.write((trx) => trx.updateTable('busy_calendars').set({ url_sealed: bo.url_sealed }).where('practitioner_id', '=', c.pr.anna).execute());
    const before = feed.requests.length;
    const res = await c.api('POST', `${busyPath()}/refresh`);
    expect(res.status).toBe(502);
    expect(res.json.detail).toMatch(/secret key has changed/);
    expect(feed.requests.length).toBe(before);
    expect(await publicStarts('2027-03-30')).toEqual(expected('2027-03-30', [['10:00', '11:00']]));
  });

  it('refuses a calendar larger than 5 MB and keeps the last copy', async () => {
    await c.api('PUT', busyPath(), { url: feed.url });
    feed.body = Buffer.alloc(5 * 1024 * 1024 + 1, 'x');
    const res = await c.api('POST', `${busyPath()}/refresh`);
    expect(res.status).toBe(502);
    expect(res.json.detail).toBe('The calendar is larger than 5 MB');
    expect(await publicStarts('2027-03-30')).toEqual(expected('2027-03-30', [['10:00', '11:00']]));
  });

  it('a public hold over busy time is refused; staff can book over it', async () => {
    await c.api('PUT', busyPath(), { url: feed.url });
    const start = local('2027-03-30', '10:00');
    const hold = await c.pub('POST', '/holds', { treatmentTypeId: c.tt.talk, practitionerId: c.pr.anna, start });
    expect(hold.status, JSON.stringify(hold.json)).toBe(409);
    expect(hold.json.code).toBe('slot_unavailable');
    const free = await c.pub('POST', '/holds', { treatmentTypeId: c.tt.talk, practitionerId: c.pr.anna, start: local('2027-03-30', '11:00') });
    expect(free.status, JSON.stringify(free.json)).toBe(201);
    const staff = await c.api('POST', '/bookings', { client: { name: 'Eva Ström' }, practitionerId: c.pr.anna, treatmentTypeId: c.tt.talk, start });
    expect(staff.status, JSON.stringify(staff.json)).toBe(201);
  });

  it('a hold that expired does not book a time that became busy meanwhile', async () => {
    await c.api('PUT', busyPath(), { url: feed.url });
    const start = local('2027-03-30', '11:00');
    const hold = await c.pub('POST', '/holds', { treatmentTypeId: c.tt.talk, practitionerId: c.pr.anna, start });
    expect(hold.status, JSON.stringify(hold.json)).toBe(201);
    // The practitioner's dentist appointment grows to 10:00–12:00.
    feed.body = FEED.replace('DTEND;TZID=Europe/Stockholm:20270316T110000', 'DTEND;TZID=Europe/Stockholm:20270316T120000');
    expect((await c.api('POST', `${busyPath()}/refresh`)).status).toBe(200);
    t.clock.advance(60 * 60_000);
    const booking = await c.pub('POST', '/bookings', {
      holdId: hold.json.id,
      holdSecret: hold.json.secret,
      client: { name: 'Eva Ström', email: 'eva@example.test' },
      confirmation: 'none',
    });
    expect(booking.status, JSON.stringify(booking.json)).toBe(410);
    expect(booking.json.code).toBe('hold_expired');
  });

  it('accepts webcal:// as https://, and DELETE removes the calendar and its busy time', async () => {
    const webcal = await c.api('PUT', busyPath(), { url: 'webcal://calendar.invalid/x.ics' });
    expect(webcal.status, JSON.stringify(webcal.json)).toBe(200);
    expect(webcal.json).toMatchObject({ configured: true, host: 'calendar.invalid', events: 0 });
    expect(webcal.json.lastError).toEqual(expect.any(String));
    await c.api('PUT', busyPath(), { url: feed.url });
    expect(await publicStarts('2027-03-30')).not.toEqual(expected('2027-03-30', []));
    const removed = await c.api('DELETE', busyPath());
    expect(removed.status).toBe(204);
    expect(await publicStarts('2027-03-30')).toEqual(expected('2027-03-30', []));
    expect((await c.api('GET', busyPath())).json).toMatchObject({ configured: false, events: 0 });
    expect((await c.api('DELETE', busyPath())).status).toBe(404);
    expect((await c.api('POST', `${busyPath()}/refresh`)).status).toBe(404);
    expect((await c.api('PUT', '/practitioners/pr_nobody/busy-calendar', { url: feed.url })).status).toBe(404);
    expect((await c.api('PUT', busyPath(), { url: 'ftp://example.com/x.ics' })).json.code).toBe('validation_failed');

    // Archiving the practitioner removes their calendar's address and busy time too.
    await c.api('PUT', busyPath(), { url: feed.url });
    expect((await c.api('DELETE', `/practitioners/${c.pr.anna}`)).status).toBe(204);
    expect(await t.store.db.selectFrom('busy_calendars').selectAll().execute()).toEqual([]);
    expect(await t.store.db.selectFrom('busy_times').selectAll().execute()).toEqual([]);
  });

  it('the background reader reads due calendars once between processes, then about 15 minutes later', async () => {
    await c.api('PUT', busyPath(), { url: feed.url });
    // The same database and key file as the app's (the sealed address opens with it).
    const config = testConfig({ ...t.database.config, allowPrivateUrls: true });
    // Two processes' pollers on one database: the one that claims a calendar reads it.
    const other = t.database.open();
    const a = new BusyCalendarPoller({ store: t.store, clock: t.clock, config }, silentLogger);
    const b = new BusyCalendarPoller({ store: other, clock: t.clock, config }, silentLogger);
    try {
      expect(await a.runOnce()).toEqual({ read: 0, failed: 0 }); // just read by the PUT
      const before = feed.requests.length;
      t.clock.advance(18 * 60_000);
      const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
      expect(ra.read + rb.read).toBe(1);
      expect(feed.requests.length).toBe(before + 1);
      expect(await a.runOnce()).toEqual({ read: 0, failed: 0 });
    } finally {
      await other.close();
    }
  });
});

describe('busy calendar addresses (SSRF)', () => {
  it('refuses loopback, private and local addresses unless TIDBOK_ALLOW_PRIVATE_URLS is set', async () => {
    const strict = await createTestContext({ now: NOW, config: { allowPrivateUrls: false } });
    try {
      const s = await seedCalendarClinic(strict, 'strikt');
      for (const url of [
        feed.url, // http, and loopback
        feed.url.replace('http://', 'https://'),
        'https://localhost/x.ics',
        'https://10.0.0.8/x.ics',
        'https://169.254.169.254/latest/meta-data',
        'https://[::1]/x.ics',
        'https://[::ffff:127.0.0.1]/x.ics',
        'webcal://192.168.1.1/x.ics',
      ]) {
        const res = await s.api('PUT', `/practitioners/${s.pr.anna}/busy-calendar`, { url });
        expect(res.status, url).toBe(400);
        expect(res.json.code).toBe('validation_failed');
      }
      expect(feed.requests).toHaveLength(0);
      expect(await strict.store.db.selectFrom('busy_calendars').selectAll().execute()).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});

// Keeps the helper honest: the local dates above are Tuesdays.
it('test dates are Tuesdays', () => {
  for (const date of TUESDAYS) expect(new Date(`${date}T12:00:00Z`).getUTCDay()).toBe(2);
  expect(addLocalDays('2027-03-23', 7)).toBe('2027-03-30');
});
