import type { Slot } from '@tidbok/sdk';
import { html, LitElement, nothing } from 'lit';
import { type Locale, pickLocale } from '../i18n.js';
import { Msg } from '../messages/keys.js';
import { ConnectionController } from '../shared/connection.js';
import { errorKey, reportError } from '../shared/errors.js';
import {
  addLocalDays,
  formatDayTime,
  formatLocalDay,
  formatLocalRange,
  formatTime,
  isoWeek,
  localDateOf,
  visitorTimeZone,
  zonesDiffer,
} from '../shared/dates.js';
import { buttons, theme } from '../shared/styles.js';
import { bookingTexts, TextsController } from '../shared/texts.js';
import { styles } from './slot-picker.styles.js';
import { MAX_WEEKS, type SlotDay, SlotsController } from './slots-controller.js';

/** The visitor chose a time. `slot` is the one to hold; `slots` every practitioner free then. */
export class TidbokSlotSelectEvent extends Event {
  constructor(readonly detail: { slot: Slot; slots: Slot[] }) {
    super('tidbok-slot-select', { bubbles: true, composed: true });
  }
}

/**
 * @summary A week of free times for one treatment type, in the clinic's time zone. Opens on the
 * first week with free times; previous/next page through weeks.
 *
 * Narrow (its own width under 560 px, whatever the page's: it is embedded): one day at a time,
 * chosen in a strip of the week's days, with previous/next week below the times, where a thumb
 * reaches. Wide: the seven days side by side, previous/next above.
 *
 * Keyboard: one time is in the tab order (roving tabindex). The arrow keys along a day move to
 * the previous/next time (continuing into the next day), the arrow keys across days keep the
 * position in the neighbouring day; Home/End go to the day's first/last time, Page Up/Down
 * change week. Each time's accessible name carries its full date ("tisdag 3 mars 09:00").
 *
 * Gets its SDK client from `<tidbok-provider>` (or `<tidbok-booking>` around it), or from its
 * own `api` and `clinic`.
 *
 * @event tidbok-slot-select - A time was chosen; `detail` is `{ slot, slots }`.
 * @event tidbok-error - Loading failed; the element shows it with a retry button.
 * @csspart nav - The row with the week and its buttons.
 * @csspart nav-button - Previous and next week.
 * @csspart week-label - The week shown.
 * @csspart zone-note - "Times are shown in the clinic's local time", when the visitor's zone differs.
 * @csspart day - One day; also `day-empty` when it has no free times.
 * @csspart day-name - A day's name and date.
 * @csspart day-strip - The week's days to choose from when narrow (the shown one `aria-pressed`).
 * @csspart slot - A free time; also `slot pending` while it is being held.
 * @csspart status - Loading failure or "no free times" message.
 */
export class TidbokSlotPicker extends LitElement {
  static override styles = [theme, buttons, styles];

  // Reactive properties here rather than as `@property`/`@state` decorators, which would put
  // Lit's decorator helpers into the embed bundle (rollup.config.mjs).
  static override properties = {
    api: {},
    clinic: {},
    treatment: {},
    practitioner: {},
    location: {},
    timeZone: { attribute: 'time-zone' },
    locale: {},
    pending: {},
    visitorTimeZone: { attribute: false },
    active: { state: true },
    day: { state: true },
  };

  /** The server, when not given by a provider; empty means this page's origin. */
  api = '';
  /** The clinic's slug, when not given by a provider. */
  clinic = '';
  /** The treatment type's id. */
  treatment = '';
  /** One practitioner's id; empty for any practitioner. */
  practitioner = '';
  /** One location's id; empty for any. */
  location = '';
  /** The clinic's IANA zone; read from the clinic when empty. */
  timeZone = '';
  /** `sv` or `en`; defaults to the provider's. */
  locale: Locale | undefined;
  /** The start of a time being held right now: shown busy. */
  pending = '';
  /** The visitor's zone; the browser's unless set. */
  visitorTimeZone = visitorTimeZone();

  /** The time that holds the tab stop (its start). */
  private active = '';
  /** The day shown when narrow; not in the week shown means its first day with times. */
  private day = '';

  readonly #connection = new ConnectionController(this, {
    own: () => ({ api: this.api, clinic: this.clinic }),
  });

  /** The week's loading and grouping; exposed so a host can page and refresh it. */
  readonly slots = new SlotsController(this, {
    target: () => {
      const tidbok = this.#connection.value?.tidbok;
      if (!tidbok || !this.treatment) return undefined;
      return {
        tidbok,
        treatmentTypeId: this.treatment,
        ...(this.practitioner ? { practitionerId: this.practitioner } : {}),
        ...(this.location ? { locationId: this.location } : {}),
        ...(this.timeZone ? { timeZone: this.timeZone } : {}),
      };
    },
    onError: (error) => reportError(this, 'slots', error),
  });

  /** Loads the week shown again, e.g. after a time turned out to be taken. */
  refresh(): Promise<void> {
    return this.slots.refresh();
  }

  get #language(): Locale {
    return pickLocale(this.locale, this.#connection.value?.locale);
  }

  private readonly texts = new TextsController(this, () => this.#language, bookingTexts);

  override render() {
    const { slots } = this;
    const monday = slots.monday;
    const ready = this.texts.ready;
    // Until the texts are here, the week's skeleton.
    const busy = slots.status === 'loading' || !ready;
    return html`
      <div class="nav" part="nav">
        <button
          class="btn arrow"
          part="nav-button"
          aria-label=${this.texts.t(Msg.previous)}
          aria-disabled=${slots.week === 0}
          @click=${() => slots.week > 0 && this.#page(-1)}
        >
          ‹
        </button>
        <h3 part="week-label" aria-live="polite">
          ${
            monday && ready
              ? html`${this.texts.t(Msg.week, { n: isoWeek(monday) })} <small>${formatLocalRange(monday, addLocalDays(monday, 6), this.#language)}</small>`
              : html`&nbsp;<small>&nbsp;</small>`
          }
        </h3>
        <button
          class="btn arrow"
          part="nav-button"
          aria-label=${this.texts.t(Msg.next)}
          aria-disabled=${slots.week >= MAX_WEEKS}
          @click=${() => slots.week < MAX_WEEKS && this.#page(1)}
        >
          ›
        </button>
      </div>
      ${ready ? this.#renderZoneNote() : nothing}
      <span class="sr" role="status">${busy ? this.texts.t(Msg.loadingTimes) : ''}</span>
      ${
        this.texts.failed
          ? this.texts.failure('status')
          : ready && slots.status === 'error'
            ? html`<div class="status" part="status" role="alert">
                <p>${this.texts.t(errorKey(slots.error))}</p>
                <button class="btn" @click=${() => slots.retry()}>${this.texts.t(Msg.retry)}</button>
              </div>`
            : slots.empty && !busy
              ? html`<p class="status" part="status">${this.texts.t(Msg.empty)}</p>`
              : this.#renderWeek(slots.days, !ready || (busy && !slots.loaded))
      }
    `;
  }

  #renderZoneNote() {
    const zone = this.slots.timeZone;
    // Compared at the week's own times: the two clocks may differ only on one side of a DST change.
    const instants = [Date.now(), ...this.slots.days.map((day) => Date.parse(day.times[0]?.start ?? ''))];
    if (!zone || !zonesDiffer(zone, this.visitorTimeZone, instants.filter(Number.isFinite))) return nothing;
    return html`<p class="note" part="zone-note">${this.texts.t(Msg.zone, { zone: zone.split('/').pop()!.replace(/_/g, ' ') })}</p>`;
  }

  #renderWeek(days: SlotDay[], skeleton: boolean) {
    const zone = this.slots.timeZone;
    const all = days.flatMap((day) => day.times);
    const active = all.some((time) => time.start === this.active) ? this.active : all[0]?.start;
    const next = this.slots.nextWeekWithTimes;
    const shown = (days.find((day) => day.date === this.day) ?? days.find((day) => day.times.length) ?? days[0])?.date;
    return html`
      <div class="strip" part="day-strip">
        ${days.map(
          (day) =>
            html`<button
              class="btn ${day.date === shown ? 'primary' : day.times.length ? '' : 'e'}"
              aria-pressed=${day.date === shown}
              @click=${() => (this.day = day.date)}
            >
              ${this.#renderDayName(day.date)}
            </button>`,
        )}
      </div>
      <div class="days" @keydown=${this.#onKeyDown}>
        ${days.map(
          (day) => html`
            <div
              class="day ${day.date === shown ? 'on' : ''}"
              part=${day.times.length || skeleton ? 'day' : 'day day-empty'}
              role="group"
              aria-labelledby="d${day.date}"
            >
              <div class="day-name" part="day-name" id="d${day.date}">
                <span class="sr">${formatLocalDay(day.date, this.#language, true)}</span>
                <span aria-hidden="true">${this.#renderDayName(day.date)}</span>
              </div>
              ${
                skeleton
                  ? html`<div class="times">${[1, 2, 3].map(() => html`<span class="sk slot"></span>`)}</div>`
                  : day.times.length
                    ? html`<div class="times">
                        ${day.times.map(
                          (time) =>
                            html`<button
                              class="slot"
                              part=${time.start === this.pending ? 'slot pending' : 'slot'}
                              data-start=${time.start}
                              tabindex=${time.start === active ? 0 : -1}
                              aria-label=${formatDayTime(time.start, zone, this.#language)}
                              aria-busy=${time.start === this.pending}
                              @click=${() => this.#choose(time.slots)}
                            >
                              ${formatTime(time.start, zone, this.#language)}
                            </button>`,
                        )}
                      </div>`
                    : html`<p class="none">${this.texts.t(Msg.noTimes)}</p>`
              }
            </div>
          `,
        )}
      </div>
      ${
        !skeleton && days.length && all.length === 0
          ? html`<p class="status" part="status">
              ${this.texts.t(Msg.weekEmpty)}
              ${
                next === undefined
                  ? nothing
                  : html`<button class="link" @click=${() => this.slots.goTo(next)}>
                      ${this.texts.t(Msg.showWeek, { n: isoWeek(addLocalDays(this.slots.monday, (next - this.slots.week) * 7)) })}
                    </button>`
              }
            </p>`
          : nothing
      }
    `;
  }

  #renderDayName(date: string) {
    const [weekday, ...rest] = formatLocalDay(date, this.#language).split(' ');
    return html`<b>${weekday?.replace(/[.,]$/, '')}</b>${rest.join(' ')}`;
  }

  #choose(slots: Slot[]): void {
    const slot = slots[0];
    if (!slot || this.pending) return;
    this.active = slot.start;
    this.dispatchEvent(new TidbokSlotSelectEvent({ slot, slots }));
  }

  async #page(by: number): Promise<void> {
    await this.slots.goTo(this.slots.week + by);
  }

  async #onKeyDown(event: KeyboardEvent): Promise<void> {
    const button = event.composedPath()[0] as HTMLElement;
    const start = button.dataset?.start;
    if (!start) return;
    const days = this.slots.days.filter((day) => day.times.length > 0);
    const dayIndex = days.findIndex((day) => day.times.some((time) => time.start === start));
    const day = days[dayIndex]!;
    const index = day.times.findIndex((time) => time.start === start);
    const all = days.flatMap((d) => d.times);
    const flat = all.findIndex((time) => time.start === start);
    // Days side by side (wide) or one at a time in rows (narrow, with the strip of days):
    // "along a day" follows what the eye sees; across days shows the next day.
    const columns = !this.renderRoot.querySelector<HTMLElement>('.strip')?.offsetHeight;
    const along = columns ? ['ArrowUp', 'ArrowDown'] : ['ArrowLeft', 'ArrowRight'];
    const across = columns ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
    const acrossTo = (to: number) => {
      const target = days[to];
      return target?.times[Math.min(index, target.times.length - 1)]?.start;
    };
    let target: string | undefined;
    if (event.key === along[0]) target = all[flat - 1]?.start;
    else if (event.key === along[1]) target = all[flat + 1]?.start;
    else if (event.key === across[0]) target = acrossTo(dayIndex - 1);
    else if (event.key === across[1]) target = acrossTo(dayIndex + 1);
    else if (event.key === 'Home') target = day.times[0]?.start;
    else if (event.key === 'End') target = day.times.at(-1)?.start;
    else if (event.key === 'PageUp' || event.key === 'PageDown') {
      event.preventDefault();
      const week = this.slots.week + (event.key === 'PageUp' ? -1 : 1);
      if (week < 0 || week > MAX_WEEKS) return;
      await this.slots.goTo(week);
      const first = this.slots.days.find((d) => d.times.length > 0)?.times[0]?.start;
      // With no time to land on, the focus goes to "next week" rather than being lost.
      if (first) void this.#focusTime(first);
      else this.renderRoot.querySelectorAll<HTMLElement>('.arrow')[1]?.focus();
      return;
    } else return;
    event.preventDefault();
    if (target) void this.#focusTime(target);
  }

  async #focusTime(start: string | undefined): Promise<void> {
    if (!start) return;
    this.active = start;
    this.day = localDateOf(Date.parse(start), this.slots.timeZone);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-start="${start}"]`)?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-slot-picker': TidbokSlotPicker;
  }
  interface GlobalEventHandlersEventMap {
    'tidbok-slot-select': TidbokSlotSelectEvent;
  }
}
