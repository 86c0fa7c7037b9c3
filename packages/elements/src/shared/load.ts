import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface LoadOptions<T> {
  /** Does the work; must pass `signal` to every SDK call so a superseded load stops. */
  task: (signal: AbortSignal) => Promise<T>;
  /** Called with every failure that was not an abort (to fire `tidbok-error`). */
  onError?: (error: unknown) => void;
  /**
   * Whether a load cut off by leaving the page runs again on return (the default). False when
   * the owner loads again on return by itself (the calendar's feed, which then polls).
   */
  resume?: boolean;
}

export interface RunOptions {
  /**
   * A refresh in the background (a poll): `status` and `error` stay as they are until it settles
   * and no update is asked for when it starts, so nothing on screen flickers while it runs.
   */
  quiet?: boolean;
}

/**
 * One asynchronous load owned by an element (a clinic, a booking, a week of the calendar): its
 * status, value and error. A new `run()` aborts the one in flight and only the newest answer is
 * applied; disconnecting aborts too and the load runs again on reconnect, so an element taken
 * out of the page leaves no request behind. A failure keeps the last value, so an element may
 * go on showing it beside the error.
 *
 * @example
 * clinic = new LoadController(this, { task: (signal) => this.tidbok.clinic({ signal }) });
 * // in willUpdate: if (connectionChanged) void this.clinic.run();
 */
export class LoadController<T> implements ReactiveController {
  status: LoadStatus = 'idle';
  /** The last value loaded; the owner may replace it after a change of its own (an upsert). */
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

  /**
   * Starts the task; resolves when it settles and never rejects. Resolves true when its answer
   * (value or error) was applied, false when a newer run, `abort()` or `reset()` superseded it.
   */
  async run({ quiet = false }: RunOptions = {}): Promise<boolean> {
    this.#inFlight?.abort();
    const controller = (this.#inFlight = new AbortController());
    if (!quiet) {
      this.status = 'loading';
      this.error = undefined;
      this.host.requestUpdate();
    }
    try {
      const value = await this.options.task(controller.signal);
      if (controller !== this.#inFlight) return false;
      this.value = value;
      this.status = 'ready';
      this.error = undefined;
    } catch (error) {
      if (controller !== this.#inFlight || controller.signal.aborted) return false;
      this.error = error;
      this.status = 'error';
      this.options.onError?.(error);
    }
    this.#inFlight = undefined;
    this.host.requestUpdate();
    return true;
  }

  /** Stops the load in flight and keeps everything else as it is. */
  abort(): void {
    this.#inFlight?.abort();
    this.#inFlight = undefined;
  }

  /** Forgets the value and stops any load in flight. */
  reset(): void {
    this.abort();
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
      this.#resume = this.options.resume ?? true;
      this.abort();
    }
  }
}
