/**
 * `npm run bench`: runs every benchmark suite and prints one markdown table. Each suite is a
 * module in this folder exporting a `BenchSuite` (see `row.ts`); add later ones (hold + book per
 * second, bundle sizes, scale) to `SUITES`. `npm run bench -- <id> …` runs only those suites.
 *
 * Exits 1 when a figure misses its budget, so the table can gate a release.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { httpSlotsSuite } from './http-slots.js';
import type { BenchRow, BenchSuite } from './row.js';
import { slotEngineSuite } from './slot-engine.js';

const SUITES: readonly BenchSuite[] = [slotEngineSuite, httpSlotsSuite];

function table(rows: readonly BenchRow[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  const verdict = (row: BenchRow) => (row.withinBudget === null ? '' : row.withinBudget ? 'ok' : '**MISSED**');
  return [
    '| Benchmark | Result | Budget | |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${[row.name, row.result, row.budget || '—', verdict(row)].map(escape).join(' | ')} |`),
  ].join('\n');
}

async function main(args: readonly string[]) {
  const unknown = args.filter((id) => !SUITES.some((suite) => suite.id === id));
  if (unknown.length > 0) {
    console.error(`Unknown suite(s): ${unknown.join(', ')}. Known: ${SUITES.map((s) => s.id).join(', ')}`);
    return 2;
  }
  const chosen = args.length === 0 ? SUITES : SUITES.filter((suite) => args.includes(suite.id));
  const rows: BenchRow[] = [];
  for (const suite of chosen) {
    // Suites run one after another: concurrent suites would measure each other.
    rows.push(...(await suite.run()));
  }
  // The machine's state belongs with the figures: a busy machine makes every row slower.
  const [load1] = loadavg();
  console.log(
    `Tidbok benchmarks — Node ${process.version}, ${process.platform}/${process.arch}, ` +
      `${availableParallelism()} × ${cpus()[0]?.model.trim() ?? 'CPU'}, load average ${load1?.toFixed(2)} at the end\n`,
  );
  console.log(table(rows));
  return rows.some((row) => row.withinBudget === false) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
