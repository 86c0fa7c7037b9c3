/**
 * The slot engine: which starts can be offered for one treatment type (docs/design.md, "The rules
 * that make a slot", rules 1–4; rule 5 — module on, online-bookable — is the caller's). A pure
 * function: the clock, the rules and every interval are passed in; instants are epoch ms (UTC).
 */

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

export interface SlotRules {
  slotIntervalMinutes: number;
  minNoticeHours: number;
  horizonDays: number;
}

export interface SlotWorkingTime {
  practitionerId: string;
  start: number;
  end: number;
  /** Treatment types offered in this block; null means "whatever the practitioner offers". */
  treatmentTypeIds: readonly string[] | null;
  locationId: string | null;
}

export interface SlotPractitioner {
  id: string;
  treatmentTypeIds: readonly string[];
}

/** A `booked` booking or an unexpired hold; the caller has already filtered status and expiry. */
export interface BusyInterval {
  practitionerId: string;
  start: number;
  end: number;
}

export interface ComputeSlotsInput {
  now: number;
  /** Offer slots whose start `s` satisfies `from <= s < to`. */
  from: number;
  to: number;
  treatmentType: { id: string; durationMinutes: number };
  /** Only these practitioners are considered; other practitioners' times and busy are ignored. */
  practitioners: readonly SlotPractitioner[];
  workingTimes: readonly SlotWorkingTime[];
  busy: readonly BusyInterval[];
  rules: SlotRules;
  /** When a string, only working times at that location; null or absent means every location. */
  locationId?: string | null;
  /** Default true. Staff pass false to skip the minimum notice; the horizon applies to everyone. */
  applyMinNotice?: boolean;
}

export interface Slot {
  start: number;
  end: number;
  practitionerId: string;
  locationId: string | null;
}

/** One practitioner's busy time as disjoint intervals, sorted, so one scan answers "overlaps?". */
interface BusyTimeline {
  starts: number[];
  ends: number[];
}

const NO_BUSY: BusyTimeline = { starts: [], ends: [] };

/**
 * Every start that can be offered for `input.treatmentType`, sorted by start then practitioner id
 * (code-unit order, not locale order, so the result never depends on the machine).
 *
 * Each (practitioner, start) appears once. When overlapping working times of one practitioner
 * both offer a start, the slot carries the location of the block with the earliest start, then
 * the earliest end, then the first in `workingTimes` — the same input always gives the same output.
 */
export function computeSlots(input: ComputeSlotsInput): Slot[] {
  const { now, from, to, treatmentType, rules } = input;
  const stepMs = rules.slotIntervalMinutes * MS_PER_MINUTE;
  const durationMs = treatmentType.durationMinutes * MS_PER_MINUTE;
  // `!(x > 0)` also catches NaN: a zero or negative step would never advance.
  if (!(stepMs > 0) || !(durationMs > 0)) return [];

  // Rule 4: now + minNotice <= s <= now + horizon, intersected with the requested from <= s < to.
  const earliestStart = input.applyMinNotice === false ? from : Math.max(from, now + rules.minNoticeHours * MS_PER_HOUR);
  const latestStart = now + rules.horizonDays * MS_PER_DAY; // inclusive
  // Written as negations so a NaN clock or bound yields nothing rather than skipping rule 4.
  if (!(earliestStart <= latestStart) || !(earliestStart < to)) return [];

  // Rule 2, practitioner side: does P itself offer T? (First entry wins if an id repeats.)
  const offersByDefault = new Map<string, boolean>();
  for (const practitioner of input.practitioners) {
    if (!offersByDefault.has(practitioner.id)) {
      offersByDefault.set(practitioner.id, practitioner.treatmentTypeIds.includes(treatmentType.id));
    }
  }

  const location = input.locationId ?? null;
  const blocks: { block: SlotWorkingTime; order: number }[] = [];
  input.workingTimes.forEach((block, order) => {
    const offersByDefaultHere = offersByDefault.get(block.practitionerId);
    if (offersByDefaultHere === undefined) return;
    if (location !== null && block.locationId !== location) return;
    // Rule 2: the block's own list, where it has one, overrides the practitioner's.
    const offers = block.treatmentTypeIds === null ? offersByDefaultHere : block.treatmentTypeIds.includes(treatmentType.id);
    // Cheap necessary conditions for any start of this block to pass rules 1 and 4.
    const lastFit = block.end - durationMs;
    if (offers && lastFit >= block.start && lastFit >= earliestStart && block.start <= latestStart && block.start < to) {
      blocks.push({ block, order });
    }
  });
  if (blocks.length === 0) return [];
  // Generating in priority order (start, end, input order) makes the dedupe below keep the right
  // block: the stable sort by (start, practitioner) leaves equal keys in generation order.
  blocks.sort((a, b) => a.block.start - b.block.start || a.block.end - b.block.end || a.order - b.order);

  const timelines = buildTimelines(input.busy, offersByDefault);

  const slots: Slot[] = [];
  let sorted = true;
  let previous: Slot | undefined;
  for (const { block } of blocks) {
    const { starts, ends } = timelines.get(block.practitionerId) ?? NO_BUSY;
    const busyCount = starts.length;
    // Rule 1: s = W.start + k·step with k >= 0 and s + d <= W.end; plus rule 4 and from/to.
    const lastStart = Math.min(block.end - durationMs, latestStart);
    let k = earliestStart > block.start ? Math.ceil((earliestStart - block.start) / stepMs) : 0;
    let s = block.start + k * stepMs;
    // First busy interval that ends after s: the only one that can overlap [s, s + d) since the
    // timeline is disjoint and sorted (both starts and ends increase).
    let j = firstEndingAfter(ends, s);
    while (s <= lastStart && s < to) {
      while (j < busyCount && ends[j]! <= s) j++;
      if (j < busyCount && starts[j]! < s + durationMs) {
        // Rule 3 (half-open: touching is fine). Jump to the first grid start at or after the
        // busy interval's end instead of stepping through it.
        k = Math.max(k + 1, Math.ceil((ends[j]! - block.start) / stepMs));
      } else {
        const slot: Slot = { start: s, end: s + durationMs, practitionerId: block.practitionerId, locationId: block.locationId };
        if (previous !== undefined && compareSlots(previous, slot) > 0) sorted = false;
        slots.push(slot);
        previous = slot;
        k++;
      }
      s = block.start + k * stepMs;
    }
  }

  // Non-overlapping blocks of one practitioner already come out in order; skip the sort then.
  if (!sorted) slots.sort(compareSlots);
  return dropRepeatedStarts(slots);
}

function compareSlots(a: Slot, b: Slot): number {
  return a.start - b.start || (a.practitionerId < b.practitionerId ? -1 : a.practitionerId > b.practitionerId ? 1 : 0);
}

/** Keeps the first of each run of equal (start, practitioner): the highest-priority block's. */
function dropRepeatedStarts(slots: Slot[]): Slot[] {
  let kept = 0;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const last = kept > 0 ? slots[kept - 1]! : undefined;
    if (last !== undefined && last.start === slot.start && last.practitionerId === slot.practitionerId) continue;
    slots[kept++] = slot;
  }
  slots.length = kept;
  return slots;
}

/**
 * Busy intervals of the considered practitioners, sorted and merged into disjoint runs. An empty
 * interval (start >= end) is the empty set under half-open semantics and blocks nothing.
 */
function buildTimelines(busy: readonly BusyInterval[], practitioners: ReadonlyMap<string, boolean>): Map<string, BusyTimeline> {
  const byPractitioner = new Map<string, BusyInterval[]>();
  for (const interval of busy) {
    if (!(interval.start < interval.end) || !practitioners.has(interval.practitionerId)) continue;
    let list = byPractitioner.get(interval.practitionerId);
    if (list === undefined) byPractitioner.set(interval.practitionerId, (list = []));
    list.push(interval);
  }
  const timelines = new Map<string, BusyTimeline>();
  for (const [practitionerId, list] of byPractitioner) {
    list.sort((a, b) => a.start - b.start);
    const starts: number[] = [];
    const ends: number[] = [];
    for (const { start, end } of list) {
      const last = ends.length - 1;
      if (last >= 0 && start <= ends[last]!) {
        if (end > ends[last]!) ends[last] = end;
      } else {
        starts.push(start);
        ends.push(end);
      }
    }
    timelines.set(practitionerId, { starts, ends });
  }
  return timelines;
}

/** Index of the first entry of the ascending `ends` that is greater than `instant`. */
function firstEndingAfter(ends: readonly number[], instant: number): number {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ends[middle]! <= instant) low = middle + 1;
    else high = middle;
  }
  return low;
}
