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

/** Server CPU (all of `pids`) per booking over a run, in ms; null where /proc is not there. */
async function measured(pids: number[], run: () => Promise<HoldBookResult>): Promise<HoldBookResult & { cpuMs: number | null }> {
  const before = pids.map(cpuMsOf);
  const result = await run();
  const after = pids.map(cpuMsOf);
  const spent = before.every((b) => b !== null) && after.every((a) => a !== null) ? after.reduce((sum, a, i) => sum + a! - before[i]!, 0) : null;
  return { ...result, cpuMs: spent === null || result.booked === 0 ? null : spent / result.booked };
}

function describe(hb: HoldBookResult & { cpuMs: number | null }): { perS: number; text: string; serverErrors: number } {
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
      `Tidbok CPU ${hb.cpuMs === null ? 'n/a' : `${hb.cpuMs.toFixed(2)} ms`}/booking; failures: ${failures})`,
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
      const one = describe(await measured([info.pid], () => holdBook(info, slots, VISITORS, HOLD_BOOK_S, `${runId}a`)));

      const second = await startServer({ ...env, TIDBOK_BENCH_SEED: 'no' });
      servers.push(second);
      const urls = [info.url, second.info.url];
      await holdBook(info, slots, VISITORS, HOLD_BOOK_WARMUP_S, `${runId}w2`, urls);
      const two = describe(await measured([info.pid, second.info.pid], () => holdBook(info, slots, VISITORS, HOLD_BOOK_S, `${runId}b`, urls)));

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
