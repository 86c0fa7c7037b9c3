/**
 * The server the HTTP benchmarks load, run as a child process of the bench runner so that the
 * load generator (autocannon, in the runner) and the server never share an event loop.
 *
 * Bundled by scripts/bench.mjs to `.tmp/bench/server-process.mjs` and started by `http.ts`. It
 * seeds a temp SQLite file (the production store: WAL, synchronous=FULL, foreign keys), serves
 * the real app on 127.0.0.1:<free port> with the silent logger, and prints ONE JSON line on
 * stdout (`ServerInfo`) once it is listening. It exits when its stdin closes (the runner ended,
 * however it ended) or on SIGTERM, removing its temp folder.
 *
 * Two clinics:
 * - `dense`: 5 practitioners, each with the slot engine benchmark's calendar (8 working-time
 *   blocks and 6 bookings a day, 45-minute treatment on a 15-minute grid) for 31 days.
 * - `holdbook`: 50 practitioners × 60 days of one 9-hour working-time block a day and no
 *   bookings, so that hold + book loops always find free times (12 × 45 minutes a block).
 *
 * The clock stands still the day before the dense month, so notice and horizon cut nothing off
 * (holds last 10 minutes of that clock, so none expires during the run).
 *
 * PostgreSQL (the `postgres` suite): with `TIDBOK_BENCH_DATABASE_URL` the store is that database
 * (a schema of the runner's, through `search_path`) instead of the temp SQLite file; with
 * `TIDBOK_BENCH_SEED=no` the process seeds nothing and serves what another process seeded, so
 * several server processes share one database. Its line then carries no clinic data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve as serve_ } from '@hono/node-server';
import { sql } from 'kysely';
import { createApp } from '../server/src/app.js';
import { ManualClock } from '../server/src/clock.js';
import { configFromEnv } from '../server/src/config.js';
import { silentLogger } from '../server/src/logger.js';
import type { Deps } from '../server/src/services/deps.js';
import { openStore } from '../server/src/store/open-store.js';
import { bookingRow, DAY, insertMany, MINUTE, seedCatalogue, workingTimeRow } from './seed.js';
import { denseMonth } from './slot-engine.js';
import {
  DENSE_PRACTITIONERS,
  HOLDBOOK_BLOCK,
  HOLDBOOK_DAYS,
  HOLDBOOK_DURATION_MINUTES,
  HOLDBOOK_FIRST_DAY,
  HOLDBOOK_PRACTITIONERS,
  NOW,
  type ServerInfo,
} from './server-info.js';

async function main() {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'tidbok-bench-'));
  const file = join(dir, 'tidbok.db');
  // The production configuration path, with public-write rate limiting off (the load is one
  // machine) and X-Forwarded-For trusted, so each load loop counts as its own client address.
  const config = configFromEnv({
    TIDBOK_DB: file,
    TIDBOK_RATE_LIMIT: '0',
    TIDBOK_TRUST_PROXY: '1',
    HOST: '127.0.0.1',
    PORT: '0',
  });
  const databaseUrl = process.env.TIDBOK_BENCH_DATABASE_URL?.trim() || null;
  const seed = process.env.TIDBOK_BENCH_SEED !== 'no';
  const store = openStore({ dbFile: file, databaseUrl });
  let cleaned = false;
  const cleanUp = () => {
    if (cleaned) return;
    cleaned = true;
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', cleanUp);
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => process.exit(0));
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();

  const clock = new ManualClock(Date.parse(NOW));
  const deps: Deps = { store, clock, config };
  const now = clock.now();
  const serve = (info: Omit<ServerInfo, 'url' | 'pid' | 'seedMs'>) => {
    const app = createApp({ store, clock, config, logger: silentLogger });
    const server = serve_({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (address: AddressInfo) => {
      const line: ServerInfo = { url: `http://127.0.0.1:${address.port}`, pid: process.pid, seedMs: Math.round(performance.now() - started), ...info };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    });
    server.on('error', (error) => {
      console.error(error);
      process.exit(1);
    });
  };

  if (databaseUrl) {
    const setting = async (name: string) => {
      const { rows } = await sql<{ value: string }>`select current_setting(${name}) as value`.execute(store.db);
      return rows[0]?.value ?? '?';
    };
    const durability = {
      synchronous: `synchronous_commit=${await setting('synchronous_commit')}, fsync=${await setting('fsync')}`,
      journalMode: `PostgreSQL ${await setting('server_version')}`,
    };
    const none = { slug: '', treatmentTypeId: '', practitionerIds: [] };
    if (seed) await store.migrate();
    serve({ ...durability, dense: none, holdbook: seed ? await seedHoldBook(deps, now) : none });
    return;
  }

  await store.migrate();

  // The dense clinic.
  const month = denseMonth();
  const dense = await seedCatalogue(deps, {
    slug: 'dense',
    practitioners: DENSE_PRACTITIONERS,
    durationMinutes: month.treatmentType.durationMinutes,
  });
  let n = 0;
  await store.write(async (trx) => {
    for (const p of dense.practitionerIds) {
      await insertMany(
        trx,
        'working_times',
        month.workingTimes.map((w) => workingTimeRow(`wt_bench_${n++}`, dense, p, w.start, w.end, now)),
      );
      await insertMany(
        trx,
        'bookings',
        month.busy.map((b) => bookingRow(`bk_bench_${n++}`, dense, p, b.start, b.end, now)),
      );
    }
  });

  const holdbook = await seedHoldBook(deps, now);

  const pragma = async (name: string) => {
    const { rows } = await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(store.db);
    return String(Object.values(rows[0] ?? {})[0]);
  };
  const synchronousCode = await pragma('synchronous');
  const synchronous = ({ '0': 'OFF', '1': 'NORMAL', '2': 'FULL', '3': 'EXTRA' } as Record<string, string>)[synchronousCode] ?? synchronousCode;
  const journalMode = await pragma('journal_mode');

  serve({
    synchronous,
    journalMode,
    dense: { slug: dense.clinic.slug, treatmentTypeId: dense.treatmentTypeId, practitionerIds: dense.practitionerIds },
    holdbook,
  });
}

/**
 * The hold + book clinic: free time only. Its hourly cap of holds per network is lifted: every
 * load loop is one address making hundreds of holds a minute, which a real clinic's cap refuses.
 */
async function seedHoldBook(deps: Deps, now: number) {
  const holdbook = await seedCatalogue(deps, {
    slug: 'holdbook',
    practitioners: HOLDBOOK_PRACTITIONERS,
    durationMinutes: HOLDBOOK_DURATION_MINUTES,
    settings: { holdsPerNetworkPerHour: 1_000_000 },
  });
  const firstDay = Date.parse(`${HOLDBOOK_FIRST_DAY}T00:00:00Z`);
  let n = 0;
  await deps.store.write(async (trx) => {
    const rows = [];
    for (const p of holdbook.practitionerIds) {
      for (let d = 0; d < HOLDBOOK_DAYS; d++) {
        const start = firstDay + d * DAY + HOLDBOOK_BLOCK.startMinute * MINUTE;
        rows.push(workingTimeRow(`wt_hb_${n++}`, holdbook, p, start, start + HOLDBOOK_BLOCK.minutes * MINUTE, now));
      }
    }
    await insertMany(trx, 'working_times', rows);
  });
  return { slug: holdbook.clinic.slug, treatmentTypeId: holdbook.treatmentTypeId, practitionerIds: holdbook.practitionerIds };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
