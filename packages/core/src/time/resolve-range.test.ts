import { describe, expect, it } from 'vitest';
import { parseInstant, resolveRange } from './resolve-range.js';

const iso = (instant: number) => new Date(instant).toISOString();
const HOUR = 3_600_000;

describe('resolveRange', () => {
  it.each([
    // A local-date `to` is inclusive, so a DST day is covered by its real length.
    ['Europe/Stockholm', '2027-03-28', '2027-03-28', '2027-03-27T23:00:00.000Z', '2027-03-28T22:00:00.000Z', 23],
    ['Europe/Stockholm', '2027-10-31', '2027-10-31', '2027-10-30T22:00:00.000Z', '2027-10-31T23:00:00.000Z', 25],
    ['Europe/Stockholm', '2027-05-10', '2027-05-10', '2027-05-09T22:00:00.000Z', '2027-05-10T22:00:00.000Z', 24],
    ['Europe/Stockholm', '2027-03-27', '2027-03-29', '2027-03-26T23:00:00.000Z', '2027-03-29T22:00:00.000Z', 71],
    ['Asia/Kathmandu', '2027-01-15', '2027-01-15', '2027-01-14T18:15:00.000Z', '2027-01-15T18:15:00.000Z', 24],
    ['Australia/Adelaide', '2027-04-04', '2027-04-04', '2027-04-03T13:30:00.000Z', '2027-04-04T14:30:00.000Z', 25],
    ['Australia/Adelaide', '2027-10-03', '2027-10-03', '2027-10-02T14:30:00.000Z', '2027-10-03T13:30:00.000Z', 23],
    ['America/New_York', '2027-03-14', '2027-03-14', '2027-03-14T05:00:00.000Z', '2027-03-15T04:00:00.000Z', 23],
    ['America/New_York', '2027-11-07', '2027-11-07', '2027-11-07T04:00:00.000Z', '2027-11-08T05:00:00.000Z', 25],
    // Instants are taken as they are, whatever the zone; sides may mix forms.
    ['Europe/Stockholm', '2027-03-28T09:00:00+02:00', '2027-03-28', '2027-03-28T07:00:00.000Z', '2027-03-28T22:00:00.000Z', 15],
    ['Europe/Stockholm', '2027-10-31', '2027-10-31T12:00:00Z', '2027-10-30T22:00:00.000Z', '2027-10-31T12:00:00.000Z', 14],
    ['Asia/Kathmandu', '2027-01-15T00:00:00+05:45', '2027-01-15T06:00:00.000-00:00', '2027-01-14T18:15:00.000Z', '2027-01-15T06:00:00.000Z', 11.75],
  ])('in %s, %s .. %s is [%s, %s), %f hours', (timeZone, from, to, expectedFrom, expectedTo, hours) => {
    const range = resolveRange(from, to, timeZone);
    expect(iso(range.from)).toBe(expectedFrom);
    expect(iso(range.to)).toBe(expectedTo);
    expect((range.to - range.from) / HOUR).toBe(hours);
  });

  it.each([
    ['2027-03-28T09:00:00', 'an instant without an offset'],
    ['2027-03-28T09:00Z', 'an instant without seconds'],
    ['2027-03-28T09:00:00+0200', 'an offset without a colon'],
    ['2027-03-28t09:00:00z', 'lower-case separators'],
    ['2027-03-28 09:00:00Z', 'a space instead of T'],
    ['2027-03-28T24:00:00Z', 'hour 24'],
    ['2027-02-30', 'a date that does not exist'],
    ['2027-02-30T09:00:00Z', 'an instant on a date that does not exist'],
    ['2027-3-28', 'a date without zero padding'],
    ['tomorrow', 'a word'],
    ['', 'an empty string'],
  ])('refuses %s (%s) with a RangeError naming the side', (value) => {
    expect(() => resolveRange(value, '2027-03-28', 'Europe/Stockholm')).toThrow(RangeError);
    expect(() => resolveRange(value, '2027-03-28', 'Europe/Stockholm')).toThrow(`Invalid from ${JSON.stringify(value)}`);
    expect(() => resolveRange('2027-03-28', value, 'Europe/Stockholm')).toThrow(`Invalid to ${JSON.stringify(value)}`);
  });

  it('refuses a local date in an unknown time zone', () => {
    expect(() => resolveRange('2027-03-28', '2027-03-28', 'Europe/Atlantis')).toThrow(/Unknown time zone "Europe\/Atlantis"/);
  });
});

describe('parseInstant', () => {
  it.each([
    ['2027-03-28T01:30:00Z', '2027-03-28T01:30:00.000Z'],
    ['2027-03-28T03:30:00+02:00', '2027-03-28T01:30:00.000Z'],
    ['2027-03-27T20:30:00-05:00', '2027-03-28T01:30:00.000Z'],
    ['2027-01-15T00:00:00+05:45', '2027-01-14T18:15:00.000Z'],
    ['2027-03-28T01:30:00.5Z', '2027-03-28T01:30:00.500Z'],
    ['2027-03-28T01:30:00.123987Z', '2027-03-28T01:30:00.123Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
  ])('reads %s as %s', (value, expected) => {
    const instant = parseInstant(value);
    expect(instant).not.toBeNull();
    expect(iso(instant!)).toBe(expected);
  });

  it('returns null for a local date-time without an offset', () => {
    expect(parseInstant('2027-03-28T01:30:00')).toBeNull();
  });
});
