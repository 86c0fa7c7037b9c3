import { expect } from '@open-wc/testing';
import * as core from '@tidbok/core';
import { addLocalDays, localDateOf, mondayOf } from './local-date.js';

// Fixed dates and explicit zones only: nothing here depends on today or the machine's zone.
describe('local dates for the slot picker', () => {
  it('adds days across month, year, leap-day and DST boundaries', () => {
    expect(addLocalDays('2027-03-27', 2)).to.equal('2027-03-29');
    expect(addLocalDays('2026-12-28', 7)).to.equal('2027-01-04');
    expect(addLocalDays('2028-02-28', 1)).to.equal('2028-02-29');
    expect(addLocalDays('2027-02-28', 1)).to.equal('2027-03-01');
    expect(addLocalDays('2027-01-04', -7)).to.equal('2026-12-28');
  });

  it('finds the Monday of the ISO week, a Sunday belonging to the week before', () => {
    expect(mondayOf('2026-03-02')).to.equal('2026-03-02');
    expect(mondayOf('2026-03-08')).to.equal('2026-03-02');
    expect(mondayOf('2027-01-01')).to.equal('2026-12-28');
  });

  it("reads the date in the clinic's zone, not UTC's or the machine's", () => {
    // 22:30 UTC is already the next day in Stockholm (summer) and in Adelaide, not in New York.
    expect(localDateOf(Date.parse('2027-06-30T22:30:00Z'), 'Europe/Stockholm')).to.equal('2027-07-01');
    expect(localDateOf(Date.parse('2027-06-30T22:30:00Z'), 'America/New_York')).to.equal('2027-06-30');
    expect(localDateOf(Date.parse('2027-06-30T14:30:00Z'), 'Australia/Adelaide')).to.equal('2027-07-01');
    // Kathmandu is UTC+5:45: 18:14 UTC is 23:59 there, 18:15 the next midnight.
    expect(localDateOf(Date.parse('2027-03-01T18:14:00Z'), 'Asia/Kathmandu')).to.equal('2027-03-01');
    expect(localDateOf(Date.parse('2027-03-01T18:15:00Z'), 'Asia/Kathmandu')).to.equal('2027-03-02');
  });

  it("agrees with core's calendar code over two years, on both sides of each DST change", () => {
    const zones = ['Europe/Stockholm', 'America/New_York', 'Australia/Adelaide', 'Asia/Kathmandu', 'America/Santiago'];
    for (let day = 0; day < 2 * 366; day++) {
      const date = core.addLocalDays('2026-01-01', day);
      expect(addLocalDays(date, 1), date).to.equal(core.addLocalDays(date, 1));
      expect(addLocalDays(date, -30), date).to.equal(core.addLocalDays(date, -30));
      expect(mondayOf(date), date).to.equal(core.mondayOf(date));
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
