import type { CalendarEntry } from '@tidbok/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { addLocalDays, addMinutes } from '../shared/dates.js';
import type { FocusReturnController } from './focus-controller.js';
import { SNAP } from './gesture-controller.js';
import type { Column, HourRange } from './layout.js';
import type { MovesController } from './moves-controller.js';
import { instantAt, wallClock } from './week.js';

/** A column's keyboard cursor: where a new entry would go. */
export interface Cursor {
  day: number;
  minutes: number;
  length: number;
}

/** What the keyboard needs from the calendar. */
export interface KeyboardHost extends ReactiveControllerHost {
  readonly keyZone: string | undefined;
  readonly keyColumns: Column[];
  readonly keyRange: HourRange;
  readonly keyEntries: CalendarEntry[];
  openEntry(entry: CalendarEntry): Promise<void>;
  createAt(column: Column, from: number, length: number): void;
}

/**
 * The calendar's keyboard (the element's summary lists the keys): each column is a slider for a
 * new entry's time; an entry moves by Shift+arrows, 15 minutes up and down, a column left and
 * right (the next shown day in the week view, the next practitioner in the day view).
 */
export class KeyboardController implements ReactiveController {
  cursor: Cursor | null = null;

  constructor(
    private readonly host: KeyboardHost,
    private readonly moves: MovesController,
    private readonly focus: FocusReturnController,
  ) {
    host.addController(this);
  }

  /** Back on the page, no column has the keyboard yet. */
  hostDisconnected() {
    this.cursor = null;
  }

  onEntryKeydown(event: KeyboardEvent, entry: CalendarEntry) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      void this.host.openEntry(entry);
      return;
    }
    if (!event.shiftKey || !event.key.startsWith('Arrow') || entry.kind === 'hold' || entry.kind === 'busy') return;
    event.preventDefault();
    const zone = this.host.keyZone;
    if (!zone) return;
    const current = this.moves.current(entry);
    const length = current.end - current.start;
    let start = current.start;
    let practitionerId = current.practitionerId;
    if (event.key === 'ArrowUp') start = addMinutes(start, -SNAP);
    else if (event.key === 'ArrowDown') start = addMinutes(start, SNAP);
    else {
      const step = event.key === 'ArrowLeft' ? -1 : 1;
      const columns = this.host.keyColumns;
      if (columns.some((c) => c.practitionerId)) {
        // Day view: to the neighbouring practitioner's column, same time. Working time stays its
        // practitioner's (and the view has no other day to move it to).
        if (entry.kind === 'workingTime') return;
        const here = columns.findIndex((c) => c.practitionerId === (practitionerId ?? entry.practitionerId));
        const next = columns[here + step];
        if (here === -1 || !next?.practitionerId) return;
        practitionerId = next.practitionerId === entry.practitionerId ? undefined : next.practitionerId;
      } else {
        // A day at a time, skipping the days that are hidden.
        const days = columns.map((c) => c.date);
        const { date, minutes } = wallClock(start, zone);
        let next = addLocalDays(date, step);
        for (let i = 0; i < 7 && !days.includes(next); i++) next = addLocalDays(next, step);
        start = instantAt(next, minutes, zone);
      }
    }
    this.moves.keyMove(entry, { start, end: start + length, ...(practitionerId ? { practitionerId } : {}) });
    this.focus.focusAfterRender({ entryId: entry.id });
  }

  /** The keyboard cursor of a column: where it was, else where the column's first working time starts. */
  cursorFor(day: number): Cursor {
    if (this.cursor) return { ...this.cursor, day };
    const { from, to } = this.host.keyRange;
    const column = this.host.keyColumns[day];
    const zone = this.host.keyZone;
    let minutes = from;
    if (column && zone) {
      const band = this.host.keyEntries.find(
        (e) =>
          e.kind === 'workingTime' &&
          wallClock(Date.parse(e.start), zone).date === column.date &&
          (!column.practitionerId || e.practitionerId === column.practitionerId),
      );
      if (band) minutes = Math.min(Math.max(from, wallClock(Date.parse(band.start), zone).minutes), to - SNAP);
    }
    return { day, minutes, length: 60 };
  }

  onDayFocus(day: number) {
    if (this.cursor?.day !== day) this.setCursor(this.cursorFor(day));
  }

  onDayBlur(day: number) {
    if (this.cursor?.day === day) this.setCursor(null);
  }

  private setCursor(cursor: Cursor | null) {
    this.cursor = cursor;
    this.host.requestUpdate();
  }

  onDayKeydown(event: KeyboardEvent, day: number) {
    const cursor = this.cursorFor(day);
    const { from, to } = this.host.keyRange;
    let { minutes, length } = cursor;
    switch (event.key) {
      case 'ArrowUp':
        if (event.shiftKey) length = Math.max(SNAP, length - SNAP);
        else minutes = Math.max(from, minutes - SNAP);
        break;
      case 'ArrowDown':
        if (event.shiftKey) length = Math.min(to - minutes, length + SNAP);
        else minutes = Math.min(to - SNAP, minutes + SNAP);
        break;
      case 'PageUp':
        minutes = Math.max(from, minutes - 60);
        break;
      case 'PageDown':
        minutes = Math.min(to - SNAP, minutes + 60);
        break;
      case 'Home':
        minutes = from;
        break;
      case 'End':
        minutes = to - SNAP;
        break;
      case 'ArrowLeft':
      case 'ArrowRight': {
        const next = day + (event.key === 'ArrowLeft' ? -1 : 1);
        if (next < 0 || next >= this.host.keyColumns.length) return;
        event.preventDefault();
        this.setCursor({ ...cursor, day: next });
        this.focus.find({ day: next })?.focus();
        return;
      }
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const column = this.host.keyColumns[day];
        if (column) this.host.createAt(column, minutes, length);
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    this.setCursor({ day, minutes, length: Math.min(length, Math.max(SNAP, 24 * 60 - minutes)) });
  }
}
