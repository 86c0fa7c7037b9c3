import type { CalendarEntry } from '@tidbok/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Draft } from './events.js';
import { addLocalDays, addMinutes, daysBetween } from '../shared/dates.js';
import type { Column } from './layout.js';
import type { MovesController } from './moves-controller.js';
import { instantAt, snapMinutes, wallClock } from './week.js';

/** Minutes every move, resize and new block snaps to. */
export const SNAP = 15;
/** Pixels a pointer must travel before a press becomes a drag. */
const DRAG_THRESHOLD = 4;

type Gesture = {
  type: 'create' | 'move' | 'resize-start' | 'resize-end';
  /** The entry being moved or resized; absent for the draft and for creating. */
  entry?: CalendarEntry;
  draft?: boolean;
  startX: number;
  startY: number;
  /** Where the press was, on the grid: a column index and wall-clock minutes. */
  day: number;
  minutes: number;
  /** The block's interval when the press began. */
  origin: { start: number; end: number };
  moved: boolean;
};

/** What the gestures need from the calendar. */
export interface GestureHost extends ReactiveControllerHost {
  readonly gestureZone: string | undefined;
  readonly gestureColumns: Column[];
  /** The column index and wall-clock minutes under a point (clamped into the grid). */
  positionAt(x: number, y: number): { day: number; minutes: number } | null;
  gestureDraft: Draft | null;
  nextDraftKey(): number;
  feedEntry(id: string): CalendarEntry | undefined;
  /** A press outside the open popup's block closes it; true when it did (the press does nothing else). */
  closeOnPress(onDraft: boolean, entryId: string | undefined): boolean;
  openDraft(draft: Draft): Promise<void>;
  openEntry(entry: CalendarEntry): Promise<void>;
  /** A press-and-drag over empty time was let go or cancelled before a popup opened. */
  dropUnopenedDraft(): void;
  suggestedPractitioner(start: number, end: number, column: Column | undefined): string | null;
  suggestedLocation(start: number, end: number): string | null;
}

/**
 * The calendar's pointer gestures: press and drag on empty time creates a draft, on a block
 * moves it (to another day or, in the day view, another practitioner's column), on a block's
 * edge resizes it; a press without a drag opens the block. Listens on `window` only while a
 * gesture is under way.
 */
export class GestureController implements ReactiveController {
  /** The entry being dragged, for its "dragging" look. */
  dragId: string | null = null;
  #gesture: Gesture | null = null;

  constructor(
    private readonly host: GestureHost,
    private readonly moves: MovesController,
  ) {
    host.addController(this);
  }

  get creating(): boolean {
    return this.#gesture?.type === 'create';
  }

  hostDisconnected() {
    this.end();
  }

  readonly onPointerDown = (event: PointerEvent) => {
    const host = this.host;
    if (event.button !== 0 || this.#gesture || !host.gestureZone) return;
    const target = event.target as HTMLElement;
    const onDraft = target.closest('[part~="draft"]');
    const entryElement = target.closest<HTMLElement>('[data-entry-id]');
    if (host.closeOnPress(Boolean(onDraft), entryElement?.dataset.entryId)) return;
    const at = host.positionAt(event.clientX, event.clientY);
    if (!at) return;
    const handle = target.closest<HTMLElement>('[data-handle]')?.dataset.handle;
    const base = { startX: event.clientX, startY: event.clientY, day: at.day, minutes: at.minutes, moved: false };
    const draft = host.gestureDraft;
    if (onDraft && draft) {
      const type = handle === 'start' ? 'resize-start' : handle === 'end' ? 'resize-end' : 'move';
      this.#gesture = { ...base, type, draft: true, origin: { start: draft.start, end: draft.end } };
    } else if (entryElement) {
      const entry = host.feedEntry(entryElement.dataset.entryId ?? '');
      if (!entry || entry.kind === 'hold' || entry.kind === 'busy') return;
      if (entry.kind === 'workingTime' && !handle) {
        // The body of a working-time band is where bookings are made: it creates, like the day.
        this.#gesture = { ...base, type: 'create', origin: { start: 0, end: 0 } };
      } else {
        const type = handle === 'start' ? 'resize-start' : handle === 'end' ? 'resize-end' : 'move';
        this.#gesture = { ...base, type, entry, origin: { start: Date.parse(entry.start), end: Date.parse(entry.end) } };
      }
    } else if (target.closest('.day')) {
      this.#gesture = { ...base, type: 'create', origin: { start: 0, end: 0 } };
    } else {
      return;
    }
    window.addEventListener('pointermove', this.#onMove);
    window.addEventListener('pointerup', this.#onUp);
    window.addEventListener('pointercancel', this.#onCancel);
  };

  readonly #onMove = (event: PointerEvent) => {
    const g = this.#gesture;
    const host = this.host;
    const zone = host.gestureZone;
    if (!g || !zone) return;
    if (!g.moved && Math.hypot(event.clientX - g.startX, event.clientY - g.startY) < DRAG_THRESHOLD) return;
    g.moved = true;
    event.preventDefault();
    const at = host.positionAt(event.clientX, event.clientY);
    const columns = host.gestureColumns;
    const anchor = columns[g.day];
    if (!at || !anchor) return;

    if (g.type === 'create') {
      const low = Math.min(g.minutes, at.minutes);
      const high = Math.max(g.minutes, at.minutes);
      const from = snapMinutes(low, SNAP, 'floor');
      const to = Math.max(from + SNAP, Math.ceil(high / SNAP) * SNAP);
      const start = instantAt(anchor.date, from, zone);
      const end = instantAt(anchor.date, Math.min(to, 24 * 60), zone);
      host.gestureDraft = {
        key: host.gestureDraft?.key ?? host.nextDraftKey(),
        start,
        end,
        // The seed: "a drag creates an activity by default".
        tab: 'activity',
        practitionerId: host.suggestedPractitioner(start, end, anchor),
        treatmentTypeId: null,
        locationId: host.suggestedLocation(start, end),
        lengthFromTreatment: false,
      };
      return;
    }

    const { start: originStart, end: originEnd } = g.origin;
    let start = originStart;
    let end = originEnd;
    let practitionerId: string | undefined;
    if (g.type === 'move') {
      const column = columns[at.day] ?? anchor;
      const origin = wallClock(originStart, zone);
      const minutes = snapMinutes(origin.minutes + (at.minutes - g.minutes), SNAP);
      start = instantAt(addLocalDays(origin.date, daysBetween(anchor.date, column.date)), Math.max(0, minutes), zone);
      end = start + (originEnd - originStart);
      // Day view: into another practitioner's column. Working time stays its practitioner's.
      if (column.practitionerId && column.practitionerId !== anchor.practitionerId && g.entry?.kind !== 'workingTime') practitionerId = column.practitionerId;
    } else {
      const edge = instantAt(anchor.date, snapMinutes(at.minutes, SNAP), zone);
      if (g.type === 'resize-end') end = Math.max(edge, addMinutes(originStart, SNAP));
      else start = Math.min(edge, addMinutes(originEnd, -SNAP));
    }
    const draft = host.gestureDraft;
    if (g.draft && draft) {
      host.gestureDraft = { ...draft, start, end, ...(practitionerId ? { practitionerId } : {}), ...(g.type === 'move' ? {} : { lengthFromTreatment: false }) };
    } else if (g.entry) {
      this.dragId = g.entry.id;
      this.moves.preview(g.entry.id, { start, end, ...(practitionerId ? { practitionerId } : {}) });
    }
  };

  readonly #onUp = (event: PointerEvent) => {
    const g = this.#gesture;
    const host = this.host;
    this.end();
    if (!g) return;
    const draft = host.gestureDraft;
    if (g.type === 'create') {
      if (g.moved && draft) void host.openDraft(draft);
      else host.requestUpdate();
      return;
    }
    if (g.draft) {
      if (!g.moved) (event.target as HTMLElement | null)?.closest<HTMLElement>('[part~="draft"]')?.focus();
      return;
    }
    const entry = g.entry;
    if (!entry) return;
    if (!g.moved) {
      void host.openEntry(entry);
      return;
    }
    const override = this.moves.overrides.get(entry.id);
    if (override) void this.moves.commit(entry, override.start, override.end, override.practitionerId);
  };

  readonly #onCancel = () => {
    const g = this.#gesture;
    this.end();
    if (g?.entry) this.moves.drop(g.entry.id);
    if (g?.type === 'create') this.host.dropUnopenedDraft();
  };

  end() {
    this.#gesture = null;
    if (this.dragId) {
      this.dragId = null;
      this.host.requestUpdate();
    }
    window.removeEventListener('pointermove', this.#onMove);
    window.removeEventListener('pointerup', this.#onUp);
    window.removeEventListener('pointercancel', this.#onCancel);
  }
}
