import { ContextProvider } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { connect, type TidbokConnection, tidbokContext } from '../context.js';

/**
 * @summary Configures every Tidbok element inside it: one `api`, `clinic` and (for staff) `token`.
 * @slot - The Tidbok elements to configure.
 */
export class TidbokProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  // Reactive properties here rather than as `@property`/`@state` decorators, which would put
  // Lit's decorator helpers into the embed bundle (rollup.config.mjs).
  static override properties = {
    api: {},
    clinic: {},
    token: {},
    locale: {},
    connection: { attribute: false },
  };

  /** Base URL of the Tidbok server, e.g. `https://booking.example.com`; empty = this page's origin. */
  api = '';
  /** The clinic's slug. */
  clinic = '';
  /** Staff token; enables the admin calendar. Prefer setting it as a property over an attribute. */
  token: string | null = null;
  /** `sv` or `en`; defaults to the clinic's language. */
  locale: 'sv' | 'en' | undefined;

  /** What the elements inside get (undefined until `clinic` is set). */
  connection: TidbokConnection | undefined;

  // A controller rather than `@provide`: the same thing, without the decorator's code in the bundle.
  readonly #provider = new ContextProvider(this, { context: tidbokContext });

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('api') || changed.has('clinic') || changed.has('token') || changed.has('locale')) {
      this.connection = this.clinic ? connect(this.api || location.origin, this.clinic, this.token, this.locale) : undefined;
    }
    this.#provider.setValue(this.connection);
  }

  override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-provider': TidbokProvider;
  }
}
