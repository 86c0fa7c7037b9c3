import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSlots } from './compute-slots.js';
import type { BusyInterval, ComputeSlotsInput, Slot, SlotWorkingTime } from './compute-slots.js';

// Random calendars over one day starting at a fixed instant (the night Stockholm springs forward,
// though only instants matter here). No seed is fixed; fast-check prints one on failure.
const BASE = Date.parse('2027-03-28T00:00:00Z');
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const SPAN_MINUTES = 24 * 60;
const NUM_RUNS = 300;

const PRACTITIONER_IDS = ['pr_a', 'pr_b', 'pr_c'] as const;
const TREATMENT_IDS = ['tt_1', 'tt_2', 'tt_3'] as const;
const LOCATION_IDS = ['loc_1', 'loc_2'] as const;

// Mostly on a five-minute grid, so blocks of one practitioner often share grid starts (dedupe).
const instant = fc
  .oneof(
    { arbitrary: fc.integer({ min: 0, max: SPAN_MINUTES / 5 }).map((fives) => fives * 5), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: SPAN_MINUTES }), weight: 1 },
  )
  .map((minutes) => BASE + minutes * MINUTE);

const workingTime: fc.Arbitrary<SlotWorkingTime> = fc
  .record({
    // 'pr_x' is never in the practitioner list: its blocks must be ignored.
    practitionerId: fc.oneof({ arbitrary: fc.constantFrom(...PRACTITIONER_IDS), weight: 5 }, { arbitrary: fc.constant('pr_x'), weight: 1 }),
    start: instant,
    lengthMinutes: fc.integer({ min: 0, max: 8 * 60 }),
    treatmentTypeIds: fc.option(fc.subarray([...TREATMENT_IDS]), { nil: null, freq: 2 }),
    locationId: fc.option(fc.constantFrom(...LOCATION_IDS), { nil: null }),
  })
  .map(({ lengthMinutes, ...rest }) => ({ ...rest, end: rest.start + lengthMinutes * MINUTE }));

const busyInterval: fc.Arbitrary<BusyInterval> = fc
  .record({
    practitionerId: fc.constantFrom(...PRACTITIONER_IDS),
    start: instant,
    lengthMinutes: fc.integer({ min: 0, max: 3 * 60 }),
  })
  .map(({ lengthMinutes, ...rest }) => ({ ...rest, end: rest.start + lengthMinutes * MINUTE }));

const minutesFromBase = (arbitrary: fc.Arbitrary<number>) => arbitrary.map((minutes) => BASE + minutes * MINUTE);

// Weighted towards inputs that offer something (a wide range, a clock before the calendar, a long
// horizon); uniform choices alone leave most runs with no slots at all.
const slotInput: fc.Arbitrary<ComputeSlotsInput> = fc
  .record({
    now: minutesFromBase(
      fc.oneof({ arbitrary: fc.integer({ min: -24 * 60, max: 0 }), weight: 3 }, { arbitrary: fc.integer({ min: -24 * 60, max: SPAN_MINUTES }), weight: 1 }),
    ),
    from: minutesFromBase(fc.oneof({ arbitrary: fc.constant(-60), weight: 2 }, { arbitrary: fc.integer({ min: -60, max: SPAN_MINUTES }), weight: 1 })),
    rangeMinutes: fc.oneof(
      { arbitrary: fc.constant(SPAN_MINUTES + 8 * 60), weight: 2 },
      { arbitrary: fc.integer({ min: 0, max: SPAN_MINUTES + 8 * 60 }), weight: 1 },
    ),
    treatmentType: fc.record({ id: fc.constantFrom(...TREATMENT_IDS), durationMinutes: fc.integer({ min: 1, max: 150 }) }),
    practitioners: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom(...PRACTITIONER_IDS),
        treatmentTypeIds: fc.oneof({ arbitrary: fc.constant([...TREATMENT_IDS]), weight: 1 }, { arbitrary: fc.subarray([...TREATMENT_IDS]), weight: 1 }),
      }),
      { selector: (practitioner) => practitioner.id, minLength: 2, maxLength: PRACTITIONER_IDS.length },
    ),
    workingTimes: fc.array(workingTime, { minLength: 2, maxLength: 8, size: 'medium' }),
    busy: fc.array(busyInterval, { maxLength: 16, size: 'medium' }),
    rules: fc.record({
      slotIntervalMinutes: fc.constantFrom(5, 7, 10, 15, 20, 30, 45, 60),
      minNoticeHours: fc.constantFrom(0, 0.5, 1, 2, 24),
      horizonDays: fc.oneof({ arbitrary: fc.constant(3), weight: 3 }, { arbitrary: fc.constantFrom(0, 0.5, 1, 2), weight: 1 }),
    }),
    locationId: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.constantFrom(null, ...LOCATION_IDS), weight: 1 }),
    applyMinNotice: fc.constantFrom(undefined, true, false),
  })
  .map(({ rangeMinutes, ...rest }) => ({ ...rest, to: rest.from + rangeMinutes * MINUTE }));

// Overlapping blocks of one practitioner on a shared quarter-hour grid, at different locations:
// the random calendars above rarely offer one start from two blocks, so dedupe gets its own input.
const overlappingBlocksInput: fc.Arbitrary<ComputeSlotsInput> = fc
  .record({
    workingTimes: fc.array(
      fc
        .record({
          quarter: fc.integer({ min: 0, max: 16 }),
          lengthQuarters: fc.integer({ min: 1, max: 24 }),
          locationId: fc.constantFrom(null, ...LOCATION_IDS),
        })
        .map(({ quarter, lengthQuarters, locationId }) => ({
          practitionerId: 'pr_a',
          start: BASE + quarter * 15 * MINUTE,
          end: BASE + (quarter + lengthQuarters) * 15 * MINUTE,
          treatmentTypeIds: null,
          locationId,
        })),
      { minLength: 2, maxLength: 5 },
    ),
    busy: fc.array(busyInterval, { maxLength: 3 }),
    slotIntervalMinutes: fc.constantFrom(15, 30, 45),
    durationMinutes: fc.constantFrom(15, 30, 45, 60),
  })
  .map(({ workingTimes, busy, slotIntervalMinutes, durationMinutes }) => ({
    now: BASE - DAY,
    from: BASE - HOUR,
    to: BASE + DAY,
    treatmentType: { id: 'tt_1', durationMinutes },
    practitioners: [{ id: 'pr_a', treatmentTypeIds: ['tt_1'] }],
    workingTimes,
    busy,
    rules: { slotIntervalMinutes, minNoticeHours: 0, horizonDays: 3 },
  }));

/** Does block W of the practitioner offer the treatment, and pass the location filter? */
function blockApplies(input: ComputeSlotsInput, block: SlotWorkingTime): boolean {
  const practitioner = input.practitioners.find((p) => p.id === block.practitionerId);
  if (practitioner === undefined) return false;
  if (input.locationId != null && block.locationId !== input.locationId) return false;
  return (block.treatmentTypeIds ?? practitioner.treatmentTypeIds).includes(input.treatmentType.id);
}

function blockHasStart(input: ComputeSlotsInput, block: SlotWorkingTime, start: number): boolean {
  const duration = input.treatmentType.durationMinutes * MINUTE;
  const step = input.rules.slotIntervalMinutes * MINUTE;
  return block.start <= start && start + duration <= block.end && (start - block.start) % step === 0;
}

function isFree(input: ComputeSlotsInput, practitionerId: string, start: number): boolean {
  const end = start + input.treatmentType.durationMinutes * MINUTE;
  // Half-open [start, end): an empty busy interval contains no instant and blocks nothing.
  return !input.busy.some((b) => b.practitionerId === practitionerId && b.start < b.end && b.start < end && start < b.end);
}

function isInWindow(input: ComputeSlotsInput, start: number): boolean {
  const noticeOk = input.applyMinNotice === false || input.now + input.rules.minNoticeHours * HOUR <= start;
  return noticeOk && start <= input.now + input.rules.horizonDays * DAY && input.from <= start && start < input.to;
}

/**
 * The rules read literally, one minute at a time: every minute of every day, every practitioner,
 * every block. Slow and obviously right; the engine must agree with it exactly.
 */
function referenceSlots(input: ComputeSlotsInput): Slot[] {
  const slots: Slot[] = [];
  const first = BASE - DAY;
  const last = BASE + SPAN_MINUTES * MINUTE + DAY;
  for (let start = first; start <= last; start += MINUTE) {
    if (!isInWindow(input, start)) continue;
    for (const practitioner of input.practitioners) {
      let chosen: { block: SlotWorkingTime; index: number } | undefined;
      input.workingTimes.forEach((block, index) => {
        if (block.practitionerId !== practitioner.id || !blockApplies(input, block) || !blockHasStart(input, block, start)) return;
        const better = chosen === undefined || block.start < chosen.block.start || (block.start === chosen.block.start && block.end < chosen.block.end);
        if (better) chosen = { block, index };
      });
      if (chosen === undefined || !isFree(input, practitioner.id, start)) continue;
      slots.push({
        start,
        end: start + input.treatmentType.durationMinutes * MINUTE,
        practitionerId: practitioner.id,
        locationId: chosen.block.locationId,
      });
    }
  }
  return slots.sort((a, b) => a.start - b.start || (a.practitionerId < b.practitionerId ? -1 : a.practitionerId > b.practitionerId ? 1 : 0));
}

describe('computeSlots properties', () => {
  it('offers only starts that every rule allows, once each, in order', () => {
    fc.assert(
      fc.property(slotInput, (input) => {
        const slots = computeSlots(input);
        const seen = new Set<string>();
        for (const [i, slot] of slots.entries()) {
          expect(slot.end).toBe(slot.start + input.treatmentType.durationMinutes * MINUTE);
          expect(isInWindow(input, slot.start)).toBe(true);
          expect(isFree(input, slot.practitionerId, slot.start)).toBe(true);
          const source = input.workingTimes.find(
            (block) =>
              block.practitionerId === slot.practitionerId &&
              block.locationId === slot.locationId &&
              blockApplies(input, block) &&
              blockHasStart(input, block, slot.start),
          );
          expect(source).toBeDefined();
          const key = `${slot.practitionerId} ${slot.start}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
          const previous = slots[i - 1];
          if (previous !== undefined) {
            expect(previous.start < slot.start || (previous.start === slot.start && previous.practitionerId < slot.practitionerId)).toBe(true);
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('offers exactly what a minute-by-minute reading of the rules offers', () => {
    fc.assert(
      fc.property(slotInput, (input) => {
        expect(computeSlots(input)).toEqual(referenceSlots(input));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('gives a start offered by overlapping blocks the location of the earliest block', () => {
    fc.assert(
      fc.property(overlappingBlocksInput, (input) => {
        expect(computeSlots(input)).toEqual(referenceSlots(input));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('does not depend on the order of busy intervals or practitioners', () => {
    fc.assert(
      fc.property(slotInput, (input) => {
        const reordered = { ...input, busy: [...input.busy].reverse(), practitioners: [...input.practitioners].reverse() };
        expect(computeSlots(reordered)).toEqual(computeSlots(input));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
