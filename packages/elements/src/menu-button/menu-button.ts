import { html, LitElement, nothing } from 'lit';
import { TidbokMenuSelectEvent } from '../calendar/events.js';
import { theme } from '../shared/styles.js';
import { menuButtonStyles } from './menu-button.styles.js';

/** One choice of a menu. */
export interface MenuItem {
  id: string;
  label: string;
  /** Shown, focusable and announced, but not choosable (WAI-ARIA APG menus keep disabled items focusable). */
  disabled?: boolean;
  /** Why it is disabled, or what it does; shown under the label and read after it. */
  hint?: string;
  /** Draws the item as destructive. */
  danger?: boolean;
  /** Draws a line above the item. */
  separatorBefore?: boolean;
}

/**
 * @summary A button that opens a menu of actions (WAI-ARIA menu button pattern).
 *
 * @event tidbok-menu-select - An enabled item was chosen; `detail.id` is its id.
 *
 * @csspart button - The button that opens the menu; also `button open` while open.
 * @csspart menu - The list of items.
 * @csspart item - One item; also `item disabled`.
 *
 * @cssproperty --tidbok-primary - Accent colour. See also the other `--tidbok-*` theme properties.
 *
 * Keyboard: Enter, Space or Down opens on the first item, Up on the last; Up/Down/Home/End move;
 * Escape closes and returns focus to the button; Tab closes.
 */
export class TidbokMenuButton extends LitElement {
  static override styles = [theme, menuButtonStyles];

  static override properties = {
    label: {},
    accessibleLabel: { attribute: 'accessible-label' },
    align: { reflect: true },
    direction: { reflect: true },
    disabled: { type: Boolean },
    items: { attribute: false },
    open: { state: true },
  };

  /** The button's visible text. */
  label = '';
  /** The button's accessible name, when it should say more than `label`. */
  accessibleLabel = '';
  /** `end` aligns the menu to the button's right edge. */
  align: 'start' | 'end' = 'start';
  /** `up` opens the menu above the button. */
  direction: 'down' | 'up' = 'down';
  disabled = false;
  items: MenuItem[] = [];

  private open = false;
  private get button(): HTMLButtonElement {
    return this.renderRoot.querySelector<HTMLButtonElement>('[part~="button"]')!;
  }
  private get itemElements(): NodeListOf<HTMLButtonElement> {
    return this.renderRoot.querySelectorAll<HTMLButtonElement>('[role="menuitem"]');
  }

  /** Opens the menu and focuses an item (the first by default). */
  async show(focus: 'first' | 'last' = 'first') {
    if (this.disabled || this.items.length === 0) return;
    this.open = true;
    await this.updateComplete;
    const items = [...this.itemElements];
    (focus === 'first' ? items[0] : items[items.length - 1])?.focus();
    document.addEventListener('pointerdown', this.onOutside, true);
  }

  /** Closes the menu; `returnFocus` puts focus back on the button. */
  hide(returnFocus = true) {
    if (!this.open) return;
    this.open = false;
    document.removeEventListener('pointerdown', this.onOutside, true);
    if (returnFocus) this.button?.focus();
  }

  override focus(options?: FocusOptions) {
    this.button?.focus(options);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.onOutside, true);
  }

  private readonly onOutside = (event: Event) => {
    if (!event.composedPath().includes(this)) this.hide(false);
  };

  private onButtonKeydown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      void this.show('first');
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      void this.show('last');
    }
  }

  private onButtonClick() {
    if (this.open) this.hide();
    else void this.show('first');
  }

  private onMenuKeydown(event: KeyboardEvent) {
    const items = [...this.itemElements];
    const index = items.indexOf(this.shadowRoot?.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(index + 1);
      case 'ArrowUp':
        return move(index - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(items.length - 1);
      case 'Escape':
        // Only the menu closes; a dialog around it stays open.
        event.preventDefault();
        event.stopPropagation();
        return this.hide();
      case 'Tab':
        return this.hide(false);
    }
  }

  private choose(item: MenuItem) {
    if (item.disabled) return;
    this.hide();
    this.dispatchEvent(new TidbokMenuSelectEvent({ id: item.id }));
  }

  override render() {
    return html`
      <button
        part="button${this.open ? ' open' : ''}"
        type="button"
        aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="menu"
        aria-label=${this.accessibleLabel || nothing}
        ?disabled=${this.disabled}
        @click=${this.onButtonClick}
        @keydown=${this.onButtonKeydown}
      >
        ${this.label}<span class="caret" aria-hidden="true">▾</span>
      </button>
      <div part="menu" id="menu" role="menu" aria-label=${this.accessibleLabel || this.label} ?hidden=${!this.open} @keydown=${this.onMenuKeydown}>
        ${this.items.map(
          (item) => html`
            ${item.separatorBefore ? html`<div role="separator"></div>` : nothing}
            <button
              part="item${item.disabled ? ' disabled' : ''}"
              class=${item.danger ? 'danger' : ''}
              type="button"
              role="menuitem"
              tabindex="-1"
              data-id=${item.id}
              aria-disabled=${item.disabled ? 'true' : 'false'}
              @click=${() => this.choose(item)}
            >
              ${item.label}${item.hint ? html`<span class="sr">. </span><span class="hint">${item.hint}</span>` : nothing}
            </button>
          `,
        )}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-menu-button': TidbokMenuButton;
  }
}
