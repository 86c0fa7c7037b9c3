import type { Slot, Tidbok } from '@tidbok/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { addLocalDays, daysBetween, localDateOf, mondayOf } from '../shared/dates.js';
import { LoadController, type LoadStatus } from '../shared/load.js';

/** What to look for. A new target (by value, or another client) starts a new search. */
export interface SlotsTarget {
  tidbok: Tidbok;
  treatmentTypeId: string;
  /** One practitioner, or any when absent. */
  practitionerId?: string;
  locationId?: string;
  /** The clinic's IANA zone; read from the clinic when absent. */
  timeZone?: string;
}

export interface SlotsOptions {
  target: () => SlotsTarget | undefined;
  /** The clock that decides which week is "this week". */
  now?: () => number;
  /** Every failure that was not an abort. */
  onError?: (error: unknown) => void;
}

/** One start time, with every practitioner free then (one when a practitioner was chosen). */
export interface SlotTime {
  start: string;
  slots: Slot[];
}

export interface SlotDay {
  /** Local date `YYYY-MM-DD` in the clinic's zone. */
  date: string;
  times: SlotTime[];
}

/**
 * Weeks are fetched in chunks of this many: 56 days stays under the server's 62-day limit per
 * request (docs/api.md, the slots route), so paging through two months costs one request.
 */
export const CHUNK_WEEKS = 8;
/** How far the first search looks for a week with free times (four requests, ~7 months). */
export const SEARCH_CHUNKS = 4;
/** How far forward the visitor may page. */
export const MAX_WEEKS = 52;

/**
 * Free times for a week view: loads them in 8-week chunks, finds the first week with free times,
 * and groups each week's slots by local day in the clinic's zone. Week 0 is the clinic's current
 * week. Requests are aborted when superseded or when the host disconnects, and the interrupted
 * work runs again on reconnect.
 */
export class SlotsController implements ReactiveController {
  /** The week shown, counted from the clinic's current week. */
  week = 0;
  /** The clinic's zone, once known. */
  timeZone = '';
  /** Nothing is free anywhere in the first search. */
  empty = false;
  #firstMonday = '';
  readonly #chunks = new Map<number, Slot[]>();
  #target: SlotsTarget | undefined;
  /** What the loader does next: open the first week with times, or load the week shown. */
  #work: (signal: AbortSignal) => Promise<void> = async () => {};
  readonly #load: LoadController<void>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SlotsOptions,
  ) {
    this.#load = new LoadController(host, { task: (signal) => this.#work(signal), onError: options.onError });
    host.addController(this);
  }

  get status(): LoadStatus {
    return this.#load.status;
  }

  get error(): unknown {
    return this.#load.error;
  }

  /** The first day of the week shown (a Monday), `''` until the zone is known. */
  get monday(): string {
    return this.#firstMonday && addLocalDays(this.#firstMonday, this.week * 7);
  }

  /** The seven days of the week shown; times empty while its chunk is not loaded. */
  get days(): SlotDay[] {
    if (!this.#firstMonday) return [];
    const dates = Array.from({ length: 7 }, (_, i) => addLocalDays(this.monday, i));
    const byDate = new Map(dates.map((date) => [date, new Map<string, Slot[]>()]));
    for (const slot of this.#chunks.get(Math.floor(this.week / CHUNK_WEEKS)) ?? []) {
      const day = byDate.get(localDateOf(Date.parse(slot.start), this.timeZone));
      if (!day) continue;
      const same = day.get(slot.start);
      if (same) same.push(slot);
      else day.set(slot.start, [slot]);
    }
    return dates.map((date) => ({
      date,
      times: [...byDate.get(date)!].map(([start, slots]) => ({ start, slots })),
    }));
  }

  /** Whether the week shown is loaded. */
  get loaded(): boolean {
    return this.#chunks.has(Math.floor(this.week / CHUNK_WEEKS));
  }

  /** The next week after the one shown that has free times, among the weeks already loaded. */
  get nextWeekWithTimes(): number | undefined {
    return this.#firstWeekWithTimes(this.week + 1);
  }

  hostUpdate(): void {
    const next = this.options.target();
    const before = this.#target;
    if (
      next?.tidbok === before?.tidbok &&
      next?.treatmentTypeId === before?.treatmentTypeId &&
      next?.practitionerId === before?.practitionerId &&
      next?.locationId === before?.locationId &&
      next?.timeZone === before?.timeZone
    ) {
      return;
    }
    this.#target = next;
    this.#chunks.clear();
    this.week = 0;
    this.empty = false;
    this.timeZone = '';
    this.#firstMonday = '';
    if (next?.timeZone) this.#setZone(next.timeZone);
    if (next) void this.#open();
    else this.#load.reset();
  }

  /** Shows `week`, loading it first when needed. */
  goTo(week: number): Promise<void> {
    this.week = Math.max(0, Math.min(MAX_WEEKS, week));
    this.host.requestUpdate();
    return this.loaded ? Promise.resolve() : this.#run((signal) => this.#fetchChunk(this.week, signal));
  }

  /** Drops what is loaded and loads the week shown again (after a time turned out taken). */
  refresh(): Promise<void> {
    this.#chunks.clear();
    return this.#run((signal) => this.#fetchChunk(this.week, signal));
  }

  /** Runs the last load again (after a failure). */
  retry(): Promise<void> {
    return this.#target ? this.#run(this.#work) : Promise.resolve();
  }

  /** Searches forward from this week for the first week with free times and shows it. */
  #open(): Promise<void> {
    return this.#run(async (signal) => {
      for (let chunk = 0; chunk < SEARCH_CHUNKS; chunk++) {
        await this.#fetchChunk(chunk * CHUNK_WEEKS, signal);
        const found = this.#firstWeekWithTimes(chunk * CHUNK_WEEKS);
        if (found !== undefined) {
          this.week = found;
          return;
        }
      }
      this.empty = true;
    });
  }

  async #run(work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    this.#work = work;
    await this.#load.run();
  }

  async #fetchChunk(week: number, signal: AbortSignal): Promise<void> {
    const target = this.#target;
    if (!target) return;
    if (!this.#firstMonday) this.#setZone((await target.tidbok.clinic({ signal })).timeZone);
    const chunk = Math.floor(week / CHUNK_WEEKS);
    if (this.#chunks.has(chunk)) return;
    const from = addLocalDays(this.#firstMonday, chunk * CHUNK_WEEKS * 7);
    const { slots } = await target.tidbok.slots(
      {
        treatmentTypeId: target.treatmentTypeId,
        from,
        to: addLocalDays(from, CHUNK_WEEKS * 7 - 1),
        ...(target.practitionerId ? { practitionerId: target.practitionerId } : {}),
        ...(target.locationId ? { locationId: target.locationId } : {}),
      },
      { signal },
    );
    this.#chunks.set(chunk, slots);
  }

  #setZone(timeZone: string): void {
    this.timeZone = timeZone;
    this.#firstMonday = mondayOf(localDateOf((this.options.now ?? Date.now)(), timeZone));
  }

  #firstWeekWithTimes(fromWeek: number): number | undefined {
    let first: number | undefined;
    for (const slots of this.#chunks.values()) {
      // Slots come sorted by start, so the first one late enough is the chunk's earliest.
      for (const slot of slots) {
        const week = Math.floor(daysBetween(this.#firstMonday, localDateOf(Date.parse(slot.start), this.timeZone)) / 7);
        if (week < fromWeek) continue;
        if (first === undefined || week < first) first = week;
        break;
      }
    }
    return first;
  }
}
