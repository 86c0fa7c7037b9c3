import type { TidbokAdmin } from '@tidbok/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbort } from './errors.js';
import { LoadController } from './load.js';
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
 * This is the elements' one loader, `LoadController` (load.ts), keyed on the connection and the
 * shown item: the element keeps its data in its own state; this keeps when to load and `loading`.
 */
export class AdminLoad implements ReactiveController {
  #loadedFor: unknown;
  #loadedKey: unknown;
  /** The load the next `run()` does (a variant such as the next page, or the usual one). */
  #next: AdminLoadOptions['load'];
  readonly #loader: LoadController<void>;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { connection?: TidbokConnection | undefined },
    private readonly options: AdminLoadOptions,
  ) {
    this.#next = options.load;
    host.addController(this);
    this.#loader = new LoadController(host, {
      task: (signal) => this.#next(this.host.connection!.admin!, signal),
      onError: (error) => {
        if (!isAbort(error)) this.options.fail(error);
      },
    });
  }

  /** True while the newest load runs. */
  get loading() {
    return this.#loader.status === 'loading';
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
    // Back in the page, the box loads afresh (the loader aborts the load in flight by itself).
    this.#loadedFor = undefined;
  }

  /** Loads now (or with `load`, a variant such as the next page); resolves when done, never rejects. */
  async run(load = this.options.load): Promise<void> {
    if (!this.host.connection?.admin) {
      this.#loader.reset();
      return;
    }
    this.#next = load;
    await this.#loader.run();
  }
}
