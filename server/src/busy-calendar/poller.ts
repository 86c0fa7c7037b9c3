import { BackgroundRounds } from '../background-rounds.js';
import type { Logger } from '../logger.js';
import type { Deps } from '../services/deps.js';
import { dueBusyCalendar, leaseBusyCalendar } from '../store/repositories/busy-calendar.js';
import { BusyFeedError } from './parse-busy.js';
import { nextRefreshAt, refreshBusyCalendar } from './refresh.js';

export interface BusyCalendarPollerOptions {
  /** Calendars read per round. */
  batch?: number;
  /** How long a claim lasts: longer than a read may take (15 s), so a claim outlives its read. */
  leaseMs?: number;
}

/**
 * Reads practitioners' private calendars in the background, each about every 15 minutes. Each
 * due calendar is claimed with a lease and its next read moved on before it is read, so several
 * server processes on one database never read the same calendar at once, and a process that
 * dies mid-read leaves the calendar to another one once the lease runs out.
 */
export class BusyCalendarPoller extends BackgroundRounds {
  private stopping = false;
  private readonly batch: number;
  private readonly leaseMs: number;

  constructor(
    private readonly deps: Deps,
    logger: Logger,
    options: BusyCalendarPollerOptions = {},
  ) {
    super(logger, 'busy calendar round failed');
    this.batch = options.batch ?? 20;
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  override start(intervalMs = 60_000) {
    super.start(intervalMs);
  }

  /** Stops the timer and waits for the read under way, which is bounded (15 s). */
  override async stop() {
    // No further calendar is claimed; the one being read finishes.
    this.stopping = true;
    await super.stop();
  }

  async runOnce(): Promise<{ read: number; failed: number }> {
    const result = { read: 0, failed: 0 };
    // One calendar claimed at a time, each read within its own lease (a read takes up to 15 s,
    // so a lease taken for a whole batch up front could run out before the batch's last read).
    for (let i = 0; i < this.batch && !this.stopping; i++) {
      const claimed = await this.claimOne();
      if (claimed === undefined) break;
      if (claimed === null) continue; // another process took it first
      try {
        await refreshBusyCalendar(this.deps, claimed);
        result.read += 1;
      } catch (error) {
        result.failed += 1;
        // The reason is kept for staff in the calendar's status; the log names only whose it is.
        if (!(error instanceof BusyFeedError)) throw error;
        this.logger.info('busy calendar not read', { practitionerId: claimed, error: error.message });
      }
    }
    return result;
  }

  /**
   * The practitioner id of the calendar due first, now leased to this process and given its next
   * time; null when another process claimed it between the read and the update; undefined when
   * none is due.
   */
  private async claimOne(): Promise<string | null | undefined> {
    const { store, clock } = this.deps;
    const now = clock.now();
    return store.write(async (trx) => {
      const due = await dueBusyCalendar(trx, now);
      if (due === undefined) return undefined;
      const taken = await leaseBusyCalendar(trx, { practitionerId: due, now, lockedUntil: now + this.leaseMs, nextFetchAt: nextRefreshAt(now) });
      return taken ? due : null;
    });
  }
}
