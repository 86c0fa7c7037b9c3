import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TidbokAdmin } from './admin-client.js';
import type { Served } from './test-support.js';
import { serveWithPractitioner } from './test-practitioner.js';

let s: Served;
let admin: TidbokAdmin;
let anna: string;

beforeEach(async () => {
  ({ s, admin, anna } = await serveWithPractitioner());
});
afterEach(async () => {
  await s.close();
});

/** The feed as a calendar app fetches it (the URL names the configured public address; the path is what counts). */
const fetchFeed = (url: string) => fetch(`${s.url}${new URL(url).pathname}`);

describe('calendar feeds against a real server', () => {
  it('makes an address calendar apps can fetch, a new one that replaces it, and ends it', async () => {
    expect(await admin.practitioners.calendarFeed(anna)).toEqual({ active: false, createdAt: null });
    const first = await admin.practitioners.createCalendarFeed(anna);
    expect(first.url).toMatch(/\/feeds\/cal_[A-Za-z0-9_-]{43}\.ics$/);
    const served = await fetchFeed(first.url);
    expect(served.status).toBe(200);
    expect(await served.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(await admin.practitioners.calendarFeed(anna)).toEqual({ active: true, createdAt: first.createdAt });

    const second = await admin.practitioners.createCalendarFeed(anna);
    expect(second.url).not.toBe(first.url);
    expect((await fetchFeed(first.url)).status).toBe(404);

    await admin.practitioners.revokeCalendarFeed(anna);
    expect((await fetchFeed(second.url)).status).toBe(404);
    expect((await admin.practitioners.calendarFeed(anna)).active).toBe(false);
    await expect(admin.practitioners.createCalendarFeed('pr_missing')).rejects.toMatchObject({ code: 'not_found' });
  });
});
