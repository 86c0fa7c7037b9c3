/*
 * The time the staff elements read "now" from. An element takes a `clock` property (attribute:
 * false) defaulting to `systemClock`; a test hands it a `fixedClock` so "today", the now-line and
 * what counts as past do not depend on when the test runs.
 */

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock standing at `instant` (epoch ms or an ISO string) until `set` moves it. */
export function fixedClock(instant: number | string): Clock & { set(instant: number | string): void } {
  let at = typeof instant === 'number' ? instant : Date.parse(instant);
  return {
    now: () => at,
    set: (next) => {
      at = typeof next === 'number' ? next : Date.parse(next);
    },
  };
}
