import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildFeed, type FeedEvent } from './feed-ics.js';
import { transitions } from './zone-lines.js';

const HOUR_MS = 3_600_000;
const from = Date.UTC(2027, 0, 1);
const to = Date.UTC(2028, 0, 1);

/** What a calendar app reads as each event's start, resolved through the file's own VTIMEZONE. */
function startsRead(text: string): number[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).startDate.toJSDate().getTime());
}

describe('time zone data of a feed', () => {
  it('finds the changes of the year to the second', () => {
    expect(transitions('Europe/Stockholm', from, to)).toEqual([
      { at: Date.UTC(2027, 2, 28, 1), from: HOUR_MS, to: 2 * HOUR_MS },
      { at: Date.UTC(2027, 9, 31, 1), from: 2 * HOUR_MS, to: HOUR_MS },
    ]);
    expect(transitions('Asia/Kolkata', from, to)).toEqual([]);
  });

  // Every half hour of the days around each change, in zones with one-hour, half-hour and no
  // changes: each start must read back as the same instant, the second pass through an hour the
  // clocks go back included.
  for (const zone of ['Europe/Stockholm', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC']) {
    it(`gives ${zone} times that read back as the same instants`, () => {
      const days = [Date.UTC(2027, 5, 15), ...transitions(zone, from, to).map((t) => Math.floor(t.at / 86_400_000) * 86_400_000)];
      const events: FeedEvent[] = days.flatMap((day) =>
        Array.from({ length: 96 }, (_, i) => {
          const start = day - 12 * HOUR_MS + (i * HOUR_MS) / 2;
          return { uid: `e${day}-${i}@tidbok`, start, end: start + HOUR_MS / 2, updatedAt: from, summary: 'x' };
        }),
      );
      const text = buildFeed({ name: zone, timeZone: zone, from, to, events });
      expect(startsRead(text)).toEqual(events.map((e) => e.start));
    });
  }
});
