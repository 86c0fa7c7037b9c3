import type { CalendarEntry, TidbokAdmin } from '@tidbok/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LoadController, type LoadStatus } from '../shared/load.js';

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
   * within seconds (a hold shows as a pale block without text). Read at each poll; default 5000.
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
 * everything when the host disconnects. The loading itself is a `LoadController`
 * (shared/load.ts); this adds the range, the poll timer and the page's visibility.
 *
 * Invariant: only the answer to the newest request is applied. `refresh()` (called after every
 * change the staff member makes) aborts a poll in flight, so a poll that started before a move
 * can never paint the entry back at its old place.
 */
export class CalendarFeedController implements ReactiveController {
  private readonly options: CalendarFeedOptions;
  private readonly load: LoadController<CalendarEntry[]>;
  private key = '';
  private admin: TidbokAdmin | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;
  /** Loading is failing and that was reported; cleared by the next success. */
  private failing = false;

  constructor(host: ReactiveControllerHost, options: CalendarFeedOptions) {
    this.options = options;
    this.load = new LoadController(host, {
      task: (signal) => this.fetchWeek(signal),
      onError: (error) => {
        if (!this.failing) this.options.onError?.(error);
        this.failing = true;
      },
      // hostConnected loads again (and restarts the poll) whatever was in flight.
      resume: false,
    });
    host.addController(this);
  }

  /** `error` only until the week first loaded; after that a failed poll keeps the week shown. */
  get status(): LoadStatus {
    return this.load.status === 'error' && this.load.value ? 'ready' : this.load.status;
  }

  /** The last failure; stays set while polls keep failing, cleared by the next success. */
  get error(): unknown {
    return this.load.error;
  }

  get entries(): CalendarEntry[] {
    return this.load.value ?? [];
  }

  /** Replaces the entries shown until the next answer (an edit the server already accepted). */
  set entries(entries: CalendarEntry[]) {
    this.load.value = entries;
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
    if (key === this.key && query?.admin === this.admin) return;
    this.key = key;
    this.admin = query?.admin;
    // A new week, filter or client: the old entries do not belong to it.
    this.stop();
    this.load.reset();
    this.failing = false;
    void this.poll(false);
  }

  /** Loads now (cancelling a poll in flight) and restarts the poll timer. */
  refresh(): Promise<void> {
    return this.poll(true);
  }

  private async poll(quiet: boolean): Promise<void> {
    this.stop();
    if (!this.options.query() || !this.connected) return;
    if (!(await this.load.run({ quiet }))) return;
    if (this.load.status === 'ready') this.failing = false;
    this.schedule();
  }

  private async fetchWeek(signal: AbortSignal): Promise<CalendarEntry[]> {
    const query = this.options.query()!;
    const { entries } = await query.admin.calendar(
      { from: query.from, to: query.to, ...(query.practitionerId ? { practitionerId: query.practitionerId } : {}) },
      { signal },
    );
    return entries;
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
    this.load.abort();
  }

  private readonly onVisibility = () => {
    if (document.visibilityState === 'visible') void this.refresh();
    else this.stop();
  };
}
