import { describe, expect, it } from 'vitest';
import { daySegments, instantAt, layoutLanes, snapInstant, snapMinutes, timeOfMinutes, wallClock, weekDays, weekRange } from './week.js';

const STOCKHOLM = 'Europe/Stockholm';
const at = (iso: string) => Date.parse(iso);

describe('weekDays', () => {
  it('starts on Monday and hides Saturday and Sunday when asked', () => {
    expect(weekDays('2027-03-25', true)).toEqual(['2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25', '2027-03-26']);
    expect(weekDays('2027-03-28', false)).toEqual(['2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25', '2027-03-26', '2027-03-27', '2027-03-28']);
  });
  it('crosses a year boundary by calendar days', () => {
    expect(weekDays('2027-01-01', false)[0]).toBe('2026-12-28');
  });
});

describe('weekRange', () => {
  it('covers the week with the 23-hour Sunday exactly (spring forward in Stockholm)', () => {
    const { from, to } = weekRange('2027-03-24', STOCKHOLM);
    expect(from).toBe('2027-03-21T23:00:00.000Z');
    // Monday 2027-03-29 00:00 CEST is 22:00Z the day before: 7 days minus one hour.
    expect(to).toBe('2027-03-28T22:00:00.000Z');
    expect((Date.parse(to) - Date.parse(from)) / 3_600_000).toBe(7 * 24 - 1);
  });
  it('covers the week with the 25-hour Sunday (fall back)', () => {
    const { from, to } = weekRange('2027-10-31', STOCKHOLM);
    expect(from).toBe('2027-10-24T22:00:00.000Z');
    expect(to).toBe('2027-10-31T23:00:00.000Z');
  });
  it('works for a zone with a 45-minute offset', () => {
    expect(weekRange('2027-06-02', 'Asia/Kathmandu').from).toBe('2027-05-30T18:15:00.000Z');
  });
});

describe('wall clock and grid positions', () => {
  it('reads an instant on the clinic clock on both sides of the spring change', () => {
    expect(wallClock(at('2027-03-27T08:00:00Z'), STOCKHOLM)).toEqual({ date: '2027-03-27', minutes: 9 * 60 });
    expect(wallClock(at('2027-03-28T08:00:00Z'), STOCKHOLM)).toEqual({ date: '2027-03-28', minutes: 10 * 60 });
  });
  it('turns a grid position into the right instant on the 23-hour day', () => {
    expect(new Date(instantAt('2027-03-28', 9 * 60, STOCKHOLM)).toISOString()).toBe('2027-03-28T07:00:00.000Z');
    expect(new Date(instantAt('2027-03-27', 9 * 60, STOCKHOLM)).toISOString()).toBe('2027-03-27T08:00:00.000Z');
    // 24:00 is the next local midnight, not start + 24 h.
    expect(new Date(instantAt('2027-03-28', 24 * 60, STOCKHOLM)).toISOString()).toBe('2027-03-28T22:00:00.000Z');
  });
  it('reads a time in the gap the way core does (moved forward)', () => {
    expect(new Date(instantAt('2027-03-28', 2 * 60 + 30, STOCKHOLM)).toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });
  it('snaps to quarter hours of the wall clock', () => {
    expect(snapMinutes(9 * 60 + 7)).toBe(9 * 60);
    expect(snapMinutes(9 * 60 + 8)).toBe(9 * 60 + 15);
    expect(snapMinutes(9 * 60 + 14, 15, 'floor')).toBe(9 * 60);
    // 07:08Z is 12:53 in Kathmandu (+05:45): the nearest quarter on that clock is 13:00 = 07:15Z.
    expect(new Date(snapInstant(at('2027-03-28T07:08:00Z'), 'Asia/Kathmandu')).toISOString()).toBe('2027-03-28T07:15:00.000Z');
    expect(timeOfMinutes(24 * 60)).toBe('24:00');
  });
});

describe('daySegments', () => {
  const days = weekDays('2027-03-24', false);
  it('places a block at its wall-clock minutes after the change', () => {
    const [segment] = daySegments(at('2027-03-28T07:00:00Z'), at('2027-03-28T08:00:00Z'), days, STOCKHOLM);
    expect(segment).toEqual({ date: '2027-03-28', top: 9 * 60, bottom: 10 * 60, startsHere: true, endsHere: true });
  });
  it('splits a block that runs past midnight', () => {
    const segments = daySegments(at('2027-03-24T21:00:00Z'), at('2027-03-25T01:00:00Z'), days, STOCKHOLM);
    expect(segments.map((s) => [s.date, s.top, s.bottom, s.startsHere, s.endsHere])).toEqual([
      ['2027-03-24', 22 * 60, 24 * 60, true, false],
      ['2027-03-25', 0, 2 * 60, false, true],
    ]);
  });
  it('leaves out days a block does not touch, and hidden days', () => {
    const weekdays = weekDays('2027-03-24', true);
    expect(daySegments(at('2027-03-27T08:00:00Z'), at('2027-03-27T09:00:00Z'), weekdays, STOCKHOLM)).toEqual([]);
  });
});

describe('layoutLanes', () => {
  it('puts overlapping spans side by side and lone spans full width', () => {
    const lanes = layoutLanes([
      { top: 540, bottom: 600 },
      { top: 570, bottom: 630 },
      { top: 600, bottom: 660 },
      { top: 700, bottom: 760 },
    ]);
    expect(lanes).toEqual([
      { lane: 0, lanes: 2 },
      { lane: 1, lanes: 2 },
      { lane: 0, lanes: 2 },
      { lane: 0, lanes: 1 },
    ]);
  });
});
