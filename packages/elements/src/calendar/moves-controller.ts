import type { CalendarEntry } from '@tidbok/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long keyboard moves wait for the next key before the server is asked. */
export const KEY_COMMIT_DELAY = 600;

/** Where a block is drawn while it is dragged, moved by keys or being saved. */
export interface Override {
  start: number;
  end: number;
  /** Dropped in another practitioner's column (day view). */
  practitionerId?: string;
  /** Sent to the server, answer not in yet. */
  pending?: boolean;
}

/** A move as the server is asked for it. */
export interface Move {
  entry: CalendarEntry;
  start: number;
  end: number;
  /** Set when the practitioner changes. */
  practitionerId?: string;
}

export interface MovesOptions {
  /**
   * Saves a move (after asking whatever must be asked); resolves true when the server took it,
   * false when it was refused or called off. The override is dropped either way.
   */
  save(move: Move): Promise<boolean>;
}

/**
 * Optimistic moves: the block is drawn at its new place at once (an override over the feed's
 * entry), marked pending while the server decides, and snaps back if it refuses. Keyboard moves
 * are gathered for KEY_COMMIT_DELAY ms so Shift+Down pressed four times is one request.
 */
export class MovesController implements ReactiveController {
  overrides = new Map<string, Override>();
  #keyMoves = new Map<string, { entry: CalendarEntry; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: MovesOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    for (const { timer } of this.#keyMoves.values()) clearTimeout(timer);
    this.#keyMoves.clear();
  }

  /** The entries with every override applied. */
  apply(entries: CalendarEntry[]): CalendarEntry[] {
    if (this.overrides.size === 0) return entries;
    return entries.map((entry) => {
      const o = this.overrides.get(entry.id);
      if (!o) return entry;
      return {
        ...entry,
        start: new Date(o.start).toISOString(),
        end: new Date(o.end).toISOString(),
        ...(o.practitionerId ? { practitionerId: o.practitionerId } : {}),
      };
    });
  }

  /** Where `entry` is drawn now: its override, else its own time. */
  current(entry: CalendarEntry): Override {
    return this.overrides.get(entry.id) ?? { start: Date.parse(entry.start), end: Date.parse(entry.end) };
  }

  isPending(id: string): boolean {
    return Boolean(this.overrides.get(id)?.pending);
  }

  preview(id: string, override: Override) {
    this.overrides = new Map(this.overrides).set(id, override);
    this.host.requestUpdate();
  }

  drop(id: string) {
    if (!this.overrides.has(id)) return;
    const next = new Map(this.overrides);
    next.delete(id);
    this.overrides = next;
    this.host.requestUpdate();
  }

  /** Sends a move or resize; nothing when nothing changed. */
  async commit(entry: CalendarEntry, start: number, end: number, practitionerId?: string): Promise<boolean> {
    const changedPractitioner = practitionerId && practitionerId !== entry.practitionerId ? practitionerId : undefined;
    if (entry.kind === 'hold' || entry.kind === 'busy' || (start === Date.parse(entry.start) && end === Date.parse(entry.end) && !changedPractitioner)) {
      this.drop(entry.id);
      return false;
    }
    this.preview(entry.id, { start, end, ...(changedPractitioner ? { practitionerId: changedPractitioner } : {}), pending: true });
    try {
      return await this.options.save({ entry, start, end, ...(changedPractitioner ? { practitionerId: changedPractitioner } : {}) });
    } finally {
      this.drop(entry.id);
    }
  }

  /** A keyboard move: drawn now, sent when the keys stop. */
  keyMove(entry: CalendarEntry, override: Override) {
    this.preview(entry.id, override);
    const pending = this.#keyMoves.get(entry.id);
    clearTimeout(pending?.timer);
    const original = pending?.entry ?? entry;
    this.#keyMoves.set(entry.id, {
      entry: original,
      timer: setTimeout(() => {
        this.#keyMoves.delete(entry.id);
        const latest = this.overrides.get(entry.id);
        if (latest) void this.commit(original, latest.start, latest.end, latest.practitionerId);
      }, KEY_COMMIT_DELAY),
    });
  }
}
