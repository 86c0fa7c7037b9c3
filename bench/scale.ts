/**
 * Scale: 200 practitioners × one year of bookings in one SQLite file, against the same clinic
 * with an empty bookings table.
 *
 * Seeding: the real migrations (`openSqliteStore(...).migrate()`), the catalogue through the
 * services, then working time, clients and bookings straight into the file with better-sqlite3:
 * prepared statements, one transaction per table (bookings: one per practitioner), production
 * pragmas (WAL, synchronous=FULL, foreign keys on) and the overlap triggers (migrations 0001 and
 * 0006) in place, so every booked row is checked as the server would have it checked.
 *
 * Calendar: every weekday of 2027 (UTC), two blocks 07:00–11:00 and 12:00–16:00, six 45-minute
 * bookings a day on the 15-minute grid, 1 in 20 of them cancelled; 5,000 clients. ≈ 312,000 bookings.
 *
 * The first practitioner's bookings go in oldest first, the others newest first. Before
 * migration 0006 the trigger's search had no lower bound on start_ms, so oldest first re-read all
 * of a practitioner's earlier bookings for each new one (quadratic, ~6,000 rows/s here); with the
 * 50-hour window both orders read a few rows.
 *
 * Measured (interleaved, so machine load hits both alike): `listSlots` (the service behind
 * GET …/slots) for one practitioner and one week, p50 of ≥ 200 calls, on the full file and on a
 * copy taken before the bookings went in. Budget: full ≤ 1.5 × empty.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SqliteDatabase from 'better-sqlite3';
import { ManualClock } from '../server/src/clock.js';
import { configFromEnv } from '../server/src/config.js';
import { requireClinic } from '../server/src/services/clinics.js';
import type { Deps } from '../server/src/services/deps.js';
import { listSlots } from '../server/src/services/slots.js';
import { clearReadCaches } from '../server/src/store/read-cache.js';
import { openSqliteStore, type Store } from '../server/src/store/store.js';
import { type BenchRow, type BenchSuite, formatMs, percentile } from './row.js';
import { DAY, MINUTE, seedCatalogue, type SeededClinic } from './seed.js';

export const SCALE_RATIO_BUDGET = 1.5;
const PRACTITIONERS = 200;
const CLIENTS = 5_000;
const YEAR_START = Date.parse('2027-01-01T00:00:00Z');
const DAYS = 365;
const BLOCKS: readonly (readonly [startMinute: number, minutes: number])[] = [
  [7 * 60, 240],
  [12 * 60, 240],
];
/** Minutes after midnight UTC of the day's six bookings; shifted 15 minutes on odd (practitioner + day). */
const BOOKINGS = [7 * 60, 7 * 60 + 45, 9 * 60 + 30, 12 * 60, 13 * 60 + 30, 14 * 60 + 15];
const DURATION_MINUTES = 45;
const NOW = '2027-07-01T06:00:00Z';
const WEEK = { from: '2027-07-05', to: '2027-07-11' };
const WARMUP = 50;
const RUNS = 300;
const WIDE_RUNS = 40;

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;

function weekdays(): number[] {
  const days: number[] = [];
  for (let d = 0; d < DAYS; d++) {
    const day = YEAR_START + d * DAY;
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
}

interface SeedReport {
  workingTimes: number;
  bookings: number;
  booked: number;
  /** The first practitioner, oldest booking first. */
  chronological: { rows: number; ms: number };
  /** Every other practitioner, newest booking first. */
  newestFirst: { rows: number; ms: number };
  seedMs: number;
}

/** Working time and clients into `file` (already migrated, catalogue in place). */
function seedWorkingTime(file: string, seeded: SeededClinic, now: number): number {
  const db = new SqliteDatabase(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const insert = db.prepare(
      `insert into working_times (id, clinic_id, practitioner_id, start_ms, end_ms, treatment_type_ids, location_id, created_at)
       values (?, ?, ?, ?, ?, null, null, ?)`,
    );
    const insertClient = db.prepare(
      `insert into clients (id, clinic_id, name, email, email_norm, phone, personal_number, is_test, created_at, updated_at)
       values (?, ?, ?, ?, ?, null, null, 0, ?, ?)`,
    );
    let rows = 0;
    db.transaction(() => {
      for (const p of seeded.practitionerIds) {
        for (const day of weekdays()) {
          for (const [startMinute, minutes] of BLOCKS) {
            const start = day + startMinute * MINUTE;
            insert.run(id('wt'), seeded.clinic.id, p, start, start + minutes * MINUTE, now);
            rows++;
          }
        }
      }
      for (let c = 0; c < CLIENTS; c++) {
        const email = `client${c}@example.com`;
        insertClient.run(id('cli'), seeded.clinic.id, `Klient ${c}`, email, email, now, now);
      }
    })();
    return rows;
  } finally {
    db.close();
  }
}

/** The bookings: one transaction per practitioner. */
function seedBookings(file: string, seeded: SeededClinic, now: number): Omit<SeedReport, 'workingTimes' | 'seedMs'> {
  const db = new SqliteDatabase(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const clientIds = (db.prepare('select id from clients where clinic_id = ?').pluck().all(seeded.clinic.id) as string[]).slice(0, CLIENTS);
    const insert = db.prepare(
      `insert into bookings (id, clinic_id, practitioner_id, treatment_type_id, location_id, client_id, status, start_ms, end_ms,
         note, late_cancellation, confirmation, source, manage_token_hash, paid_amount_cents, paid_currency, paid_method,
         paid_at, receipt_number, cancelled_at, created_at, updated_at)
       values (?, ?, ?, ?, null, ?, ?, ?, ?, '', 0, 'email', 'public', null, null, null, null, null, null, ?, ?, ?)`,
    );
    const days = weekdays();
    let bookings = 0;
    let booked = 0;
    const report = { chronological: { rows: 0, ms: 0 }, newestFirst: { rows: 0, ms: 0 } };
    seeded.practitionerIds.forEach((p, pi) => {
      const rows: [start: number, cancelled: boolean][] = [];
      days.forEach((day, di) => {
        const shift = (pi + di) % 2 === 1 ? 15 : 0;
        BOOKINGS.forEach((minute, bi) => {
          rows.push([day + (minute + shift) * MINUTE, (pi * 7 + di * 6 + bi) % 20 === 0]);
        });
      });
      const chronological = pi === 0;
      if (!chronological) rows.reverse();
      const started = performance.now();
      db.transaction(() => {
        for (const [start, cancelled] of rows) {
          const client = clientIds[(pi * 31 + bookings) % clientIds.length]!;
          insert.run(
            id('bk'),
            seeded.clinic.id,
            p,
            seeded.treatmentTypeId,
            client,
            cancelled ? 'cancelled' : 'booked',
            start,
            start + DURATION_MINUTES * MINUTE,
            cancelled ? now : null,
            now,
            now,
          );
          bookings++;
          if (!cancelled) booked++;
        }
      })();
      const ms = performance.now() - started;
      const into = chronological ? report.chronological : report.newestFirst;
      into.rows += rows.length;
      into.ms += ms;
    });
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { bookings, booked, ...report };
  } finally {
    db.close();
  }
}

/** p50/p99 of `listSlots` on two stores, called alternately. */
async function interleavedSlots(
  a: { deps: Deps; slug: string },
  b: { deps: Deps; slug: string },
  query: { treatmentTypeId: string; from: string; to: string; practitionerId?: string },
  runs: number,
) {
  const clinicA = await requireClinic(a.deps, a.slug);
  const clinicB = await requireClinic(b.deps, b.slug);
  const once = async (deps: Deps, clinic: typeof clinicA) => {
    // The server keeps answers until the next write (read-cache.ts); this measures the reading
    // and computing behind one, as after a write.
    clearReadCaches(deps.store);
    const started = performance.now();
    const result = await listSlots(deps, clinic, query, 'public');
    return { ms: performance.now() - started, slots: result.slots.length };
  };
  const warmup = Math.min(WARMUP, runs);
  for (let i = 0; i < warmup; i++) {
    await once(a.deps, clinicA);
    await once(b.deps, clinicB);
  }
  const ta: number[] = [];
  const tb: number[] = [];
  let slotsA = 0;
  let slotsB = 0;
  for (let i = 0; i < runs; i++) {
    const first = i % 2 === 0;
    const x = first ? await once(a.deps, clinicA) : null;
    const y = await once(b.deps, clinicB);
    const x2 = first ? x! : await once(a.deps, clinicA);
    ta.push(x2.ms);
    tb.push(y.ms);
    slotsA = x2.slots;
    slotsB = y.slots;
  }
  ta.sort((p, q) => p - q);
  tb.sort((p, q) => p - q);
  return {
    a: { p50: percentile(ta, 0.5), p99: percentile(ta, 0.99), slots: slotsA },
    b: { p50: percentile(tb, 0.5), p99: percentile(tb, 0.99), slots: slotsB },
  };
}

/**
 * One booking inserted at the end of a practitioner's history (the usual case: a new booking
 * is later than the old ones), rolled back each time: what the overlap trigger costs per
 * booking after a year, on the full and on the empty file.
 */
function insertAtEnd(file: string, seeded: SeededClinic, practitionerId: string, clientId: string | null, runs: number): number[] {
  const db = new SqliteDatabase(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    const client = clientId ?? (db.prepare('select id from clients where clinic_id = ? limit 1').pluck().get(seeded.clinic.id) as string);
    const insert = db.prepare(
      `insert into bookings (id, clinic_id, practitioner_id, treatment_type_id, location_id, client_id, status, start_ms, end_ms,
         note, late_cancellation, confirmation, source, created_at, updated_at)
       values (?, ?, ?, ?, null, ?, 'booked', ?, ?, '', 0, 'none', 'staff', 0, 0)`,
    );
    const start = Date.parse('2027-12-31T17:00:00Z');
    const times: number[] = [];
    for (let i = 0; i < runs + 20; i++) {
      db.exec('begin');
      const started = performance.now();
      insert.run(id('bk'), seeded.clinic.id, practitionerId, seeded.treatmentTypeId, client, start, start + DURATION_MINUTES * MINUTE);
      const ms = performance.now() - started;
      db.exec('rollback');
      if (i >= 20) times.push(ms);
    }
    return times.sort((p, q) => p - q);
  } finally {
    db.close();
  }
}

function sizeOf(file: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      bytes += statSync(file + suffix).size;
    } catch {
      // absent
    }
  }
  return bytes;
}

export const scaleSuite: BenchSuite = {
  id: 'scale',
  async run(): Promise<BenchRow[]> {
    const dir = mkdtempSync(join(tmpdir(), 'tidbok-scale-'));
    const stores: Store[] = [];
    try {
      const started = performance.now();
      const fullFile = join(dir, 'full.db');
      const emptyFile = join(dir, 'empty.db');
      const clock = new ManualClock(Date.parse(NOW));
      const now = clock.now();
      const config = configFromEnv({ TIDBOK_DB: fullFile });

      const seedStore = openSqliteStore({ file: fullFile });
      await seedStore.migrate();
      const seeded = await seedCatalogue(
        { store: seedStore, clock, config },
        {
          slug: 'scale',
          practitioners: PRACTITIONERS,
          durationMinutes: DURATION_MINUTES,
        },
      );
      await seedStore.close();
      const workingTimes = seedWorkingTime(fullFile, seeded, now);
      // The empty file: the same clinic, practitioners, working time and clients, no bookings.
      const checkpoint = new SqliteDatabase(fullFile);
      checkpoint.pragma('wal_checkpoint(TRUNCATE)');
      checkpoint.close();
      copyFileSync(fullFile, emptyFile);
      const bookingReport = seedBookings(fullFile, seeded, now);
      const seedMs = performance.now() - started;
      const report: SeedReport = { workingTimes, seedMs, ...bookingReport };

      const open = (file: string) => {
        const store = openSqliteStore({ file });
        stores.push(store);
        return { deps: { store, clock, config: configFromEnv({ TIDBOK_DB: file }) } satisfies Deps, slug: 'scale' };
      };
      const full = open(fullFile);
      const empty = open(emptyFile);
      const practitionerId = seeded.practitionerIds[PRACTITIONERS / 2]!;
      const one = await interleavedSlots(empty, full, { treatmentTypeId: seeded.treatmentTypeId, ...WEEK, practitionerId }, RUNS);
      const wide = await interleavedSlots(empty, full, { treatmentTypeId: seeded.treatmentTypeId, ...WEEK }, WIDE_RUNS);
      for (const store of stores.splice(0)) await store.close();

      const insertFull = insertAtEnd(fullFile, seeded, practitionerId, null, 200);
      const insertEmpty = insertAtEnd(emptyFile, seeded, practitionerId, null, 200);

      const ratio = one.b.p50 / one.a.p50;
      const wideRatio = wide.b.p50 / wide.a.p50;
      const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
      const rate = (r: { rows: number; ms: number }) => `${Math.round(r.rows / (r.ms / 1000)).toLocaleString('en-US')} rows/s`;
      const projectedChronologicalS = (report.chronological.ms / 1000) * PRACTITIONERS;
      return [
        {
          name:
            `Scale seed: ${PRACTITIONERS} practitioners × 1 year (weekdays of 2027): ${report.bookings.toLocaleString('en-US')} bookings ` +
            `(${report.booked.toLocaleString('en-US')} booked), ${report.workingTimes.toLocaleString('en-US')} working times, ` +
            `${CLIENTS.toLocaleString('en-US')} clients; better-sqlite3, prepared statements, overlap trigger on`,
          result:
            `file ${mib(sizeOf(fullFile))} (empty-bookings copy ${mib(sizeOf(emptyFile))}); seeded in ${(report.seedMs / 1000).toFixed(1)} s; ` +
            `bookings newest first ${rate(report.newestFirst)}; oldest first ${rate(report.chronological)} ` +
            `(1 practitioner, ${report.chronological.rows} rows in ${(report.chronological.ms / 1000).toFixed(2)} s → ~${Math.round(projectedChronologicalS)} s for all ${PRACTITIONERS})`,
          budget: '',
          withinBudget: null,
        },
        {
          name: `Scale: listSlots, 1 practitioner × 1 week (${WEEK.from}…${WEEK.to}), full vs empty bookings, ${RUNS} interleaved calls each`,
          result:
            `full p50 ${formatMs(one.b.p50)} (p99 ${formatMs(one.b.p99)}, ${one.b.slots} slots) vs empty p50 ${formatMs(one.a.p50)} ` +
            `(p99 ${formatMs(one.a.p99)}, ${one.a.slots} slots) = ${ratio.toFixed(2)}×`,
          budget: `≤ ${SCALE_RATIO_BUDGET}× empty`,
          withinBudget: ratio <= SCALE_RATIO_BUDGET,
        },
        {
          name: `Scale: listSlots, all ${PRACTITIONERS} practitioners × 1 week, full vs empty (reference, ${WIDE_RUNS} calls each)`,
          result: `full p50 ${formatMs(wide.b.p50)} (${wide.b.slots} slots) vs empty p50 ${formatMs(wide.a.p50)} (${wide.a.slots} slots) = ${wideRatio.toFixed(2)}×`,
          budget: '',
          withinBudget: null,
        },
        {
          name: 'Scale: one booking INSERT at the end of a practitioner’s year (overlap trigger), full vs empty (reference, 200 runs, rolled back)',
          result: `full p50 ${formatMs(percentile(insertFull, 0.5))} vs empty p50 ${formatMs(percentile(insertEmpty, 0.5))}`,
          budget: '',
          withinBudget: null,
        },
      ];
    } finally {
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
