import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Locale } from '../i18n.js';
import { theme } from '../shared/styles.js';
import { TextsController } from '../shared/texts.js';
import type { TidbokOpenClientEvent } from './events.js';
import { staffKit } from './kit.js';
import { clientPanelMessages } from './panel-messages.js';

let cardLoaded: Promise<unknown> | undefined;
/** `<tidbok-client-card>` is a chunk of its own, loaded the first time a card is opened. */
function loadCard(): Promise<unknown> {
  return (cardLoaded ??= import('./define.js').then(
    (m) => m.defineClientCard(staffKit),
    (error: unknown) => {
      cardLoaded = undefined;
      throw error;
    },
  ));
}

/** The element focused now, looking into shadow roots (where the calendar's buttons are). */
function deepActive(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * @summary The side panel that shows a client's card next to the staff calendar.
 *
 * `<tidbok-admin>` places it in its calendar layout, as a sibling of the calendar and the client
 * search. It listens on its parent for `tidbok-open-client` (client-card/events.ts), which the
 * entry popup and the client search fire from inside that layout, and opens the card for that
 * client: as a third column, so the calendar narrows and stays in view, and at narrow widths
 * (900 px and less, where the layout is one column) over the right-hand side of the page, with
 * the card's Close button. Escape or Close closes it and focus returns to where it came from.
 *
 * @cssproperty --tidbok-client-card-width - The panel's width beside the calendar (default `22rem`).
 */
export class TidbokClientPanel extends LitElement {
  static override styles = [
    theme,
    css`
      :host {
        display: none;
      }
      :host([open]) {
        display: block;
        grid-column: 3;
        grid-row: 1;
        width: min(var(--tidbok-client-card-width, 22rem), 34vw);
        align-self: start;
        position: sticky;
        top: 0.5rem;
        max-height: calc(100vh - 1rem);
        overflow: auto;
      }
      @media (max-width: 900px) {
        :host([open]) {
          position: fixed;
          inset: 0 0 0 auto;
          width: min(100vw, var(--tidbok-client-card-width, 22rem));
          max-height: none;
          z-index: 30;
          box-shadow: -4px 0 16px rgb(0 0 0 / 0.2);
          background: var(--_surface);
        }
      }
      .hint {
        color: var(--_muted);
        padding: 0.8rem;
      }
    `,
  ];

  static override properties = {
    locale: {},
    timeZone: { attribute: false },
    clientId: { state: true },
    open: { type: Boolean, reflect: true },
    ready: { state: true },
  };

  locale: Locale = 'sv';
  private readonly texts = new TextsController(this, () => this.locale, clientPanelMessages);
  /** The clinic's time zone, for the card's booking times. */
  timeZone = '';
  /** Whether a card is shown (reflected, for the layout). */
  open = false;
  private clientId = '';
  private ready = false;
  /** Where focus was when the card opened: it returns there on close. */
  #opener: HTMLElement | null = null;
  #listeningOn: Node | null = null;

  readonly #onOpen = (event: TidbokOpenClientEvent) => {
    event.stopPropagation();
    void this.show(event.detail.clientId);
  };

  override connectedCallback() {
    super.connectedCallback();
    this.#listeningOn = this.parentNode;
    this.#listeningOn?.addEventListener('tidbok-open-client', this.#onOpen as EventListener);
    this.#listeningOn?.addEventListener('tidbok-calendar-change', this.#onCalendarChange);
    this.addEventListener('keydown', this.#onKeydown);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#listeningOn?.removeEventListener('tidbok-open-client', this.#onOpen as EventListener);
    this.#listeningOn?.removeEventListener('tidbok-calendar-change', this.#onCalendarChange);
    this.#listeningOn = null;
    this.removeEventListener('keydown', this.#onKeydown);
  }

  /** A booking changed in the calendar (a no-show, a cancellation, a new booking): the open card shows it. */
  readonly #onCalendarChange = () => {
    if (this.open) void (this.renderRoot.querySelector('tidbok-client-card') as { reload?: () => Promise<void> } | null)?.reload?.();
  };

  readonly #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      this.close();
    }
  };

  /** Opens the card of a client (what `tidbok-open-client` does). */
  async show(clientId: string): Promise<void> {
    const active = deepActive();
    if (!this.open || !this.holdsFocus(active)) this.#opener = active;
    this.clientId = clientId;
    this.open = true;
    try {
      await loadCard();
      this.ready = true;
    } catch (error) {
      console.error('Tidbok: could not load <tidbok-client-card>', error);
    }
    await this.updateComplete;
    const card = this.renderRoot.querySelector('tidbok-client-card') as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    await card?.updateComplete;
    card?.shadowRoot?.querySelector<HTMLElement>('[data-action="close"]')?.focus();
  }

  /** Closes the card; focus goes back to what opened it, when it is still on the page. */
  close(): void {
    this.open = false;
    this.clientId = '';
    const opener = this.#opener;
    this.#opener = null;
    if (opener?.isConnected) opener.focus();
  }

  private holdsFocus(node: Element | null): boolean {
    return Boolean(node && (this.renderRoot.contains(node) || this.shadowRoot?.querySelector('tidbok-client-card')?.shadowRoot?.contains(node)));
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('open') && !this.open) this.clientId = '';
  }

  override render() {
    if (!this.open || !this.clientId) return nothing;
    if (!this.ready) return html`<p class="hint" role="status">${this.texts.t('loading')}</p>`;
    return html`<tidbok-client-card
      .clientId=${this.clientId}
      .locale=${this.locale}
      .timeZone=${this.timeZone}
      @tidbok-client-card-close=${(event: Event) => {
        event.stopPropagation();
        this.close();
      }}
    ></tidbok-client-card>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-client-panel': TidbokClientPanel;
  }
}
