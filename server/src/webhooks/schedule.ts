/**
 * When a failed delivery is tried again, counted from the failed try: 30 s, 2 min, 10 min, 1 h,
 * 3 h, 6 h, 12 h — eight tries over about 22 hours, enough to ride out a receiver's bad night.
 * After the last one the delivery is failed and its endpoint marked failing.
 */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000];

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** The wait after `attempts` failed tries, or null when no try is left. */
export const retryDelayMs = (attempts: number): number | null => RETRY_DELAYS_MS[attempts - 1] ?? null;
