/**
 * `npm run bench`: runs every benchmark suite and prints one markdown table. Each suite is a
 * module in this folder exporting a `BenchSuite` (see `row.ts`).
 *
 *   npm run bench                      every suite
 *   npm run bench -- http scale        only those suites (ids: slot-engine, http, embed, scale, postgres)
 *   npm run bench -- --strict          exit 1 when a figure misses its budget
 *
 * By default a missed budget is printed as MISSED and the exit code stays 0: the figures come
 * from shared, noisy machines and are reported, not enforced (docs/design.md, Budgets). A suite that
 * fails to run at all is a row saying so, and always makes the exit code 1.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { embedSuite } from './embed.js';
import { httpSuite } from './http.js';
import { postgresSuite } from './postgres.js';
import type { BenchRow, BenchSuite } from './row.js';
import { scaleSuite } from './scale.js';
import { slotEngineSuite } from './slot-engine.js';

const SUITES: readonly BenchSuite[] = [slotEngineSuite, httpSuite, embedSuite, scaleSuite, postgresSuite];

function table(rows: readonly BenchRow[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  const verdict = (row: BenchRow) => (row.withinBudget === null ? '' : row.withinBudget ? 'ok' : '**MISSED**');
  return [
    '| Benchmark | Result | Budget | |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${[row.name, row.result, row.budget || '—', verdict(row)].map(escape).join(' | ')} |`),
  ].join('\n');
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

async function main(argv: readonly string[]) {
  const strict = argv.includes('--strict');
  const args = argv.filter((a) => a !== '--strict');
  const unknown = args.filter((id) => !SUITES.some((suite) => suite.id === id));
  if (unknown.length > 0) {
    console.error(`Unknown suite(s): ${unknown.join(', ')}. Known: ${SUITES.map((s) => s.id).join(', ')}; flag: --strict`);
    return 2;
  }
  const chosen = args.length === 0 ? SUITES : SUITES.filter((suite) => args.includes(suite.id));
  const loadBefore = load();
  const started = performance.now();
  const rows: BenchRow[] = [];
  let broken = false;
  for (const suite of chosen) {
    // Suites run one after another: concurrent suites would measure each other.
    const suiteStarted = performance.now();
    try {
      rows.push(...(await suite.run()));
    } catch (error) {
      broken = true;
      console.error(`suite ${suite.id} failed:`, error);
      rows.push({
        name: `${suite.id}: did not run`,
        result: error instanceof Error ? error.message.split('\n')[0]! : String(error),
        budget: '',
        withinBudget: null,
      });
    }
    console.error(`  (${suite.id}: ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s)`);
  }
  // The machine's state belongs with the figures: a busy machine makes every row slower.
  console.log(
    `Tidbok benchmarks — Node ${process.version}, ${process.platform}/${process.arch}, ` +
      `${availableParallelism()} × ${cpus()[0]?.model.trim() ?? 'CPU'}; load average (1/5/15 min) ${loadBefore} before, ` +
      `${load()} after; ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );
  console.log(table(rows));
  const missed = rows.filter((row) => row.withinBudget === false);
  if (missed.length > 0) console.log(`\n${missed.length} budget(s) missed${strict ? '' : ' (reported, not enforced; --strict makes this exit 1)'}.`);
  return broken || (strict && missed.length > 0) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
