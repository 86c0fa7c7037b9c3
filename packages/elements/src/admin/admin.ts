import { ContextConsumer, ContextProvider } from '@lit/context';
import type { Client, TokenProvider } from '@tidbok/sdk';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { TidbokAdminSettings } from '../admin-settings/admin-settings.js';
import type { TidbokCalendar } from '../calendar/calendar.js';
import { controlStyles } from '../shared/controls.styles.js';
import { theme } from '../shared/styles.js';
import type { ClientChangeDetail, WeekChangeDetail } from '../calendar/events.js';
import { readCalendarState, type UrlView, writeCalendarState } from '../shared/url-state.js';
import { SERVER_FEATURES, type ServerFeatures } from '../calendar/server-features.js';
import { booleanDefaultTrue, DEFAULT_VIEW } from '../calendar/view-settings.js';
import { connect, type TidbokConnection, tidbokContext } from '../context.js';
import { type Locale, pickLocale } from '../i18n.js';
import { adminStyles } from './admin.styles.js';
import { managesClinic, whoAmI } from '../shared/staff-role.js';
import { watchSession } from './session-watch.js';
import { adminMessages } from './messages.js';
import { loadTemplateWeeks } from '../template-weeks/load.js';
import { TextsController } from '../shared/texts.js';

type View = 'calendar' | 'settings';

let settingsLoaded: Promise<void> | undefined;
/** Registers the settings elements once, from their own chunk. */
function loadSettings(): Promise<void> {
  settingsLoaded ??= import('../admin-settings/define.js').then((m) => m.defineSettingsElements());
  return settingsLoaded;
}

/**
 * The template weeks panel is its own element, in a chunk of its own: the side panel offers it
 * closed, and loads it when it is opened (or when it was left open on this device).
 */
const TEMPLATE_WEEKS = 'tidbok-template-weeks';
const TEMPLATES_OPEN_KEY = 'tidbok-template-weeks-open';

/**
 * The server this script came from, for pages that load `/embed/tidbok.js` from the Tidbok
 * server and leave out `api`. Undefined when the script is bundled into an app (no http URL).
 */
function readTemplatesOpen(): boolean {
  try {
    return globalThis.localStorage?.getItem(TEMPLATES_OPEN_KEY) === '1';
  } catch {
    return false;
  }
}

function scriptOrigin(): string | undefined {
  try {
    const url = new URL(import.meta.url);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * @summary The clinic staff's calendar and settings, for an intranet page:
 * `<tidbok-admin api="https://HOST" clinic="slug" token="…" locale="sv|en" date="YYYY-MM-DD">`.
 *
 * Holds the connection (its own attributes, or a `<tidbok-provider>` around it) and passes it to
 * `<tidbok-calendar>`, the side panel's client search (the selected client is suggested for new
 * bookings) and `<tidbok-admin-settings>`. Set `token` as a property rather than an attribute
 * where the page can, so it does not show in the DOM.
 *
 * @event tidbok-calendar-change - From the calendar: a change was saved.
 * @event tidbok-calendar-error - From the calendar: something failed (also shown in place).
 * @event tidbok-week-change - From the calendar: the week or filter changed.
 * @event tidbok-settings-change - From the settings: something was saved.
 * @event tidbok-session-expired - The session token ran out and no `tokenProvider` gave a new one
 *   (`detail.reason`: `token_expired` or `provider_failed`): sign the person in again and set `token`.
 *
 * @csspart header - Title and the Calendar / Settings tabs.
 * @csspart side-panel - The client panel beside the calendar.
 * @csspart calendar - The `<tidbok-calendar>`.
 * @csspart settings - The `<tidbok-admin-settings>`.
 * @csspart template-weeks - `<tidbok-template-weeks>` under the side panel, when the page has it.
 *
 * @slot calendar-tools - Extra tools for the calendar's toolbar.
 */
export class TidbokAdminElement extends LitElement {
  static override styles = [theme, controlStyles, adminStyles];

  static override properties = {
    api: {},
    clinic: {},
    token: {},
    tokenProvider: { attribute: false },
    locale: {},
    date: {},
    calendarView: { attribute: 'calendar-view', reflect: true },
    urlState: { attribute: 'url-state', converter: booleanDefaultTrue },
    practitioner: {},
    startHour: { type: Number, attribute: 'start-hour' },
    endHour: { type: Number, attribute: 'end-hour' },
    hideWeekends: { attribute: 'hide-weekends', converter: booleanDefaultTrue },
    features: { attribute: false },
    inherited: { state: true },
    connection: { attribute: false },
    view: { state: true },
    managesClinic: { state: true },
    deskWork: { state: true },
    selectedClient: { state: true },
    clinicName: { state: true },
    clinicLocale: { state: true },
    timeZone: { state: true },
    shown: { state: true },
    templateWeeks: { state: true },
    templatesOpen: { state: true },
    testClientError: { state: true },
  };

  /** Base URL of the Tidbok server; defaults to the server the script was loaded from. */
  api = '';
  /** The clinic's slug. */
  clinic = '';
  /** A staff session token (or a personal token). Prefer setting it as a property. */
  token: string | null = null;
  /**
   * Fetches a fresh session token (from the intranet's own server, which does the handshake):
   * asked when `token` is left out and whenever the token runs out, so the page needs no reload.
   */
  tokenProvider: TokenProvider | undefined;
  /** `sv` or `en`; defaults to the clinic's language. */
  locale: Locale | undefined;
  /** A local date in the week shown first (the day, in the day view). Kept up to date as staff move through the calendar. */
  date = '';
  /** The calendar's grid: `week` or `day` (a column per practitioner). Kept up to date as staff switch. */
  calendarView: UrlView = 'week';
  /** Keeps the view and date in the page's address (`#tidbok-view=day&tidbok-date=…`) so a reload keeps them; `url-state="false"` leaves the address alone. */
  urlState = true;
  /** The practitioner to filter on first (an id). */
  practitioner = '';
  startHour = DEFAULT_VIEW.startHour;
  endHour = DEFAULT_VIEW.endHour;
  hideWeekends = DEFAULT_VIEW.hideWeekends;
  /** Which later-issue server features to offer (see `server-features.ts`). */
  features: ServerFeatures = SERVER_FEATURES;

  /** A provider around this element, used when `api`/`clinic` are not set here. */
  private inherited: TidbokConnection | undefined;
  // `@consume` as a controller (no decorator code): keeps `inherited` set to the provider's value.
  readonly #inheritedConsumer = new ContextConsumer(this, { context: tidbokContext, subscribe: true, callback: (value) => (this.inherited = value) });

  /** What the elements inside use. */
  connection: TidbokConnection | undefined;
  // `@provide` as a controller (no decorator code): willUpdate hands it `connection`.
  readonly #provider = new ContextProvider(this, { context: tidbokContext });

  private view: View = 'calendar';
  /** Whether the Settings tab is for this member: shown until the server says the role is not an admin (staff-role.ts). */
  private managesClinic = true;
  /** Template weeks are desk work (admins and reception): hidden from practitioners once known. */
  private deskWork = true;
  private selectedClient: Client | null = null;
  private clinicName = '';
  private clinicLocale: Locale | undefined;
  private timeZone = '';
  /** The week and filter the calendar shows, for the template weeks panel. */
  private shown: { weekStart: string; practitionerId: string } = { weekStart: '', practitionerId: '' };
  /** Whether `<tidbok-template-weeks>` is registered on this page (it is a separate element). */
  private templateWeeks = Boolean(customElements.get(TEMPLATE_WEEKS));
  /** Whether the Template weeks panel is open; remembered on this device. */
  private templatesOpen = readTemplatesOpen();

  private get calendar(): TidbokCalendar | undefined {
    return this.renderRoot?.querySelector<TidbokCalendar>('tidbok-calendar') ?? undefined;
  }

  private namedFor: unknown;

  private get language(): Locale {
    return pickLocale(this.locale, this.connection?.locale, this.clinicLocale, navigator.language);
  }

  private testClientError = '';

  /**
   * The seed's test client: staff try the client side as a client marked `isTest`. The server
   * gives a session for such a client only, and the hosted booking page adopts it from the link.
   */
  private async openAsTestClient(clientId: string) {
    this.testClientError = '';
    // Opened blank inside the click (no popup blocker), sent on once the session is made. Not
    // 'noopener' here, which would return no window to send on: the page loses its way back
    // instead, so it can never reach (or navigate) this staff page through window.opener.
    const popup = window.open('', '_blank');
    if (popup) popup.opener = null;
    try {
      const { bookingPageUrl } = await this.connection!.admin!.clients.testSession(clientId);
      if (popup) popup.location.href = bookingPageUrl;
      else window.open(bookingPageUrl, '_blank', 'noopener');
    } catch (error) {
      popup?.close();
      this.testClientError = this.texts.t('testClientFailed', { reason: error instanceof Error ? error.message : String(error) });
    }
  }

  private readonly texts = new TextsController(this, () => this.language, adminMessages);

  override willUpdate(changed: PropertyValues<this>) {
    if (['api', 'clinic', 'token', 'tokenProvider', 'locale', 'inherited'].some((key) => (changed as Map<string, unknown>).has(key))) {
      const api = this.api || (this.clinic ? scriptOrigin() : undefined);
      this.connection = this.clinic && api ? connect(api, this.clinic, this.token, this.locale, watchSession(this, this.tokenProvider)) : this.inherited;
    }
    this.#provider.setValue(this.connection);
    const admin = this.connection?.admin;
    if (admin && admin !== this.namedFor) {
      this.namedFor = admin;
      this.managesClinic = true;
      this.deskWork = true;
      void whoAmI(admin).then((me) => {
        if (this.connection?.admin !== admin) return;
        this.managesClinic = managesClinic(me);
        this.deskWork = me === null || me.permissions.includes('desk');
        if (!this.managesClinic && this.view === 'settings') this.view = 'calendar';
      });
      admin.settings
        .get()
        .then((settings) => {
          this.clinicName = settings.name;
          this.clinicLocale = settings.locale;
          this.timeZone = settings.timeZone;
        })
        .catch(() => undefined);
    }
    // The settings elements are a chunk of their own, loaded the first time the tab is shown
    // (admin-settings/define.ts); until then `<tidbok-admin-settings>` waits undefined, and
    // Lit hands it the properties set meanwhile when it upgrades.
    if (this.view === 'settings') void loadSettings();
  }

  override connectedCallback() {
    super.connectedCallback();
    // A reload opens the day and view the address says (written below on every change).
    if (this.urlState) {
      const fromUrl = readCalendarState();
      if (fromUrl.view) this.calendarView = fromUrl.view;
      if (fromUrl.date) this.date = fromUrl.date;
    }
    if (!this.templateWeeks) void customElements.whenDefined(TEMPLATE_WEEKS).then(() => (this.templateWeeks = true));
    if (this.templatesOpen) void loadTemplateWeeks();
  }

  private toggleTemplates() {
    this.templatesOpen = !this.templatesOpen;
    try {
      localStorage.setItem(TEMPLATES_OPEN_KEY, this.templatesOpen ? '1' : '');
    } catch {
      // Storage refused (private mode): the panel is only not remembered.
    }
    if (this.templatesOpen) void loadTemplateWeeks();
  }

  private select(view: View, focus = false) {
    // The calendar does not poll while hidden: back on it, fetch at once.
    if (view === 'calendar' && this.view !== 'calendar') void this.calendar?.refresh();
    this.view = view;
    if (focus) void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`[role="tab"][data-view="${view}"]`)?.focus());
  }

  private onTabKeydown(event: KeyboardEvent) {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft' || event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      if (!this.managesClinic) return;
      const next: View = event.key === 'Home' ? 'calendar' : event.key === 'End' ? 'settings' : this.view === 'calendar' ? 'settings' : 'calendar';
      this.select(next, true);
    }
  }

  private renderSidePanel() {
    const client = this.selectedClient;
    return html`
      <aside part="side-panel" aria-labelledby="side-title">
        <h2 id="side-title">${this.texts.t('sidePanel')}</h2>
        <tidbok-client-picker
          .locale=${this.language}
          .label=${this.texts.t('selectClient')}
          .client=${client}
          @tidbok-client-change=${(e: CustomEvent<ClientChangeDetail>) => {
            e.stopPropagation();
            this.selectedClient = e.detail.client;
          }}
        ></tidbok-client-picker>
        ${
          client
            ? html`<dl>
                  ${
                    client.email
                      ? html`<dt>${this.texts.t('email')}</dt>
                          <dd>${client.email}</dd>`
                      : nothing
                  }
                  ${
                    client.phone
                      ? html`<dt>${this.texts.t('phone')}</dt>
                          <dd>${client.phone}</dd>`
                      : nothing
                  }
                  ${
                    client.personalNumber
                      ? html`<dt>${this.texts.t('personalNumber')}</dt>
                          <dd>${client.personalNumber}</dd>`
                      : nothing
                  }
                  ${
                    client.isTest
                      ? html`<dt>${this.texts.t('testClient')}</dt>
                          <dd>✓</dd>`
                      : nothing
                  }
                </dl>
                ${
                  client.isTest
                    ? html`<button class="btn" type="button" part="test-client-button" @click=${() => void this.openAsTestClient(client.id)}>
                        ${this.texts.t('openAsTestClient')}
                      </button>`
                    : nothing
                }
                ${this.testClientError ? html`<p role="alert" class="hint">${this.testClientError}</p>` : nothing}
                <button class="btn link" type="button" @click=${() => (this.selectedClient = null)}>${this.texts.t('clearClient')}</button>`
            : html`<p class="hint">${this.texts.t('selectedHint')}</p>`
        }
      </aside>
      ${this.deskWork && this.shown.weekStart ? this.renderTemplates() : nothing}
    `;
  }

  /** Template weeks: a disclosure under the side panel, the element itself once it is open and loaded. */
  private renderTemplates() {
    const open = this.templatesOpen;
    return html`<div class="templates">
      <button
        class="btn link disclosure"
        part="template-weeks-toggle"
        type="button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls="template-weeks"
        @click=${this.toggleTemplates}
      >
        ${this.texts.t('templateWeeks')}
      </button>
      <div id="template-weeks" ?hidden=${!open}>
        ${
          !open
            ? nothing
            : this.templateWeeks
              ? html`<tidbok-template-weeks
                  part="template-weeks"
                  .weekStart=${this.shown.weekStart}
                  .practitionerId=${this.shown.practitionerId}
                  .timeZone=${this.timeZone}
                  .locale=${this.language}
                  @tidbok-template-applied=${() => void this.calendar?.refresh()}
                  @tidbok-working-time-deleted=${() => void this.calendar?.refresh()}
                ></tidbok-template-weeks>`
              : html`<p class="hint" role="status">${this.texts.t('loading')}</p>`
        }
      </div>
    </div>`;
  }

  override render() {
    if (!this.connection?.admin) return html`<p class="state">${this.texts.t('notConnected')}</p>`;
    const calendarSelected = this.view === 'calendar';
    return html`
      <div part="header">
        <h1>${this.clinicName || this.texts.t('adminTitle')}${this.clinicName ? html`<small>${this.texts.t('adminTitle')}</small>` : nothing}</h1>
        <div role="tablist" aria-label=${this.texts.t('sections')} @keydown=${this.onTabKeydown}>
          ${(this.managesClinic ? (['calendar', 'settings'] as const) : (['calendar'] as const)).map(
            (view) =>
              html`<button
                role="tab"
                type="button"
                id="tab-${view}"
                data-view=${view}
                aria-selected=${this.view === view ? 'true' : 'false'}
                aria-controls="panel-${view}"
                tabindex=${this.view === view ? '0' : '-1'}
                @click=${() => this.select(view)}
              >
                ${this.texts.t(view)}
              </button>`,
          )}
        </div>
      </div>
      <div role="tabpanel" id="panel-calendar" aria-labelledby="tab-calendar" ?hidden=${!calendarSelected}>
        <div class="layout">
          <div class="side">${this.renderSidePanel()}</div>
          <tidbok-calendar
            part="calendar"
            .locale=${this.locale ?? this.connection.locale}
            .date=${this.date}
            .view=${this.calendarView}
            .practitioner=${this.practitioner}
            .startHour=${this.startHour}
            .endHour=${this.endHour}
            .hideWeekends=${this.hideWeekends}
            .selectedClient=${this.selectedClient}
            .features=${this.features}
            @tidbok-week-change=${(e: CustomEvent<WeekChangeDetail>) => {
              this.shown = { weekStart: e.detail.weekStart, practitionerId: e.detail.practitionerId ?? '' };
              this.date = e.detail.date;
              this.calendarView = e.detail.view;
              if (this.urlState) writeCalendarState(e.detail.view, e.detail.date);
            }}
          >
            <slot name="calendar-tools" slot="tools"></slot>
          </tidbok-calendar>
          <!-- Client card hook (client-card/panel.ts): shows the card of a client that the popup or the client search asks for (tidbok-open-client), as a third column that narrows the calendar. -->
          <tidbok-client-panel part="client-card" .locale=${this.language} .timeZone=${this.timeZone}></tidbok-client-panel>
        </div>
      </div>
      <div role="tabpanel" id="panel-settings" aria-labelledby="tab-settings" ?hidden=${calendarSelected}>
        ${
          calendarSelected || !this.managesClinic
            ? nothing
            : html`<tidbok-admin-settings
                part="settings"
                .locale=${this.language}
                @tidbok-settings-change=${() => {
                  void this.calendar?.reloadClinicData();
                  void this.calendar?.refresh();
                }}
              ></tidbok-admin-settings>`
        }
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-admin': TidbokAdminElement;
  }
}

export type { TidbokAdminSettings };
