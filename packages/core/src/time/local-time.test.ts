import { describe, expect, it } from 'vitest';
import { isLocalTime, localDateOf, localTimeOf, localToInstant, startOfLocalDay } from './local-time.js';

const STOCKHOLM = 'Europe/Stockholm';
const KATHMANDU = 'Asia/Kathmandu';
const ADELAIDE = 'Australia/Adelaide';
const NEW_YORK = 'America/New_York';

const iso = (instant: number) => new Date(instant).toISOString();

describe('localToInstant', () => {
  it.each([
    // Stockholm, spring forward 2027-03-28 02:00 CET -> 03:00 CEST (01:00Z).
    [STOCKHOLM, '2027-03-28', '00:00', '2027-03-27T23:00:00.000Z', 'midnight before the change is CET'],
    [STOCKHOLM, '2027-03-28', '01:59', '2027-03-28T00:59:00.000Z', 'the last minute before the gap'],
    [STOCKHOLM, '2027-03-28', '02:00', '2027-03-28T01:00:00.000Z', 'the gap start moves forward to 03:00 CEST'],
    [STOCKHOLM, '2027-03-28', '02:30', '2027-03-28T01:30:00.000Z', 'a time in the gap moves forward to 03:30 CEST'],
    [STOCKHOLM, '2027-03-28', '03:00', '2027-03-28T01:00:00.000Z', 'the first real time after the gap'],
    // Stockholm, fall back 2027-10-31 03:00 CEST -> 02:00 CET (01:00Z).
    [STOCKHOLM, '2027-10-31', '00:00', '2027-10-30T22:00:00.000Z', 'midnight before the change is CEST'],
    [STOCKHOLM, '2027-10-31', '01:59', '2027-10-30T23:59:00.000Z', 'the last minute before the overlap'],
    [STOCKHOLM, '2027-10-31', '02:00', '2027-10-31T00:00:00.000Z', 'the overlap start is its earlier occurrence'],
    [STOCKHOLM, '2027-10-31', '02:30', '2027-10-31T00:30:00.000Z', 'a time in the overlap is its earlier occurrence'],
    [STOCKHOLM, '2027-10-31', '03:00', '2027-10-31T02:00:00.000Z', 'the first time after the overlap is CET'],
    // Kathmandu, +05:45 all year.
    [KATHMANDU, '2027-01-15', '00:00', '2027-01-14T18:15:00.000Z', 'a quarter-hour offset'],
    [KATHMANDU, '2027-07-01', '09:30', '2027-07-01T03:45:00.000Z', 'a quarter-hour offset in summer'],
    // Adelaide, DST ends 2027-04-04 03:00 ACDT (+10:30) -> 02:00 ACST (+09:30).
    [ADELAIDE, '2027-04-04', '00:00', '2027-04-03T13:30:00.000Z', 'midnight before the change is ACDT'],
    [ADELAIDE, '2027-04-04', '02:30', '2027-04-03T16:00:00.000Z', 'a half-hour-offset overlap picks the earlier'],
    [ADELAIDE, '2027-04-04', '03:00', '2027-04-03T17:30:00.000Z', 'after the overlap is ACST'],
    // Adelaide, DST starts 2027-10-03 02:00 ACST -> 03:00 ACDT.
    [ADELAIDE, '2027-10-03', '01:59', '2027-10-02T16:29:00.000Z', 'the last minute before the gap'],
    [ADELAIDE, '2027-10-03', '02:00', '2027-10-02T16:30:00.000Z', 'the gap start moves forward to 03:00 ACDT'],
    [ADELAIDE, '2027-10-03', '02:30', '2027-10-02T17:00:00.000Z', 'a time in the gap moves forward to 03:30 ACDT'],
    [ADELAIDE, '2027-10-03', '03:00', '2027-10-02T16:30:00.000Z', 'the first real time after the gap'],
    // New York, spring forward 2027-03-14 02:00 EST -> 03:00 EDT; fall back 2027-11-07 02:00 EDT -> 01:00 EST.
    [NEW_YORK, '2027-03-14', '01:59', '2027-03-14T06:59:00.000Z', 'the last minute before the gap'],
    [NEW_YORK, '2027-03-14', '02:30', '2027-03-14T07:30:00.000Z', 'a time in the gap moves forward to 03:30 EDT'],
    [NEW_YORK, '2027-03-14', '03:00', '2027-03-14T07:00:00.000Z', 'the first real time after the gap'],
    [NEW_YORK, '2027-11-07', '00:59', '2027-11-07T04:59:00.000Z', 'the last minute before the overlap'],
    [NEW_YORK, '2027-11-07', '01:30', '2027-11-07T05:30:00.000Z', 'a time in the overlap is its earlier occurrence'],
    [NEW_YORK, '2027-11-07', '02:00', '2027-11-07T07:00:00.000Z', 'after the overlap is EST'],
  ])('%s %s %s is %s (%s)', (timeZone, date, time, expected) => {
    expect(iso(localToInstant(date, time, timeZone))).toBe(expected);
  });

  it('refuses invalid dates, times and zones with a RangeError', () => {
    expect(() => localToInstant('2027-02-30', '09:00', STOCKHOLM)).toThrow(/Invalid date "2027-02-30"/);
    expect(() => localToInstant('2027-03-28', '24:00', STOCKHOLM)).toThrow(/Invalid time "24:00"/);
    expect(() => localToInstant('2027-03-28', '9:00', STOCKHOLM)).toThrow(RangeError);
    expect(() => localToInstant('2027-03-28', '09:00', 'Mars/Olympus_Mons')).toThrow(/Unknown time zone/);
  });
});

describe('startOfLocalDay', () => {
  it.each([
    [STOCKHOLM, '2027-03-28', '2027-03-27T23:00:00.000Z'],
    [STOCKHOLM, '2027-10-31', '2027-10-30T22:00:00.000Z'],
    [KATHMANDU, '2027-01-15', '2027-01-14T18:15:00.000Z'],
    [ADELAIDE, '2027-04-04', '2027-04-03T13:30:00.000Z'],
    [ADELAIDE, '2027-10-03', '2027-10-02T14:30:00.000Z'],
    [NEW_YORK, '2027-03-14', '2027-03-14T05:00:00.000Z'],
    // Santiago skips midnight when DST starts: the day begins at 01:00 -03, which is 04:00Z.
    ['America/Santiago', '2027-09-05', '2027-09-05T04:00:00.000Z'],
  ])('in %s, %s starts at %s', (timeZone, date, expected) => {
    expect(iso(startOfLocalDay(date, timeZone))).toBe(expected);
  });
});

describe('localDateOf and localTimeOf', () => {
  it.each([
    [STOCKHOLM, '2027-03-27T22:59:00.000Z', '2027-03-27', '23:59'],
    [STOCKHOLM, '2027-03-27T23:00:00.000Z', '2027-03-28', '00:00'],
    [STOCKHOLM, '2027-03-28T00:59:59.999Z', '2027-03-28', '01:59'],
    [STOCKHOLM, '2027-03-28T01:00:00.000Z', '2027-03-28', '03:00'],
    [STOCKHOLM, '2027-10-31T00:30:00.000Z', '2027-10-31', '02:30'],
    [STOCKHOLM, '2027-10-31T01:30:00.000Z', '2027-10-31', '02:30'],
    [STOCKHOLM, '2027-10-31T22:59:00.000Z', '2027-10-31', '23:59'],
    [KATHMANDU, '2027-01-14T18:14:00.000Z', '2027-01-14', '23:59'],
    [KATHMANDU, '2027-01-14T18:15:00.000Z', '2027-01-15', '00:00'],
    [ADELAIDE, '2027-04-03T16:29:00.000Z', '2027-04-04', '02:59'],
    [ADELAIDE, '2027-04-03T16:30:00.000Z', '2027-04-04', '02:00'],
    [ADELAIDE, '2027-10-02T16:30:00.000Z', '2027-10-03', '03:00'],
    [NEW_YORK, '2027-11-07T05:30:00.000Z', '2027-11-07', '01:30'],
    [NEW_YORK, '2027-11-07T06:30:00.000Z', '2027-11-07', '01:30'],
    [NEW_YORK, '2027-03-14T07:00:00.000Z', '2027-03-14', '03:00'],
    // Before 1970 the epoch milliseconds are negative; seconds are floored, not rounded up.
    ['UTC', '1969-12-31T23:59:59.500Z', '1969-12-31', '23:59'],
  ])('in %s, %s is %s %s', (timeZone, instant, date, time) => {
    expect(localDateOf(Date.parse(instant), timeZone)).toBe(date);
    expect(localTimeOf(Date.parse(instant), timeZone)).toBe(time);
  });

  it('round-trips every local time that exists, on both sides of each change', () => {
    for (const [timeZone, date] of [
      [STOCKHOLM, '2027-03-28'],
      [STOCKHOLM, '2027-10-31'],
      [ADELAIDE, '2027-04-04'],
      [ADELAIDE, '2027-10-03'],
      [KATHMANDU, '2027-06-01'],
    ] as const) {
      const dayStart = startOfLocalDay(date, timeZone);
      for (let instant = dayStart; localDateOf(instant, timeZone) === date; instant += 15 * 60_000) {
        const time = localTimeOf(instant, timeZone);
        const back = localToInstant(date, time, timeZone);
        // An overlap's second occurrence maps back to its first, one hour earlier.
        expect(back === instant || back === instant - 3_600_000).toBe(true);
        expect(localTimeOf(back, timeZone)).toBe(time);
      }
    }
  });
});

describe('isLocalTime', () => {
  it.each([
    ['00:00', true],
    ['23:59', true],
    ['09:05', true],
    ['24:00', false],
    ['9:05', false],
    ['09:60', false],
    ['09:00:00', false],
  ])('%s -> %s', (value, expected) => {
    expect(isLocalTime(value)).toBe(expected);
  });
});
