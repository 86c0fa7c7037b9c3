/**
 * What every benchmark module in this folder gives the runner (`bench/run.ts`): a suite with an
 * id (to run it alone: `npm run bench -- <id>`) that measures and returns rows of the table.
 */
export interface BenchRow {
  name: string;
  /** The measured figure with its unit. */
  result: string;
  /** The budget as the issue states it; empty for a reference figure. */
  budget: string;
  /** null for a reference figure that has no budget of its own. */
  withinBudget: boolean | null;
}

export interface BenchSuite {
  id: string;
  run(): Promise<BenchRow[]>;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no samples');
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export const formatMs = (ms: number) => `${ms < 1 ? ms.toFixed(3) : ms.toFixed(2)} ms`;
