import { expect } from '@open-wc/testing';
import * as core from '@tidbok/core';
import {
  addLocalDays,
  addMinutes,
  daysBetween,
  formatDate,
  formatDayTime,
  formatLocalDate,
  formatLocalDay,
  formatLocalRange,
  formatPrice,
  formatStamp,
  formatTime,
  isoWeek,
  isoWeekOf,
  localDateOf,
  minutesBetween,
  mondayOf,
  todayIn,
  weekdayOf,
  zonesDiffer,
} from './dates.js';

// Fixed instants and explicit zones only: nothing here depends on today or the machine's zone.
describe("formatting in the clinic's zone", () => {
  it("shows times in the clinic's zone on both sides of the change to summer time", () => {
    expect(formatTime('2027-03-27T08:00:00Z', 'Europe/Stockholm', 'sv')).to.equal('09:00');
    expect(formatTime('2027-03-29T07:00:00Z', 'Europe/Stockholm', 'sv')).to.equal('09:00');
    expect(formatTime('2027-03-29T07:00:00Z', 'Asia/Kathmandu', 'en')).to.equal('12:45');
  });

  it('gives each time a whole name: weekday, date and time', () => {
    expect(formatDayTime('2026-03-03T08:00:00Z', 'Europe/Stockholm', 'sv')).to.equal('tisdag 3 mars 09:00');
    expect(formatDayTime('2026-03-03T08:00:00Z', 'Europe/Stockholm', 'en')).to.equal('Tuesday 3 March 09:00');
    // Late evening UTC is already the next day in Adelaide.
    expect(formatDayTime('2026-03-03T22:00:00Z', 'Australia/Adelaide', 'sv')).to.equal('onsdag 4 mars 08:30');
  });

  it('formats dates, local days, week ranges and ISO weeks', () => {
    expect(formatDate('2026-11-27T08:00:00Z', 'Europe/Stockholm', 'sv')).to.equal('fredag 27 november 2026');
    expect(formatLocalDay('2026-03-02', 'sv', true)).to.equal('måndag 2 mars');
    expect(formatLocalRange('2026-03-02', '2026-03-08', 'sv')).to.equal('2–8 mars 2026');
    expect(isoWeek('2026-03-02')).to.equal(10);
    expect(isoWeek('2027-01-03')).to.equal(53);
    expect(isoWeek('2027-01-04')).to.equal(1);
    expect(isoWeek('2025-12-29')).to.equal(1);
    // The staff calendar's week title, across the year boundary.
    expect(isoWeek('2027-03-28')).to.equal(12);
    expect(isoWeek('2026-11-26')).to.equal(48);
    expect(formatLocalDate('2027-03-28', 'sv', { weekday: 'short', day: 'numeric', month: 'short' })).to.equal('sön 28 mars');
    expect(formatLocalDate('2027-03-28', 'en', { weekday: 'short', day: 'numeric', month: 'short' })).to.equal('Sun 28 Mar');
  });

  it("shows a server timestamp in the reader's zone, as staff lists did with toLocaleString", () => {
    const iso = '2026-12-04T20:30:00Z';
    expect(formatStamp(iso, 'sv')).to.equal(new Date(iso).toLocaleString('sv-SE', { dateStyle: 'short', timeStyle: 'short' }));
    expect(formatStamp(iso, 'en', 'medium')).to.equal(new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }));
  });

  it('formats prices from minor units, öre only when there are any', () => {
    expect(formatPrice(95000, 'SEK', 'sv')).to.equal('950\u00a0kr');
    expect(formatPrice(95050, 'SEK', 'sv')).to.equal('950,50\u00a0kr');
    expect(formatPrice(120000, 'SEK', 'en')).to.equal('SEK\u00a01,200');
  });

  it('tells zones apart by their clocks, not their names', () => {
    const instants = [Date.parse('2027-01-15T12:00:00Z')];
    expect(zonesDiffer('Europe/Stockholm', 'Europe/Berlin', instants)).to.equal(false);
    expect(zonesDiffer('Europe/Stockholm', 'Europe/London', instants)).to.equal(true);
    // The same offset in winter, different ones in the weeks when only one has changed clocks.
    expect(zonesDiffer('Europe/Stockholm', 'America/New_York', [Date.parse('2027-03-20T12:00:00Z')])).to.equal(true);
    // Offsets a quarter of an hour apart still differ; an unknown zone counts as different.
    expect(zonesDiffer('Asia/Kathmandu', 'Asia/Kolkata', instants)).to.equal(true);
    expect(zonesDiffer('Europe/Stockholm', 'Nowhere/Atlantis', instants)).to.equal(true);
  });
});

describe('arithmetic on local dates and instants', () => {
  it('adds days across month, year, leap-day and DST boundaries', () => {
    expect(addLocalDays('2027-03-27', 2)).to.equal('2027-03-29');
    expect(addLocalDays('2026-12-28', 7)).to.equal('2027-01-04');
    expect(addLocalDays('2028-02-28', 1)).to.equal('2028-02-29');
    expect(addLocalDays('2027-02-28', 1)).to.equal('2027-03-01');
    expect(addLocalDays('2027-01-04', -7)).to.equal('2026-12-28');
  });

  it('counts calendar days between local dates, across a DST change', () => {
    expect(daysBetween('2027-03-27', '2027-03-29')).to.equal(2);
    expect(daysBetween('2027-03-29', '2027-03-22')).to.equal(-7);
    expect(daysBetween('2027-03-22', '2027-04-05')).to.equal(14);
    expect(daysBetween('2027-11-01', '2027-10-25')).to.equal(-7);
  });

  it('finds the Monday of the ISO week, a Sunday belonging to the week before', () => {
    expect(mondayOf('2026-03-02')).to.equal('2026-03-02');
    expect(mondayOf('2026-03-08')).to.equal('2026-03-02');
    expect(mondayOf('2027-01-01')).to.equal('2026-12-28');
  });

  it("gives the ISO week with its year, which differs from the date's around New Year", () => {
    const cases: [string, number, number][] = [
      ['2027-01-01', 2026, 53], // a Friday: still week 53 of 2026
      ['2026-12-28', 2026, 53],
      ['2027-01-04', 2027, 1],
      ['2025-12-29', 2026, 1], // a Monday in December that opens week 1 of 2026
      ['2024-12-30', 2025, 1],
      ['2021-01-03', 2020, 53], // a Sunday
      ['2027-03-22', 2027, 12],
      ['2027-03-28', 2027, 12], // the Sunday the clocks go forward in Europe/Stockholm
      ['2027-03-29', 2027, 13],
      ['2027-10-31', 2027, 43], // the Sunday the clocks go back
      ['2027-11-01', 2027, 44],
      ['2031-03-30', 2031, 13],
    ];
    for (const [date, year, week] of cases) expect(isoWeekOf(date), date).to.deep.equal({ year, week });
  });

  it("reads the date in the clinic's zone, not UTC's or the machine's", () => {
    // 22:30 UTC is already the next day in Stockholm (summer) and in Adelaide, not in New York.
    expect(localDateOf(Date.parse('2027-06-30T22:30:00Z'), 'Europe/Stockholm')).to.equal('2027-07-01');
    expect(localDateOf(Date.parse('2027-06-30T22:30:00Z'), 'America/New_York')).to.equal('2027-06-30');
    expect(localDateOf(Date.parse('2027-06-30T14:30:00Z'), 'Australia/Adelaide')).to.equal('2027-07-01');
    // Kathmandu is UTC+5:45: 18:14 UTC is 23:59 there, 18:15 the next midnight.
    expect(localDateOf(Date.parse('2027-03-01T18:14:00Z'), 'Asia/Kathmandu')).to.equal('2027-03-01');
    expect(localDateOf(Date.parse('2027-03-01T18:15:00Z'), 'Asia/Kathmandu')).to.equal('2027-03-02');
    expect(todayIn('Europe/Stockholm', Date.parse('2027-06-30T22:30:00Z'))).to.equal('2027-07-01');
  });

  it('moves and measures instants in real minutes, across a DST change', () => {
    // 01:30 to 03:30 on the night summer time starts in Stockholm is one real hour.
    const start = Date.parse('2027-03-28T00:30:00Z');
    expect(addMinutes(start, 60)).to.equal(Date.parse('2027-03-28T01:30:00Z'));
    expect(minutesBetween(start, Date.parse('2027-03-28T01:30:00Z'))).to.equal(60);
    expect(minutesBetween(start, addMinutes(start, -15))).to.equal(-15);
  });

  it("agrees with core's calendar code over two years, on both sides of each DST change", () => {
    const zones = ['Europe/Stockholm', 'America/New_York', 'Australia/Adelaide', 'Asia/Kathmandu', 'America/Santiago'];
    for (let day = 0; day < 2 * 366; day++) {
      const date = core.addLocalDays('2026-01-01', day);
      expect(addLocalDays(date, 1), date).to.equal(core.addLocalDays(date, 1));
      expect(addLocalDays(date, -30), date).to.equal(core.addLocalDays(date, -30));
      expect(mondayOf(date), date).to.equal(core.mondayOf(date));
      expect(weekdayOf(date), date).to.equal(core.weekdayOf(date));
      for (const zone of zones) {
        // Every 1 h 45 min of the day: midnights, DST changes and odd offsets all get crossed.
        for (let minutes = 0; minutes < 24 * 60; minutes += 105) {
          const instant = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
          expect(localDateOf(instant, zone), `${zone} ${new Date(instant).toISOString()}`).to.equal(core.localDateOf(instant, zone));
        }
      }
    }
  });
});
