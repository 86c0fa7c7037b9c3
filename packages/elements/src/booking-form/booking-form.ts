import { type BookingClient, type ConfirmationChannel, EmailSchema, LIMITS, PersonalNumberSchema, PhoneSchema } from '@tidbok/core';
import { html, LitElement, nothing } from 'lit';
import type { Locale } from '../i18n.js';
import { Msg } from '../messages/keys.js';
import { TidbokRadioGroup } from '../shared/radio-group/radio-group.js';
import { define } from '../shared/define.js';
import { buttons, theme } from '../shared/styles.js';
import { bookingTexts, TextsController } from '../shared/texts.js';
import { TidbokTextField } from '../shared/text-field/text-field.js';
import { passes } from '../shared/validate.js';
import { styles } from './booking-form.styles.js';

export interface BookingFormValue {
  /** Absent when the form books for a logged-in client (`account`): the server takes the session's. */
  client?: BookingClient;
  confirmation: ConfirmationChannel;
  note?: string;
}

/** The visitor submitted valid details; the form does not book by itself. */
export class TidbokFormSubmitEvent extends Event {
  constructor(readonly detail: BookingFormValue) {
    super('tidbok-form-submit', { bubbles: true, composed: true });
  }
}

/** Where a server `errors[].path` lands: the field's `name`, and what to say there. */
const FIELD_OF_PATH: Record<string, [field: string, message: Msg]> = {
  'client.name': ['name', Msg.badName],
  'client.email': ['email', Msg.badEmail],
  'client.phone': ['phone', Msg.badPhone],
  'client.personalNumber': ['personalNumber', Msg.badPersonalNumber],
  note: ['note', Msg.badNote],
};

/**
 * @summary The visitor's details for a booking: name, e-mail, phone, personal identity number
 * when the clinic asks for it, a note, and how to send the confirmation. Validates inline with
 * the same schemas as the server and reports the server's own verdict on the same fields.
 *
 * For a logged-in client (`account`) it shows who is booking instead of asking.
 *
 * @event tidbok-form-submit - Valid details were submitted; `detail` is `{ client, confirmation, note }`
 *   (no `client` with an `account`).
 * @csspart form - The `<form>`.
 * @csspart info - The clinic's information text (`bookingInfoText`).
 * @csspart account - Who is booking, for a logged-in client (also `info`).
 * @csspart error - A message that belongs to no single field.
 * @csspart submit - The submit button.
 */
export class TidbokBookingForm extends LitElement {
  static override styles = [theme, buttons, styles];

  // Reactive properties here rather than as `@property`/`@state` decorators, which would put
  // Lit's decorator helpers into the embed bundle (rollup.config.mjs).
  static override properties = {
    locale: {},
    personalNumber: { attribute: 'personal-number' },
    infoText: { attribute: 'info-text' },
    busy: { type: Boolean },
    error: {},
    account: { attribute: false },
    confirmation: { state: true },
  };

  /** `sv` or `en`. */
  locale: Locale = 'sv';
  /** The clinic's `booking.personalNumber`: whether the field is shown and required. */
  personalNumber: 'hidden' | 'optional' | 'required' = 'hidden';
  /** The clinic's text shown before booking (consent, how data is handled). */
  infoText = '';
  /** A booking request is in flight: the button says so and does not submit again. */
  busy = false;
  /** A message about the whole form (a failed request), shown above the button. */
  error = '';
  /**
   * The logged-in client the booking is for: their name and e-mail are shown instead of asked
   * for (the server books the session's client whatever a form sends). `{}` when logged in
   * without known details.
   */
  account: { name?: string; email?: string | null; phone?: string | null } | undefined;

  private confirmation: 'email' | 'sms' = 'email';

  get #form(): HTMLFormElement {
    return this.renderRoot.querySelector('form')!;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    define('tidbok-text-field', TidbokTextField);
    define('tidbok-radio-group', TidbokRadioGroup);
  }

  /**
   * Shows the server's `errors[]` on their fields (a field the clinic had hidden is shown when
   * the server asks for it) and moves focus to the first. Returns the errors that fit no field.
   */
  async showServerErrors(errors: { path: string; message: string }[]): Promise<{ path: string; message: string }[]> {
    const rest: { path: string; message: string }[] = [];
    if (errors.some((e) => e.path === 'client.personalNumber') && this.personalNumber === 'hidden') {
      this.personalNumber = 'required';
      await this.updateComplete;
    }
    let first: TidbokTextField | undefined;
    for (const error of errors) {
      const [name, key] = FIELD_OF_PATH[error.path] ?? [];
      const field = name && this.renderRoot.querySelector<TidbokTextField>(`[name="${name}"]`);
      if (!field || !key) {
        rest.push(error);
        continue;
      }
      // The server's words are English and technical; the field's own message says the same.
      field.setCustomError(field.value.trim() ? this.texts.t(key) : field.missing);
      first ??= field;
    }
    first?.focus();
    return rest;
  }

  override render() {
    // Inside <tidbok-booking> the texts are here already (the same language).
    if (!this.texts.ready) return this.texts.failed ? this.texts.failure('error') : nothing;
    const { t } = this.texts;
    const sms = this.confirmation === 'sms';
    const pn = this.personalNumber;
    const account = this.account;
    return html`
      <form part="form" novalidate @submit=${this.#onSubmit}>
        ${
          account
            ? html`<p class="info account" part="info account">
                ${
                  account.name
                    ? html`<strong>${t(Msg.bookingAs)}</strong>${account.name}${account.email ? html`<br />${account.email}` : nothing}`
                    : t(Msg.loggedIn)
                }
              </p>`
            : html`<tidbok-text-field
                  name="name"
                  autocomplete="name"
                  required
                  maxlength=${LIMITS.personName}
                  .label=${t(Msg.name)}
                  .missing=${t(Msg.missingName)}
                ></tidbok-text-field>
                <div class="pair">
                  <tidbok-text-field
                    name="email"
                    type="email"
                    autocomplete="email"
                    required
                    maxlength=${LIMITS.email}
                    .label=${t(Msg.email)}
                    .missing=${t(Msg.missingEmail)}
                    .check=${(v: string) => (passes(EmailSchema, v) ? '' : t(Msg.badEmail))}
                  ></tidbok-text-field>
                  <tidbok-text-field
                    name="phone"
                    type="tel"
                    autocomplete="tel"
                    maxlength=${LIMITS.phone}
                    .label=${t(Msg.phone)}
                    .hint=${sms ? '' : t(Msg.phoneHint)}
                    .required=${sms}
                    .missing=${t(Msg.missingPhone)}
                    .check=${(v: string) => (passes(PhoneSchema, v) ? '' : t(Msg.badPhone))}
                  ></tidbok-text-field>
                </div>
                ${
                  pn === 'hidden'
                    ? nothing
                    : html`<tidbok-text-field
                        name="personalNumber"
                        inputmode="numeric"
                        maxlength="13"
                        .label=${t(Msg.personalNumber)}
                        .hint=${pn === 'optional' ? `${t(Msg.optional)}, ${t(Msg.personalNumberHint)}` : t(Msg.personalNumberHint)}
                        .required=${pn === 'required'}
                        .missing=${t(Msg.missingPersonalNumber)}
                        .check=${(v: string) => (passes(PersonalNumberSchema, v) ? '' : t(Msg.badPersonalNumber))}
                      ></tidbok-text-field>`
                }`
        }
        ${
          account?.name && !account.phone
            ? nothing
            : html`<tidbok-radio-group
                name="confirmation"
                .label=${t(Msg.confirmation)}
                .value=${this.confirmation}
                .options=${[
                  { value: 'email', label: t(Msg.byEmail) },
                  { value: 'sms', label: t(Msg.bySms) },
                ]}
                @change=${(e: Event) => (this.confirmation = (e.target as TidbokRadioGroup).value as 'email' | 'sms')}
              ></tidbok-radio-group>`
        }
        <tidbok-text-field name="note" type="textarea" maxlength=${LIMITS.text} .label=${t(Msg.note)} .hint=${t(Msg.optional)}></tidbok-text-field>
        ${this.infoText ? html`<p class="info" part="info"><strong>${t(Msg.info)}</strong>${this.infoText}</p>` : nothing}
        ${this.error ? html`<p class="error" part="error" role="alert">${this.error}</p>` : nothing}
        <button class="btn primary submit" part="submit" type="submit" aria-disabled=${this.busy}>${this.busy ? t(Msg.submitting) : t(Msg.submit)}</button>
      </form>
    `;
  }

  private readonly texts = new TextsController(this, () => this.locale, bookingTexts);

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy) return;
    const form = this.#form;
    // Fires `invalid` at each invalid field, which then shows its message.
    if (!form.checkValidity()) {
      form.querySelector<HTMLElement>(':invalid')?.focus();
      return;
    }
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const optional = (name: string) => text(name) || undefined;
    const account = this.account;
    this.dispatchEvent(
      new TidbokFormSubmitEvent({
        ...(account
          ? {}
          : {
              client: {
                name: text('name'),
                email: text('email'),
                ...(optional('phone') ? { phone: text('phone') } : {}),
                ...(optional('personalNumber') ? { personalNumber: text('personalNumber') } : {}),
              },
            }),
        // Without a phone number on file only e-mail is offered.
        confirmation: account?.name && !account.phone ? 'email' : this.confirmation,
        ...(optional('note') ? { note: text('note') } : {}),
      }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-booking-form': TidbokBookingForm;
  }
  interface GlobalEventHandlersEventMap {
    'tidbok-form-submit': TidbokFormSubmitEvent;
  }
}
