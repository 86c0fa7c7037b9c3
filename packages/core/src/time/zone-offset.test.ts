import { describe, expect, it } from 'vitest';
import { isValidTimeZone, zoneOffsetAt } from './zone-offset.js';

describe('isValidTimeZone', () => {
  it.each([
    ['Europe/Stockholm', true],
    ['Asia/Kathmandu', true],
    ['UTC', true],
    ['Europe/Atlantis', false],
    ['', false],
    ['+01:00', false],
  ])('%s -> %s', (timeZone, expected) => {
    expect(isValidTimeZone(timeZone)).toBe(expected);
  });
});

describe('zoneOffsetAt', () => {
  it.each([
    ['Europe/Stockholm', '2027-03-28T00:59:59.999Z', 60],
    ['Europe/Stockholm', '2027-03-28T01:00:00.000Z', 120],
    ['Europe/Stockholm', '2027-10-31T00:59:59.999Z', 120],
    ['Europe/Stockholm', '2027-10-31T01:00:00.000Z', 60],
    ['Asia/Kathmandu', '2027-06-01T00:00:00.000Z', 345],
    ['Australia/Adelaide', '2027-04-03T16:29:59.000Z', 630],
    ['Australia/Adelaide', '2027-04-03T16:30:00.000Z', 570],
    ['America/New_York', '2027-03-14T07:00:00.000Z', -240],
  ])('%s at %s is %i minutes east of UTC', (timeZone, instant, minutes) => {
    expect(zoneOffsetAt(Date.parse(instant), timeZone)).toBe(minutes * 60_000);
  });
});
