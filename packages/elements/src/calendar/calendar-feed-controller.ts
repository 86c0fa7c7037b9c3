import type { CalendarEntry, TidbokAdmin } from '@tidbok/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbort } from '../shared/errors.js';

/** One week of one filter: what the feed loads. */
export interface CalendarFeedQuery {
  admin: TidbokAdmin;
  from: string;
  to: string;
  practitionerId?: string | undefined;
}

export interface CalendarFeedOptions {
  /** The range to show; read before every update. A different range or client loads at once. */
  query: () => CalendarFeedQuery | undefined;
  /**
   * How often to poll while the page is visible, in ms, so holds made on the public site appear
   * within seconds (the seed: "light pink without text"). Read at each poll; default 5000.
   */
  intervalMs?: () => number;
  /** Told when loading starts failing (once, not at every failed poll). */
  onError?: (error: unknown) => void;
  /** Whether the host is on screen; polls are skipped while it is not (e.g. another tab of the admin). */
  visible?: () => boolean;
}

/**
 * Keeps a week of calendar entries fresh: loads when the range changes, polls while the page (and
 * the host) is visible, refetches at once when the page becomes visible again, and aborts
 * everything when the host disconnects.
 *
 * Invariant: only the answer to the newest request is applied. `refresh()` (called after every
 * change the staff member makes) aborts a poll in flight, so a poll that started before a move
 * can never paint the entry back at its old place.
 */
export class CalendarFeedController implements ReactiveController {
  status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  entries: CalendarEntry[] = [];
  /** The last failure; stays set while polls keep failing, cleared by the next success. */
  error: unknown;

  private readonly host: ReactiveControllerHost;
  private readonly options: CalendarFeedOptions;
  private key = '';
  private admin: TidbokAdmin | undefined;
  private abort: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;

  constructor(host: ReactiveControllerHost, options: CalendarFeedOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostConnected() {
    this.connected = true;
    document.addEventListener('visibilitychange', this.onVisibility);
    // Reconnected after a disconnect: load again.
    if (this.key) void this.refresh();
  }

  hostDisconnected() {
    this.connected = false;
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stop();
  }

  hostUpdate() {
    const query = this.options.query();
    const key = query ? `${query.from}|${query.to}|${query.practitionerId ?? ''}` : '';
    if (key !== this.key || query?.admin !== this.admin) {
      this.error = undefined;
      const sameRange = key === this.key && query?.admin === this.admin;
      this.key = key;
      this.admin = query?.admin;
      if (!sameRange) {
        // A new week, filter or client: the old entries do not belong to it.
        this.entries = [];
        this.status = query ? 'loading' : 'idle';
      }
      void this.refresh();
    }
  }

  /** Loads now (cancelling a poll in flight) and restarts the poll timer. */
  async refresh(): Promise<void> {
    this.stop();
    const query = this.options.query();
    if (!query || !this.connected) return;
    const abort = new AbortController();
    this.abort = abort;
    try {
      const { entries } = await query.admin.calendar(
        { from: query.from, to: query.to, ...(query.practitionerId ? { practitionerId: query.practitionerId } : {}) },
        { signal: abort.signal },
      );
      if (abort.signal.aborted) return;
      this.entries = entries;
      this.status = 'ready';
      this.error = undefined;
    } catch (error) {
      if (abort.signal.aborted || isAbort(error)) return;
      if (this.error === undefined) this.options.onError?.(error);
      this.error = error;
      if (this.status !== 'ready') this.status = 'error';
    }
    this.host.requestUpdate();
    this.schedule();
  }

  private schedule() {
    clearTimeout(this.timer);
    if (!this.connected || document.visibilityState === 'hidden') return;
    this.timer = setTimeout(
      () => {
        if (this.options.visible?.() === false) this.schedule();
        else void this.refresh();
      },
      Math.max(1000, this.options.intervalMs?.() ?? 5000),
    );
  }

  private stop() {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.abort?.abort();
    this.abort = undefined;
  }

  private readonly onVisibility = () => {
    if (document.visibilityState === 'visible') void this.refresh();
    else this.stop();
  };
}
