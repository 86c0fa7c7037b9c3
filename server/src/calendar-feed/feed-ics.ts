import { escapeIcsText, foldIcsLine, icsUtc } from '@tidbok/core';
import { vtimezoneLines, zonedProperty } from './zone-lines.js';

/** One entry of a practitioner's calendar subscription. */
export interface FeedEvent {
  /** Stable across fetches and the same as the booking's own .ics file: `<id>@tidbok`. */
  uid: string;
  start: number;
  end: number;
  updatedAt: number;
  summary: string;
  location?: string | null;
}

export interface FeedCalendar {
  name: string;
  timeZone: string;
  /** The window the events were chosen from; the VTIMEZONE covers it. */
  from: number;
  to: number;
  events: FeedEvent[];
}

// SEQUENCE must grow with every change and fit a 32-bit integer: seconds since 2020 do, until 2088.
const SEQUENCE_EPOCH_MS = Date.UTC(2020, 0, 1);
const sequenceOf = (updatedAt: number) => Math.max(0, Math.floor((updatedAt - SEQUENCE_EPOCH_MS) / 1000));

/**
 * The subscription's iCalendar text. It depends on the events alone (DTSTAMP is the entry's last
 * change, as RFC 5545 allows for an object without METHOD), so fetching again without changes gives
 * the same bytes and the same ETag.
 */
export function buildFeed(calendar: FeedCalendar): string {
  const { timeZone } = calendar;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tidbok//Calendar feed//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeIcsText(calendar.name)}`,
    `X-WR-TIMEZONE:${timeZone}`,
    // How often subscribers should fetch again (RFC 7986, and the older Apple/Microsoft name).
    'REFRESH-INTERVAL;VALUE=DURATION:PT15M',
    'X-PUBLISHED-TTL:PT15M',
    ...vtimezoneLines(timeZone, calendar.from, calendar.to),
  ];
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeIcsText(event.uid)}`,
      `DTSTAMP:${icsUtc(event.updatedAt)}`,
      `LAST-MODIFIED:${icsUtc(event.updatedAt)}`,
      `SEQUENCE:${sequenceOf(event.updatedAt)}`,
      zonedProperty('DTSTART', event.start, timeZone),
      zonedProperty('DTEND', event.end, timeZone),
      `SUMMARY:${escapeIcsText(event.summary)}`,
      ...(event.location ? [`LOCATION:${escapeIcsText(event.location)}`] : []),
      'STATUS:CONFIRMED',
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldIcsLine).join('\r\n')}\r\n`;
}
