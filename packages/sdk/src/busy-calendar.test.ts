import { describe, expect, it } from 'vitest';
import { practitionerPerTest } from './test-practitioner.js';

const p = practitionerPerTest();

// The reading itself is tested in the server (server/src/busy-calendar); here the SDK's calls
// against a real server that keeps the default outbound rules (no private addresses).
describe('busy calendars against a real server', () => {
  it('sets, reads the status of, refreshes and removes a practitioner calendar', async () => {
    expect(await p.admin.practitioners.busyCalendar(p.anna)).toEqual({
      configured: false,
      host: null,
      showTitles: false,
      lastFetchedAt: null,
      lastCheckedAt: null,
      lastError: null,
      events: 0,
    });
    await expect(p.admin.practitioners.setBusyCalendar(p.anna, { url: 'https://127.0.0.1/private.ics' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(p.admin.practitioners.refreshBusyCalendar(p.anna)).rejects.toMatchObject({ code: 'not_found' });

    // Saved even though it cannot be read (the name does not resolve); the status says why.
    const saved = await p.admin.practitioners.setBusyCalendar(p.anna, { url: 'webcal://calendar.invalid/basic.ics', showTitles: true });
    expect(saved).toMatchObject({ configured: true, host: 'calendar.invalid', showTitles: true, lastFetchedAt: null, events: 0 });
    expect(saved.lastError).toEqual(expect.any(String));
    await expect(p.admin.practitioners.refreshBusyCalendar(p.anna)).rejects.toMatchObject({ code: 'calendar_unreachable', status: 502 });

    await p.admin.practitioners.removeBusyCalendar(p.anna);
    expect((await p.admin.practitioners.busyCalendar(p.anna)).configured).toBe(false);
    await expect(p.admin.practitioners.removeBusyCalendar(p.anna)).rejects.toMatchObject({ code: 'not_found' });
  });
});
