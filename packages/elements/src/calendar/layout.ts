import type { CalendarEntry } from '@tidbok/sdk';
import { daySegments, layoutLanes, type Lane } from './week.js';

/*
 * Where things go on the calendar's grid, free of the DOM and of Lit: which columns a view shows,
 * which entries fall in a column, their top and bottom in wall-clock minutes clipped to the
 * visible hours, their lanes beside what they overlap, and the CSS box of each. The element only
 * turns these numbers into templates (calendar.ts); the maths is tested in layout.test.ts.
 *
 * A column is a local date and, in the day view, one practitioner (docs/design.md, "Time in the
 * code": positions are local dates plus wall-clock minutes in the clinic's zone).
 */

/** One column of the grid: a day (week view) or a practitioner on one day (day view). */
export interface Column {
  date: string;
  /** Only this practitioner's entries (day view); null: everyone the feed holds. */
  practitionerId: string | null;
}

/** The visible hours of a day, in wall-clock minutes (e.g. 420–1080 for 07–18). */
export interface HourRange {
  from: number;
  to: number;
}

/** A new entry being made: its interval and, when chosen, its practitioner. */
export interface DraftSpan {
  start: number;
  end: number;
  practitionerId: string | null;
}

export interface Placed {
  entry: CalendarEntry | null;
  start: number;
  end: number;
  top: number;
  bottom: number;
  startsHere: boolean;
  endsHere: boolean;
  /** The block lies wholly above or below the visible hours and is drawn as a thin marker there. */
  outside?: 'before' | 'after';
}

/** The week view's columns: one per day, for the practitioner filtered on (or everyone). */
export function weekColumns(days: readonly string[], practitionerId: string | null = null): Column[] {
  return days.map((date) => ({ date, practitionerId }));
}

/** The day view's columns: one per practitioner, all on `date`. */
export function practitionerColumns(date: string, practitionerIds: readonly string[]): Column[] {
  return practitionerIds.map((practitionerId) => ({ date, practitionerId }));
}

/** Whether an entry (or the draft) belongs in a column by its practitioner. */
function inColumn(column: Column, practitionerId: string | null | undefined): boolean {
  return column.practitionerId === null || !practitionerId || practitionerId === column.practitionerId;
}

/** Everything drawn in one column, placed in wall-clock minutes and clipped to the visible hours. */
export function placeColumn(
  column: Column,
  entries: readonly CalendarEntry[],
  draft: DraftSpan | null,
  zone: string,
  range: HourRange,
): { bands: Placed[]; blocks: Placed[] } {
  const bands: Placed[] = [];
  const blocks: Placed[] = [];
  const add = (entry: CalendarEntry | null, start: number, end: number) => {
    for (const segment of daySegments(start, end, [column.date], zone)) {
      let top = Math.max(segment.top, range.from);
      let bottom = Math.min(segment.bottom, range.to);
      let outside: Placed['outside'];
      if (bottom <= top) {
        outside = segment.bottom <= range.from ? 'before' : 'after';
        top = outside === 'before' ? range.from : range.to;
        bottom = top;
      }
      const placed: Placed = { entry, start, end, top, bottom, startsHere: segment.startsHere, endsHere: segment.endsHere, ...(outside ? { outside } : {}) };
      (entry?.kind === 'workingTime' ? bands : blocks).push(placed);
    }
  };
  for (const entry of entries) if (inColumn(column, entry.practitionerId)) add(entry, Date.parse(entry.start), Date.parse(entry.end));
  if (draft && inColumn(column, draft.practitionerId)) add(null, draft.start, draft.end);
  return { bands, blocks };
}

/** Lanes for a column's blocks: a marker outside the hours counts as one minute high. */
export function blockLanes(blocks: readonly Placed[]): Lane[] {
  return layoutLanes(blocks.map((b) => ({ top: b.top, bottom: b.outside ? b.top + 1 : b.bottom })));
}

/**
 * The CSS box of a block in its column: top and height (percent) from its minutes, left and
 * width from its lane. `offset` pixels on the left are kept free.
 */
export function boxOf(placed: Placed, lane: Lane, range: HourRange, offset = 0): Record<string, string> {
  const span = range.to - range.from;
  const style: Record<string, string> = {
    left: `calc((100% - ${offset}px) * ${lane.lane / lane.lanes} + ${offset + 1}px)`,
    width: `calc((100% - ${offset}px) / ${lane.lanes} - 3px)`,
  };
  if (placed.outside) {
    style[placed.outside === 'before' ? 'top' : 'bottom'] = '0';
  } else {
    style.top = `${((placed.top - range.from) / span) * 100}%`;
    style.height = `${((placed.bottom - placed.top) / span) * 100}%`;
  }
  return style;
}

/** How many of a column's entries lie wholly outside the visible hours. */
export function outsideCount(placed: { bands: Placed[]; blocks: Placed[] }): number {
  return [...placed.bands, ...placed.blocks].filter((p) => p.outside && p.entry).length;
}

/** Wall-clock minutes of a point `fraction` (0–1) down a column. */
export function minutesAtFraction(fraction: number, range: HourRange): number {
  return range.from + Math.min(1, Math.max(0, fraction)) * (range.to - range.from);
}

/** The index of the column whose [left, right) holds `x`; clamped to the first or last. */
export function columnAt(x: number, edges: readonly { left: number; right: number }[]): number {
  if (edges.length === 0) return -1;
  const index = edges.findIndex((edge) => x >= edge.left && x < edge.right);
  if (index !== -1) return index;
  return x < edges[0]!.left ? 0 : edges.length - 1;
}

/** Percent from the top of a column for wall-clock `minutes`, or null outside the hours. */
export function topPercent(minutes: number, range: HourRange): number | null {
  if (minutes < range.from || minutes > range.to) return null;
  return ((minutes - range.from) / (range.to - range.from)) * 100;
}
