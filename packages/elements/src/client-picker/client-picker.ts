import { ContextConsumer } from '@lit/context';
import type { CreateClientBody } from '@tidbok/core';
import type { Client } from '@tidbok/sdk';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { type TidbokConnection, tidbokContext } from '../context.js';
import { type Locale } from '../i18n.js';
import { reportError } from '../shared/errors.js';
import { controlStyles } from '../shared/controls.styles.js';
import { theme } from '../shared/styles.js';
import { isAbort } from '../shared/errors.js';
import { TidbokClientChangeEvent } from '../calendar/events.js';
import { calendarMessages } from '../calendar/messages.js';
import { TidbokOpenClientEvent } from '../client-card/events.js';
import { clientPanelMessages } from '../client-card/panel-messages.js';
import { clientPickerStyles } from './client-picker.styles.js';
import { TextsController } from '../shared/texts.js';

// The same shapes the server checks (core's EmailSchema / PhoneSchema), to say so before sending.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{4,}$/;

type Mode = 'show' | 'search' | 'new';

let nextId = 0;

/**
 * @summary Chooses the client of a booking: search as you type, "Change client", and
 * "Add new client" with a small inline form (the seed: "Change client" > "Add new client").
 *
 * Needs a `<tidbok-provider>` (or `<tidbok-admin>`) above it for the staff client.
 *
 * @event tidbok-client-change - The choice changed: `detail.client` (existing) or `detail.newClient`
 *   (to be created with the booking); the other is null.
 * @event tidbok-error - The search failed (also shown in place).
 * @event tidbok-open-client - "Client card" on a stored client (client-card/events.ts):
 *   `<tidbok-admin>` opens the client's card beside the calendar.
 *
 * @csspart card - The chosen client.
 * @csspart input - The search field (a combobox).
 * @csspart listbox - The list of matches.
 * @csspart option - One match.
 * @csspart new-client - The "Add new client" form.
 */
export class TidbokClientPicker extends LitElement {
  static override styles = [theme, controlStyles, clientPickerStyles];

  static override properties = {
    connection: { attribute: false },
    locale: {},
    label: {},
    client: { attribute: false },
    newClient: { attribute: false },
    suggested: { attribute: false },
    allowNew: { type: Boolean, attribute: 'allow-new' },
    invalid: { type: Boolean },
    mode: { state: true },
    query: { state: true },
    results: { state: true },
    searchStatus: { state: true },
    expanded: { state: true },
    active: { state: true },
    form: { state: true },
    formErrors: { state: true },
  };

  connection: TidbokConnection | undefined;
  // `@consume` as a controller (no decorator code): keeps `connection` set to the provider's value.
  readonly #connectionConsumer = new ContextConsumer(this, { context: tidbokContext, subscribe: true, callback: (value) => (this.connection = value) });

  locale: Locale = 'sv';
  /** The visible label of the search field. */
  label = '';
  /** The chosen existing client. */
  client: Client | null = null;
  /** A new client typed in the form, created together with the booking. */
  newClient: CreateClientBody | null = null;
  /** The client selected in the side panel; marked as such when it is the chosen one. */
  suggested: Client | null = null;
  /** Whether "Add new client" is offered. */
  allowNew = false;
  /** Marks the search field invalid (e.g. a booking was saved without a client). */
  invalid = false;

  private mode: Mode = 'search';
  private query = '';
  private results: Client[] = [];
  private searchStatus: 'idle' | 'loading' | 'done' | 'error' = 'idle';
  private expanded = false;
  private active = -1;
  private form = { name: '', email: '', phone: '', personalNumber: '', isTest: false };
  private formErrors: Partial<Record<'name' | 'email' | 'phone', string>> = {};

  private get input(): HTMLInputElement | undefined {
    return this.renderRoot?.querySelector<HTMLInputElement>('input[role="combobox"]') ?? undefined;
  }

  private readonly uid = `cp${++nextId}`;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort: AbortController | undefined;

  /** The calendar's texts, and the client card button's (panel-messages.ts). */
  private readonly texts = new TextsController(this, () => this.locale, {
    ...calendarMessages,
    openCard: clientPanelMessages.openCard,
    openCardFor: clientPanelMessages.openCardFor,
  });

  override willUpdate(changed: PropertyValues<this>) {
    if ((changed.has('client') || changed.has('newClient')) && this.mode !== 'new') {
      this.mode = this.client || this.newClient ? 'show' : 'search';
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.abort?.abort();
  }

  /** Focuses the search field, or the "Change client" button when a client is chosen. */
  override focus(options?: FocusOptions) {
    const target = this.shadowRoot?.querySelector<HTMLElement>('input[role="combobox"], input[name="name"], [data-action="change"]');
    target?.focus(options);
  }

  private async changeMode(mode: Mode) {
    this.mode = mode;
    this.expanded = false;
    await this.updateComplete;
    if (mode === 'new') this.shadowRoot?.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
    else if (mode === 'search') this.input?.focus();
    else this.shadowRoot?.querySelector<HTMLElement>('[data-action="change"]')?.focus();
  }

  private onInput(event: Event) {
    this.query = (event.target as HTMLInputElement).value;
    this.expanded = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.search(), 200);
  }

  private onFocus() {
    if (this.searchStatus === 'idle') void this.search();
    this.expanded = true;
  }

  private async search() {
    const admin = this.connection?.admin;
    if (!admin) return;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.searchStatus = 'loading';
    try {
      const q = this.query.trim();
      this.results = await admin.clients.list({ ...(q ? { q } : {}), limit: 8 }, { signal: abort.signal });
      this.searchStatus = 'done';
      this.active = this.results.length > 0 ? 0 : -1;
    } catch (error) {
      if (abort.signal.aborted || isAbort(error)) return;
      this.results = [];
      this.searchStatus = 'error';
      reportError(this, 'search-clients', error);
    }
  }

  private pick(client: Client) {
    this.client = client;
    this.newClient = null;
    this.expanded = false;
    this.query = '';
    this.dispatchEvent(new TidbokClientChangeEvent({ client, newClient: null }));
    void this.changeMode('show');
  }

  private onKeydown(event: KeyboardEvent) {
    const count = this.results.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this.expanded) this.onFocus();
        else if (count) this.active = (this.active + 1) % count;
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (count) this.active = (this.active - 1 + count) % count;
        break;
      case 'Enter': {
        const client = this.expanded ? this.results[this.active] : undefined;
        if (client) {
          event.preventDefault();
          this.pick(client);
        }
        break;
      }
      case 'Escape':
        // An open list closes first; a second Escape reaches the dialog around the picker.
        if (this.expanded) {
          event.preventDefault();
          event.stopPropagation();
          this.expanded = false;
        }
        break;
    }
  }

  private startNew() {
    const q = this.query.trim();
    this.form = {
      name: q.includes('@') || /^[+\d]/.test(q) ? '' : q,
      email: q.includes('@') ? q : '',
      phone: /^[+\d][\d ()-]+$/.test(q) ? q : '',
      personalNumber: '',
      isTest: false,
    };
    this.formErrors = {};
    void this.changeMode('new');
  }

  private useNew() {
    const { name, email, phone, personalNumber, isTest } = this.form;
    const errors: typeof this.formErrors = {};
    if (!name.trim()) errors.name = this.texts.t('needName');
    if (email.trim() && !EMAIL.test(email.trim())) errors.email = this.texts.t('badEmail');
    if (phone.trim() && !PHONE.test(phone.trim())) errors.phone = this.texts.t('badPhone');
    this.formErrors = errors;
    if (Object.keys(errors).length > 0) {
      void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const newClient: CreateClientBody = {
      name: name.trim(),
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(personalNumber.trim() ? { personalNumber: personalNumber.trim() } : {}),
      ...(isTest ? { isTest } : {}),
    };
    this.newClient = newClient;
    this.client = null;
    this.dispatchEvent(new TidbokClientChangeEvent({ client: null, newClient }));
    void this.changeMode('show');
  }

  private onFormKeydown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT' && (event.target as HTMLInputElement).type !== 'checkbox') {
      event.preventDefault();
      this.useNew();
    }
  }

  private field(name: 'name' | 'email' | 'phone' | 'personalNumber', label: string, type = 'text', autocomplete = 'off') {
    const error = name === 'personalNumber' ? undefined : this.formErrors[name];
    const id = `${this.uid}-${name}`;
    return html`
      <div class="field">
        <label for=${id}>${label}</label>
        <input
          id=${id}
          name=${name}
          type=${type}
          autocomplete=${autocomplete}
          .value=${this.form[name]}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${id}-error` : nothing}
          @input=${(e: Event) => (this.form = { ...this.form, [name]: (e.target as HTMLInputElement).value })}
        />
        ${error ? html`<span class="field-error" id="${id}-error">${error}</span>` : nothing}
      </div>
    `;
  }

  private renderCard() {
    const client = this.client;
    const fresh = this.newClient;
    const name = client?.name ?? fresh?.name ?? '';
    const contact = [client?.email ?? fresh?.email, client?.phone ?? fresh?.phone].filter(Boolean).join(' · ');
    const suggested = client && this.suggested && client.id === this.suggested.id;
    return html`
      <div part="card" class="card">
        <div class="who">
          <span class="sr">${this.label || this.texts.t('client')}:</span>
          <strong>${name}</strong>
          ${contact ? html`<span class="contact">${contact}</span>` : nothing}
          ${fresh ? html`<span class="badge">${this.texts.t('newClient')}</span>` : nothing}
          ${suggested ? html`<span class="badge">${this.texts.t('suggestedClient')}</span>` : nothing}
        </div>
        <div class="actions">
          ${
            client
              ? html`<button
                  class="btn"
                  type="button"
                  data-action="open-card"
                  aria-label=${this.texts.t('openCardFor', { name: client.name })}
                  @click=${() => this.dispatchEvent(new TidbokOpenClientEvent({ clientId: client.id }))}
                >
                  ${this.texts.t('openCard')}
                </button>`
              : nothing
          }
          <button class="btn" type="button" data-action="change" @click=${() => this.changeMode('search')}>${this.texts.t('changeClient')}</button>
        </div>
      </div>
    `;
  }

  private renderSearch() {
    const listId = `${this.uid}-list`;
    const inputId = `${this.uid}-input`;
    const showList = this.expanded && this.searchStatus !== 'idle';
    const listOpen = showList && this.results.length > 0;
    return html`
      <div class="field">
        <label for=${inputId}>${this.label || this.texts.t('client')}</label>
        <input
          part="input"
          id=${inputId}
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded=${listOpen ? 'true' : 'false'}
          aria-controls=${listId}
          aria-activedescendant=${listOpen && this.active >= 0 && this.results[this.active] ? `${this.uid}-opt-${this.active}` : nothing}
          aria-invalid=${this.invalid ? 'true' : 'false'}
          placeholder=${this.texts.t('searchPlaceholder')}
          .value=${this.query}
          @input=${this.onInput}
          @focus=${this.onFocus}
          @keydown=${this.onKeydown}
          @blur=${() => setTimeout(() => (this.expanded = false), 150)}
        />
      </div>
      <ul part="listbox" id=${listId} role="listbox" aria-label=${this.texts.t('searchClient')} ?hidden=${!showList || this.results.length === 0}>
        ${this.results.map(
          (client, index) => html`
            <li
              part="option"
              role="option"
              id="${this.uid}-opt-${index}"
              aria-selected=${index === this.active ? 'true' : 'false'}
              @pointerdown=${(e: Event) => e.preventDefault()}
              @click=${() => this.pick(client)}
            >
              <span>${client.name}${client.isTest ? html` <small>(${this.texts.t('testClient')})</small>` : nothing}</span>
              <small>${[client.email, client.phone].filter(Boolean).join(' · ')}</small>
            </li>
          `,
        )}
      </ul>
      ${
        showList && this.results.length === 0
          ? html`<div class="status">
              ${this.searchStatus === 'loading' ? this.texts.t('searching') : this.searchStatus === 'error' ? this.texts.t('searchFailed') : this.texts.t('noClientFound')}
            </div>`
          : nothing
      }
      <div class="sr" role="status" aria-live="polite">
        ${
          this.expanded && this.searchStatus === 'done'
            ? this.results.length === 0
              ? this.texts.t('noClientFound')
              : this.texts.t('clientsFound', { count: this.results.length })
            : ''
        }
      </div>
      <div class="actions">
        ${this.allowNew ? html`<button class="btn" type="button" data-action="new" @click=${this.startNew}>${this.texts.t('addNewClient')}</button>` : nothing}
        ${
          this.client || this.newClient
            ? html`<button class="btn link" type="button" @click=${() => this.changeMode('show')}>${this.texts.t('cancel')}</button>`
            : nothing
        }
      </div>
    `;
  }

  private renderNew() {
    return html`
      <div part="new-client" class="new-client" role="group" aria-labelledby="${this.uid}-new-title" @keydown=${this.onFormKeydown}>
        <h3 id="${this.uid}-new-title">${this.texts.t('addNewClient')}</h3>
        ${this.field('name', this.texts.t('name'), 'text', 'name')}
        <div class="row">${this.field('email', this.texts.t('email'), 'email', 'email')} ${this.field('phone', this.texts.t('phone'), 'tel', 'tel')}</div>
        ${this.field('personalNumber', this.texts.t('personalNumber'))}
        <label class="check">
          <input
            type="checkbox"
            .checked=${this.form.isTest}
            @change=${(e: Event) => (this.form = { ...this.form, isTest: (e.target as HTMLInputElement).checked })}
          />
          ${this.texts.t('testClient')}
        </label>
        <div class="actions">
          <button class="btn primary" type="button" data-action="use" @click=${this.useNew}>${this.texts.t('useClient')}</button>
          <button class="btn" type="button" @click=${() => this.changeMode(this.client || this.newClient ? 'show' : 'search')}>
            ${this.texts.t('cancel')}
          </button>
        </div>
      </div>
    `;
  }

  override render() {
    if (this.mode === 'new') return this.renderNew();
    if (this.mode === 'show' && (this.client || this.newClient)) return this.renderCard();
    return this.renderSearch();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-client-picker': TidbokClientPicker;
  }
}
