import { zoneOffsetAt } from '@tidbok/core';

/*
 * Why written here rather than taken from a library: ical-generator leaves VTIMEZONE to a
 * separate generator package, and ical.js reads time zones but does not write them from the
 * IANA database. Node's Intl already knows every zone's offsets, so the zone's transitions within
 * the feed's window are found from it and written as one observance each (RFC 5545, 3.6.5: an
 * observance may be a single DTSTART without RRULE). Calendar apps that know the IANA name in
 * TZID use their own rules; the others get exactly the offsets the events need.
 */

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

/** `+0100`, `-0330`, `+013045` (seconds only when there are some). */
function offsetText(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.abs(Math.round(offsetMs / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const seconds = total % 60;
  return `${sign}${pad(Math.floor(total / 3600))}${pad(Math.floor((total % 3600) / 60))}${seconds ? pad(seconds) : ''}`;
}

/** A wall-clock time as iCalendar writes a local DATE-TIME: `20270328T020000`. */
export function wallText(wallMs: number): string {
  return new Date(wallMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, '');
}

export interface Transition {
  at: number;
  from: number;
  to: number;
}

/** The instants in [from, to) where the zone's offset changes, to the second. */
export function transitions(timeZone: string, from: number, to: number): Transition[] {
  const found: Transition[] = [];
  // On whole minutes, so the search below lands on the second of the change.
  let before = Math.floor(from / 60_000) * 60_000;
  to = Math.ceil(to / 60_000) * 60_000;
  let offset = zoneOffsetAt(before, timeZone);
  // Offsets change at most a few times a year and never twice within a week.
  while (before < to) {
    const after = Math.min(before + WEEK_MS, to);
    const next = zoneOffsetAt(after, timeZone);
    if (next !== offset) {
      let low = before;
      let high = after;
      while (high - low > 1000) {
        const mid = low + Math.floor((high - low) / 2000) * 1000;
        if (zoneOffsetAt(mid, timeZone) === offset) low = mid;
        else high = mid;
      }
      found.push({ at: high, from: offset, to: next });
      offset = next;
    }
    before = after;
  }
  return found;
}

/**
 * The VTIMEZONE of `timeZone` valid for every instant in [from, to): the offset at `from`,
 * then each change. A change to a larger offset is daylight time, to a smaller one standard.
 */
export function vtimezoneLines(timeZone: string, from: number, to: number): string[] {
  const changes = transitions(timeZone, from, to);
  const first = zoneOffsetAt(from, timeZone);
  const isDaylight = changes.length > 0 && changes[0]!.to < first;
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  const observance = (kind: string, wall: number, offsetFrom: number, offsetTo: number) =>
    lines.push(`BEGIN:${kind}`, `DTSTART:${wallText(wall)}`, `TZOFFSETFROM:${offsetText(offsetFrom)}`, `TZOFFSETTO:${offsetText(offsetTo)}`, `END:${kind}`);
  observance(isDaylight ? 'DAYLIGHT' : 'STANDARD', from + first, first, first);
  for (const change of changes) {
    // DTSTART of an observance is the local time just before the change (RFC 5545, 3.8.2.4).
    observance(change.to > change.from ? 'DAYLIGHT' : 'STANDARD', change.at + change.from, change.from, change.to);
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/**
 * `DTSTART;TZID=Europe/Stockholm:20270328T030000`, or the UTC form for a local time that occurs
 * twice (in the hour the clocks go back). RFC 5545 (3.3.5) reads such a time as the first pass,
 * but readers differ (ical.js takes the second), so neither pass is left to them.
 */
export function zonedProperty(name: string, instant: number, timeZone: string): string {
  const offset = zoneOffsetAt(instant, timeZone);
  const wall = instant + offset;
  const offsets = new Set([zoneOffsetAt(instant - 12 * HOUR_MS, timeZone), offset, zoneOffsetAt(instant + 12 * HOUR_MS, timeZone)]);
  const readings = [...offsets].map((o) => wall - o).filter((u) => u + zoneOffsetAt(u, timeZone) === wall);
  if (readings.length !== 1) return `${name}:${wallText(instant)}Z`;
  return `${name};TZID=${timeZone}:${wallText(wall)}`;
}
