import { describe, expect, it } from 'vitest';
import { practitionerPerTest } from './test-practitioner.js';

const p = practitionerPerTest();

/** The feed as a calendar app fetches it (the URL names the configured public address; the path is what counts). */
const fetchFeed = (url: string) => fetch(`${p.s.url}${new URL(url).pathname}`);

describe('calendar feeds against a real server', () => {
  it('makes an address calendar apps can fetch, a new one that replaces it, and ends it', async () => {
    expect(await p.admin.practitioners.calendarFeed(p.anna)).toEqual({ active: false, createdAt: null });
    const first = await p.admin.practitioners.createCalendarFeed(p.anna);
    expect(first.url).toMatch(/\/feeds\/cal_[A-Za-z0-9_-]{43}\.ics$/);
    const served = await fetchFeed(first.url);
    expect(served.status).toBe(200);
    expect(await served.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(await p.admin.practitioners.calendarFeed(p.anna)).toEqual({ active: true, createdAt: first.createdAt });

    const second = await p.admin.practitioners.createCalendarFeed(p.anna);
    expect(second.url).not.toBe(first.url);
    expect((await fetchFeed(first.url)).status).toBe(404);

    await p.admin.practitioners.revokeCalendarFeed(p.anna);
    expect((await fetchFeed(second.url)).status).toBe(404);
    expect((await p.admin.practitioners.calendarFeed(p.anna)).active).toBe(false);
    await expect(p.admin.practitioners.createCalendarFeed('pr_missing')).rejects.toMatchObject({ code: 'not_found' });
  });
});
