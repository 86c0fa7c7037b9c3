import type { CalendarFeedStatus, TidbokAdmin } from '@tidbok/sdk';
import { html, nothing } from 'lit';
import { type Messages } from '../i18n.js';
import { renderConfirmGroup } from '../shared/confirm-group.js';
import { renderSecretOnce, selectWhenShown } from '../shared/secret-once.js';
import { PractitionerBox } from './practitioner-box.js';
import { dateTimeFormat } from '../shared/dates.js';
import { TextsController } from '../shared/texts.js';

const messages = {
  title: { sv: 'Kalenderprenumeration', en: 'Calendar subscription' },
  intro: {
    sv: 'En hemlig adress som {name}s bokningar och aktiviteter kan prenumereras på i mobilens eller datorns kalender.',
    en: "A secret address for subscribing to {name}'s bookings and activities in a phone or computer calendar.",
  },
  none: { sv: 'Ingen adress är skapad.', en: 'No address has been made.' },
  active: { sv: 'En adress skapades {date}.', en: 'An address was made on {date}.' },
  create: { sv: 'Skapa adress', en: 'Make address' },
  replace: { sv: 'Skapa ny adress', en: 'Make a new address' },
  replaceHint: {
    sv: 'En ny adress ersätter den gamla, som slutar fungera direkt.',
    en: 'A new address replaces the old one, which stops working at once.',
  },
  shownOnce: {
    sv: 'Adressen visas bara nu. Kopiera den, eller öppna den i kalenderappen på den här enheten.',
    en: 'The address is shown only now. Copy it, or open it in the calendar app on this device.',
  },
  address: { sv: 'Prenumerationsadress', en: 'Subscription address' },
  copy: { sv: 'Kopiera', en: 'Copy' },
  copied: { sv: 'Kopierad.', en: 'Copied.' },
  openInApp: { sv: 'Öppna i kalenderappen', en: 'Open in calendar app' },
  revoke: { sv: 'Ta bort adressen', en: 'Remove the address' },
  confirmRevoke: {
    sv: 'Ta bort adressen? Kalendrar som prenumererar på den slutar uppdateras.',
    en: 'Remove the address? Calendars subscribed to it stop being updated.',
  },
  cancel: { sv: 'Avbryt', en: 'Cancel' },
  revoked: { sv: 'Adressen är borttagen.', en: 'The address has been removed.' },
  notAllowed: {
    sv: 'Bara en administratör eller behandlaren själv kan hantera adressen.',
    en: 'Only an administrator or the practitioner themselves can manage the address.',
  },
} satisfies Messages<string>;

/** The same address for calendar apps: `webcal://` makes phones offer to subscribe. */
const webcal = (url: string) => url.replace(/^https?:\/\//, 'webcal://');

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-calendar-subscription': TidbokCalendarSubscription;
  }
}

/**
 * @summary One practitioner's calendar subscription: make a secret iCalendar address (shown
 * once, with a copy button and a webcal:// link), make a new one in its place, or remove it.
 *
 * Needs a staff connection from `<tidbok-provider>` or `<tidbok-admin>`; the server lets an
 * admin or the practitioner themselves manage it, and this says so in place for anyone else.
 *
 * @event tidbok-error - Loading or a change failed (also shown in place).
 *
 * @csspart section - The box.
 * @csspart url - The new address, while it is shown.
 */
export class TidbokCalendarSubscription extends PractitionerBox {
  static override properties = {
    feed: { state: true },
    url: { state: true },
    confirming: { state: true },
  };

  protected readonly area = 'calendar-subscription';

  private feed: CalendarFeedStatus | null = null;
  /** The address just made: shown until the element is left, never fetched again. */
  private url: string | null = null;
  private confirming = false;

  protected reset() {
    // Loaded again for another practitioner or connection; a shown address is never kept across.
    this.url = null;
    this.confirming = false;
    this.message = '';
    this.feed = null;
  }

  protected async loadFor(admin: TidbokAdmin, practitionerId: string, signal: AbortSignal) {
    this.feed = await admin.practitioners.calendarFeed(practitionerId, { signal });
  }

  private readonly texts = new TextsController(this, () => this.language, messages);

  protected override forbiddenText() {
    return this.texts.t('notAllowed');
  }

  private create() {
    void this.run(async () => {
      const made = await this.connection!.admin!.practitioners.createCalendarFeed(this.practitionerId);
      this.url = made.url;
      this.feed = { active: true, createdAt: made.createdAt };
      await selectWhenShown(this, 'feed-url');
    });
  }

  private revoke() {
    void this.run(async () => {
      await this.connection!.admin!.practitioners.revokeCalendarFeed(this.practitionerId);
      this.url = null;
      this.confirming = false;
      this.feed = { active: false, createdAt: null };
      this.message = this.texts.t('revoked');
    });
  }

  override render() {
    const feed = this.feed;
    const date = feed?.createdAt ? dateTimeFormat(this.language, undefined, { dateStyle: 'short' }).format(Date.parse(feed.createdAt)) : '';
    return html`<section class="card" part="section" aria-labelledby="feed-title">
      <h3 id="feed-title">${this.texts.t('title')}</h3>
      <p class="hint">${this.texts.t('intro', { name: this.practitionerName })}</p>
      ${feed ? html`<p data-state=${feed.active ? 'active' : 'none'}>${feed.active ? this.texts.t('active', { date }) : this.texts.t('none')}</p>` : nothing}
      ${
        this.url
          ? renderSecretOnce({
              id: 'feed-url',
              hintId: 'feed-once',
              part: 'url',
              label: this.texts.t('address'),
              value: this.url,
              hint: this.texts.t('shownOnce'),
              copy: this.texts.t('copy'),
              onCopied: () => (this.message = this.texts.t('copied')),
              next: html`<a class="btn" data-action="webcal" href=${webcal(this.url)}>${this.texts.t('openInApp')}</a>`,
            })
          : nothing
      }
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        feed && this.confirming
          ? renderConfirmGroup({
              id: 'confirm-revoke',
              question: this.texts.t('confirmRevoke'),
              action: 'confirm-revoke',
              confirm: this.texts.t('revoke'),
              cancel: this.texts.t('cancel'),
              busy: this.busy,
              onConfirm: () => this.revoke(),
              onCancel: () => (this.confirming = false),
            })
          : feed
            ? html`<div class="buttons">
                  <button
                    class="btn"
                    type="button"
                    data-action="create"
                    ?disabled=${this.busy}
                    aria-describedby=${feed.active ? 'feed-replace' : nothing}
                    @click=${() => this.create()}
                  >
                    ${feed.active ? this.texts.t('replace') : this.texts.t('create')}
                  </button>
                  ${
                    feed.active
                      ? html`<button class="btn danger" type="button" data-action="revoke" ?disabled=${this.busy} @click=${() => (this.confirming = true)}>
                          ${this.texts.t('revoke')}
                        </button>`
                      : nothing
                  }
                  ${this.message ? html`<span class="ok" role="status">${this.message}</span>` : nothing}
                </div>
                ${feed.active ? html`<p class="hint" id="feed-replace">${this.texts.t('replaceHint')}</p>` : nothing}`
            : nothing
      }
    </section>`;
  }
}
