import { describe, expect, it } from 'vitest';
import { localToInstant } from '../time/local-time.js';
import { computeSlots } from './compute-slots.js';
import type { BusyInterval, ComputeSlotsInput, Slot, SlotWorkingTime } from './compute-slots.js';

// Every instant below is fixed; local wall times are turned into instants with an explicit zone,
// so the table gives the same answer under any machine TZ.
const STOCKHOLM = 'Europe/Stockholm';

const at = (date: string, time: string, timeZone = STOCKHOLM) => localToInstant(date, time, timeZone);
const utc = (value: string) => Date.parse(value);

function block(
  practitionerId: string,
  date: string,
  start: string,
  end: string,
  options: { timeZone?: string; locationId?: string | null; treatmentTypeIds?: readonly string[] | null } = {},
): SlotWorkingTime {
  const timeZone = options.timeZone ?? STOCKHOLM;
  return {
    practitionerId,
    start: at(date, start, timeZone),
    end: at(date, end, timeZone),
    treatmentTypeIds: options.treatmentTypeIds ?? null,
    locationId: options.locationId ?? null,
  };
}

function busy(practitionerId: string, start: string, end: string): BusyInterval {
  return { practitionerId, start: utc(start), end: utc(end) };
}

/** A slot as one readable line: start (UTC), practitioner, location. */
const show = (slot: Slot) => `${new Date(slot.start).toISOString()} ${slot.practitionerId} ${slot.locationId ?? '-'} ${(slot.end - slot.start) / 60_000}min`;

const base: ComputeSlotsInput = {
  now: utc('2027-01-01T00:00:00Z'),
  from: utc('2027-01-01T00:00:00Z'),
  to: utc('2028-01-01T00:00:00Z'),
  treatmentType: { id: 'tt_massage', durationMinutes: 60 },
  practitioners: [
    { id: 'pr_anna', treatmentTypeIds: ['tt_massage'] },
    { id: 'pr_bo', treatmentTypeIds: ['tt_massage', 'tt_acu'] },
    { id: 'pr_cecilia', treatmentTypeIds: ['tt_acu'] },
  ],
  workingTimes: [],
  busy: [],
  rules: { slotIntervalMinutes: 30, minNoticeHours: 2, horizonDays: 365 },
};

interface SlotCase {
  name: string;
  input: Partial<ComputeSlotsInput>;
  expected: string[];
}

// Stockholm 2027-05-10 is CEST (+02:00): 09:00 local = 07:00Z.
const MAY_MORNING = block('pr_anna', '2027-05-10', '09:00', '12:00');

const cases: SlotCase[] = [
  {
    name: 'a block across the spring-forward gap offers starts 30 real minutes apart',
    // 01:00 CET (00:00Z) to 05:00 CEST (03:00Z): three real hours on the 23-hour day.
    input: {
      treatmentType: { id: 'tt_massage', durationMinutes: 30 },
      workingTimes: [block('pr_anna', '2027-03-28', '01:00', '05:00')],
    },
    expected: [
      '2027-03-28T00:00:00.000Z pr_anna - 30min', // 01:00 CET
      '2027-03-28T00:30:00.000Z pr_anna - 30min', // 01:30 CET
      '2027-03-28T01:00:00.000Z pr_anna - 30min', // 03:00 CEST
      '2027-03-28T01:30:00.000Z pr_anna - 30min',
      '2027-03-28T02:00:00.000Z pr_anna - 30min',
      '2027-03-28T02:30:00.000Z pr_anna - 30min', // 04:30 CEST, ends at 05:00
    ],
  },
  {
    name: 'a block across the fall-back overlap offers both occurrences of 02:00',
    // 01:00 CEST (23:00Z) to 04:00 CET (03:00Z): four real hours on the 25-hour day.
    input: {
      rules: { ...base.rules, slotIntervalMinutes: 60 },
      workingTimes: [block('pr_anna', '2027-10-31', '01:00', '04:00')],
    },
    expected: [
      '2027-10-30T23:00:00.000Z pr_anna - 60min', // 01:00 CEST
      '2027-10-31T00:00:00.000Z pr_anna - 60min', // 02:00 CEST
      '2027-10-31T01:00:00.000Z pr_anna - 60min', // 02:00 CET
      '2027-10-31T02:00:00.000Z pr_anna - 60min', // 03:00 CET
    ],
  },
  {
    name: 'a Kathmandu block keeps its grid at a quarter-hour offset',
    // 09:00–12:00 +05:45 is 03:15Z–06:15Z.
    input: {
      rules: { ...base.rules, slotIntervalMinutes: 45 },
      workingTimes: [block('pr_anna', '2027-05-10', '09:00', '12:00', { timeZone: 'Asia/Kathmandu' })],
    },
    expected: ['2027-05-10T03:15:00.000Z pr_anna - 60min', '2027-05-10T04:00:00.000Z pr_anna - 60min', '2027-05-10T04:45:00.000Z pr_anna - 60min'],
  },
  {
    name: 'an Adelaide block on the day DST ends covers four real hours',
    // 01:00 ACDT (+10:30) = 14:30Z to 04:00 ACST (+09:30) = 18:30Z.
    input: {
      rules: { ...base.rules, slotIntervalMinutes: 60 },
      workingTimes: [block('pr_anna', '2027-04-04', '01:00', '04:00', { timeZone: 'Australia/Adelaide' })],
    },
    expected: [
      '2027-04-03T14:30:00.000Z pr_anna - 60min',
      '2027-04-03T15:30:00.000Z pr_anna - 60min',
      '2027-04-03T16:30:00.000Z pr_anna - 60min',
      '2027-04-03T17:30:00.000Z pr_anna - 60min',
    ],
  },
  {
    name: 'an Adelaide block on the day DST starts covers two real hours',
    // 01:00 ACST (+09:30) = 15:30Z to 04:00 ACDT (+10:30) = 17:30Z.
    input: {
      rules: { ...base.rules, slotIntervalMinutes: 60 },
      workingTimes: [block('pr_anna', '2027-10-03', '01:00', '04:00', { timeZone: 'Australia/Adelaide' })],
    },
    expected: ['2027-10-02T15:30:00.000Z pr_anna - 60min', '2027-10-02T16:30:00.000Z pr_anna - 60min'],
  },
  {
    name: 'a New York block across the spring-forward gap covers three real hours',
    // 00:00 EST = 05:00Z to 04:00 EDT = 08:00Z.
    input: {
      rules: { ...base.rules, slotIntervalMinutes: 60 },
      workingTimes: [block('pr_anna', '2027-03-14', '00:00', '04:00', { timeZone: 'America/New_York' })],
    },
    expected: ['2027-03-14T05:00:00.000Z pr_anna - 60min', '2027-03-14T06:00:00.000Z pr_anna - 60min', '2027-03-14T07:00:00.000Z pr_anna - 60min'],
  },
  {
    name: 'a slot may touch a booking on either side',
    input: {
      workingTimes: [MAY_MORNING],
      busy: [busy('pr_anna', '2027-05-10T07:00:00Z', '2027-05-10T08:00:00Z'), busy('pr_anna', '2027-05-10T09:30:00Z', '2027-05-10T10:00:00Z')],
    },
    expected: ['2027-05-10T08:00:00.000Z pr_anna - 60min', '2027-05-10T08:30:00.000Z pr_anna - 60min'],
  },
  {
    name: 'a short booking blocks every start whose treatment would overlap it',
    input: { workingTimes: [MAY_MORNING], busy: [busy('pr_anna', '2027-05-10T08:10:00Z', '2027-05-10T08:20:00Z')] },
    expected: ['2027-05-10T07:00:00.000Z pr_anna - 60min', '2027-05-10T08:30:00.000Z pr_anna - 60min', '2027-05-10T09:00:00.000Z pr_anna - 60min'],
  },
  {
    name: 'overlapping and touching bookings block together',
    input: {
      workingTimes: [MAY_MORNING],
      busy: [
        busy('pr_anna', '2027-05-10T07:30:00Z', '2027-05-10T08:30:00Z'),
        busy('pr_anna', '2027-05-10T07:00:00Z', '2027-05-10T08:00:00Z'),
        busy('pr_anna', '2027-05-10T08:30:00Z', '2027-05-10T09:00:00Z'),
      ],
    },
    expected: ['2027-05-10T09:00:00.000Z pr_anna - 60min'],
  },
  {
    name: 'an empty busy interval blocks nothing',
    input: { workingTimes: [MAY_MORNING], busy: [busy('pr_anna', '2027-05-10T08:10:00Z', '2027-05-10T08:10:00Z')] },
    expected: [
      '2027-05-10T07:00:00.000Z pr_anna - 60min',
      '2027-05-10T07:30:00.000Z pr_anna - 60min',
      '2027-05-10T08:00:00.000Z pr_anna - 60min',
      '2027-05-10T08:30:00.000Z pr_anna - 60min',
      '2027-05-10T09:00:00.000Z pr_anna - 60min',
    ],
  },
  {
    name: "another practitioner's booking blocks nothing",
    input: { workingTimes: [MAY_MORNING], busy: [busy('pr_bo', '2027-05-10T00:00:00Z', '2027-05-11T00:00:00Z')] },
    expected: [
      '2027-05-10T07:00:00.000Z pr_anna - 60min',
      '2027-05-10T07:30:00.000Z pr_anna - 60min',
      '2027-05-10T08:00:00.000Z pr_anna - 60min',
      '2027-05-10T08:30:00.000Z pr_anna - 60min',
      '2027-05-10T09:00:00.000Z pr_anna - 60min',
    ],
  },
  {
    name: "a block's own treatment list overrides the practitioner's",
    input: {
      workingTimes: [
        block('pr_anna', '2027-05-10', '09:00', '10:00', { treatmentTypeIds: ['tt_acu'] }), // not massage here
        block('pr_anna', '2027-05-10', '10:00', '11:00'), // null: Anna's own list, which has massage
        block('pr_cecilia', '2027-05-10', '09:00', '10:00', { treatmentTypeIds: ['tt_massage', 'tt_acu'] }),
        block('pr_cecilia', '2027-05-10', '10:00', '11:00'), // null: Cecilia does not offer massage
      ],
    },
    expected: ['2027-05-10T07:00:00.000Z pr_cecilia - 60min', '2027-05-10T08:00:00.000Z pr_anna - 60min'],
  },
  {
    name: 'a practitioner who is not listed is not considered',
    input: {
      practitioners: [{ id: 'pr_anna', treatmentTypeIds: ['tt_massage'] }],
      workingTimes: [block('pr_bo', '2027-05-10', '09:00', '10:00'), block('pr_anna', '2027-05-10', '10:00', '11:00')],
    },
    expected: ['2027-05-10T08:00:00.000Z pr_anna - 60min'],
  },
  {
    name: 'a location filter keeps only working times at that location',
    input: {
      locationId: 'loc_north',
      workingTimes: [
        block('pr_anna', '2027-05-10', '09:00', '10:00', { locationId: 'loc_north' }),
        block('pr_anna', '2027-05-10', '10:00', '11:00', { locationId: 'loc_south' }),
        block('pr_anna', '2027-05-10', '11:00', '12:00'),
      ],
    },
    expected: ['2027-05-10T07:00:00.000Z pr_anna loc_north 60min'],
  },
  {
    name: 'no location filter (null) keeps every location',
    input: {
      locationId: null,
      workingTimes: [
        block('pr_anna', '2027-05-10', '09:00', '10:00', { locationId: 'loc_north' }),
        block('pr_anna', '2027-05-10', '10:00', '11:00', { locationId: 'loc_south' }),
        block('pr_anna', '2027-05-10', '11:00', '12:00'),
      ],
    },
    expected: [
      '2027-05-10T07:00:00.000Z pr_anna loc_north 60min',
      '2027-05-10T08:00:00.000Z pr_anna loc_south 60min',
      '2027-05-10T09:00:00.000Z pr_anna - 60min',
    ],
  },
  {
    name: 'overlapping blocks offer a start once, from the block that starts first',
    input: {
      workingTimes: [
        block('pr_anna', '2027-05-10', '09:00', '11:00', { locationId: 'loc_north' }),
        block('pr_anna', '2027-05-10', '08:30', '10:30', { locationId: 'loc_south' }),
      ],
    },
    expected: [
      '2027-05-10T06:30:00.000Z pr_anna loc_south 60min',
      '2027-05-10T07:00:00.000Z pr_anna loc_south 60min',
      '2027-05-10T07:30:00.000Z pr_anna loc_south 60min',
      '2027-05-10T08:00:00.000Z pr_anna loc_north 60min',
    ],
  },
  {
    name: 'blocks that start together give a shared start to the one that ends first',
    input: {
      workingTimes: [
        block('pr_anna', '2027-05-10', '09:00', '11:00', { locationId: 'loc_north' }),
        block('pr_anna', '2027-05-10', '09:00', '10:00', { locationId: 'loc_south' }),
      ],
    },
    expected: [
      '2027-05-10T07:00:00.000Z pr_anna loc_south 60min',
      '2027-05-10T07:30:00.000Z pr_anna loc_north 60min',
      '2027-05-10T08:00:00.000Z pr_anna loc_north 60min',
    ],
  },
  {
    name: 'identical blocks give a shared start to the first in input order',
    input: {
      workingTimes: [
        block('pr_anna', '2027-05-10', '09:00', '10:00', { locationId: 'loc_west' }),
        block('pr_anna', '2027-05-10', '09:00', '10:00', { locationId: 'loc_east' }),
      ],
    },
    expected: ['2027-05-10T07:00:00.000Z pr_anna loc_west 60min'],
  },
  {
    name: 'each block keeps its own grid',
    input: {
      workingTimes: [block('pr_anna', '2027-05-10', '09:00', '10:30'), block('pr_anna', '2027-05-10', '09:10', '10:20')],
    },
    expected: ['2027-05-10T07:00:00.000Z pr_anna - 60min', '2027-05-10T07:10:00.000Z pr_anna - 60min', '2027-05-10T07:30:00.000Z pr_anna - 60min'],
  },
  {
    name: 'a block shorter than the treatment offers nothing',
    input: { workingTimes: [block('pr_anna', '2027-05-10', '09:00', '09:59')] },
    expected: [],
  },
  {
    name: 'practitioners with the same start are ordered by id',
    input: {
      workingTimes: [block('pr_bo', '2027-05-10', '09:00', '10:00'), block('pr_anna', '2027-05-10', '09:00', '10:00')],
    },
    expected: ['2027-05-10T07:00:00.000Z pr_anna - 60min', '2027-05-10T07:00:00.000Z pr_bo - 60min'],
  },
  {
    name: 'a start exactly at the minimum notice is offered',
    input: { now: utc('2027-05-10T06:00:00Z'), workingTimes: [MAY_MORNING] },
    expected: ['2027-05-10T08:00:00.000Z pr_anna - 60min', '2027-05-10T08:30:00.000Z pr_anna - 60min', '2027-05-10T09:00:00.000Z pr_anna - 60min'],
  },
  {
    name: 'staff may skip the minimum notice',
    input: { now: utc('2027-05-10T06:00:00Z'), applyMinNotice: false, workingTimes: [MAY_MORNING] },
    expected: [
      '2027-05-10T07:00:00.000Z pr_anna - 60min',
      '2027-05-10T07:30:00.000Z pr_anna - 60min',
      '2027-05-10T08:00:00.000Z pr_anna - 60min',
      '2027-05-10T08:30:00.000Z pr_anna - 60min',
      '2027-05-10T09:00:00.000Z pr_anna - 60min',
    ],
  },
  {
    name: 'a start exactly at the horizon is offered',
    input: {
      now: utc('2027-05-09T08:00:00Z'),
      rules: { slotIntervalMinutes: 30, minNoticeHours: 2, horizonDays: 1 },
      workingTimes: [MAY_MORNING],
    },
    expected: ['2027-05-10T07:00:00.000Z pr_anna - 60min', '2027-05-10T07:30:00.000Z pr_anna - 60min', '2027-05-10T08:00:00.000Z pr_anna - 60min'],
  },
  {
    name: 'notice and horizon meeting leave exactly one start',
    input: {
      now: utc('2027-05-09T08:00:00Z'),
      rules: { slotIntervalMinutes: 30, minNoticeHours: 24, horizonDays: 1 },
      workingTimes: [MAY_MORNING],
    },
    expected: ['2027-05-10T08:00:00.000Z pr_anna - 60min'],
  },
  {
    name: 'staff skipping the notice still stop at the horizon',
    input: {
      now: utc('2027-05-09T08:00:00Z'),
      applyMinNotice: false,
      rules: { slotIntervalMinutes: 30, minNoticeHours: 24, horizonDays: 1 },
      workingTimes: [MAY_MORNING],
    },
    expected: ['2027-05-10T07:00:00.000Z pr_anna - 60min', '2027-05-10T07:30:00.000Z pr_anna - 60min', '2027-05-10T08:00:00.000Z pr_anna - 60min'],
  },
  {
    name: 'the range includes a start at from and excludes one at to',
    input: { from: utc('2027-05-10T07:30:00Z'), to: utc('2027-05-10T08:30:00Z'), workingTimes: [MAY_MORNING] },
    expected: ['2027-05-10T07:30:00.000Z pr_anna - 60min', '2027-05-10T08:00:00.000Z pr_anna - 60min'],
  },
  {
    name: 'a zero slot interval offers nothing',
    input: { rules: { ...base.rules, slotIntervalMinutes: 0 }, workingTimes: [MAY_MORNING] },
    expected: [],
  },
  {
    name: 'a zero-length treatment offers nothing',
    input: { treatmentType: { id: 'tt_massage', durationMinutes: 0 }, workingTimes: [MAY_MORNING] },
    expected: [],
  },
  {
    name: 'a negative slot interval offers nothing',
    input: { rules: { ...base.rules, slotIntervalMinutes: -15 }, workingTimes: [MAY_MORNING] },
    expected: [],
  },
];

describe('computeSlots', () => {
  it.each(cases)('$name', ({ input, expected }) => {
    expect(computeSlots({ ...base, ...input }).map(show)).toEqual(expected);
  });

  it('does not change its input', () => {
    const input: ComputeSlotsInput = {
      ...base,
      workingTimes: [block('pr_anna', '2027-05-10', '09:00', '11:00'), block('pr_anna', '2027-05-10', '08:30', '10:30')],
      busy: [busy('pr_anna', '2027-05-10T08:00:00Z', '2027-05-10T08:10:00Z'), busy('pr_anna', '2027-05-10T07:00:00Z', '2027-05-10T07:10:00Z')],
    };
    const copy = structuredClone(input);
    computeSlots(input);
    expect(input).toEqual(copy);
  });
});
