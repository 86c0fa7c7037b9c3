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

// The reading itself is tested in the server (server/src/busy-calendar); here the SDK's calls
// against a real server that keeps the default outbound rules (no private addresses).
describe('busy calendars against a real server', () => {
  it('sets, reads the status of, refreshes and removes a practitioner calendar', async () => {
    expect(await admin.practitioners.busyCalendar(anna)).toEqual({
      configured: false,
      host: null,
      showTitles: false,
      lastFetchedAt: null,
      lastCheckedAt: null,
      lastError: null,
      events: 0,
    });
    await expect(admin.practitioners.setBusyCalendar(anna, { url: 'https://127.0.0.1/private.ics' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(admin.practitioners.refreshBusyCalendar(anna)).rejects.toMatchObject({ code: 'not_found' });

    // Saved even though it cannot be read (the name does not resolve); the status says why.
    const saved = await admin.practitioners.setBusyCalendar(anna, { url: 'webcal://calendar.invalid/basic.ics', showTitles: true });
    expect(saved).toMatchObject({ configured: true, host: 'calendar.invalid', showTitles: true, lastFetchedAt: null, events: 0 });
    expect(saved.lastError).toEqual(expect.any(String));
    await expect(admin.practitioners.refreshBusyCalendar(anna)).rejects.toMatchObject({ code: 'calendar_unreachable', status: 502 });

    await admin.practitioners.removeBusyCalendar(anna);
    expect((await admin.practitioners.busyCalendar(anna)).configured).toBe(false);
    await expect(admin.practitioners.removeBusyCalendar(anna)).rejects.toMatchObject({ code: 'not_found' });
  });
});
