/**
 * Benchmark of the slot engine on a dense month: one practitioner, 31 days, 8 working-time blocks
 * of 45–60 minutes a day and 6 bookings a day; treatment 45 minutes on a 15-minute grid.
 * Budget: p50 <= 1 ms (see the slot engine's brief).
 *
 * The calendar is fixed (no randomness, no clock reading when building it), so runs compare.
 */
import { performance } from 'node:perf_hooks';
import { computeSlots } from '../packages/core/src/slots/index.js';
import type { BusyInterval, ComputeSlotsInput, SlotWorkingTime } from '../packages/core/src/slots/index.js';
import { type BenchSuite, formatMs, percentile } from './row.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
const DAYS = 31;
const WARMUP_RUNS = 300;
const RUNS = 2000;

// Per day: blocks as [start minute after 07:00 UTC, length]; gaps of 10–15 minutes between them.
const BLOCKS: readonly (readonly [number, number])[] = [
  [0, 60],
  [70, 45],
  [125, 60],
  [195, 45],
  [255, 60],
  [325, 45],
  [385, 60],
  [455, 60],
];
// Six 45-minute bookings a day, each inside one block, some at its start and some a grid step in.
const BOOKINGS: readonly (readonly [block: number, offset: number])[] = [
  [0, 0],
  [1, 0],
  [3, 0],
  [4, 15],
  [6, 0],
  [7, 15],
];

export function denseMonth(): ComputeSlotsInput {
  const firstDay = Date.parse('2027-05-03T00:00:00Z');
  const workingTimes: SlotWorkingTime[] = [];
  const busy: BusyInterval[] = [];
  for (let day = 0; day < DAYS; day++) {
    const dayStart = firstDay + day * DAY + 7 * 60 * MINUTE;
    for (const [offset, length] of BLOCKS) {
      workingTimes.push({
        practitionerId: 'pr_bench',
        start: dayStart + offset * MINUTE,
        end: dayStart + (offset + length) * MINUTE,
        treatmentTypeIds: null,
        locationId: 'loc_bench',
      });
    }
    for (const [block, offset] of BOOKINGS) {
      const start = dayStart + (BLOCKS[block]![0] + offset) * MINUTE;
      busy.push({ practitionerId: 'pr_bench', start, end: start + 45 * MINUTE });
    }
  }
  return {
    now: firstDay - DAY,
    from: firstDay,
    to: firstDay + DAYS * DAY,
    treatmentType: { id: 'tt_bench', durationMinutes: 45 },
    practitioners: [{ id: 'pr_bench', treatmentTypeIds: ['tt_bench'] }],
    workingTimes,
    busy,
    rules: { slotIntervalMinutes: 15, minNoticeHours: 2, horizonDays: 60 },
  };
}

export async function benchSlotEngine(): Promise<{ name: string; p50Ms: number; p99Ms: number; runs: number }> {
  const input = denseMonth();
  let sink = 0; // keeps the engine's work observable so it cannot be optimised away
  for (let i = 0; i < WARMUP_RUNS; i++) sink += computeSlots(input).length;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    sink += computeSlots(input).length;
    times.push(performance.now() - started);
  }
  if (sink === 0) throw new Error('slot engine benchmark: the dense month offered no slots');
  times.sort((a, b) => a - b);
  return { name: 'slot engine, 1 practitioner x 31 days dense', p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), runs: RUNS };
}

/** Budget from issue 3: the engine answers a dense month in at most 1 ms at the median. */
export const SLOT_ENGINE_BUDGET_P50_MS = 1;

export const slotEngineSuite: BenchSuite = {
  id: 'slot-engine',
  async run() {
    const { p50Ms, p99Ms, runs } = await benchSlotEngine();
    return [
      {
        name: `slot engine: 1 practitioner × 31 days, 8 blocks + 6 bookings a day (${runs} runs)`,
        result: `p50 ${formatMs(p50Ms)} · p99 ${formatMs(p99Ms)}`,
        budget: `p50 ≤ ${SLOT_ENGINE_BUDGET_P50_MS} ms`,
        withinBudget: p50Ms <= SLOT_ENGINE_BUDGET_P50_MS,
      },
    ];
  },
};
