import { localToInstant, startOfLocalDay } from '@tidbok/core';
import { addLocalDays, clockTime, localDateOf, mondayOf, weekdayOf } from '../shared/dates.js';

/*
 * The calendar's geometry, in one place and free of the DOM: which local days a week shows, where
 * an instant sits on a day column, and which instant a point on a column stands for.
 *
 * Invariants (docs/design.md, "Time in the code"): instants are epoch milliseconds or UTC ISO strings; a position on
 * the grid is a local date plus wall-clock minutes in the clinic's zone. Days are never made by
 * adding 24 h to an instant — `addLocalDays` and `startOfLocalDay` do it per zone, so a 23-hour
 * Sunday (Europe/Stockholm, 2027-03-28) or a 25-hour one is covered exactly. The date helpers are
 * shared/dates.ts's; core's `startOfLocalDay` and `localToInstant` turn wall-clock times into
 * instants.
 */

export const MINUTES_PER_DAY = 24 * 60;

/** Minutes since local midnight for `HH:mm`. */
export function minutesOfTime(time: string): number {
  const [hours = '0', minutes = '0'] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/** `HH:mm` for minutes since local midnight (1440 is written `24:00`). */
export function timeOfMinutes(minutes: number): string {
  const whole = Math.max(0, Math.min(MINUTES_PER_DAY, Math.round(minutes)));
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

/** The local dates of the week that contains `date`: Monday first; five days when weekends are hidden. */
export function weekDays(date: string, hideWeekends: boolean): string[] {
  const monday = mondayOf(date);
  const days: string[] = [];
  for (let i = 0; i < 7; i++) {
    const day = addLocalDays(monday, i);
    if (hideWeekends && weekdayOf(day) >= 6) continue;
    days.push(day);
  }
  return days;
}

/** The whole week (Monday 00:00 to next Monday 00:00, local) as UTC ISO instants. */
export function weekRange(date: string, timeZone: string): { from: string; to: string } {
  const monday = mondayOf(date);
  return {
    from: new Date(startOfLocalDay(monday, timeZone)).toISOString(),
    to: new Date(startOfLocalDay(addLocalDays(monday, 7), timeZone)).toISOString(),
  };
}

/** Where an instant falls on the grid: its local date and wall-clock minutes. */
export function wallClock(instant: number, timeZone: string): { date: string; minutes: number } {
  return { date: localDateOf(instant, timeZone), minutes: minutesOfTime(clockTime(instant, timeZone)) };
}

/**
 * The instant a grid position stands for: `minutes` of wall-clock time on `date` (0–1440; 1440 is
 * the next day's midnight). Times a DST gap skips resolve as in core's `localToInstant`.
 */
export function instantAt(date: string, minutes: number, timeZone: string): number {
  if (minutes >= MINUTES_PER_DAY) return startOfLocalDay(addLocalDays(date, Math.floor(minutes / MINUTES_PER_DAY)), timeZone);
  return localToInstant(date, timeOfMinutes(Math.max(0, minutes)), timeZone);
}

/** `minutes` rounded to the nearest multiple of `step` (down with `floor`). */
export function snapMinutes(minutes: number, step = 15, mode: 'round' | 'floor' = 'round'): number {
  return (mode === 'floor' ? Math.floor(minutes / step) : Math.round(minutes / step)) * step;
}

/** `instant` moved to the nearest `step`-minute mark of its local wall clock. */
export function snapInstant(instant: number, timeZone: string, step = 15): number {
  const { date, minutes } = wallClock(instant, timeZone);
  return instantAt(date, snapMinutes(minutes, step), timeZone);
}

/** The part of an interval that one day column shows, in wall-clock minutes of that day. */
export interface DaySegment {
  date: string;
  /** Wall-clock minutes since local midnight; 0 when the interval began on an earlier day. */
  top: number;
  /** Wall-clock minutes; 1440 when the interval goes on past midnight. */
  bottom: number;
  /** The interval starts on this day (false: it continues from the previous one). */
  startsHere: boolean;
  /** The interval ends on this day. */
  endsHere: boolean;
}

/** The pieces of `[start, end)` on each of `days`, in order; days it does not touch are left out. */
export function daySegments(start: number, end: number, days: readonly string[], timeZone: string): DaySegment[] {
  const segments: DaySegment[] = [];
  for (const date of days) {
    const dayStart = startOfLocalDay(date, timeZone);
    const dayEnd = startOfLocalDay(addLocalDays(date, 1), timeZone);
    if (end <= dayStart || start >= dayEnd) continue;
    const startsHere = start >= dayStart;
    const endsHere = end <= dayEnd;
    const top = startsHere ? wallClock(start, timeZone).minutes : 0;
    // Wall-clock minutes of the end; an end at the next midnight reads as 00:00, so use 1440.
    const bottom = endsHere && end < dayEnd ? wallClock(end, timeZone).minutes : MINUTES_PER_DAY;
    // On a fall-back day the repeated hour can make a short interval's end read before its start.
    segments.push({ date, top, bottom: Math.max(bottom, top), startsHere, endsHere });
  }
  return segments;
}

/** Something with a vertical extent, to be placed side by side with what it overlaps. */
export interface Span {
  top: number;
  bottom: number;
}

/** A span's lane and how many lanes its group of overlapping spans needs. */
export interface Lane {
  lane: number;
  lanes: number;
}

/**
 * Places overlapping spans side by side: each goes into the first lane free at its top, and
 * every span of one overlapping cluster shares that cluster's lane count. Spans are given in any
 * order; the result is in the same order.
 */
export function layoutLanes(spans: readonly Span[]): Lane[] {
  const order = spans.map((span, index) => ({ span, index })).sort((a, b) => a.span.top - b.span.top || b.span.bottom - a.span.bottom);
  const result: Lane[] = spans.map(() => ({ lane: 0, lanes: 1 }));
  let cluster: { index: number; lane: number }[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -Infinity;
  const close = () => {
    for (const member of cluster) result[member.index] = { lane: member.lane, lanes: laneEnds.length };
    cluster = [];
    laneEnds = [];
  };
  for (const { span, index } of order) {
    if (span.top >= clusterEnd) close();
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= span.top);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(span.bottom);
    } else {
      laneEnds[lane] = span.bottom;
    }
    cluster.push({ index, lane });
    clusterEnd = cluster.length === 1 ? span.bottom : Math.max(clusterEnd, span.bottom);
  }
  close();
  return result;
}
