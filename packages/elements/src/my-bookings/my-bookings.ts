import { EmailSchema, isLateCancellation, LIMITS } from '@tidbok/core';
import type { Booking, PublicClinic } from '@tidbok/sdk';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { TidbokCancelledEvent } from '../booking/events.js';
import { type Locale, pickLocale } from '../i18n.js';
import {
  clearSession,
  getSession,
  hashToken,
  type SessionClient,
  setSession,
  type StoredSession,
  type TidbokSessionChangedEvent,
} from '../shared/client-session.js';
import { ConnectionController } from '../shared/connection.js';
import { define } from '../shared/define.js';
import { errorCode, errorKey, isAbort, reportError } from '../shared/errors.js';
import { formatDate, formatDayTime, formatTime } from '../shared/dates.js';
import { LoadController } from '../shared/load.js';
import { buttons, theme } from '../shared/styles.js';
import { bookingTexts, TextsController } from '../shared/texts.js';
import { TidbokTextField } from '../shared/text-field/text-field.js';
import { passes } from '../shared/validate.js';
import { TidbokLoginEvent, TidbokLogoutEvent } from './events.js';
import { TidbokMoveBooking, type TidbokRescheduledEvent } from './move-booking.js';
import { messages } from './my-bookings.messages.js';
import { styles } from './my-bookings.styles.js';

/**
 * @summary A client's own page: log in by an e-mail link, see upcoming and past bookings, move
 * (`<tidbok-move-booking>`: the slot picker, then a confirmation) or cancel an upcoming one, log out.
 *
 * Logging in: the visitor gives an e-mail address and is always told the same thing (a link is
 * on its way if the clinic knows the address), so nobody can find out who is a client. The link
 * opens the clinic's page with `#tidbok-login=<token>`; `#tidbok-session=<token>` is staff's
 * "open as test client". Either way this element first asks the server whose the link is (using
 * nothing up, so a mail scanner that fetches the page changes nothing) and asks **Log in as
 * <name> (<e-mail>)?**: a link made by someone else must not log the visitor in as them, where
 * what they then book would be that someone's to see. Only a yes exchanges the login token or
 * stores the session; the token leaves the address. The session lives in sessionStorage for this
 * tab and is shared with `<tidbok-booking>` of the same clinic, which then books as the
 * logged-in client. Wherever a session is used it says "Logged in as …" with "Not you? Log out".
 *
 * Works alone (`api`, `clinic`) or inside `<tidbok-provider>` or `<tidbok-booking>`. Never throws
 * to the page: every failure is shown and fired as `tidbok-error`. Focusing the element focuses
 * its current heading.
 *
 * @event tidbok-login - The client logged in (said yes to a link); `detail` is `{ client }`.
 * @event tidbok-logout - The client logged out.
 * @event tidbok-cancelled - The client cancelled a booking; `detail` is `{ booking }`, with `lateCancellation`.
 * @event tidbok-rescheduled - The client moved a booking; `detail` is `{ booking }` at its new time.
 * @event tidbok-error - Something failed and was shown; `detail` is `{ code, action, error }`.
 *
 * @csspart base - The card around everything.
 * @csspart heading - The heading of the current view.
 * @csspart notice - Why the visitor is at the login (logged out, link no longer valid, said no).
 * @csspart owner - Whose a link is, in the "Log in as …?" question.
 * @csspart test-session - The note that the session is a test client's (staff opened the page as them).
 * @csspart form - The e-mail form; its field's parts are exported as `field-label`, `field-input`,
 *   `field-hint`, `field-error`.
 * @csspart account - Who is logged in, with the log-out button.
 * @csspart list - A list of bookings (`list upcoming`, `list past`).
 * @csspart booking - One booking; also `upcoming` or `past`, and `cancelled` or `no-show`.
 * @csspart when - A booking's date and time.
 * @csspart what - A booking's treatment, practitioner and location.
 * @csspart status - A booking's status (cancelled, late cancellation, missed).
 * @csspart confirm - The "do you want to cancel" question and its buttons.
 * @csspart move - The move of one booking (`<tidbok-move-booking>`: times, question, outcome).
 * @csspart empty - The text shown when there are no bookings.
 * @csspart button - Every button; the main one also `button-primary`.
 * @csspart message - Errors and other full-width messages.
 *
 * @cssproperty --tidbok-primary - Accent colour. See also the other `--tidbok-*` theme properties.
 *
 * Custom states: `:state(loading)`, `:state(error)`, `:state(login)`, `:state(sent)`,
 * `:state(verify)`, `:state(list)`.
 */
export class TidbokMyBookings extends LitElement {
  static override styles = [theme, buttons, styles];

  // Reactive properties here rather than as `@property`/`@state` decorators, which would put
  // Lit's decorator helpers into the embed bundle (rollup.config.mjs).
  static override properties = {
    api: {},
    clinic: {},
    locale: {},
    loginOnly: { type: Boolean, attribute: 'login-only' },
    now: { attribute: false },
    session: { state: true },
    linked: { state: true },
    email: { state: true },
    sent: { state: true },
    busy: { state: true },
    notice: { state: true },
    formError: { state: true },
    confirming: { state: true },
    moving: { state: true },
    movedId: { state: true },
    cancelError: { state: true },
    announcement: { state: true },
  };

  /** The Tidbok server; empty means this page's own origin. */
  api = '';
  /** The clinic's slug; without it the nearest `<tidbok-provider>` (or `<tidbok-booking>`) decides. */
  clinic = '';
  /** `sv` or `en`; defaults to the provider's, then the clinic's language. */
  locale: Locale | undefined;
  /** Only the login (for a clinic that takes bookings from logged-in clients only); no list. */
  loginOnly = false;
  /** The clock that splits upcoming from past. Replace it to move time in tests. */
  now: () => number = () => Date.now();

  private session: StoredSession | undefined;
  /** The token of a `#tidbok-login=` or `#tidbok-session=` link, waiting for the visitor's yes. */
  private linked: { kind: 'login' | 'session'; token: string } | undefined;
  /** The address in the e-mail field, kept for "use another address". */
  private email = '';
  /** A link was asked for: the "check your inbox" view. */
  private sent = false;
  /** What is in flight: `send`, `verify`, `logout`, or the id of a booking being cancelled. */
  private busy = '';
  private notice: { text: string; alert: boolean } | undefined;
  private formError = '';
  /** The booking whose "do you want to cancel" question is open. */
  private confirming = '';
  /** The booking being moved (its times shown), and the one moved last (said on its row). */
  private moving = '';
  private movedId = '';
  private cancelError = '';
  /** Said by the live region (a cancellation went through). */
  private announcement = '';

  private readonly internals = this.attachInternals();
  /** Set by a visitor's action: the next render moves focus to this selector. */
  private focusNext = '';

  private readonly connection = new ConnectionController(this, {
    own: () => ({ api: this.api, clinic: this.clinic }),
    onChange: (connection) => {
      this.clinicLoad.reset();
      this.ownerLoad.reset();
      this.linked = undefined;
      this.sent = false;
      this.notice = undefined;
      this.useSession(connection && getSession(connection.api, connection.clinic));
      if (connection) void this.clinicLoad.run();
      this.takeHash();
    },
  });

  /**
   * A link in the address is never taken as it is: its owner is looked up, and the visitor asked.
   * A session token leaves the address at once (it lasts for days); a login token stays until it
   * is used or refused, so a reload still offers it.
   */
  private readonly takeHash = () => {
    const session = hashToken('session');
    const token = session ?? hashToken('login');
    if (!this.connection.value || !token) return;
    if (session) dropHashToken();
    // The session this tab holds already: nothing to ask.
    if (session && session === this.session?.token) return;
    this.linked = { kind: session ? 'session' : 'login', token };
    this.sent = false;
    this.notice = undefined;
    void this.ownerLoad.run();
  };

  /** Whose the link is; neither kind of token is used up by asking. */
  private readonly ownerLoad = new LoadController<SessionClient>(this, {
    task: async (signal) => {
      const { tidbok } = this.connection.value!;
      const { kind, token } = this.linked!;
      return (await (kind === 'login' ? tidbok.loginLinkOwner(token, { signal }) : tidbok.sessionOwner(token, { signal }))).client;
    },
    onError: (error) => {
      reportError(this, 'link', error);
      // A used, expired or unknown token will never work: say so and offer a new link. A failure
      // to reach the server leaves it, to try again.
      if (isDead(error)) {
        const kind = this.linked?.kind;
        this.forgetLink();
        this.notice = { text: this.texts.t(kind === 'login' && !this.session ? 'badLink' : 'deadLink'), alert: true };
        this.focusNext = 'h2';
      }
    },
  });

  private readonly clinicLoad = new LoadController<PublicClinic>(this, {
    task: (signal) => this.connection.value!.tidbok.clinic({ signal }),
    onError: (error) => reportError(this, 'clinic', error),
  });

  private readonly bookingsLoad = new LoadController<Booking[]>(this, {
    task: (signal) => this.connection.value!.tidbok.myBookings(this.session!.token, { signal }),
    onError: (error) => {
      reportError(this, 'my-bookings', error);
      if (errorCode(error) === 'unauthorized') this.sessionEnded();
    },
  });

  /** Another element (or this one) stored or cleared the session of this clinic. */
  private readonly onSessionChanged = (event: TidbokSessionChangedEvent) => {
    const connection = this.connection.value;
    const { api, clinic, session } = event.detail;
    if (connection?.api === api && connection.clinic === clinic && session?.token !== this.session?.token) {
      this.useSession(session);
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    define('tidbok-text-field', TidbokTextField);
    define('tidbok-move-booking', TidbokMoveBooking);
    window.addEventListener('tidbok-session-changed', this.onSessionChanged);
    // The link opened in a tab that shows this page already.
    window.addEventListener('hashchange', this.takeHash);
    // A session may have changed while this element was out of the page.
    const connection = this.connection.value;
    if (connection) {
      const stored = getSession(connection.api, connection.clinic);
      if (stored?.token !== this.session?.token) this.useSession(stored);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('tidbok-session-changed', this.onSessionChanged);
    window.removeEventListener('hashchange', this.takeHash);
  }

  /** Moves focus to the heading of what is shown, so a screen reader says where the visitor is. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus(options);
  }

  private get language(): Locale {
    return pickLocale(this.locale, this.connection.value?.locale, this.clinicLoad.value?.locale);
  }

  private readonly texts = new TextsController(this, () => this.language, messages);

  /** The failure messages, shared with the booking flow (messages/sv.ts): loaded with its texts. */
  private readonly flowTexts = new TextsController(this, () => this.language, bookingTexts);
  private readonly failText = (error: unknown) => this.flowTexts.t(errorKey(error));

  override willUpdate(changed: PropertyValues<this>): void {
    // Turning login-only off shows the list, which then needs loading.
    if (changed.has('loginOnly') && this.session && !this.loginOnly && this.bookingsLoad.status === 'idle') {
      void this.bookingsLoad.run();
    }
  }

  override updated(): void {
    const states = this.internals.states;
    states.clear();
    states.add(this.view);
    if (this.focusNext) {
      this.renderRoot.querySelector<HTMLElement>(this.focusNext)?.focus();
      this.focusNext = '';
    }
  }

  private get view(): 'loading' | 'error' | 'login' | 'sent' | 'verify' | 'list' {
    if (this.flowTexts.failed) return 'error';
    if (!this.flowTexts.ready) return 'loading';
    if (this.clinicLoad.status === 'error' || this.bookingsLoad.status === 'error' || this.ownerLoad.status === 'error') return 'error';
    // A link wins over a session already held: whoever opened it may mean to log in as another.
    if (this.linked) return 'verify';
    if (this.session) return this.loginOnly || this.bookingsReady ? 'list' : 'loading';
    return this.sent ? 'sent' : 'login';
  }

  private get bookingsReady(): boolean {
    return this.clinicLoad.status === 'ready' && this.bookingsLoad.status === 'ready';
  }

  private useSession(session: StoredSession | undefined): void {
    this.session = session;
    this.confirming = '';
    this.moving = '';
    this.movedId = '';
    this.announcement = '';
    this.bookingsLoad.reset();
    if (session && !this.loginOnly) void this.bookingsLoad.run();
  }

  /** The server no longer knows the session (expired, logged out elsewhere): back to the login. */
  private sessionEnded(): void {
    const connection = this.connection.value;
    if (connection) clearSession(connection.api, connection.clinic);
    this.useSession(undefined);
    this.notice = { text: this.texts.t('expired'), alert: true };
    this.focusNext = 'h2';
  }

  // ---- Actions ----

  private async requestLink(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const tidbok = this.connection.value?.tidbok;
    const form = event.target as HTMLFormElement;
    if (!tidbok || this.busy) return;
    if (!form.checkValidity()) {
      form.querySelector<HTMLElement>(':invalid')?.focus();
      return;
    }
    const field = form.querySelector<TidbokTextField>('tidbok-text-field')!;
    const email = field.value.trim();
    this.busy = 'send';
    this.formError = '';
    try {
      await tidbok.requestLoginLink(email);
      this.email = email;
      this.sent = true;
      this.notice = undefined;
      this.focusNext = 'h2';
    } catch (error) {
      if (isAbort(error)) return;
      reportError(this, 'login-link', error);
      if (errorCode(error) === 'validation_failed') field.setCustomError(this.texts.t('badEmail'));
      else this.formError = this.failText(error);
    } finally {
      this.busy = '';
    }
  }

  /** Yes, the link's owner is me: store the session (a login link's first exchanged for one). */
  private async accept(): Promise<void> {
    const connection = this.connection.value;
    const linked = this.linked;
    const owner = this.ownerLoad.value;
    if (!connection || !linked || !owner || this.busy) return;
    if (linked.kind === 'session') {
      this.forgetLink();
      this.loggedIn({ token: linked.token, client: owner });
      return;
    }
    this.busy = 'verify';
    this.notice = undefined;
    try {
      const { sessionToken, client } = await connection.tidbok.verifyLogin(linked.token);
      this.forgetLink();
      this.loggedIn({ token: sessionToken, client });
    } catch (error) {
      reportError(this, 'login', error);
      if (isDead(error)) {
        this.forgetLink();
        this.notice = { text: this.texts.t('badLink'), alert: true };
        this.focusNext = 'h2';
      } else {
        this.notice = { text: this.failText(error), alert: true };
      }
    } finally {
      this.busy = '';
    }
  }

  private loggedIn(session: StoredSession): void {
    const connection = this.connection.value!;
    this.notice = undefined;
    setSession(connection.api, connection.clinic, session);
    this.useSession(getSession(connection.api, connection.clinic));
    this.dispatchEvent(new TidbokLoginEvent({ client: session.client }));
    this.focusNext = 'h2';
  }

  /** No, not me: nothing is stored, and whatever session this tab had stays. */
  private decline(): void {
    this.forgetLink();
    this.notice = { text: this.texts.t('declined'), alert: false };
    this.focusNext = 'h2';
  }

  /** Leaves the link (and its token in the address) for the e-mail form or the list. */
  private forgetLink(): void {
    if (hashToken('login') || hashToken('session')) dropHashToken();
    this.linked = undefined;
    this.ownerLoad.reset();
  }

  private async logout(): Promise<void> {
    const connection = this.connection.value;
    const session = this.session;
    if (!connection || !session || this.busy) return;
    this.busy = 'logout';
    try {
      await connection.tidbok.logout(session.token);
    } catch (error) {
      // Logged out here in any case; a session the server still holds runs out on its own.
      if (errorCode(error) !== 'unauthorized') reportError(this, 'logout', error);
    } finally {
      this.busy = '';
    }
    this.sent = false;
    clearSession(connection.api, connection.clinic);
    this.useSession(undefined);
    this.notice = { text: this.texts.t('loggedOut'), alert: false };
    this.focusNext = 'h2';
    this.dispatchEvent(new TidbokLogoutEvent());
  }

  private askMove(id: string): void {
    this.moving = id;
    this.confirming = '';
    this.movedId = '';
    this.announcement = '';
    this.focusNext = `#v-${id}`;
  }

  /** Moved: the row shows the new time and says so; focus goes to that line. */
  private onMoved(event: TidbokRescheduledEvent): void {
    const moved = event.detail.booking;
    const clinic = this.clinicLoad.value!;
    this.bookingsLoad.value = this.bookingsLoad.value?.map((b) => (b.id === moved.id ? moved : b));
    this.moving = '';
    this.movedId = moved.id;
    this.announcement = this.texts.t('movedTo', { when: formatDayTime(moved.start, clinic.timeZone, this.language) });
    this.focusNext = `#s-${moved.id}`;
  }

  private keepTime(id: string): void {
    this.moving = '';
    this.focusNext = `#m-${id}`;
  }

  private askCancel(id: string): void {
    this.moving = '';
    this.confirming = id;
    this.cancelError = '';
    this.announcement = '';
    this.focusNext = `#q-${id}`;
  }

  private keep(id: string): void {
    this.confirming = '';
    this.focusNext = `#c-${id}`;
  }

  private async cancelBooking(booking: Booking): Promise<void> {
    const connection = this.connection.value;
    const session = this.session;
    const clinic = this.clinicLoad.value;
    if (!connection || !session || !clinic || this.busy) return;
    this.busy = booking.id;
    this.cancelError = '';
    try {
      const cancelled = await connection.tidbok.cancel(booking.id, { token: session.token });
      this.bookingsLoad.value = this.bookingsLoad.value?.map((b) => (b.id === cancelled.id ? cancelled : b));
      this.confirming = '';
      const when = formatDayTime(cancelled.start, clinic.timeZone, this.language);
      this.announcement = `${this.texts.t('cancelledNow', { when })}${cancelled.lateCancellation ? ` ${this.texts.t('lateNow')}` : ''}`;
      this.focusNext = `#s-${cancelled.id}`;
      this.dispatchEvent(new TidbokCancelledEvent({ booking: cancelled }));
    } catch (error) {
      reportError(this, 'cancel', error);
      if (errorCode(error) === 'unauthorized') this.sessionEnded();
      else this.cancelError = this.failText(error);
    } finally {
      this.busy = '';
    }
  }

  private retry(): void {
    if (this.clinicLoad.status === 'error') void this.clinicLoad.run();
    if (this.bookingsLoad.status === 'error' && this.session) void this.bookingsLoad.run();
    if (this.ownerLoad.status === 'error' && this.linked) void this.ownerLoad.run();
  }

  // ---- Rendering ----

  override render() {
    // One heading element for every view, so focus stays on it while the view changes under it.
    return html`<div class="base" part="base" lang=${this.language}>
      <h2 part="heading" tabindex="-1">${this.heading}</h2>
      ${this.renderBody()}
    </div>`;
  }

  private get heading(): string {
    const view = this.view;
    const owner = this.ownerLoad.value;
    if (view === 'verify') return owner ? this.texts.t('askLogin', { name: owner.name }) : this.texts.t('verifyTitle');
    if (view === 'sent') return this.texts.t('sentTitle');
    return this.texts.t(this.loginOnly && view !== 'loading' ? 'loginToBook' : 'title');
  }

  private renderNotice() {
    const notice = this.notice;
    if (!notice) return nothing;
    return html`<p class="notice ${notice.alert ? 'alert' : ''}" part="notice" role=${notice.alert ? 'alert' : 'status'}>${notice.text}</p>`;
  }

  private renderBody() {
    if (!this.connection.value) return html`<p class="message" part="message">${this.texts.t('notSetUp')}</p>`;
    const view = this.view;
    if (view === 'error') {
      if (this.flowTexts.failed) return this.flowTexts.failure('message');
      const error = this.clinicLoad.error ?? this.bookingsLoad.error ?? this.ownerLoad.error;
      return html`<div class="message" part="message" role="alert">
        <p>${this.failText(error)}</p>
        <button class="btn" part="button" @click=${this.retry}>${this.texts.t('retry')}</button>
      </div>`;
    }
    if (view === 'list') return this.renderList();
    if (view === 'loading') {
      return html`<div aria-busy="true">
        <span class="sr" role="status">${this.texts.t('loading')}</span>
        <div class="sk line"></div>
        <ul class="list">
          ${[1, 2].map(() => html`<li class="sk item"></li>`)}
        </ul>
      </div>`;
    }
    if (view === 'verify') {
      const owner = this.ownerLoad.value;
      if (!owner) {
        return html`<div aria-busy="true">
          <span class="sr" role="status">${this.texts.t('checking')}</span>
          <div class="sk line"></div>
        </div>`;
      }
      const busy = this.busy === 'verify';
      return html`${this.renderNotice()}
        <p class="owner" part="owner"><b>${owner.name}</b>${owner.email ? html`<br /><span class="muted">${owner.email}</span>` : nothing}</p>
        ${owner.isTest ? html`<p class="test" part="test-session" role="note">${this.texts.t('testSession', { name: owner.name })}</p>` : nothing}
        <p>${this.texts.t('askHint')}</p>
        <div class="actions">
          <button class="btn primary" part="button button-primary" aria-disabled=${busy} @click=${this.accept}>
            ${busy ? this.texts.t('loggingIn') : this.texts.t('yesLogIn')}
          </button>
          <button class="btn" part="button" @click=${this.decline}>${this.texts.t('noLogIn')}</button>
        </div>`;
    }
    if (view === 'sent') {
      return html`<p>${this.texts.t('sentText', { email: this.email })}</p>
        <p class="muted">${this.texts.t('sentHint')}</p>
        <button class="link" part="button" @click=${this.newLink}>${this.texts.t('otherEmail')}</button>`;
    }
    const busy = this.busy === 'send';
    return html`${this.renderNotice()}
      <p>${this.texts.t(this.loginOnly ? 'loginToBookIntro' : 'loginIntro')}</p>
      <form part="form" novalidate @submit=${this.requestLink}>
        <tidbok-text-field
          name="email"
          type="email"
          autocomplete="email"
          required
          exportparts="label: field-label, input: field-input, hint: field-hint, error: field-error"
          maxlength=${LIMITS.email}
          .value=${this.email}
          .label=${this.texts.t('email')}
          .missing=${this.texts.t('missingEmail')}
          .check=${(v: string) => (passes(EmailSchema, v) ? '' : this.texts.t('badEmail'))}
        ></tidbok-text-field>
        ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
        <button class="btn primary" part="button button-primary" type="submit" aria-disabled=${busy}>
          ${busy ? this.texts.t('sending') : this.texts.t('sendLink')}
        </button>
      </form>`;
  }

  /** Back to the e-mail form, with the address given last. */
  private newLink(): void {
    this.forgetLink();
    this.sent = false;
    this.notice = undefined;
    this.formError = '';
    this.focusNext = 'tidbok-text-field';
  }

  private renderAccount() {
    const client = this.session!.client;
    return html`<div class="account" part="account">
      <p>${this.texts.t('loggedInAs')} <b>${client.name}</b>${client.email ? html` <span class="muted">${client.email}</span>` : nothing}</p>
      ${client.isTest ? html`<p class="test" part="test-session" role="note">${this.texts.t('testSession', { name: client.name })}</p>` : nothing}
      <p>
        ${this.texts.t('notYou')}
        <button class="link" part="button" aria-disabled=${this.busy === 'logout'} @click=${this.logout}>${this.texts.t('logOut')}</button>
      </p>
    </div>`;
  }

  private renderList() {
    // A notice here says "you were not logged in" after a no to someone else's link.
    if (this.loginOnly) return html`${this.renderNotice()}${this.renderAccount()}`;
    const clinic = this.clinicLoad.value!;
    const bookings = this.bookingsLoad.value ?? [];
    const now = this.now();
    const isUpcoming = (b: Booking) => Date.parse(b.start) > now && b.status !== 'no_show';
    const upcoming = bookings.filter(isUpcoming).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const past = bookings.filter((b) => !isUpcoming(b)).sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
    return html`${this.renderNotice()}${this.renderAccount()}
      ${
        bookings.length === 0
          ? html`<p class="empty" part="empty">${this.texts.t('none')}</p>`
          : html`<section aria-labelledby="upcoming">
                <h3 id="upcoming">${this.texts.t('upcoming')}</h3>
                ${
                  upcoming.length
                    ? html`<ul class="list" part="list upcoming">
                        ${upcoming.map((b) => this.renderBooking(clinic, b, true))}
                      </ul>`
                    : html`<p class="empty" part="empty">${this.texts.t('noneUpcoming')}</p>`
                }
              </section>
              ${
                past.length
                  ? html`<section aria-labelledby="past">
                      <h3 id="past">${this.texts.t('past')}</h3>
                      <ul class="list past" part="list past">
                        ${past.map((b) => this.renderBooking(clinic, b, false))}
                      </ul>
                    </section>`
                  : nothing
              }`
      } <span class="sr" role="status">${this.announcement}</span>`;
  }

  private renderBooking(clinic: PublicClinic, booking: Booking, upcoming: boolean) {
    const zone = clinic.timeZone;
    const lang = this.language;
    const type = clinic.treatmentTypes.find((t) => t.id === booking.treatmentTypeId);
    const practitioner = clinic.practitioners.find((p) => p.id === booking.practitionerId);
    const location = clinic.locations.find((l) => l.id === booking.locationId);
    // The client's appointment ends with the time with the client (the server's clientEnd, core's
    // clientEndMs); the rest of the calendar length is the practitioner's (notes afterwards).
    const end = Date.parse(booking.clientEnd ?? booking.end);
    const status =
      booking.status === 'cancelled'
        ? this.texts.t(booking.lateCancellation ? 'late' : 'cancelled')
        : booking.status === 'no_show'
          ? this.texts.t('noShow')
          : this.movedId === booking.id
            ? this.texts.t('movedTo', { when: formatDayTime(booking.start, zone, lang) })
            : '';
    const id = booking.id;
    const parts = ['booking', upcoming ? 'upcoming' : 'past', booking.status === 'booked' ? '' : booking.status.replace('_', '-')];
    return html`<li class="item ${booking.status}" part=${parts.filter(Boolean).join(' ')}>
      <div class="info">
        <p class="when" part="when" id="w-${id}">
          <b>${formatDate(booking.start, zone, lang)}</b>
          <span>${formatTime(booking.start, zone, lang)}–${formatTime(end, zone, lang)}</span>
        </p>
        <p class="what" part="what">${[type?.name ?? this.texts.t('appointment'), practitioner?.name, location?.name].filter(Boolean).join(' · ')}</p>
        ${status ? html`<p class="status" part="status" id="s-${id}" tabindex="-1">${status}</p>` : nothing}
      </div>
      ${upcoming && booking.status === 'booked' ? this.renderActions(clinic, booking) : nothing}
    </li>`;
  }

  /** Move and Cancel; or the move under way; or the cancel question. */
  private renderActions(clinic: PublicClinic, booking: Booking) {
    const id = booking.id;
    const connection = this.connection.value!;
    if (this.moving === id) {
      return html`<tidbok-move-booking
        class="move"
        part="move"
        id="v-${id}"
        as-client
        .api=${connection.api}
        .clinic=${connection.clinic}
        .token=${this.session!.token}
        .bookingValue=${booking}
        .clinicInfo=${clinic}
        .locale=${this.language}
        .now=${this.now}
        @tidbok-rescheduled=${this.onMoved}
        @tidbok-move-closed=${() => this.keepTime(id)}
      ></tidbok-move-booking>`;
    }
    if (this.confirming === id) return this.renderCancel(clinic, booking);
    return html`<div class="actions">
      <button class="btn" part="button" id="m-${id}" aria-describedby="w-${id}" @click=${() => this.askMove(id)}>${this.texts.t('move')}</button>
      ${this.renderCancel(clinic, booking)}
    </div>`;
  }

  private renderCancel(clinic: PublicClinic, booking: Booking) {
    const id = booking.id;
    if (this.confirming !== id) {
      return html`<button class="btn" part="button" id="c-${id}" aria-describedby="w-${id}" @click=${() => this.askCancel(id)}>
        ${this.texts.t('cancel')}
      </button>`;
    }
    // The booking's own rule (core's cancellationWindowHoursFor, decided by the server).
    const hours = booking.cancellationWindowHours ?? clinic.booking?.cancellationWindowHours;
    const late = hours !== undefined && isLateCancellation(Date.parse(booking.start), this.now(), hours);
    const busy = this.busy === id;
    return html`<div class="confirm" part="confirm">
      <p id="q-${id}" tabindex="-1"><b>${this.texts.t('cancelConfirm', { when: formatDayTime(booking.start, clinic.timeZone, this.language) })}</b></p>
      ${late ? html`<p>${this.texts.t('lateWarning', { n: hours })}</p>` : nothing}
      ${this.cancelError ? html`<p class="error" role="alert">${this.cancelError}</p>` : nothing}
      <div class="actions" role="group" aria-labelledby="q-${id}">
        <button class="btn danger" part="button" aria-disabled=${busy} @click=${() => this.cancelBooking(booking)}>
          ${busy ? this.texts.t('cancelling') : this.texts.t('cancelYes')}
        </button>
        <button class="btn" part="button" @click=${() => this.keep(id)}>${this.texts.t('cancelNo')}</button>
      </div>
    </div>`;
  }
}

/** A token the server will never take: used, expired, unknown or malformed. */
const isDead = (error: unknown) => ['unauthorized', 'validation_failed', 'not_found'].includes(errorCode(error));

/** Takes the token out of the address (and so out of history, bookmarks and shared links). */
function dropHashToken(): void {
  const rest = location.hash.replace(/[#&]tidbok-(login|session)=[^&]*/g, '').replace(/^&/, '');
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
}

define('tidbok-my-bookings', TidbokMyBookings);

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-my-bookings': TidbokMyBookings;
  }
}
