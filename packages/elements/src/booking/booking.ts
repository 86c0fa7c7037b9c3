import { DEFAULT_HOLD_MINUTES } from '@tidbok/core';
import { type CreateBookingResponse, type Hold, isTidbokError, type PendingBooking, type PublicClinic } from '@tidbok/sdk';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { type BookingFormValue, TidbokBookingForm, type TidbokFormSubmitEvent } from '../booking-form/booking-form.js';
import { type Locale, pickLocale } from '../i18n.js';
import { Msg } from '../messages/keys.js';
import { clearSession, getSession, hashToken, type StoredSession, type TidbokSessionChangedEvent } from '../shared/client-session.js';
import { ConnectionController } from '../shared/connection.js';
import { CountdownController, formatRemaining } from '../shared/countdown.js';
import { define } from '../shared/define.js';
import { errorCode, errorKey, isAbort, reportError } from '../shared/errors.js';
import { formatDate, formatDayTime, formatPrice, formatTime } from '../shared/dates.js';
import { LoadController } from '../shared/load.js';
import { buttons, theme } from '../shared/styles.js';
import { bookingTexts, loadTexts, TextsController, textsOf } from '../shared/texts.js';
import { TidbokSlotPicker, type TidbokSlotSelectEvent } from '../slot-picker/slot-picker.js';
import { styles } from './booking.styles.js';
import { TidbokBookedEvent, TidbokCancelledEvent } from './events.js';

type Step = 'treatment' | 'practitioner' | 'time' | 'details' | 'done';

/** Which of the four numbered steps shown at the top each step belongs to. */
const STEP_NUMBER: Record<Step, number> = { treatment: 0, practitioner: 0, time: 1, details: 2, done: 3 };

/** Idempotency keys by hold and body: 128 random bits each, so a key cannot be guessed. */
const keys = new Map<string, string>();

/** The same hold and body get the same key (a retry is answered with the first booking); a new body a new key. */
function idempotencyKey(body: unknown): string {
  const json = JSON.stringify(body);
  let key = keys.get(json);
  if (!key) keys.set(json, (key = Array.from(crypto.getRandomValues(new Uint32Array(4)), (n) => n.toString(36)).join('.')));
  return key;
}

/** For whoever builds the page (in the console, and on localhost on the page): what to fix. */
const ownerNote = () => `Tidbok: add ${location.origin} to the clinic's allowed websites (Settings, Booking) to show the booking here.`;

/**
 * @summary A clinic's public booking, for any website: choose a treatment, a practitioner and a
 * free time, which is then held while the visitor gives their details, and book.
 *
 * Works alone (`api`, `clinic`) or inside `<tidbok-provider>`. Never throws to the page: every
 * failure is shown with a way on, and fired as `tidbok-error`.
 *
 * "My bookings" (`<tidbok-my-bookings>`, loaded when first needed) opens from a link, from a
 * `#tidbok-login=` or `#tidbok-session=` address (it asks whose the link is before logging in),
 * and as the first step where the clinic takes bookings from logged-in clients only. A logged-in
 * client books as themselves: every step says who is logged in, with "Not you? Log out", and the
 * form shows who is booking instead of asking.
 *
 * @event tidbok-booked - The booking is made; `detail` is `{ booking }`.
 * @event tidbok-cancelled - The visitor cancelled it from the confirmation; `detail` is `{ booking }`.
 * @event tidbok-error - Something failed and was shown; `detail` is `{ code, action, error }`.
 *
 * @csspart base - The card around everything.
 * @csspart steps - The numbered steps at the top; each is `step`, the current one `step current`.
 * @csspart heading - Each step's heading.
 * @csspart treatment - A treatment to choose.
 * @csspart practitioner - A practitioner to choose (also "first available").
 * @csspart summary - What was chosen so far.
 * @csspart countdown - How long the time stays held.
 * @csspart notice - Why the visitor is back at the times (time taken, hold ran out).
 * @csspart button - Every button; the main one also `button-primary`.
 * @csspart confirmation - The booked appointment's details.
 * @csspart calendar-link - The add-to-calendar (.ics) download.
 * @csspart message - Closed booking, errors and other full-width messages.
 * @csspart my-bookings-button - The link to "My bookings" (also `button`).
 * @csspart session - "Logged in as …" with its `logout-button` (also `button`).
 * Parts of the inner elements are exported too: `nav`, `nav-button`, `week-label`, `zone-note`,
 * `day`, `day-empty`, `day-name`, `slot`, `pending` (slot picker) and `form`, `info`, `submit`,
 * `field-label`, `field-input`, `field-hint`, `field-error`, `field-option` (form) and `notice`,
 * `account`, `list`, `booking`, `when`, `what`, `status`, `confirm`, `empty` (my bookings).
 *
 * @cssproperty --tidbok-primary - Accent colour. See also the other `--tidbok-*` theme properties.
 *
 * Custom states: `:state(loading)` (the clinic or the texts of its language on their way),
 * `:state(error)`, and once both are here the step, `:state(treatment)`, `:state(practitioner)`,
 * `:state(time)`, `:state(details)`, `:state(done)`.
 *
 * Texts: one language at a time (shared/texts.ts), loaded as soon as it is known; without a
 * `locale` (here or on the provider) the page's language, else the browser's, is loaded while the
 * clinic answers, and the clinic's own only when it speaks the other.
 */
export class TidbokBooking extends LitElement {
  static override styles = [theme, buttons, styles];

  // Reactive properties here rather than as `@property`/`@state` decorators, which would put
  // Lit's decorator helpers into the embed bundle (rollup.config.mjs).
  static override properties = {
    api: {},
    clinic: {},
    locale: {},
    treatment: {},
    practitioner: {},
    now: { attribute: false },
    step: { state: true },
    treatmentId: { state: true },
    practitionerId: { state: true },
    hold: { state: true },
    holding: { state: true },
    notice: { state: true },
    formError: { state: true },
    submitting: { state: true },
    result: { state: true },
    awaiting: { state: true },
    cancelState: { state: true },
    cancelError: { state: true },
    session: { state: true },
    account: { state: true },
    accountError: { state: true },
  };

  /** The Tidbok server; empty means this page's own origin. */
  api = '';
  /** The clinic's slug; without it the nearest `<tidbok-provider>` decides. */
  clinic = '';
  /** `sv` or `en`; defaults to the provider's, then the clinic's language. */
  locale: Locale | undefined;
  /** A treatment type id to start with (the visitor may still choose another). */
  treatment = '';
  /** A practitioner id to start with, when they offer the treatment. */
  practitioner = '';
  /** The clock for the hold countdown. Replace it to move time in tests. */
  now: () => number = () => Date.now();

  private step: Step = 'treatment';
  private treatmentId = '';
  /** `''` for any practitioner. */
  private practitionerId = '';
  private hold: Hold | undefined;
  /** The start of the time being held right now. */
  private holding = '';
  /** Why the visitor is (back) at the times. */
  private notice = '';
  private formError = '';
  private submitting = false;
  private result: (CreateBookingResponse & { sent: BookingFormValue }) | undefined;
  /** A booking that waits for the link e-mailed to the visitor (the clinic's setting). */
  private awaiting: PendingBooking | undefined;
  private cancelState: 'idle' | 'confirm' | 'busy' | 'done' = 'idle';
  private cancelError = '';
  /** The logged-in client's session, shared with `<tidbok-my-bookings>` (shared/client-session.ts). */
  private session: StoredSession | undefined;
  /** "My bookings" is shown instead of the booking flow. */
  private account = false;
  private accountError: unknown;

  readonly #internals = this.attachInternals();
  /** Set by a visitor's action: the next render moves focus to the new step's heading. */
  #moveFocus = false;
  /** The clinic the flow was last started for (see `begin`). */
  #started: PublicClinic | undefined;
  /** The "My bookings" code: not in the first bundle, loaded the first time it is needed. */
  #accountModule: Promise<unknown> | undefined;

  readonly #connection = new ConnectionController(this, {
    own: () => ({ api: this.api, clinic: this.clinic }),
    provide: true,
    onChange: (connection) => {
      this.#restart();
      this.session = connection && getSession(connection.api, connection.clinic);
      this.account = false;
      this.#onHash();
      // Another clinic: nothing of the old one may show while the new one loads.
      this.#clinicLoad.reset();
      if (connection) void this.#clinicLoad.run();
    },
  });

  readonly #clinicLoad = new LoadController<PublicClinic>(this, {
    task: (signal) => this.#connection.value!.tidbok.clinic({ signal }),
    onError: (error) => {
      reportError(this, 'clinic', error);
      // Told to whoever builds the page; a visitor is only told booking is not available here.
      if (errorCode(error) === 'origin_not_allowed') console.warn(ownerNote());
    },
  });

  readonly #countdown = new CountdownController(this, {
    now: () => this.now(),
    onExpire: () => this.#holdExpired(),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    define('tidbok-slot-picker', TidbokSlotPicker);
    define('tidbok-booking-form', TidbokBookingForm);
    window.addEventListener('tidbok-session-changed', this.#onSessionChanged);
    window.addEventListener('hashchange', this.#onHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('tidbok-session-changed', this.#onSessionChanged);
    window.removeEventListener('hashchange', this.#onHash);
    // A visitor who leaves mid-way should not keep a time from others until the hold runs out.
    this.#releaseHold();
    if (this.step === 'details') this.step = 'time';
  }

  get #picker() {
    return this.renderRoot.querySelector('tidbok-slot-picker');
  }

  get #form() {
    return this.renderRoot.querySelector('tidbok-booking-form');
  }

  get #clinicInfo(): PublicClinic | undefined {
    return this.#clinicLoad.value;
  }

  /**
   * The `locale` attribute, else the provider's, else the clinic's. Until the clinic has answered
   * (also on the first update, before its load has started): the page's language, else the
   * browser's, a guess whose texts load meanwhile, so only a clinic that speaks the other
   * language costs a second wait. A clinic that could not be read leaves Swedish, the default.
   */
  get #wanted(): Locale {
    const guess = this.#clinicInfo || this.#clinicLoad.status === 'error' ? [] : [document.documentElement.lang, navigator.language];
    return pickLocale(this.locale, this.#connection.value?.locale, this.#clinicInfo?.locale, ...guess);
  }

  /**
   * The language on screen. Once the flow has started, a switch keeps the old language until the
   * new one's texts are here: the loading skeleton in between would take the form, and what the
   * visitor typed in it, out of the page.
   */
  #language: Locale = 'sv';

  private readonly texts = new TextsController(this, () => this.#language, bookingTexts);

  override willUpdate(changed: PropertyValues<this>): void {
    const clinic = this.#clinicInfo;
    const wanted = this.#wanted;
    if (!this.#started || textsOf(wanted)) this.#language = wanted;
    else
      loadTexts(bookingTexts, wanted).then(
        () => this.requestUpdate(),
        (error: unknown) => reportError(this, 'texts', error),
      );
    if (this.account || (clinic?.booking?.publicBooking === 'clients-only' && !this.session)) this.#loadAccount();
    if (clinic && (clinic !== this.#started || changed.has('treatment') || changed.has('practitioner'))) {
      this.#started = clinic;
      this.#begin(clinic);
    }
  }

  override updated(): void {
    const states = this.#internals.states;
    states.clear();
    const texts = this.texts;
    states.add(texts.failed ? 'error' : !texts.ready ? 'loading' : this.#clinicLoad.status === 'ready' ? this.step : this.#clinicLoad.status);
    if (this.#moveFocus) {
      this.#moveFocus = false;
      this.renderRoot.querySelector<HTMLElement>('section:not([hidden]) h2')?.focus();
    }
  }

  // ---- Client session ----

  readonly #onSessionChanged = ({ detail }: TidbokSessionChangedEvent) => {
    const connection = this.#connection.value;
    if (connection?.api !== detail.api || connection.clinic !== detail.clinic) return;
    // Logged out where only clients book: the flow (and any held time) goes with the session.
    if (!detail.session && this.#clinicInfo?.booking?.publicBooking === 'clients-only') this.#restart();
    this.session = detail.session;
  };

  /** "Not you? Log out": ends the session here at once, and on the server (a failure there is harmless: it runs out). */
  readonly #logout = () => {
    const connection = this.#connection.value;
    const session = this.session;
    if (!connection || !session) return;
    this.#moveFocus = true;
    clearSession(connection.api, connection.clinic);
    connection.tidbok.logout(session.token).catch(() => undefined);
  };

  /** A login link or staff's test-client link opens "My bookings", which asks whose it is first. */
  readonly #onHash = () => {
    if (hashToken('login') || hashToken('session')) this.account = true;
  };

  /** Loads "My bookings" once; after a failure only the visitor's retry (`again`) tries again. */
  #loadAccount(again = false): void {
    if (again && this.accountError) this.#accountModule = this.accountError = undefined;
    this.#accountModule ??= import('../my-bookings/my-bookings.js').catch((error: unknown) => {
      this.accountError = error;
      reportError(this, 'load', error);
    });
  }

  async #showAccount(open: boolean): Promise<void> {
    this.account = open;
    this.#moveFocus = !open;
    // Back from "My bookings" after a booking: a new one starts.
    if (!open && this.step === 'done') this.#restart();
    if (!open) return;
    this.#loadAccount(true);
    await this.#accountModule;
    await this.updateComplete;
    const element = this.renderRoot.querySelector('tidbok-my-bookings');
    await element?.updateComplete;
    element?.focus();
  }

  // ---- Flow ----

  /** Back to the start; keeps the clinic. */
  #restart(): void {
    this.#releaseHold();
    this.step = 'treatment';
    this.treatmentId = '';
    this.practitionerId = '';
    this.notice = '';
    this.formError = '';
    this.result = undefined;
    this.awaiting = undefined;
    this.cancelState = 'idle';
    this.#started = undefined;
  }

  /** Starts over at the first step, applying the `treatment` and `practitioner` attributes. */
  #begin(clinic: PublicClinic): void {
    this.#releaseHold();
    this.step = 'treatment';
    if (clinic.treatmentTypes.some((t) => t.id === this.treatment)) this.#chooseTreatment(this.treatment, false);
  }

  #go(step: Step, focus = true): void {
    this.step = step;
    this.#moveFocus = focus;
  }

  #offering(treatmentId: string) {
    return this.#clinicInfo?.practitioners.filter((p) => p.treatmentTypeIds.includes(treatmentId)) ?? [];
  }

  #chooseTreatment(id: string, focus = true): void {
    this.treatmentId = id;
    this.notice = '';
    const offering = this.#offering(id);
    const preselected = offering.find((p) => p.id === this.practitioner);
    // Nothing to choose between: go straight to the times.
    if (preselected || offering.length === 1) this.#choosePractitioner((preselected ?? offering[0])!.id, focus);
    else this.#go('practitioner', focus);
  }

  #choosePractitioner(id: string, focus = true): void {
    this.practitionerId = id;
    this.notice = '';
    this.#go('time', focus);
  }

  #back(): void {
    if (this.step === 'details') {
      this.#releaseHold();
      this.#go('time');
    } else if (this.step === 'time' && this.#offering(this.treatmentId).length > 1) {
      this.#go('practitioner');
    } else {
      this.#go('treatment');
    }
  }

  async #onSelect(event: TidbokSlotSelectEvent): Promise<void> {
    const tidbok = this.#connection.value?.tidbok;
    if (!tidbok || this.holding) return;
    const { slot } = event.detail;
    this.holding = slot.start;
    this.notice = '';
    // A visitor holds one time at a time: the last one is given back (and the server has taken
    // it back) before the next is asked for, so the visitor alone never reaches the clinic's cap.
    this.#releaseHold();
    await this.#released;
    const requested = this.now();
    try {
      const hold = await tidbok.hold({
        treatmentTypeId: this.treatmentId,
        practitionerId: slot.practitionerId,
        start: slot.start,
        ...(slot.locationId ? { locationId: slot.locationId } : {}),
        ...(this.session ? { session: this.session.token } : {}),
      });
      this.hold = hold;
      // expiresAt is on the server's clock; counting the clinic's hold length from when the
      // request left keeps the countdown right on a visitor's clock that is minutes off, and
      // errs on the early side.
      const minutes = this.#clinicInfo?.booking?.holdMinutes;
      this.#countdown.start(minutes ? requested + minutes * 60_000 : Date.parse(hold.expiresAt));
      this.formError = '';
      this.#go('details');
    } catch (error) {
      if (isAbort(error)) return;
      reportError(this, 'hold', error);
      const code = errorCode(error);
      // Refused for the cap on held times: this visitor's own are released before a new one is
      // asked for, so the others are from another tab or an earlier visit, and free again within
      // one hold's length.
      this.#showAtTimes(
        this.texts.t(code === 'slot_unavailable' ? Msg.taken : code === 'rate_limited' ? Msg.holdLimit : errorKey(error), {
          n: this.#clinicInfo?.booking?.holdMinutes ?? DEFAULT_HOLD_MINUTES,
        }),
      );
    } finally {
      this.holding = '';
    }
  }

  /** Back at the times with a message, freshly loaded (the time shown may be gone). */
  #showAtTimes(notice: string): void {
    this.notice = notice;
    this.#go('time');
    void this.#picker?.refresh();
  }

  #holdExpired(): void {
    this.#releaseHold();
    const minutes = this.#clinicInfo?.booking?.holdMinutes ?? DEFAULT_HOLD_MINUTES;
    this.#showAtTimes(this.texts.t(Msg.expired, { n: minutes }));
  }

  /** The last release, settled when the server has answered it. */
  #released: Promise<unknown> | undefined;

  /** Gives the held time back at once; failures are harmless (it expires anyway). */
  #releaseHold(): void {
    const hold = this.hold;
    this.hold = undefined;
    this.#countdown.stop();
    if (hold) this.#released = this.#connection.value?.tidbok.releaseHold(hold).catch(() => undefined);
  }

  async #onSubmit(event: TidbokFormSubmitEvent): Promise<void> {
    const tidbok = this.#connection.value?.tidbok;
    const hold = this.hold;
    if (!tidbok || !hold || this.submitting) return;
    this.submitting = true;
    this.formError = '';
    try {
      const session = this.session;
      const body = { hold, ...event.detail, locale: this.#language };
      const result = await tidbok.book({
        ...body,
        ...(session ? { session: session.token } : {}),
        idempotencyKey: idempotencyKey(body),
      });
      this.hold = undefined;
      this.#countdown.stop();
      // The server keeps the time held until the visitor confirms from the e-mail.
      if ('status' in result) {
        this.awaiting = result;
        return this.#go('done');
      }
      this.result = { ...result, sent: event.detail };
      this.cancelState = 'idle';
      this.#go('done');
      this.dispatchEvent(new TidbokBookedEvent({ booking: result.booking }));
    } catch (error) {
      reportError(this, 'book', error);
      const code = errorCode(error);
      if (code === 'slot_unavailable' || code === 'hold_expired') {
        this.#releaseHold();
        this.#showAtTimes(this.texts.t(Msg.taken));
      } else if (code === 'validation_failed') {
        const errors = (isTidbokError(error) && error.problem?.errors) || [];
        const rest = (await this.#form?.showServerErrors(errors)) ?? errors;
        if (rest.length > 0 || errors.length === 0) this.formError = this.texts.t(Msg.checkFields);
      } else if (code === 'unauthorized' && this.session) {
        // The session expired or was ended elsewhere: forget it here too.
        this.formError = this.texts.t(Msg.sessionEnded);
        clearSession(this.#connection.value!.api, this.#connection.value!.clinic);
      } else {
        this.formError = this.texts.t(errorKey(error));
      }
    } finally {
      this.submitting = false;
    }
  }

  async #cancelBooking(): Promise<void> {
    const tidbok = this.#connection.value?.tidbok;
    const result = this.result;
    if (!tidbok || !result || this.cancelState === 'busy') return;
    this.cancelState = 'busy';
    this.cancelError = '';
    try {
      const booking = await tidbok.cancel(result.booking.id, { token: result.manageToken });
      this.result = { ...result, booking };
      this.cancelState = 'done';
      this.#moveFocus = true;
      this.dispatchEvent(new TidbokCancelledEvent({ booking }));
    } catch (error) {
      reportError(this, 'cancel', error);
      this.cancelError = this.texts.t(errorKey(error));
      this.cancelState = 'confirm';
    }
  }

  // ---- Rendering ----

  override render() {
    return html`<div class="base" part="base" lang=${this.#language}>${this.#renderBody()}</div>`;
  }

  #renderBody() {
    const clinic = this.#clinicInfo;
    const { status, error } = this.#clinicLoad;
    const ready = this.texts.ready;
    if (this.texts.failed) return this.texts.failure('message');
    if (ready && !this.#connection.value) return html`<p class="message" part="message">${this.texts.t(Msg.notSetUp)}</p>`;
    if (ready && status === 'error') {
      const refused = errorCode(error) === 'origin_not_allowed';
      return html`<div class="message" part="message" role="alert">
        <p>${this.texts.t(errorKey(error))}</p>
        ${
          refused
            ? location.hostname === 'localhost'
              ? html`<p lang="en">${ownerNote()}</p>`
              : nothing
            : html`<button class="btn" part="button" @click=${() => this.#clinicLoad.run()}>${this.texts.t(Msg.retry)}</button>`
        }
      </div>`;
    }
    if (!clinic || !ready) {
      // Shaped like the first step, so nothing jumps when it arrives; the texts fill in when theirs do.
      return html`<div aria-busy="true">
        <span class="sr" role="status">${this.texts.t(Msg.loading)}</span>
        ${this.#renderSteps()}
        <div class="sk line"></div>
        <ul class="choices">
          ${[1, 2, 3, 4].map(() => html`<li class="sk card"></li>`)}
        </ul>
      </div>`;
    }
    if (!clinic.modules.booking) {
      return html`<div class="message" part="message">
        <h2 part="heading">${this.texts.t(Msg.closedTitle)}</h2>
        <p>${this.texts.t(Msg.closedText)}</p>
      </div>`;
    }
    if (this.account) {
      return html`<button class="link" part="button" @click=${() => this.#showAccount(false)}>${this.texts.t(Msg.backToBooking)}</button>
        ${this.#renderMyBookings(false)}`;
    }
    // Only logged-in clients book here: the login comes first.
    if (clinic.booking?.publicBooking === 'clients-only' && !this.session) return this.#renderMyBookings(true);
    return html`${this.#renderTop()}${this.#renderSteps()}${this.#renderStep(clinic)}`;
  }

  /** Who is logged in, with the way out (on every step, since every step books as them), and "My bookings". */
  #renderTop() {
    const client = this.session?.client;
    const details = this.step === 'details';
    return client || !details
      ? html`<div class="top">
          ${
            client
              ? html`<span part="session">
                  ${this.texts.t(Msg.loggedInAs)} <b>${client.name}</b>${client.email ? ` (${client.email})` : ''}. ${this.texts.t(Msg.notYou)}
                  <button class="link" part="button logout-button" @click=${this.#logout}>${this.texts.t(Msg.logOut)}</button>
                </span>`
              : nothing
          }
          ${details ? nothing : html`<button class="link" part="button my-bookings-button" @click=${() => this.#showAccount(true)}>${this.texts.t(Msg.myBookings)}</button>`}
        </div>`
      : nothing;
  }

  /** `<tidbok-my-bookings>` (defined once its code has loaded), with its parts passed on. */
  #renderMyBookings(loginOnly: boolean) {
    if (this.accountError) {
      return html`<div class="message" part="message" role="alert">
        <p>${this.texts.t(errorKey(this.accountError))}</p>
        <button class="btn" part="button" @click=${() => this.#loadAccount(true)}>${this.texts.t(Msg.retry)}</button>
      </div>`;
    }
    return html`<tidbok-my-bookings
      exportparts="heading, notice, form, field-label, field-input, field-hint, field-error, account, list, booking, when, what, status, confirm, empty, button, button-primary, message"
      ?login-only=${loginOnly}
      .locale=${this.#language}
    ></tidbok-my-bookings>`;
  }

  #renderSteps() {
    const current = STEP_NUMBER[this.step];
    return html`<ol class="steps" part="steps" aria-label=${this.texts.t(Msg.steps)}>
      ${[Msg.treatment, Msg.time, Msg.stepDetails, Msg.stepDone].map(
        (key, i) =>
          html`<li class=${i <= current ? 'on' : ''} part=${i === current ? 'step current' : 'step'} aria-current=${i === current ? 'step' : 'false'}>
            <span>${this.texts.t(key)}</span>
          </li>`,
      )}
    </ol>`;
  }

  /** A step's heading (focused when the visitor arrives) with its way back. */
  #bar(heading: Msg, back?: Msg) {
    return html`<div class="bar">
      <h2 part="heading" tabindex="-1">${this.texts.t(heading)}</h2>
      ${back ? html`<button class="link" part="button" @click=${this.#back}>${this.texts.t(back)}</button>` : nothing}
    </div>`;
  }

  /** One choosable card: a treatment or a practitioner. */
  #choice(part: string, name: string, meta: string | null, description: string, pick: () => void, color = '') {
    return html`<li>
      <button class="choice" part=${part} style=${color && `--c:${color}`} @click=${pick}>
        <b>${name}</b>${meta ? html`<span class="meta">${meta}</span>` : nothing} ${description ? html`<span class="desc">${description}</span>` : nothing}
      </button>
    </li>`;
  }

  #renderStep(clinic: PublicClinic) {
    const step = this.step;
    if (step === 'treatment') {
      const types = clinic.treatmentTypes;
      return html`<section>
        ${this.#bar(Msg.chooseTreatment)} ${types.length ? nothing : html`<p class="message" part="message">${this.texts.t(Msg.noTreatments)}</p>`}
        <ul class="choices">
          ${types.map((type) => this.#choice('treatment', type.name, this.#facts(type), type.description, () => this.#chooseTreatment(type.id), type.color))}
        </ul>
      </section>`;
    }
    if (step === 'practitioner') {
      return html`<section>
        ${this.#bar(Msg.choosePractitioner, Msg.back)} ${this.#renderSummary(clinic)}
        <ul class="choices">
          ${this.#choice('practitioner', this.texts.t(Msg.anyPractitioner), this.texts.t(Msg.anyPractitionerHint), '', () => this.#choosePractitioner(''))}
          ${this.#offering(this.treatmentId).map((p) => this.#choice('practitioner', p.name, p.title, '', () => this.#choosePractitioner(p.id)))}
        </ul>
      </section>`;
    }
    if (step === 'done') return this.#renderDone(clinic);
    // The times and the details stay rendered (one hidden) so the week shown and what the
    // visitor typed survive going back and forth.
    const minutes = clinic.booking?.holdMinutes;
    return html`<section ?hidden=${step !== 'time'}>
        ${this.#bar(Msg.chooseTime, Msg.back)} ${this.#renderSummary(clinic)}
        ${this.notice ? html`<p class="notice" part="notice" role="alert">${this.notice}</p>` : nothing}
        <tidbok-slot-picker
          exportparts="nav, nav-button, week-label, zone-note, day, day-empty, day-name, slot, pending, status"
          .treatment=${this.treatmentId}
          .practitioner=${this.practitionerId}
          .timeZone=${clinic.timeZone}
          .locale=${this.#language}
          .pending=${this.holding}
          @tidbok-slot-select=${this.#onSelect}
        ></tidbok-slot-picker>
      </section>
      <section ?hidden=${step !== 'details'}>
        ${this.#bar(Msg.yourDetails, Msg.otherTime)} ${this.#renderSummary(clinic, true)}
        <tidbok-booking-form
          exportparts="form, info, submit, error: form-error, field-label, field-input, field-hint, field-error, field-option"
          .locale=${this.#language}
          .personalNumber=${clinic.booking?.personalNumber ?? 'hidden'}
          .infoText=${clinic.bookingInfoText}
          .busy=${this.submitting}
          .error=${this.formError}
          .account=${this.session?.client}
          @tidbok-form-submit=${this.#onSubmit}
        ></tidbok-booking-form>
        <span class="sr" role="status">
          ${!this.hold ? '' : this.#countdown.remaining <= 60_000 ? this.texts.t(Msg.holdEnding) : minutes ? this.texts.t(Msg.heldStatus, { n: minutes }) : ''}
        </span>
      </section>`;
  }

  /** `50 min · 950 kr`: the time with the client and the price, when there is one. */
  #facts(type: PublicClinic['treatmentTypes'][number]): string {
    const price = type.priceCents > 0 ? ` · ${formatPrice(type.priceCents, type.currency, this.#language)}` : '';
    return `${this.texts.t(Msg.minutes, { n: type.clientMinutes })}${price}`;
  }

  /** What is chosen so far; with the held time also the countdown. */
  #renderSummary(clinic: PublicClinic, withHold = false) {
    const type = clinic.treatmentTypes.find((t) => t.id === this.treatmentId);
    if (!type) return nothing;
    const held = withHold ? this.hold : undefined;
    const practitioner = clinic.practitioners.find((p) => p.id === (held?.practitionerId ?? this.practitionerId));
    const who = this.step === 'practitioner' ? '' : ` · ${practitioner?.name ?? this.texts.t(Msg.anyPractitioner)}`;
    const remaining = this.#countdown.remaining;
    return html`<div class="summary" part="summary">
      <b>${type.name}${held ? `, ${formatDayTime(held.start, clinic.timeZone, this.#language)}` : ''}</b>
      <span class="muted">${this.#facts(type)}${who}</span>
      ${
        held
          ? html`<p class="hold ${remaining <= 60_000 ? 'ending' : ''}" part="countdown">
              <span role="timer">${this.texts.t(Msg.held, { time: formatRemaining(remaining) })}</span>
            </p>`
          : nothing
      }
    </div>`;
  }

  #renderDone(clinic: PublicClinic) {
    const awaiting = this.awaiting;
    if (awaiting) {
      const time = formatTime(awaiting.expiresAt, clinic.timeZone, this.#language);
      return html`<section part="confirmation">
        ${this.#bar(Msg.checkEmailTitle)}
        <p role="status">${this.texts.t(Msg.checkEmail, { to: awaiting.email, time })}</p>
      </section>`;
    }
    const result = this.result;
    if (!result) return nothing;
    const { booking, sent } = result;
    const zone = clinic.timeZone;
    const lang = this.#language;
    const type = clinic.treatmentTypes.find((t) => t.id === booking.treatmentTypeId);
    const practitioner = clinic.practitioners.find((p) => p.id === booking.practitionerId);
    const location = clinic.locations.find((l) => l.id === booking.locationId);
    // The server's end and rule for the patient (the time with the client; the practitioner's
    // window, else the clinic's): the same as in the e-mail and the manage page.
    const end = booking.clientEnd ?? booking.end;
    const cancelled = booking.status === 'cancelled';
    const window = booking.cancellationWindowHours ?? practitioner?.cancellationWindowHours;
    const rows: [Msg, string | undefined, string | null | undefined][] = [
      [Msg.treatment, type?.name, null],
      [Msg.date, formatDate(booking.start, zone, lang), null],
      [Msg.time, `${formatTime(booking.start, zone, lang)}–${formatTime(end, zone, lang)}`, null],
      [Msg.practitioner, practitioner?.name, practitioner?.title],
      [Msg.location, location?.name, location?.address],
      [Msg.price, type && type.priceCents > 0 ? formatPrice(type.priceCents, type.currency, lang) : undefined, null],
    ];
    const client = sent.client ?? this.session?.client;
    const to = sent.confirmation === 'sms' ? client?.phone : sent.confirmation === 'email' ? client?.email : '';
    // The calendar file is the server's (the manage page's "Add to calendar"): the event of the
    // e-mailed file, with its UID and sequence, so a patient who adds both gets one event. A form
    // post, so the manage token travels in a body, never in a URL.
    const calendarFile = `${this.#connection.value!.api}/b/${encodeURIComponent(this.#connection.value!.clinic)}/${encodeURIComponent(booking.id)}`;
    return html`<section part="confirmation">
      ${this.#bar(cancelled ? Msg.cancelled : Msg.doneTitle)}
      <dl>
        ${rows.map(([key, value, more]) =>
          value
            ? html`<dt>${this.texts.t(key)}</dt>
                <dd>${value}${more ? html`<span>${more}</span>` : nothing}</dd>`
            : nothing,
        )}
      </dl>
      ${
        cancelled
          ? booking.lateCancellation
            ? html`<p>${this.texts.t(Msg.late)}</p>`
            : nothing
          : html`${to ? html`<p>${this.texts.t(sent.confirmation === 'sms' ? Msg.sentSms : Msg.sentEmail, { to })}</p>` : nothing}
              <form method="post" action=${calendarFile} part="calendar-form">
                <input type="hidden" name="t" .value=${result.manageToken} />
                <input type="hidden" name="action" value="ics" />
                <button class="btn primary" part="button button-primary calendar-link">${this.texts.t(Msg.addToCalendar)}</button>
              </form>
              <div class="cancel">
                <h3>${this.texts.t(Msg.cancelTitle)}</h3>
                <p>${this.texts.t(Msg.cancelHow)} ${window ? this.texts.t(Msg.cancelWindow, { n: window }) : ''}</p>
                ${
                  this.cancelState === 'idle'
                    ? html`<button class="btn" part="button" @click=${this.#askCancel}>${this.texts.t(Msg.cancel)}</button>`
                    : html`<p id="cancel-q" tabindex="-1"><b>${this.texts.t(Msg.cancelConfirm, { when: formatDayTime(booking.start, zone, lang) })}</b></p>
                        ${this.cancelError ? html`<p class="error" role="alert">${this.cancelError}</p>` : nothing}
                        <div class="actions" role="group" aria-labelledby="cancel-q">
                          <button class="btn danger" part="button" aria-disabled=${this.cancelState === 'busy'} @click=${this.#cancelBooking}>
                            ${this.texts.t(Msg.cancelYes)}
                          </button>
                          <button class="btn" part="button" @click=${() => (this.cancelState = 'idle')}>${this.texts.t(Msg.cancelNo)}</button>
                        </div>`
                }
              </div>`
      }
      <button class="link" part="button" @click=${this.#again}>${this.texts.t(Msg.again)}</button>
    </section>`;
  }

  async #askCancel(): Promise<void> {
    this.cancelState = 'confirm';
    this.cancelError = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#cancel-q')?.focus();
  }

  #again(): void {
    this.#restart();
    this.#moveFocus = true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-booking': TidbokBooking;
  }
}
