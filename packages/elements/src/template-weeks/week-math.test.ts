import { describe, expect, it } from 'vitest';
import { isoWeekOf } from '../shared/dates.js';
import { addWeeks, alternateMondays, mondayOrEmpty, mondaysBetween, parityOf, weekEndOf } from './week-math.js';

// The ISO week itself is shared/dates.ts's (dates.browser.test.ts); here what template weeks build on it.
describe('ISO week numbers', () => {
  it('gives odd and even by week number', () => {
    expect(parityOf('2027-03-22')).toBe('even');
    expect(parityOf('2027-03-29')).toBe('odd');
  });

  it('does not depend on the machine zone (pure date arithmetic)', () => {
    const original = process.env.TZ;
    try {
      for (const zone of ['UTC', 'Europe/Stockholm', 'America/Sao_Paulo', 'Pacific/Chatham', 'Asia/Kathmandu']) {
        process.env.TZ = zone;
        // A year of Mondays: the number goes up by exactly one a week, within an ISO year.
        let monday = '2026-12-14';
        let previous = isoWeekOf(monday);
        for (let i = 0; i < 60; i++) {
          monday = addWeeks(monday, 1);
          const next = isoWeekOf(monday);
          if (next.year === previous.year) expect(next.week).toBe(previous.week + 1);
          else expect([next.week, previous.week >= 52]).toEqual([1, true]);
          previous = next;
        }
        expect(mondayOrEmpty('2027-03-28')).toBe('2027-03-22');
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe('Monday arithmetic', () => {
  it('finds the Monday of any day, across daylight-saving Sundays', () => {
    expect(mondayOrEmpty('2027-03-28')).toBe('2027-03-22');
    expect(mondayOrEmpty('2027-10-31')).toBe('2027-10-25');
    expect(mondayOrEmpty('2027-11-01')).toBe('2027-11-01');
    expect(mondayOrEmpty('')).toBe('');
    expect(mondayOrEmpty('2027-02-30')).toBe('');
  });

  it('counts days and weeks on dates, not hours', () => {
    expect(weekEndOf('2027-03-22')).toBe('2027-03-28');
    expect(addWeeks('2027-03-22', 1)).toBe('2027-03-29');
    expect(addWeeks('2027-10-25', 1)).toBe('2027-11-01');
  });

  it('lists the Mondays of every week in a range, both ends included', () => {
    expect(mondaysBetween('2027-03-24', '2027-04-05')).toEqual(['2027-03-22', '2027-03-29', '2027-04-05']);
    expect(mondaysBetween('2026-12-21', '2027-01-10')).toEqual(['2026-12-21', '2026-12-28', '2027-01-04']);
    expect(mondaysBetween('2027-04-05', '2027-03-22')).toEqual([]);
    expect(mondaysBetween('2027-03-22', 'nonsense')).toEqual([]);
  });

  it('stops at the limit', () => {
    expect(mondaysBetween('2027-01-04', '2037-01-05', 5)).toHaveLength(5);
  });
});

describe('every other week', () => {
  it('keeps the odd or the even ISO weeks', () => {
    // Weeks 12 to 17 of 2027.
    expect(alternateMondays('2027-03-22', '2027-04-26', 'odd')).toEqual(['2027-03-29', '2027-04-12', '2027-04-26']);
    expect(alternateMondays('2027-03-22', '2027-04-26', 'even')).toEqual(['2027-03-22', '2027-04-05', '2027-04-19']);
  });

  it('follows week numbers over a 53-week year: weeks 53 and 1 are both odd', () => {
    expect(alternateMondays('2026-12-14', '2027-01-17', 'odd')).toEqual(['2026-12-14', '2026-12-28', '2027-01-04']);
    expect(alternateMondays('2026-12-14', '2027-01-17', 'even')).toEqual(['2026-12-21', '2027-01-11']);
  });
});
