import { describe, expect, it } from 'vitest';
import { addLocalDays, isLocalDate, mondayOf, weekdayOf } from './local-date.js';

describe('isLocalDate', () => {
  it.each([
    ['2027-03-28', true],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2027-12-31', true],
    ['2027-02-29', false],
    ['1900-02-29', false],
    ['2027-02-30', false],
    ['2027-04-31', false],
    ['2027-13-01', false],
    ['2027-00-10', false],
    ['2027-01-00', false],
    ['2027-3-28', false],
    ['27-03-28', false],
    ['2027-03-28T00:00:00Z', false],
    [' 2027-03-28', false],
    ['', false],
  ])('accepts only real calendar dates: %s -> %s', (value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });

  it('rejects values that are not strings', () => {
    expect(isLocalDate(20270328)).toBe(false);
    expect(isLocalDate(null)).toBe(false);
  });
});

describe('addLocalDays', () => {
  it.each([
    ['2027-03-27', 1, '2027-03-28'],
    ['2027-03-28', 1, '2027-03-29'], // a 23-hour day in Stockholm is still one calendar day
    ['2027-10-31', 1, '2027-11-01'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-12-31', 1, '2028-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2027-03-28', 0, '2027-03-28'],
    ['2027-03-28', 365, '2028-03-27'],
    ['0099-12-31', 1, '0100-01-01'],
  ])('moves %s by %i days to %s', (date, days, expected) => {
    expect(addLocalDays(date, days)).toBe(expected);
  });

  it('refuses fractional days and invalid dates', () => {
    expect(() => addLocalDays('2027-03-28', 0.5)).toThrow(RangeError);
    expect(() => addLocalDays('2027-02-30', 1)).toThrow(RangeError);
    expect(() => addLocalDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('weekdayOf and mondayOf', () => {
  it.each([
    ['2027-03-22', 1, '2027-03-22'],
    ['2027-03-24', 3, '2027-03-22'],
    ['2027-03-28', 7, '2027-03-22'],
    ['2027-03-29', 1, '2027-03-29'],
    ['2027-01-01', 5, '2026-12-28'], // the ISO week can start in the previous year
    ['2028-02-29', 2, '2028-02-28'],
  ])('%s is ISO weekday %i in the week of Monday %s', (date, weekday, monday) => {
    expect(weekdayOf(date)).toBe(weekday);
    expect(mondayOf(date)).toBe(monday);
  });
});
