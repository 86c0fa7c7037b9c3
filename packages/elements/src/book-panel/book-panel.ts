import { ContextConsumer } from '@lit/context';
import type { Slot } from '@tidbok/sdk';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { ClinicData } from '../calendar/clinic-data.js';
import { controlStyles } from '../shared/controls.styles.js';
import { theme } from '../shared/styles.js';
import { describeError } from '../shared/describe-error.js';
import { isAbort } from '../shared/errors.js';
import { TidbokPopupCloseEvent, TidbokSlotPickEvent } from '../calendar/events.js';
import { calendarMessages } from '../calendar/messages.js';
import { wallClock } from '../calendar/week.js';
import { addLocalDays, clockTime, formatLocalDate, todayIn } from '../shared/dates.js';
import { PopoverController } from '../shared/popover.js';
import { type TidbokConnection, tidbokContext } from '../context.js';
import { type Locale } from '../i18n.js';
import { reportError } from '../shared/errors.js';
import { bookPanelStyles } from './book-panel.styles.js';
import { TextsController } from '../shared/texts.js';

/** Days searched at a time; "Later times" adds as many again (the API allows 62). */
const DAYS = 14;
/** Free times shown per day before "Show all". */
const PER_DAY = 12;

let nextId = 0;

/**
 * @summary The Book button's panel (the seed: "Book a client into working time"): choose a
 * treatment type and optionally a practitioner, see the free times inside working time, click one.
 *
 * @event tidbok-slot-pick - A free time was chosen: `detail.slot`, `detail.treatmentTypeId`.
 * @event tidbok-popup-close - Escape or the close button.
 * @event tidbok-error - The free times could not be loaded (also shown in place).
 *
 * @csspart dialog - The panel.
 * @csspart slot - One free time.
 */
export class TidbokBookPanel extends LitElement {
  static override styles = [theme, controlStyles, bookPanelStyles];

  static override properties = {
    connection: { attribute: false },
    locale: {},
    data: { attribute: false },
    from: {},
    practitioner: {},
    anchor: { attribute: false },
    treatmentTypeId: { state: true },
    practitionerId: { state: true },
    slots: { state: true },
    status: { state: true },
    error: { state: true },
    days: { state: true },
    expanded: { state: true },
  };

  connection: TidbokConnection | undefined;
  // `@consume` as a controller (no decorator code): keeps `connection` set to the provider's value.
  readonly #connectionConsumer = new ContextConsumer(this, { context: tidbokContext, subscribe: true, callback: (value) => (this.connection = value) });

  locale: Locale = 'sv';
  data: ClinicData | undefined;
  /** The first day to search (a local date); today when earlier. */
  from = '';
  /** The practitioner suggested (the calendar's filter). */
  practitioner = '';
  /** The Book button on screen; the panel opens under it. */
  anchor: DOMRect | null = null;

  private treatmentTypeId = '';
  private practitionerId = '';
  private slots: Slot[] = [];
  private status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  private error = '';
  private days = DAYS;
  /** Days whose every free time is shown (others show the first few). */
  private expanded = new Set<string>();

  /** Under the Book button, and kept inside the window when the free times make it taller. */
  private readonly placement = new PopoverController(this, { box: () => this.dialog, anchor: () => this.anchor, side: 'below' });

  private get dialog(): HTMLElement | undefined {
    return this.renderRoot?.querySelector<HTMLElement>('[part~="dialog"]') ?? undefined;
  }

  private readonly uid = `bp${++nextId}`;
  private abort: AbortController | undefined;

  private readonly texts = new TextsController(this, () => this.locale, calendarMessages);

  private get zone() {
    return this.data?.settings.timeZone ?? 'UTC';
  }

  private get firstDay(): string {
    const today = todayIn(this.zone);
    return this.from && this.from > today ? this.from : today;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.practitionerId = this.practitioner;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  protected override firstUpdated() {
    this.shadowRoot?.querySelector<HTMLElement>('select')?.focus();
  }

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('practitioner')) this.practitionerId = this.practitioner;
  }

  private async load() {
    const admin = this.connection?.admin;
    this.abort?.abort();
    if (!admin || !this.treatmentTypeId) {
      this.status = 'idle';
      this.slots = [];
      return;
    }
    const abort = new AbortController();
    this.abort = abort;
    this.status = 'loading';
    try {
      const from = this.firstDay;
      const { slots } = await admin.slots(
        {
          treatmentTypeId: this.treatmentTypeId,
          from,
          to: addLocalDays(from, this.days - 1),
          ...(this.practitionerId ? { practitionerId: this.practitionerId } : {}),
        },
        { signal: abort.signal },
      );
      this.slots = slots;
      this.status = 'ready';
    } catch (error) {
      if (abort.signal.aborted || isAbort(error)) return;
      this.error = describeError(error, this.locale).message;
      this.status = 'error';
      reportError(this, 'slots', error);
    }
  }

  private onKeydown(event: KeyboardEvent) {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      event.stopPropagation();
      this.dispatchEvent(new TidbokPopupCloseEvent({ reason: 'cancel' }));
    }
  }

  private renderSlots() {
    if (!this.treatmentTypeId) return html`<p class="status">${this.texts.t('chooseTreatmentFirst')}</p>`;
    if (this.status === 'loading' && this.slots.length === 0) return html`<p class="status" role="status">${this.texts.t('loadingTimes')}</p>`;
    if (this.status === 'error') return html`<p class="error" role="alert">${this.error}</p>`;
    const from = this.firstDay;
    const to = addLocalDays(from, this.days - 1);
    const fmt = (date: string) => formatLocalDate(date, this.locale, { weekday: 'short', day: 'numeric', month: 'short' });
    const byDay = new Map<string, Slot[]>();
    for (const slot of this.slots) {
      const { date } = wallClock(Date.parse(slot.start), this.zone);
      byDay.set(date, [...(byDay.get(date) ?? []), slot]);
    }
    const names = new Map((this.data?.practitioners ?? []).map((p) => [p.id, p.name]));
    const initials = (name: string) =>
      name
        .split(/\s+/)
        .map((part) => part[0] ?? '')
        .join('')
        .slice(0, 2)
        .toUpperCase();
    const several = new Set(this.slots.map((slot) => slot.practitionerId)).size > 1;
    const color = this.data?.treatmentTypes.find((tt) => tt.id === this.treatmentTypeId)?.color;
    return html`
      <div role="status" class="sr">${this.status === 'ready' ? `${this.slots.length} ${this.texts.t('freeTimes').toLowerCase()}` : ''}</div>
      ${byDay.size === 0 ? html`<p class="status">${this.texts.t('noFreeTimes', { from: fmt(from), to: fmt(to) })}</p>` : nothing}
      ${[...byDay].map(([date, all]) => {
        const headingId = `${this.uid}-${date}`;
        const open = this.expanded.has(date) || all.length <= PER_DAY + 2;
        const slots = open ? all : all.slice(0, PER_DAY);
        return html`
          <h3 id=${headingId}>${formatLocalDate(date, this.locale, { weekday: 'long', day: 'numeric', month: 'long' })}</h3>
          <ul aria-labelledby=${headingId}>
            ${slots.map((slot) => {
              const time = clockTime(Date.parse(slot.start), this.zone);
              const practitioner = names.get(slot.practitionerId) ?? '';
              return html`<li>
                <button
                  part="slot"
                  type="button"
                  style=${color ? `--_slot-color:${color}` : ''}
                  aria-label=${`${fmt(date)} ${this.texts.t('slotName', { time, practitioner })}`}
                  @click=${() => this.dispatchEvent(new TidbokSlotPickEvent({ slot, treatmentTypeId: this.treatmentTypeId }))}
                >
                  <span>${time}</span>${several ? html`<small title=${practitioner}>${initials(practitioner)}</small>` : nothing}
                </button>
              </li>`;
            })}
            ${
              open
                ? nothing
                : html`<li>
                    <button class="btn link" type="button" @click=${() => (this.expanded = new Set(this.expanded).add(date))}>
                      ${this.texts.t('showAllTimes', { count: all.length })}
                    </button>
                  </li>`
            }
          </ul>
        `;
      })}
      ${
        this.days < 56
          ? html`<button
              class="btn more"
              type="button"
              @click=${() => {
                this.days += DAYS;
                void this.load();
              }}
            >
              ${this.texts.t('laterTimes')}
            </button>`
          : nothing
      }
    `;
  }

  override render() {
    const types = this.data?.treatmentTypes ?? [];
    const practitioners = (this.data?.practitioners ?? []).filter(
      (p) => !this.treatmentTypeId || p.treatmentTypeIds.length === 0 || p.treatmentTypeIds.includes(this.treatmentTypeId),
    );
    const titleId = `${this.uid}-title`;
    return html`
      <div
        part="dialog"
        role="dialog"
        aria-modal="false"
        aria-labelledby=${titleId}
        tabindex="-1"
        style=${this.anchor ? `--_top:${Math.round(this.anchor.bottom + 6)}px;--_right:${Math.max(8, Math.round(document.documentElement.clientWidth - this.anchor.right))}px` : ''}
        @keydown=${this.onKeydown}
      >
        <header>
          <h2 id=${titleId}>${this.texts.t('bookTitle')}</h2>
          <button
            class="icon-button"
            type="button"
            aria-label=${this.texts.t('close')}
            @click=${() => this.dispatchEvent(new TidbokPopupCloseEvent({ reason: 'cancel' }))}
          >
            ×
          </button>
        </header>
        <div class="choices row">
          <div class="field">
            <label for="${this.uid}-tt">${this.texts.t('treatmentType')}</label>
            <select
              id="${this.uid}-tt"
              name="treatmentType"
              @change=${(e: Event) => {
                this.treatmentTypeId = (e.target as HTMLSelectElement).value;
                this.days = DAYS;
                void this.load();
              }}
            >
              <option value="" ?selected=${!this.treatmentTypeId}>${this.texts.t('chooseTreatmentType')}</option>
              ${types.map((tt) => html`<option value=${tt.id} ?selected=${tt.id === this.treatmentTypeId}>${tt.name}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="${this.uid}-pr">${this.texts.t('practitioner')}</label>
            <select
              id="${this.uid}-pr"
              name="practitioner"
              @change=${(e: Event) => {
                this.practitionerId = (e.target as HTMLSelectElement).value;
                void this.load();
              }}
            >
              <option value="" ?selected=${!this.practitionerId}>${this.texts.t('anyPractitioner')}</option>
              ${practitioners.map((p) => html`<option value=${p.id} ?selected=${p.id === this.practitionerId}>${p.name}</option>`)}
            </select>
          </div>
        </div>
        <div class="slots">${this.renderSlots()}</div>
      </div>
    `;
  }

  /** Focuses the panel's first field. */
  override focus() {
    (this.shadowRoot?.querySelector<HTMLElement>('select') ?? this.dialog)?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-book-panel': TidbokBookPanel;
  }
}
