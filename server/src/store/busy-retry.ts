/**
 * Waiting for a lock without blocking the event loop.
 *
 * better-sqlite3 is synchronous: with SQLite's busy timeout set to seconds, a write that finds
 * another connection (another process) holding the write lock sleeps inside the call, and the
 * whole process — health checks, reads, every other request — stands still until the lock is
 * free. So the store sets SQLite's own busy timeout to a few milliseconds and waits here
 * instead: on SQLITE_BUSY the attempt is dropped, the connection handed back (other requests
 * use it in the meantime), and the attempt made again after a pause that grows and is jittered,
 * so racing processes do not retry in step. Once `budgetMs` has passed, the busy error goes up
 * and the app answers 503 with Retry-After (errors.ts).
 */
export interface BusyRetryOptions {
  /** Total time to keep trying, in ms. */
  budgetMs: number;
  /** First pause, in ms; it doubles per attempt up to `maxPauseMs`. */
  firstPauseMs?: number;
  maxPauseMs?: number;
  /** Told about each busy attempt (for counting). */
  onBusy?: (attempt: number) => void;
}

const SQLITE_BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_LOCKED']);

/** The SQLite lock was taken by another connection: worth trying again later. */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && SQLITE_BUSY_CODES.has(code);
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it does not fail with a busy error, or the budget is spent. */
export async function retryWhileBusy<T>(
  attempt: () => Promise<T>,
  isBusy: (error: unknown) => boolean,
  { budgetMs, firstPauseMs = 2, maxPauseMs = 100, onBusy }: BusyRetryOptions,
): Promise<T> {
  const deadline = performance.now() + budgetMs;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      onBusy?.(n);
      const left = deadline - performance.now();
      if (left <= 0) throw error;
      // Full jitter over [0.5, 1.5) of the step; never past the deadline by more than a step.
      const step = Math.min(maxPauseMs, firstPauseMs * 2 ** Math.min(n - 1, 16));
      await pause(Math.min(left, step * (0.5 + Math.random())));
    }
  }
}
