import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface LoadOptions<T> {
  /** Does the work; must pass `signal` to every SDK call so a superseded load stops. */
  task: (signal: AbortSignal) => Promise<T>;
  /** Called with every failure that was not an abort (to fire `tidbok-error`). */
  onError?: (error: unknown) => void;
}

/**
 * One asynchronous load owned by an element (a clinic, a booking): its status, value and error.
 * A new `run()` aborts the one in flight; disconnecting aborts too and the load runs again on
 * reconnect, so an element taken out of the page leaves no request behind.
 *
 * @example
 * clinic = new LoadController(this, { task: (signal) => this.tidbok.clinic({ signal }) });
 * // in willUpdate: if (connectionChanged) void this.clinic.run();
 */
export class LoadController<T> implements ReactiveController {
  status: LoadStatus = 'idle';
  value: T | undefined;
  error: unknown;
  #inFlight: AbortController | undefined;
  #resume = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LoadOptions<T>,
  ) {
    host.addController(this);
  }

  /** Starts the task; resolves when it settles (never rejects). Keeps the old value meanwhile. */
  async run(): Promise<void> {
    this.#inFlight?.abort();
    const controller = (this.#inFlight = new AbortController());
    this.status = 'loading';
    this.error = undefined;
    this.host.requestUpdate();
    try {
      const value = await this.options.task(controller.signal);
      if (controller !== this.#inFlight) return;
      this.value = value;
      this.status = 'ready';
    } catch (error) {
      if (controller !== this.#inFlight || controller.signal.aborted) return;
      this.error = error;
      this.status = 'error';
      this.options.onError?.(error);
    }
    this.#inFlight = undefined;
    this.host.requestUpdate();
  }

  /** Forgets the value and stops any load in flight. */
  reset(): void {
    this.#inFlight?.abort();
    this.#inFlight = undefined;
    this.status = 'idle';
    this.value = undefined;
    this.error = undefined;
  }

  hostConnected(): void {
    if (this.#resume) {
      this.#resume = false;
      void this.run();
    }
  }

  hostDisconnected(): void {
    if (this.#inFlight) {
      this.#resume = true;
      this.#inFlight.abort();
      this.#inFlight = undefined;
    }
  }
}
