import { expect } from '@open-wc/testing';
import {
  formatDate,
  formatDayTime,
  formatLocalDate,
  formatLocalDay,
  formatStamp,
  formatLocalRange,
  formatPrice,
  formatTime,
  isoWeek,
  zonesDiffer,
} from './format.js';

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
