import { ContextConsumer, ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { connect, type TidbokConnection, tidbokContext } from '../context.js';

export interface ConnectionOptions {
  /**
   * The element's own `api`, `clinic` and `token`. With a `clinic` they win over any provider;
   * an empty `api` means the page's own origin.
   */
  own: () => { api?: string | null; clinic?: string | null; token?: string | null };
  /** Also provide the resolved connection to the element's own shadow tree (its sub-elements). */
  provide?: boolean;
  /** Called from the host's update when the connection changed (another clinic, a provider arrived). */
  onChange?: (connection: TidbokConnection | undefined) => void;
}

/**
 * Where an element gets its SDK client: its own attributes, or the nearest `<tidbok-provider>`
 * (docs/design.md, Elements). One client per (api, clinic, token): it must keep its identity across renders,
 * because `onChange` and every consumer below compare connections by identity.
 */
export class ConnectionController implements ReactiveController {
  /** The connection in use; undefined until attributes or a provider give one. */
  value: TidbokConnection | undefined;
  #provided: TidbokConnection | undefined;
  #ownKey = '';
  #ownConnection: TidbokConnection | undefined;
  readonly #provider: ContextProvider<typeof tidbokContext> | undefined;

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: ConnectionOptions,
  ) {
    host.addController(this);
    new ContextConsumer(host, {
      context: tidbokContext,
      subscribe: true,
      callback: (value) => {
        this.#provided = value;
        host.requestUpdate();
      },
    });
    if (options.provide) this.#provider = new ContextProvider(host, { context: tidbokContext });
  }

  hostUpdate(): void {
    const next = this.#resolve();
    if (next === this.value) return;
    this.value = next;
    this.#provider?.setValue(next);
    this.options.onChange?.(next);
  }

  #resolve(): TidbokConnection | undefined {
    const { api, clinic, token } = this.options.own();
    if (!clinic) return this.#provided;
    const base = api || globalThis.location?.origin || '';
    const key = JSON.stringify([base, clinic, token ?? null]);
    if (key !== this.#ownKey) {
      this.#ownKey = key;
      this.#ownConnection = connect(base, clinic, token);
    }
    return this.#ownConnection;
  }
}
