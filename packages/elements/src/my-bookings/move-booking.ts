import type { Booking, Hold, PublicClinic, Slot } from '@tidbok/sdk';
import { css, html, LitElement, nothing } from 'lit';
import { type Locale, pickLocale } from '../i18n.js';
import { ConnectionController } from '../shared/connection.js';
import { define } from '../shared/define.js';
import { errorCode, isAbort, reportError } from '../shared/errors.js';
import { formatDayTime } from '../shared/dates.js';
import { buttons, theme } from '../shared/styles.js';
import { TextsController } from '../shared/texts.js';
import { TidbokSlotPicker, type TidbokSlotSelectEvent } from '../slot-picker/slot-picker.js';
import { moveMessages } from './move-booking.messages.js';

/** Fired (bubbling, composed) when the booking was moved; `detail.booking` is it at its new time. */
export class TidbokRescheduledEvent extends Event {
  constructor(readonly detail: { booking: Booking }) {
    super('tidbok-rescheduled', { bubbles: true, composed: true });
  }
}

/** Fired (bubbling, composed) when the visitor chose to keep their time after all. */
export class TidbokMoveClosedEvent extends Event {
  constructor() {
    super('tidbok-move-closed', { bubbles: true, composed: true });
  }
}

type View = 'loading' | 'error' | 'closed' | 'pick' | 'confirm' | 'done';

/**
 * @summary Moves one booking to another free time: the slot picker for the booking's treatment
 * and practitioner, then "Move the appointment to …?", then the move. Used by
 * `<tidbok-my-bookings>` (with the client's session) and by the page the manage link's "Move"
 * opens (with the booking's manage token).
 *
 * The chosen time is held first (as in the booking flow), so nobody takes it while the visitor
 * confirms; going back releases the hold. The server refuses a move once the cancellation window
 * has started, and a time someone else got first; the booking is then unchanged, and this says so.
 *
 * Give it `booking` (the id) and `token`, with `api` and `clinic` or inside `<tidbok-provider>`;
 * or, from a host that has them already, the `bookingValue` and `clinicInfo` objects.
 *
 * @event tidbok-rescheduled - Moved; `detail` is `{ booking }` at its new time.
 * @event tidbok-move-closed - The visitor kept their time ("Keep my appointment").
 * @event tidbok-error - Something failed and was shown; `detail` is `{ code, action, error }`.
 */
export class TidbokMoveBooking extends LitElement {
  static override styles = [
    theme,
    buttons,
    css`
      :host {
        display: block;
      }
      h3 {
        margin: 0 0 0.5rem;
        font-size: 1.05rem;
      }
      p {
        margin: 0.5rem 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-top: 0.75rem;
      }
      .error {
        color: var(--tidbok-danger, #b42318);
      }
      .done {
        font-weight: 600;
      }
      h3:focus,
      p:focus {
        outline: none;
      }
    `,
  ];

  static override properties = {
    api: {},
    clinic: {},
    booking: {},
    token: {},
    asClient: { type: Boolean, attribute: 'as-client' },
    locale: {},
    bookingValue: { attribute: false },
    clinicInfo: { attribute: false },
    now: { attribute: false },
    view: { state: true },
    chosen: { state: true },
    busy: { state: true },
    problem: { state: true },
  };

  api = '';
  clinic = '';
  /** The booking's id, loaded with `token` unless `bookingValue` is given. */
  booking = '';
  /** The booking's manage token or the client's session token. */
  token = '';
  /** `token` is the client's session (from "My bookings"), not a manage token. */
  asClient = false;
  locale: Locale | undefined;
  bookingValue: Booking | undefined;
  clinicInfo: PublicClinic | undefined;
  /** The clock for the "too late" check. Replace it to move time in tests. */
  now: () => number = () => Date.now();

  private view: View = 'loading';
  /** The time picked and held, waiting for "Yes, move it". */
  private chosen: { slot: Slot; hold: Hold } | undefined;
  /** A time being held, or `move` while the move is sent. */
  private busy = '';
  private problem = '';
  private focusNext = '';
  private loadStarted = '';

  // Controllers update after willUpdate, and an update asked for while one runs is dropped: a
  // connection that arrives (or changes) asks for the next one, which starts the load.
  private readonly connection = new ConnectionController(this, {
    own: () => ({ api: this.api, clinic: this.clinic }),
    onChange: () => queueMicrotask(() => this.requestUpdate()),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    define('tidbok-slot-picker', TidbokSlotPicker);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.release();
  }

  override willUpdate(): void {
    const connection = this.connection.value;
    const key = `${connection?.api}|${connection?.clinic}|${this.booking}|${this.token}`;
    if (connection && key !== this.loadStarted && (!this.bookingValue || !this.clinicInfo)) {
      this.loadStarted = key;
      void this.load();
    } else if (this.view === 'loading' && this.bookingValue && this.clinicInfo) {
      this.view = this.movable() ? 'pick' : 'closed';
    }
  }

  override updated(): void {
    if (this.focusNext) {
      this.renderRoot.querySelector<HTMLElement>(this.focusNext)?.focus();
      this.focusNext = '';
    }
  }

  /** Focuses the heading; once rendered, as a host may focus this element the moment it adds it. */
  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('h3')?.focus(options));
  }

  private get language(): Locale {
    return pickLocale(this.locale, this.bookingValue?.locale, this.connection.value?.locale, this.clinicInfo?.locale);
  }

  private readonly texts = new TextsController(this, () => this.language, moveMessages);

  private async load(): Promise<void> {
    const tidbok = this.connection.value!.tidbok;
    this.view = 'loading';
    try {
      const [booking, clinic] = await Promise.all([
        this.bookingValue ?? tidbok.booking(this.booking, { token: this.token }),
        this.clinicInfo ?? tidbok.clinic(),
      ]);
      this.bookingValue = booking;
      this.clinicInfo = clinic;
      this.view = this.movable() ? 'pick' : 'closed';
    } catch (error) {
      if (isAbort(error)) return;
      reportError(this, 'move-load', error);
      this.problem = this.texts.t(errorCode(error) === 'not_found' ? 'notMovable' : 'moveFailed');
      this.view = 'error';
    }
  }

  /** The booking's cancellation window: its own, else its practitioner's, else the clinic's. */
  private get windowHours(): number | undefined {
    const booking = this.bookingValue;
    const practitioner = this.clinicInfo?.practitioners.find((p) => p.id === booking?.practitionerId);
    return booking?.cancellationWindowHours ?? practitioner?.cancellationWindowHours ?? this.clinicInfo?.booking?.cancellationWindowHours;
  }

  /** Booked and before its window: what the server allows too (it has the last word). */
  private movable(): boolean {
    const booking = this.bookingValue!;
    if (booking.status !== 'booked') return false;
    const hours = this.windowHours ?? 0;
    return this.now() <= Date.parse(booking.start) - hours * 3_600_000;
  }

  private async pick(event: TidbokSlotSelectEvent): Promise<void> {
    const tidbok = this.connection.value?.tidbok;
    const booking = this.bookingValue;
    if (!tidbok || !booking || this.busy) return;
    const { slot } = event.detail;
    this.busy = slot.start;
    this.problem = '';
    try {
      const hold = await tidbok.hold({
        treatmentTypeId: booking.treatmentTypeId,
        practitionerId: slot.practitionerId,
        start: slot.start,
        ...(slot.locationId ? { locationId: slot.locationId } : {}),
        // A client session makes the hold the client's own (a manage token is no session).
        ...(this.asClient ? { session: this.token } : {}),
      });
      this.chosen = { slot, hold };
      this.view = 'confirm';
      this.focusNext = '#move-q';
    } catch (error) {
      if (isAbort(error)) return;
      reportError(this, 'hold', error);
      this.problem = this.texts.t(errorCode(error) === 'slot_unavailable' ? 'moveTaken' : 'moveFailed');
      void this.picker?.refresh();
    } finally {
      this.busy = '';
    }
  }

  private get picker(): TidbokSlotPicker | null {
    return this.renderRoot.querySelector('tidbok-slot-picker');
  }

  private async move(): Promise<void> {
    const tidbok = this.connection.value?.tidbok;
    const chosen = this.chosen;
    const booking = this.bookingValue;
    if (!tidbok || !chosen || !booking || this.busy) return;
    this.busy = 'move';
    this.problem = '';
    try {
      const moved = await tidbok.reschedule(booking.id, { hold: chosen.hold }, { token: this.token });
      this.chosen = undefined;
      this.bookingValue = { ...booking, ...moved };
      this.view = 'done';
      this.focusNext = '.done';
      this.dispatchEvent(new TidbokRescheduledEvent({ booking: this.bookingValue }));
    } catch (error) {
      if (isAbort(error)) return;
      reportError(this, 'reschedule', error);
      const code = errorCode(error);
      if (code === 'inside_cancellation_window') {
        void this.release();
        this.view = 'closed';
        this.focusNext = 'h3';
      } else if (code === 'slot_unavailable' || code === 'hold_expired' || code === 'conflict') {
        void this.release();
        this.problem = this.texts.t('moveTaken');
        this.view = 'pick';
        this.focusNext = '.error';
        void this.picker?.refresh();
      } else {
        this.problem = this.texts.t('moveFailed');
      }
    } finally {
      this.busy = '';
    }
  }

  /** Gives a held time back; failures are harmless (it expires anyway). */
  private async release(): Promise<void> {
    const hold = this.chosen?.hold;
    this.chosen = undefined;
    if (hold) await this.connection.value?.tidbok.releaseHold(hold).catch(() => undefined);
  }

  /** Back to the times, the one given up shown free again once released. */
  private async other(): Promise<void> {
    this.problem = '';
    this.view = 'pick';
    this.focusNext = 'h3';
    await this.release();
    void this.picker?.refresh();
  }

  private close(): void {
    void this.release();
    this.dispatchEvent(new TidbokMoveClosedEvent());
  }

  override render() {
    return html`<section lang=${this.language} aria-labelledby="move-h">
      <h3 id="move-h" tabindex="-1">${this.texts.t('moveTitle')}</h3>
      ${this.renderBody()}
    </section>`;
  }

  private renderBody() {
    const view = this.view;
    if (view === 'loading') return html`<p role="status">${this.texts.t('loadingMove')}</p>`;
    if (view === 'error') return html`<p class="error" role="alert">${this.problem}</p>`;
    const booking = this.bookingValue!;
    const clinic = this.clinicInfo!;
    const zone = clinic.timeZone;
    const when = (start: string) => formatDayTime(start, zone, this.language);
    if (view === 'closed') {
      const hours = this.windowHours;
      return html`<p role="alert">
          ${booking.status === 'booked' ? (hours ? this.texts.t('tooLate', { n: hours }) : this.texts.t('tooLateNoHours')) : this.texts.t('notMovable')}
        </p>
        <div class="actions"><button class="btn" part="button" @click=${this.close}>${this.texts.t('moveBack')}</button></div>`;
    }
    if (view === 'done') {
      return html`<p class="done" tabindex="-1" role="status">${this.texts.t('moved', { when: when(booking.start) })}</p>
        <p>${this.texts.t('movedMail')}</p>`;
    }
    const problem = this.problem ? html`<p class="error" role="alert" tabindex="-1">${this.problem}</p>` : nothing;
    // The times stay rendered (hidden while the question is open), so the week shown survives
    // "Choose another time".
    const confirming = view === 'confirm' ? this.chosen : undefined;
    const practitioner = confirming && clinic.practitioners.find((p) => p.id === confirming.slot.practitionerId);
    const busy = this.busy === 'move';
    return html`${
        confirming
          ? html`<p id="move-q" tabindex="-1"><b>${this.texts.t('moveConfirm', { when: when(confirming.slot.start) })}</b></p>
              ${practitioner ? html`<p>${this.texts.t('moveWith', { name: practitioner.name })}</p>` : nothing} ${problem}
              <div class="actions" role="group" aria-labelledby="move-q">
                <button class="btn primary" part="button button-primary" aria-disabled=${busy} @click=${this.move}>
                  ${busy ? this.texts.t('moving') : this.texts.t('moveYes')}
                </button>
                <button class="btn" part="button" @click=${this.other}>${this.texts.t('moveOther')}</button>
              </div>`
          : nothing
      }
      <div ?hidden=${Boolean(confirming)}>${this.renderPicker(booking, zone, when, confirming ? nothing : problem)}</div>`;
  }

  private renderPicker(booking: Booking, zone: string, when: (start: string) => string, problem: unknown) {
    const connection = this.connection.value!;
    return html`<p>${this.texts.t('moveIntro', { when: when(booking.start) })}</p>
      ${problem} ${this.busy && this.busy !== 'move' ? html`<p class="sr" role="status">${this.texts.t('holding')}</p>` : nothing}
      <tidbok-slot-picker
        .api=${connection.api}
        .clinic=${connection.clinic}
        .treatment=${booking.treatmentTypeId}
        .practitioner=${booking.practitionerId}
        .timeZone=${zone}
        .locale=${this.language}
        .pending=${this.busy}
        @tidbok-slot-select=${this.pick}
      ></tidbok-slot-picker>
      <div class="actions"><button class="btn" part="button" @click=${this.close}>${this.texts.t('moveBack')}</button></div>`;
  }
}

define('tidbok-move-booking', TidbokMoveBooking);

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-move-booking': TidbokMoveBooking;
  }
  interface GlobalEventHandlersEventMap {
    'tidbok-rescheduled': TidbokRescheduledEvent;
    'tidbok-move-closed': TidbokMoveClosedEvent;
  }
}
