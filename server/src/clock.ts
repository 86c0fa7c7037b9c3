/** Where every service takes "now" from, so tests can move time instead of sleeping. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still until told to move; for tests and scripted demos. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now() {
    return this.current;
  }
  set(instant: number | string) {
    this.current = typeof instant === 'string' ? Date.parse(instant) : instant;
  }
  advance(ms: number) {
    this.current += ms;
  }
}
