import type { CalendarEntry } from '@tidbok/sdk';
import { describe, expect, it } from 'vitest';
import { blockLanes, boxOf, columnAt, minutesAtFraction, outsideCount, placeColumn, practitionerColumns, topPercent, weekColumns } from './layout.js';

const ZONE = 'Europe/Stockholm';
const range = { from: 8 * 60, to: 17 * 60 };

function booking(id: string, practitionerId: string, start: string, end: string): CalendarEntry {
  return {
    kind: 'booking',
    id,
    practitionerId,
    start,
    end,
    status: 'booked',
    clientId: 'c1',
    clientName: 'Ada',
    treatmentTypeId: 't1',
    treatmentName: 'Massage',
    color: '#1d6b57',
  } as unknown as CalendarEntry;
}
function workingTime(id: string, practitionerId: string, start: string, end: string): CalendarEntry {
  return { kind: 'workingTime', id, practitionerId, start, end, locationId: null, bookableTreatmentTypeIds: [] } as unknown as CalendarEntry;
}

describe('columns', () => {
  it('gives one column per day in the week view and one per practitioner in the day view', () => {
    expect(weekColumns(['2027-03-22', '2027-03-23'])).toEqual([
      { date: '2027-03-22', practitionerId: null },
      { date: '2027-03-23', practitionerId: null },
    ]);
    expect(practitionerColumns('2027-03-22', ['p1', 'p2'])).toEqual([
      { date: '2027-03-22', practitionerId: 'p1' },
      { date: '2027-03-22', practitionerId: 'p2' },
    ]);
  });
});

describe('placeColumn', () => {
  // 09:00–10:00 and 09:30–10:30 local (CET, UTC+1) on Monday 2027-03-22.
  const entries = [
    booking('b1', 'p1', '2027-03-22T08:00:00Z', '2027-03-22T09:00:00Z'),
    booking('b2', 'p2', '2027-03-22T08:30:00Z', '2027-03-22T09:30:00Z'),
    workingTime('w1', 'p1', '2027-03-22T07:00:00Z', '2027-03-22T15:00:00Z'),
    booking('b3', 'p1', '2027-03-23T08:00:00Z', '2027-03-23T09:00:00Z'),
  ];

  it("puts only a practitioner's own entries in their column, in wall-clock minutes", () => {
    const { bands, blocks } = placeColumn({ date: '2027-03-22', practitionerId: 'p1' }, entries, null, ZONE, range);
    expect(blocks.map((b) => [b.entry?.id, b.top, b.bottom])).toEqual([['b1', 540, 600]]);
    expect(bands.map((b) => [b.entry?.id, b.top, b.bottom])).toEqual([['w1', 480, 960]]);
  });

  it("puts everyone's entries of the day in a week column, side by side where they overlap", () => {
    const { blocks } = placeColumn({ date: '2027-03-22', practitionerId: null }, entries, null, ZONE, range);
    expect(blocks.map((b) => b.entry?.id)).toEqual(['b1', 'b2']);
    expect(blockLanes(blocks)).toEqual([
      { lane: 0, lanes: 2 },
      { lane: 1, lanes: 2 },
    ]);
  });

  it('places the draft in the column of its practitioner only', () => {
    const draft = { start: Date.parse('2027-03-22T12:00:00Z'), end: Date.parse('2027-03-22T13:00:00Z'), practitionerId: 'p2' };
    expect(placeColumn({ date: '2027-03-22', practitionerId: 'p1' }, [], draft, ZONE, range).blocks).toHaveLength(0);
    const [placed] = placeColumn({ date: '2027-03-22', practitionerId: 'p2' }, [], draft, ZONE, range).blocks;
    expect(placed).toMatchObject({ entry: null, top: 780, bottom: 840 });
  });

  it('marks what lies outside the visible hours and counts it', () => {
    const early = booking('e', 'p1', '2027-03-22T05:00:00Z', '2027-03-22T06:00:00Z');
    const late = booking('l', 'p1', '2027-03-22T18:00:00Z', '2027-03-22T19:00:00Z');
    const placed = placeColumn({ date: '2027-03-22', practitionerId: 'p1' }, [early, late], null, ZONE, range);
    expect(placed.blocks.map((b) => b.outside)).toEqual(['before', 'after']);
    expect(outsideCount(placed)).toBe(2);
  });

  it('keeps the 23-hour Sunday in wall-clock minutes (spring forward)', () => {
    // 01:00–04:00 local on 2027-03-28: 02:00–03:00 does not exist; the block ends at 04:00 wall clock.
    const night = booking('n', 'p1', '2027-03-28T00:00:00Z', '2027-03-28T02:00:00Z');
    const [placed] = placeColumn({ date: '2027-03-28', practitionerId: null }, [night], null, ZONE, { from: 0, to: 1440 }).blocks;
    expect([placed?.top, placed?.bottom]).toEqual([60, 240]);
  });
});

describe('boxes and points', () => {
  it('sizes a block by its minutes and lane, keeping an offset free', () => {
    const placed = { entry: null, start: 0, end: 0, top: 540, bottom: 600, startsHere: true, endsHere: true };
    const box = boxOf(placed, { lane: 1, lanes: 2 }, range, 16);
    expect(box.top).toBe(`${(60 / 540) * 100}%`);
    expect(box.height).toBe(`${(60 / 540) * 100}%`);
    expect(box.left).toBe('calc((100% - 16px) * 0.5 + 17px)');
  });

  it('finds the column under a point, clamping outside the grid', () => {
    const edges = [
      { left: 50, right: 150 },
      { left: 150, right: 250 },
    ];
    expect(columnAt(160, edges)).toBe(1);
    expect(columnAt(10, edges)).toBe(0);
    expect(columnAt(900, edges)).toBe(1);
    expect(columnAt(10, [])).toBe(-1);
  });

  it('turns a fraction of a column into minutes and minutes into a percentage', () => {
    expect(minutesAtFraction(0.5, range)).toBe(750);
    expect(minutesAtFraction(2, range)).toBe(1020);
    expect(topPercent(750, range)).toBe(50);
    expect(topPercent(60, range)).toBeNull();
  });
});
