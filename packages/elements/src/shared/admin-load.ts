import type { TidbokAdmin } from '@tidbok/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbort } from './errors.js';
import type { TidbokConnection } from '../context.js';

export interface AdminLoadOptions {
  /** Besides the connection, what the load depends on (a practitioner id); a change loads again. */
  key?: () => unknown;
  /** Called when the connection or key changed, right before loading again: forget what was shown. */
  reset?: () => void;
  /** The load itself; it passes `signal` to every SDK call so a superseded load stops. */
  load: (admin: TidbokAdmin, signal: AbortSignal) => Promise<void>;
  /** Any failure that is not an abort (show it in place, report it). */
  fail: (error: unknown) => void;
}

/**
 * Why: every staff settings box loaded from the staff connection the same way (again whenever
 * the connection or the shown item changes, the load in flight aborted by a newer one or by
 * leaving the page, aborts never shown as errors), each with its own copy of that bookkeeping.
 * The element keeps its data in its own state; this keeps only when to load and `loading`.
 */
export class AdminLoad implements ReactiveController {
  #loadedFor: unknown;
  #loadedKey: unknown;
  #abort: AbortController | undefined;
  #loading = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { connection?: TidbokConnection | undefined },
    private readonly options: AdminLoadOptions,
  ) {
    host.addController(this);
  }

  /** True while the newest load runs. */
  get loading() {
    return this.#loading;
  }

  hostUpdate() {
    const admin = this.host.connection?.admin;
    const key = this.options.key?.();
    if (admin !== this.#loadedFor || key !== this.#loadedKey) {
      this.#loadedFor = admin;
      this.#loadedKey = key;
      this.options.reset?.();
      void this.run();
    }
  }

  hostDisconnected() {
    this.#abort?.abort();
    // Back in the page, the box loads afresh.
    this.#loadedFor = undefined;
  }

  /** Loads now (or with `load`, a variant such as the next page); resolves when done, never rejects. */
  async run(load = this.options.load): Promise<void> {
    const admin = this.host.connection?.admin;
    this.#abort?.abort();
    if (!admin) return;
    const abort = new AbortController();
    this.#abort = abort;
    this.#loading = true;
    this.host.requestUpdate();
    try {
      await load(admin, abort.signal);
    } catch (error) {
      if (abort.signal.aborted || isAbort(error)) return;
      this.options.fail(error);
    } finally {
      if (this.#abort === abort) {
        this.#loading = false;
        this.host.requestUpdate();
      }
    }
  }
}
