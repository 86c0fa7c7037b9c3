import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { testConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { type CalendarClinic, seedCalendarClinic } from '../testing-calendar.js';
import { createTestContext, listen, OPERATOR_TOKEN, type TestContext } from '../testing.js';

// The clock stands at Monday 2027-03-01 09:00 in Stockholm. Clocks there go forward on Sunday
// 2027-03-28 (02:00 CET becomes 03:00 CEST), so 10:00 is 09:00Z before it and 08:00Z after.
const BEFORE_DST = '2027-03-26T09:00:00Z';
const AFTER_DST = '2027-03-30T08:00:00Z';

let t: TestContext;
let c: CalendarClinic;
let http: Awaited<ReturnType<typeof listen>>;
let lines: string[];

/** The app as a server runs it (real HTTP, a logger that keeps every line), on the test's database. */
async function serve(rateLimitPerMinute = 0) {
  const logger: Logger = {
    info: (message, fields) => lines.push(JSON.stringify({ message, ...fields })),
    error: (message, fields) => lines.push(JSON.stringify({ message, ...fields })),
  };
  const app = createApp({
    store: t.store,
    clock: t.clock,
    logger,
    config: testConfig({ ...t.database.config, operatorToken: OPERATOR_TOKEN, rateLimitPerMinute, publicUrl: 'https://tidbok.example' }),
  });
  return listen(app);
}

beforeEach(async () => {
  lines = [];
  t = await createTestContext();
  c = await seedCalendarClinic(t);
  http = await serve();
});
afterEach(async () => {
  await http.close();
  await t.close();
});

async function call(method: string, path: string, token = c.token, body?: unknown) {
  const res = await fetch(`${http.url}${c.admin}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function must(method: string, path: string, body?: unknown) {
  const res = await call(method, path, c.token, body);
  expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
  return res.json;
}

const book = (start: string, extra: Record<string, unknown> = {}) =>
  must('POST', '/bookings', { client: { name: 'Klient Ett' }, treatmentTypeId: c.tt.talk, practitionerId: c.pr.anna, start, ...extra });

/** Makes Anna's feed; answers the path to fetch it by (the URL names the configured public address). */
async function newFeed(practitionerId = c.pr.anna) {
  const made = await must('POST', `/practitioners/${practitionerId}/calendar-feed`);
  expect(made.url).toMatch(/^https:\/\/tidbok\.example\/feeds\/cal_[A-Za-z0-9_-]{43}\.ics$/);
  return new URL(made.url).pathname;
}

const fetchFeed = (path: string, headers: Record<string, string> = {}) => fetch(`${http.url}${path}`, { headers });

interface Entry {
  uid: string;
  summary: string;
  start: string;
  end: string;
  startLocal: string;
  tzid: string | undefined;
  sequence: number;
}

/** The feed as a calendar app reads it: ical.js, with times resolved through the feed's VTIMEZONE. */
function parse(text: string): Entry[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      startLocal: event.startDate.toString(),
      tzid: event.startDate.zone?.tzid,
      sequence: event.sequence,
    };
  });
}

describe('a practitioner’s calendar feed', () => {
  it('holds their bookings and activities at the right times across the DST change, with UIDs that stay', async () => {
    const before = await book(BEFORE_DST);
    const after = await book(AFTER_DST, { locationId: c.loc.room1 });
    const activity = await must('POST', '/activities', {
      practitionerId: c.pr.anna,
      title: 'Handledning; grupp, B\\2',
      start: '2027-03-29T12:00:00Z',
      end: '2027-03-29T13:00:00Z',
    });
    await book('2027-03-26T09:00:00Z', { practitionerId: c.pr.bo }); // Bo's: not in Anna's feed
    const cancelled = await book('2027-03-31T08:00:00Z');
    expect((await call('POST', `/bookings/${cancelled.id}/cancel`, c.token, {})).status).toBe(200);

    const path = await newFeed();
    const res = await fetchFeed(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, max-age=300');
    const text = await res.text();
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n');

    const entries = parse(text);
    expect(entries.map((e) => e.uid)).toEqual([`${before.id}@tidbok`, `${activity.id}@tidbok`, `${after.id}@tidbok`]);
    const [first, middle, last] = entries as [Entry, Entry, Entry];
    expect(first).toMatchObject({ start: '2027-03-26T09:00:00.000Z', end: '2027-03-26T10:00:00.000Z', tzid: 'Europe/Stockholm' });
    expect(first.startLocal).toBe('2027-03-26T10:00:00');
    expect(last).toMatchObject({ start: '2027-03-30T08:00:00.000Z', end: '2027-03-30T09:00:00.000Z', tzid: 'Europe/Stockholm' });
    expect(last.startLocal).toBe('2027-03-30T10:00:00');
    expect(middle.summary).toBe('Handledning; grupp, B\\2');
    expect(first.summary).toBe('Samtal – Bokad');
    expect(text).toContain('LOCATION:Rum 1');

    // Fetched again: the same entries under the same UIDs, the same bytes.
    const again = await fetchFeed(path);
    expect(await again.text()).toBe(text);
    expect(again.headers.get('etag')).toBe(res.headers.get('etag'));

    // A moved booking keeps its UID; its SEQUENCE grows.
    t.clock.advance(60_000);
    await must('PATCH', `/bookings/${after.id}`, { start: '2027-03-30T09:00:00Z' });
    const moved = parse(await (await fetchFeed(path)).text()).find((e) => e.uid === `${after.id}@tidbok`)!;
    expect(moved.start).toBe('2027-03-30T09:00:00.000Z');
    expect(moved.sequence).toBeGreaterThan(last.sequence);
  });

  it('leaves clients’ names out unless the clinic turns them on', async () => {
    await book(BEFORE_DST);
    const path = await newFeed();
    const hidden = await (await fetchFeed(path)).text();
    expect(hidden).not.toContain('Klient');
    expect(parse(hidden)[0]!.summary).toBe('Samtal – Bokad');

    expect((await must('GET', '/settings')).booking.calendarFeedClientNames).toBe(false);
    await must('PATCH', '/settings', { booking: { calendarFeedClientNames: true } });
    expect(parse(await (await fetchFeed(path)).text())[0]!.summary).toBe('Samtal – Klient Ett');

    await must('PATCH', '/settings', { locale: 'en', booking: { calendarFeedClientNames: false } });
    expect(parse(await (await fetchFeed(path)).text())[0]!.summary).toBe('Samtal – Booked');
  });

  it('answers 304 to its own ETag, and a new one once something changed', async () => {
    await book(BEFORE_DST);
    const path = await newFeed();
    const first = await fetchFeed(path);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);

    const same = await fetchFeed(path, { 'if-none-match': etag });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe('');
    expect(same.headers.get('etag')).toBe(etag);
    expect(same.headers.get('cache-control')).toBe('private, max-age=300');
    expect((await fetchFeed(path, { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);

    await book(AFTER_DST);
    const changed = await fetchFeed(path, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(parse(await changed.text())).toHaveLength(2);
  });

  it('stops answering at the old address when a new one is made, and at any once removed', async () => {
    expect(await must('GET', `/practitioners/${c.pr.anna}/calendar-feed`)).toEqual({ active: false, createdAt: null });
    const old = await newFeed();
    expect((await fetchFeed(old)).status).toBe(200);
    const status = await must('GET', `/practitioners/${c.pr.anna}/calendar-feed`);
    expect(status).toEqual({ active: true, createdAt: '2027-03-01T08:00:00Z' });
    expect(JSON.stringify(status)).not.toContain('cal_');

    const current = await newFeed();
    expect(current).not.toBe(old);
    const gone = await fetchFeed(old);
    expect(gone.status).toBe(404);
    expect((await gone.json()).code).toBe('not_found');
    expect((await fetchFeed(current)).status).toBe(200);

    expect((await call('DELETE', `/practitioners/${c.pr.anna}/calendar-feed`)).status).toBe(204);
    expect((await fetchFeed(current)).status).toBe(404);
    expect((await must('GET', `/practitioners/${c.pr.anna}/calendar-feed`)).active).toBe(false);

    // The database holds hashes only.
    const rows = await t.store.db.selectFrom('calendar_feeds').selectAll().execute();
    expect(rows).toEqual([]);
    const again = await newFeed();
    const [row] = await t.store.db.selectFrom('calendar_feeds').selectAll().execute();
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(again).not.toContain(row!.token_hash);
  });

  it('ends with its practitioner', async () => {
    const path = await newFeed();
    expect((await call('DELETE', `/practitioners/${c.pr.anna}`)).status).toBe(204);
    expect((await fetchFeed(path)).status).toBe(404);
  });

  it('is made by an admin or by the practitioner themselves only', async () => {
    const anna = (await must('POST', '/staff', { name: 'Anna Lind', role: 'practitioner', practitionerId: c.pr.anna })).token;
    expect((await call('POST', `/practitioners/${c.pr.anna}/calendar-feed`, anna)).status).toBe(201);
    expect((await call('GET', `/practitioners/${c.pr.anna}/calendar-feed`, anna)).status).toBe(200);
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await call(method, `/practitioners/${c.pr.bo}/calendar-feed`, anna);
      expect(res.status, method).toBe(403);
      expect(res.json.code).toBe('forbidden');
    }
    expect((await call('POST', `/practitioners/${c.pr.bo}/calendar-feed`)).status).toBe(201);
    expect((await call('POST', '/practitioners/pr_missing/calendar-feed')).status).toBe(404);
    expect((await call('POST', `/practitioners/${c.pr.anna}/calendar-feed`, 'not-a-token')).status).toBe(401);
  });

  it('never writes its secret to the request log', async () => {
    const path = await newFeed();
    const token = path.slice('/feeds/'.length, -'.ics'.length);
    await fetchFeed(path);
    await fetchFeed(path.replace('.ics', 'x.ics'));
    await fetchFeed(`/feeds/${token}`);
    await fetchFeed(`/%66eeds/${token}.ics`);
    const feedLines = lines.filter((line) => line.includes('"path":"/feeds/:file"'));
    expect(feedLines.map((line) => JSON.parse(line).status)).toEqual([200, 404, 404, 200]);
    for (const line of lines) expect(line).not.toContain(token.slice(4, 20));
  });

  it('is rate limited per address', async () => {
    await http.close();
    http = await serve(2);
    const path = await newFeed();
    expect((await fetchFeed(path)).status).toBe(200);
    expect((await fetchFeed('/feeds/cal_unknown.ics')).status).toBe(404);
    const refused = await fetchFeed(path);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await refused.json()).code).toBe('rate_limited');
  });
});
