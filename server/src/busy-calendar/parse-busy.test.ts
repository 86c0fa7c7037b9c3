import { describe, expect, it } from 'vitest';
import { BusyFeedError, parseBusy } from './parse-busy.js';

// The expansion rules on their own; busy-calendar.test.ts covers them over HTTP end to end.

const ZONE = 'Europe/Stockholm';
const FROM = Date.parse('2027-03-01T00:00:00Z');
const TO = Date.parse('2027-12-31T00:00:00Z');
const cal = (...events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...events, 'END:VCALENDAR', ''].join('\r\n');
const event = (...lines: string[]) => ['BEGIN:VEVENT', `UID:${lines.join('').length}-${Math.random()}`, ...lines, 'END:VEVENT'].join('\r\n');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const spans = (text: string, zone = ZONE) => parseBusy(text, zone, FROM, TO).map((o) => [iso(o.start), iso(o.end)]);

describe('parseBusy', () => {
  it('reads UTC, IANA zones, and floating times in the clinic zone', () => {
    expect(
      spans(
        cal(
          event('DTSTART:20270305T090000Z', 'DTEND:20270305T100000Z'),
          event('DTSTART;TZID=America/New_York:20270305T090000', 'DTEND;TZID=America/New_York:20270305T093000'),
          event('DTSTART:20270305T090000', 'DURATION:PT45M'),
        ),
      ),
    ).toEqual([
      ['2027-03-05T09:00:00Z', '2027-03-05T10:00:00Z'],
      ['2027-03-05T14:00:00Z', '2027-03-05T14:30:00Z'],
      ['2027-03-05T08:00:00Z', '2027-03-05T08:45:00Z'],
    ]);
  });

  it("reads a zone named only by the feed's own VTIMEZONE (as Outlook names them)", () => {
    const vtimezone = [
      'BEGIN:VTIMEZONE',
      'TZID:W. Europe Standard Time',
      'BEGIN:STANDARD',
      'DTSTART:16010101T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:16010101T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
    ].join('\r\n');
    const text = cal(
      vtimezone,
      event('DTSTART;TZID=W. Europe Standard Time:20270326T100000', 'DTEND;TZID=W. Europe Standard Time:20270326T110000', 'RRULE:FREQ=DAILY;COUNT=4'),
    );
    // 10:00 local every day, across the change on Sunday the 28th: 09:00Z, then 08:00Z.
    expect(spans(text)).toEqual([
      ['2027-03-26T09:00:00Z', '2027-03-26T10:00:00Z'],
      ['2027-03-27T09:00:00Z', '2027-03-27T10:00:00Z'],
      ['2027-03-28T08:00:00Z', '2027-03-28T09:00:00Z'],
      ['2027-03-29T08:00:00Z', '2027-03-29T09:00:00Z'],
    ]);
  });

  it('blocks whole local days for all-day events, a cancelled occurrence of a series frees its time', () => {
    const uid = 'series@example.com';
    const text = cal(
      event('DTSTART;VALUE=DATE:20271030', 'DTEND;VALUE=DATE:20271101'),
      [
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'DTSTART;TZID=Europe/Stockholm:20270401T080000',
        'DTEND;TZID=Europe/Stockholm:20270401T090000',
        'RRULE:FREQ=WEEKLY;COUNT=2',
        'END:VEVENT',
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'RECURRENCE-ID;TZID=Europe/Stockholm:20270408T080000',
        'DTSTART;TZID=Europe/Stockholm:20270408T080000',
        'DTEND;TZID=Europe/Stockholm:20270408T090000',
        'STATUS:CANCELLED',
        'END:VEVENT',
      ].join('\r\n'),
    );
    expect(spans(text)).toEqual([
      // Two local days, the second 25 hours long (summer time ends on the 31st).
      ['2027-10-29T22:00:00Z', '2027-10-31T23:00:00Z'],
      ['2027-04-01T06:00:00Z', '2027-04-01T07:00:00Z'],
    ]);
  });

  it('keeps only what overlaps the window, and stops an endless series at its end', () => {
    const text = cal(event('DTSTART:20200106T080000Z', 'DTEND:20200106T090000Z', 'RRULE:FREQ=WEEKLY'));
    const found = parseBusy(text, ZONE, Date.parse('2027-03-01T00:00:00Z'), Date.parse('2027-03-15T00:00:00Z'));
    expect(found.map((o) => iso(o.start))).toEqual(['2027-03-01T08:00:00Z', '2027-03-08T08:00:00Z']);
  });

  it('skips every-second and every-minute rules, and refuses what is not iCalendar', () => {
    expect(spans(cal(event('DTSTART:20270305T090000Z', 'DTEND:20270305T090001Z', 'RRULE:FREQ=SECONDLY')))).toEqual([]);
    expect(() => parseBusy('<html>nope</html>', ZONE, FROM, TO)).toThrow(BusyFeedError);
    expect(() => parseBusy('BEGIN:VCARD\r\nEND:VCARD\r\n', ZONE, FROM, TO)).toThrow(BusyFeedError);
  });
});
