import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './app.js';
import { systemClock } from './clock.js';
import { testConfig } from './config.js';
import { type BookableClinic, seedBookableClinic } from './fixtures.js';
import { openSqliteStore } from './store/store.js';
import { listen } from './testing.js';

/**
 * A real Tidbok server for the browser tests: a temp SQLite file, the system clock (the
 * browser's clock is real too), rate limits off, and every origin of the test runner allowed
 * per clinic. `seed` creates a fresh clinic for each test so tests never share state.
 */
export async function startBrowserTestServer() {
  const dir = mkdtempSync(join(tmpdir(), 'tidbok-browser-'));
  const store = openSqliteStore({ file: join(dir, 'tidbok.db') });
  await store.migrate();
  const config = testConfig({ dbFile: join(dir, 'tidbok.db'), rateLimitPerMinute: 0 });
  const deps = { store, clock: systemClock, config };
  const app = createApp(deps);
  const server = await listen(app);
  let counter = 0;
  return {
    url: server.url,
    async seed(options: { origin: string; locale?: 'sv' | 'en'; firstDay?: number; days?: number }): Promise<BookableClinic & { apiUrl: string }> {
      counter += 1;
      const clinic = await seedBookableClinic(deps, { slug: `c${counter}-${Date.now().toString(36)}`, ...options });
      const row = await store.db.selectFrom('clinics').select(['id', 'settings']).where('slug', '=', clinic.slug).executeTakeFirstOrThrow();
      const settings = JSON.parse(row.settings) as Record<string, unknown>;
      await store.db
        .updateTable('clinics')
        .set({ settings: JSON.stringify({ ...settings, allowedOrigins: [options.origin] }) })
        .where('id', '=', row.id)
        .execute();
      return { ...clinic, apiUrl: server.url };
    },
    /**
     * Busy time from a practitioner's own calendar, stored as a read of that calendar stores it
     * (busy-calendar/refresh.ts): the calendar's drawing of it without a calendar server.
     */
    async addBusyTime(b: { slug: string; practitionerId: string; start: string; end: string; title?: string | null }): Promise<string> {
      const clinic = await store.db.selectFrom('clinics').select('id').where('slug', '=', b.slug).executeTakeFirstOrThrow();
      const id = `bz_test${(counter += 1)}`;
      await store.db
        .insertInto('busy_times')
        .values({
          id,
          clinic_id: clinic.id,
          practitioner_id: b.practitionerId,
          start_ms: Date.parse(b.start),
          end_ms: Date.parse(b.end),
          title: b.title ?? null,
        })
        .execute();
      return id;
    },
    /**
     * Ends the clinic's staff sessions as time would: their expiry moves to now, so the next
     * request with one answers `token_expired` (the server's clock is the system's here).
     */
    async expireStaffSessions({ slug }: { slug: string }): Promise<number> {
      const clinic = await store.db.selectFrom('clinics').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
      const result = await store.db
        .updateTable('staff_sessions')
        .set({ expires_at: Date.now() })
        .where('clinic_id', '=', clinic.id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async stop() {
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
