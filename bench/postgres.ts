/**
 * Hold + book on PostgreSQL: `VISITORS` concurrent loops of POST …/holds → POST …/bookings, each
 * loop a visitor address of its own, on practitioners of their own (slot k is practitioner
 * k mod 50), against one server process and then against two processes on the same database.
 * Budget: ≥ 500 bookings/s with no 5xx on one process, and two processes at least as fast as one.
 *
 * The database: `TIDBOK_BENCH_DATABASE_URL`, else `TIDBOK_TEST_DATABASE_URL` (so
 * `bash scripts/with-test-postgres.sh npm run bench -- postgres` works); the suite makes a schema
 * of its own there and drops it afterwards. Without either, the suite says so in a row and
 * measures nothing. The row names the server's durability settings (synchronous_commit, fsync):
 * the test script's throwaway server runs without fsync, which a production server must not.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { cpuMsOf, HOLD_BOOK_BUDGET_PER_S, HOLD_BOOK_S, HOLD_BOOK_WARMUP_S, holdBook, type HoldBookResult, holdBookSlots, startServer } from './http.js';
import { type BenchRow, type BenchSuite, formatMs, percentile } from './row.js';
import { HOLDBOOK_PRACTITIONERS } from './server-info.js';

const VISITORS = 16;

async function admin(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Write system calls a process has made (`syscw` of /proc/<pid>/io); null where it cannot be read. */
function writesOf(pid: number): number | null {
  try {
    const match = /^syscw: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Sum of `read(pid)` over `pids` between two readings; null if any reading is missing. */
function spentBy(before: (number | null)[], after: (number | null)[]): number | null {
  if (before.some((b) => b === null) || after.some((a) => a === null) || before.length !== after.length) return null;
  return after.reduce<number>((sum, a, i) => sum + a! - before[i]!, 0);
}

/** PostgreSQL's processes (backends and its own workers), when the server runs on this machine. */
async function postgresPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where pid <> pg_backend_pid()');
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

interface Measured extends HoldBookResult {
  /** Tidbok's CPU per booking, ms (all server processes together). */
  cpuMs: number | null;
  /** Tidbok's write system calls per booking: HTTP answers and statements sent to PostgreSQL. */
  writes: number | null;
  /** PostgreSQL's CPU per booking, ms (its processes that lived through the run), when local. */
  postgresMs: number | null;
  /** Transactions PostgreSQL committed per booking (pg_stat_database). */
  commits: number | null;
}

async function commitsOf(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ n: string }>('select xact_commit::text as n from pg_stat_database where datname = current_database()');
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/**
 * CPU and system calls per booking over a run: Tidbok's server processes (`pids`) and, when
 * PostgreSQL runs on this machine, its processes too. PostgreSQL's transaction counter is
 * updated a little after each commit, so `commits` is approximate.
 */
async function measured(url: string, pids: number[], run: () => Promise<HoldBookResult>): Promise<Measured> {
  const database = await postgresPids(url).catch(() => []);
  const cpuBefore = pids.map(cpuMsOf);
  const writesBefore = pids.map(writesOf);
  const pgBefore = database.map(cpuMsOf);
  const commitsBefore = await commitsOf(url).catch(() => null);
  const result = await run();
  const cpuAfter = pids.map(cpuMsOf);
  const writesAfter = pids.map(writesOf);
  const pgAfter = database.map(cpuMsOf);
  const commitsAfter = await commitsOf(url).catch(() => null);
  // A PostgreSQL process that ended during the run cannot be read afterwards: left out.
  const pgLived = database.map((_, i) => i).filter((i) => pgBefore[i] !== null && pgAfter[i] !== null);
  const per = (value: number | null) => (value === null || result.booked === 0 ? null : value / result.booked);
  return {
    ...result,
    cpuMs: per(spentBy(cpuBefore, cpuAfter)),
    writes: per(spentBy(writesBefore, writesAfter)),
    postgresMs:
      database.length === 0
        ? null
        : per(
            spentBy(
              pgLived.map((i) => pgBefore[i]!),
              pgLived.map((i) => pgAfter[i]!),
            ),
          ),
    commits: commitsBefore === null || commitsAfter === null ? null : per(commitsAfter - commitsBefore),
  };
}

function describe(hb: Measured): { perS: number; text: string; serverErrors: number } {
  const perS = hb.booked / hb.elapsedS;
  const failures = [...hb.failures].map(([key, n]) => `${key} × ${n}`).join(', ') || 'none';
  const serverErrors = [...hb.failures].filter(([key]) => / 5\d\d/.test(key)).reduce((sum, [, n]) => sum + n, 0);
  const cycles = [...hb.cycleMs].sort((x, y) => x - y);
  const p50 = percentile(cycles.length ? cycles : [Number.NaN], 0.5);
  return {
    perS,
    serverErrors,
    text:
      `${Math.round(perS).toLocaleString('en-US')} bookings/s (${hb.booked} booked; hold→booked p50 ${formatMs(p50)}; ` +
      `Tidbok CPU ${hb.cpuMs === null ? 'n/a' : `${hb.cpuMs.toFixed(2)} ms`}/booking` +
      `${hb.writes === null ? '' : `, ${hb.writes.toFixed(1)} write calls/booking`}` +
      `${hb.postgresMs === null ? '' : `; PostgreSQL CPU ${hb.postgresMs.toFixed(2)} ms/booking`}` +
      `${hb.commits === null ? '' : `, ${hb.commits.toFixed(1)} commits/booking`}; failures: ${failures})`,
  };
}

export const postgresSuite: BenchSuite = {
  id: 'postgres',
  async run(): Promise<BenchRow[]> {
    const base = process.env.TIDBOK_BENCH_DATABASE_URL?.trim() || process.env.TIDBOK_TEST_DATABASE_URL?.trim();
    if (!base) {
      return [
        {
          name: 'PostgreSQL hold + book',
          result: 'not measured: no PostgreSQL (set TIDBOK_BENCH_DATABASE_URL, or run `bash scripts/with-test-postgres.sh npm run bench -- postgres`)',
          budget: '',
          withinBudget: null,
        },
      ];
    }
    const schema = `bench_${randomBytes(5).toString('hex')}`;
    await admin(base, 'CREATE EXTENSION IF NOT EXISTS btree_gist');
    await admin(base, `CREATE SCHEMA ${schema}`);
    const url = new URL(base);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const env = { TIDBOK_BENCH_DATABASE_URL: url.toString() };
    const servers = [];
    try {
      const first = await startServer(env);
      servers.push(first);
      const { info } = first;
      const slots = holdBookSlots(info);
      const runId = Date.now().toString(36);

      await holdBook(info, slots, VISITORS, HOLD_BOOK_WARMUP_S, `${runId}w1`);
      const one = describe(await measured(url.toString(), [info.pid], () => holdBook(info, slots, VISITORS, HOLD_BOOK_S, `${runId}a`)));

      const second = await startServer({ ...env, TIDBOK_BENCH_SEED: 'no' });
      servers.push(second);
      const urls = [info.url, second.info.url];
      await holdBook(info, slots, VISITORS, HOLD_BOOK_WARMUP_S, `${runId}w2`, urls);
      const two = describe(await measured(url.toString(), [info.pid, second.info.pid], () => holdBook(info, slots, VISITORS, HOLD_BOOK_S, `${runId}b`, urls)));

      const setup = `${HOLD_BOOK_S} s, ${HOLDBOOK_PRACTITIONERS} practitioners free, ${info.journalMode}, ${info.synchronous}`;
      return [
        {
          name: `PostgreSQL hold + book: ${VISITORS} visitors at once on different practitioners, one server process (${setup})`,
          result: one.text,
          budget: `≥ ${HOLD_BOOK_BUDGET_PER_S} bookings/s, no 5xx`,
          withinBudget: one.perS >= HOLD_BOOK_BUDGET_PER_S && one.serverErrors === 0,
        },
        {
          name: `PostgreSQL hold + book: the same ${VISITORS} visitors over two server processes on one database (loops alternate between them)`,
          result: `${two.text}; ${(two.perS / one.perS).toFixed(2)} × one process`,
          budget: '≥ one process, no 5xx',
          withinBudget: two.perS >= one.perS && two.serverErrors === 0,
        },
      ];
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
      await admin(base, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  },
};
