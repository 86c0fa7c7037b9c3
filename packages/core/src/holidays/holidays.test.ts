import { describe, expect, it } from 'vitest';
import { closedDatesBetween, easterSunday, swedishHolidays } from './index.js';
import { weekdayOf } from '../time/local-date.js';

const table = (year: number, midsummerEve?: boolean) =>
  Object.fromEntries(swedishHolidays(year, midsummerEve === undefined ? {} : { midsummerEve }).map((d) => [d.key, d.date]));

describe('easterSunday', () => {
  it('matches the published dates, the earliest and the latest possible', () => {
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2030)).toBe('2030-04-21');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2285)).toBe('2285-03-22');
    expect(easterSunday(1943)).toBe('1943-04-25');
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    for (let year = 1900; year <= 2200; year++) {
      const easter = easterSunday(year);
      expect(weekdayOf(easter)).toBe(7);
      expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true);
    }
  });

  it('refuses a year outside the Gregorian calendar', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
    expect(() => easterSunday(2024.5)).toThrow(RangeError);
  });
});

describe('swedishHolidays', () => {
  it('gives 2024 as the almanac does', () => {
    expect(table(2024)).toEqual({
      newYearsDay: '2024-01-01',
      epiphany: '2024-01-06',
      goodFriday: '2024-03-29',
      easterSunday: '2024-03-31',
      easterMonday: '2024-04-01',
      mayDay: '2024-05-01',
      ascensionDay: '2024-05-09',
      nationalDay: '2024-06-06',
      whitSunday: '2024-05-19',
      midsummerEve: '2024-06-21',
      midsummerDay: '2024-06-22',
      allSaintsDay: '2024-11-02',
      christmasEve: '2024-12-24',
      christmasDay: '2024-12-25',
      boxingDay: '2024-12-26',
      newYearsEve: '2024-12-31',
    });
  });

  it('moves the movable days in 2025, 2026 and 2027', () => {
    expect(table(2025)).toMatchObject({
      goodFriday: '2025-04-18',
      easterMonday: '2025-04-21',
      ascensionDay: '2025-05-29',
      whitSunday: '2025-06-08',
      midsummerEve: '2025-06-20',
      midsummerDay: '2025-06-21',
      allSaintsDay: '2025-11-01',
    });
    expect(table(2026)).toMatchObject({
      goodFriday: '2026-04-03',
      easterMonday: '2026-04-06',
      ascensionDay: '2026-05-14',
      whitSunday: '2026-05-24',
      midsummerEve: '2026-06-19',
      midsummerDay: '2026-06-20',
      allSaintsDay: '2026-10-31',
    });
    expect(table(2027)).toMatchObject({
      goodFriday: '2027-03-26',
      easterMonday: '2027-03-29',
      ascensionDay: '2027-05-06',
      whitSunday: '2027-05-16',
      midsummerEve: '2027-06-25',
      midsummerDay: '2027-06-26',
      allSaintsDay: '2027-11-06',
    });
  });

  it('keeps the Saturday rules and the weekdays for a century', () => {
    for (let year = 2000; year <= 2100; year++) {
      const t = table(year);
      expect(weekdayOf(t.midsummerDay!)).toBe(6);
      expect(t.midsummerDay! >= `${year}-06-20` && t.midsummerDay! <= `${year}-06-26`).toBe(true);
      expect(weekdayOf(t.midsummerEve!)).toBe(5);
      expect(weekdayOf(t.allSaintsDay!)).toBe(6);
      expect(t.allSaintsDay! >= `${year}-10-31` && t.allSaintsDay! <= `${year}-11-06`).toBe(true);
      expect(weekdayOf(t.goodFriday!)).toBe(5);
      expect(weekdayOf(t.ascensionDay!)).toBe(4);
      expect(weekdayOf(t.whitSunday!)).toBe(7);
    }
  });

  it('names every day in Swedish and English, in date order, and leaves midsommarafton out when asked', () => {
    const days = swedishHolidays(2026);
    expect(days).toHaveLength(16);
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
    expect(days.find((d) => d.key === 'midsummerEve')!.name).toEqual({ sv: 'Midsommarafton', en: 'Midsummer Eve' });
    const without = swedishHolidays(2026, { midsummerEve: false });
    expect(without).toHaveLength(15);
    expect(without.some((d) => d.key === 'midsummerEve')).toBe(false);
  });
});

describe('closedDatesBetween', () => {
  const own = [
    { date: '2026-06-18', name: 'Personaldag' },
    { date: '2027-01-10', name: 'Utanför' },
  ];

  it('gives the red days and the clinic’s own days inside the range, across a new year', () => {
    const closed = closedDatesBetween({ publicHolidays: true, midsummerEveClosed: true, closedDays: own }, '2026-12-20', '2027-01-07');
    expect([...closed].sort()).toEqual(['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01', '2027-01-06']);
  });

  it('leaves the red days out when the clinic turned them off, and midsommarafton alone when asked', () => {
    expect([...closedDatesBetween({ publicHolidays: false, midsummerEveClosed: true, closedDays: own }, '2026-06-15', '2026-06-21')]).toEqual(['2026-06-18']);
    expect([...closedDatesBetween({ publicHolidays: true, midsummerEveClosed: false, closedDays: own }, '2026-06-15', '2026-06-21')].sort()).toEqual([
      '2026-06-18',
      '2026-06-20',
    ]);
    expect([...closedDatesBetween({ publicHolidays: true, midsummerEveClosed: true, closedDays: [] }, '2026-06-15', '2026-06-21')].sort()).toEqual([
      '2026-06-19',
      '2026-06-20',
    ]);
  });
});
