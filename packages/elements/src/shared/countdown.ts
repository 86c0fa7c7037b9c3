import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface CountdownOptions {
  /** The clock; `Date.now` unless a test moves time by hand. Read on every tick. */
  now?: () => number;
  /** Called once when the deadline passes while the countdown runs. */
  onExpire?: () => void;
}

/**
 * Counts down to a deadline (a hold's expiry) and re-renders its host once a second, aligned to
 * whole seconds of the remaining time so the display never skips or repeats a number. Stops
 * while the host is disconnected and catches up on reconnect (expiring then if it is late).
 *
 * @example
 * countdown = new CountdownController(this, { onExpire: () => this.holdExpired() });
 * this.countdown.start(deadline);
 * html`<span role="timer">${formatRemaining(this.countdown.remaining)}</span>`
 */
export class CountdownController implements ReactiveController {
  #deadline: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: CountdownOptions = {},
  ) {
    host.addController(this);
  }

  /** Milliseconds left, never negative; 0 when not running. */
  get remaining(): number {
    return this.#deadline === undefined ? 0 : Math.max(0, this.#deadline - this.#now());
  }

  get running(): boolean {
    return this.#deadline !== undefined;
  }

  /** Starts (or restarts) counting down to `deadline` (epoch ms on this countdown's clock). */
  start(deadline: number): void {
    this.#deadline = deadline;
    this.#schedule();
  }

  stop(): void {
    this.#deadline = undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Re-reads the clock now (e.g. after a test moved it). */
  tick = (): void => {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#deadline === undefined) return;
    this.host.requestUpdate();
    if (this.remaining <= 0) {
      this.#deadline = undefined;
      this.options.onExpire?.();
      return;
    }
    this.#schedule();
  };

  hostConnected(): void {
    this.#connected = true;
    this.tick();
  }

  hostDisconnected(): void {
    this.#connected = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #now(): number {
    return (this.options.now ?? Date.now)();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    if (!this.#connected || this.#deadline === undefined) return;
    // The next moment the whole number of seconds left changes.
    const wait = this.remaining % 1000 || 1000;
    this.#timer = setTimeout(this.tick, wait);
  }
}

/** `9:05` from milliseconds, rounded up so `0:00` is shown only once time is really up. */
export function formatRemaining(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
