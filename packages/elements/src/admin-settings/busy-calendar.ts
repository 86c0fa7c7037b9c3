import type { BusyCalendarStatus, TidbokAdmin } from '@tidbok/sdk';
import { html, nothing } from 'lit';
import { type Messages } from '../i18n.js';
import { renderConfirmGroup } from '../shared/confirm-group.js';
import { PractitionerBox } from './practitioner-box.js';
import { formatStamp } from '../shared/dates.js';
import { TextsController } from '../shared/texts.js';

const messages = {
  title: { sv: 'Upptagen tid från egen kalender', en: 'Busy time from own calendar' },
  intro: {
    sv: 'Den hemliga iCal-adressen till {name}s privata kalender (Google, Outlook och iCloud har en). Händelser där blockerar tider i onlinebokningen; personalen kan fortfarande boka.',
    en: "The secret iCal address of {name}'s private calendar (Google, Outlook and iCloud have one). Its events block times in online booking; staff can still book.",
  },
  none: { sv: 'Ingen kalender är inlagd.', en: 'No calendar has been added.' },
  from: { sv: 'Kalender på {host}.', en: 'Calendar at {host}.' },
  fetched: { sv: 'Senast läst {time}: {count} upptagna tider.', en: 'Last read {time}: {count} busy times.' },
  neverFetched: { sv: 'Kalendern har inte kunnat läsas än.', en: 'The calendar has not been read yet.' },
  failed: { sv: 'Senaste läsningen misslyckades: {error}', en: 'The last read failed: {error}' },
  keptCopy: { sv: 'Den senast lästa kopian används tills vidare.', en: 'The last copy read is used meanwhile.' },
  url: { sv: 'Hemlig iCal-adress', en: 'Secret iCal address' },
  urlHint: {
    sv: 'Börjar med https:// eller webcal://. Adressen sparas krypterad och visas inte igen.',
    en: 'Starts with https:// or webcal://. The address is stored encrypted and not shown again.',
  },
  showTitles: { sv: 'Visa händelsernas rubriker i kalendern', en: 'Show the events’ titles in the calendar' },
  save: { sv: 'Spara', en: 'Save' },
  replace: { sv: 'Byt adress', en: 'Change address' },
  refresh: { sv: 'Läs nu', en: 'Read now' },
  refreshed: { sv: 'Läst: {count} upptagna tider.', en: 'Read: {count} busy times.' },
  saved: { sv: 'Sparad.', en: 'Saved.' },
  remove: { sv: 'Ta bort kalendern', en: 'Remove the calendar' },
  confirmRemove: {
    sv: 'Ta bort kalendern? Dess upptagna tider slutar blockera onlinebokningen.',
    en: 'Remove the calendar? Its busy times stop blocking online booking.',
  },
  cancel: { sv: 'Avbryt', en: 'Cancel' },
  removed: { sv: 'Kalendern är borttagen.', en: 'The calendar has been removed.' },
  notAllowed: { sv: 'Bara en administratör kan hantera kalendern.', en: 'Only an administrator can manage the calendar.' },
} satisfies Messages<string>;

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-busy-calendar': TidbokBusyCalendar;
  }
}

/**
 * @summary One practitioner's private calendar whose events block public slots: set its secret
 * iCal address (with or without titles shown to staff), read it now, see when it was last read
 * and why a read failed, or remove it.
 *
 * Needs a staff connection from `<tidbok-provider>` or `<tidbok-admin>`; admins only.
 *
 * @event tidbok-error - Loading or a change failed (also shown in place).
 *
 * @csspart section - The box.
 */
export class TidbokBusyCalendar extends PractitionerBox {
  static override properties = {
    status: { state: true },
    editing: { state: true },
    confirming: { state: true },
  };

  protected readonly area = 'busy-calendar';

  private status: BusyCalendarStatus | null = null;
  private editing = false;
  private confirming = false;

  protected reset() {
    this.editing = false;
    this.confirming = false;
    this.message = '';
    this.status = null;
  }

  protected async loadFor(admin: TidbokAdmin, practitionerId: string, signal: AbortSignal) {
    this.status = await admin.practitioners.busyCalendar(practitionerId, { signal });
  }

  private readonly texts = new TextsController(this, () => this.language, messages);

  protected override forbiddenText() {
    return this.texts.t('notAllowed');
  }

  private save(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const url = (form.elements.namedItem('url') as HTMLInputElement).value.trim();
    const showTitles = (form.elements.namedItem('showTitles') as HTMLInputElement).checked;
    void this.run(async () => {
      this.status = await this.connection!.admin!.practitioners.setBusyCalendar(this.practitionerId, { url, showTitles });
      this.editing = false;
      this.message = this.texts.t('saved');
    });
  }

  private refresh() {
    void this.run(async () => {
      try {
        const { events } = await this.connection!.admin!.practitioners.refreshBusyCalendar(this.practitionerId);
        this.message = this.texts.t('refreshed', { count: String(events) });
      } finally {
        // The status says when and why, whether the read worked or not.
        this.status = await this.connection!.admin!.practitioners.busyCalendar(this.practitionerId);
      }
    });
  }

  private removeCalendar() {
    void this.run(async () => {
      await this.connection!.admin!.practitioners.removeBusyCalendar(this.practitionerId);
      this.confirming = false;
      this.status = { configured: false, host: null, showTitles: false, lastFetchedAt: null, lastCheckedAt: null, lastError: null, events: 0 };
      this.message = this.texts.t('removed');
    });
  }

  private renderForm(status: BusyCalendarStatus) {
    return html`<form @submit=${(e: SubmitEvent) => this.save(e)}>
      <div class="field">
        <label for="busy-url">${this.texts.t('url')}</label>
        <input id="busy-url" name="url" type="url" required autocomplete="off" spellcheck="false" aria-describedby="busy-url-hint" />
        <p class="hint" id="busy-url-hint">${this.texts.t('urlHint')}</p>
      </div>
      <div class="field">
        <label><input name="showTitles" type="checkbox" ?checked=${status.showTitles} /> ${this.texts.t('showTitles')}</label>
      </div>
      <div class="buttons">
        <button class="btn primary" type="submit" data-action="save" ?disabled=${this.busy}>${this.texts.t('save')}</button>
        ${status.configured ? html`<button class="btn" type="button" @click=${() => (this.editing = false)}>${this.texts.t('cancel')}</button>` : nothing}
      </div>
    </form>`;
  }

  private renderStatus(status: BusyCalendarStatus) {
    const time = (iso: string) => formatStamp(iso, this.language);
    return html`<p data-state="configured">
        ${status.host ? this.texts.t('from', { host: status.host }) : nothing}
        ${status.lastFetchedAt ? this.texts.t('fetched', { time: time(status.lastFetchedAt), count: String(status.events) }) : this.texts.t('neverFetched')}
      </p>
      ${
        status.lastError
          ? html`<p class="error" data-state="failed">
              ${this.texts.t('failed', { error: status.lastError })} ${status.lastFetchedAt ? this.texts.t('keptCopy') : nothing}
            </p>`
          : nothing
      }
      ${
        this.confirming
          ? renderConfirmGroup({
              id: 'confirm-remove',
              question: this.texts.t('confirmRemove'),
              action: 'confirm-remove',
              confirm: this.texts.t('remove'),
              cancel: this.texts.t('cancel'),
              busy: this.busy,
              onConfirm: () => this.removeCalendar(),
              onCancel: () => (this.confirming = false),
            })
          : html`<div class="buttons">
              <button class="btn" type="button" data-action="refresh" ?disabled=${this.busy} @click=${() => this.refresh()}>${this.texts.t('refresh')}</button>
              <button class="btn" type="button" data-action="replace" ?disabled=${this.busy} @click=${() => (this.editing = true)}>
                ${this.texts.t('replace')}
              </button>
              <button class="btn danger" type="button" data-action="remove" ?disabled=${this.busy} @click=${() => (this.confirming = true)}>
                ${this.texts.t('remove')}
              </button>
            </div>`
      }`;
  }

  override render() {
    const status = this.status;
    return html`<section class="card" part="section" aria-labelledby="busy-title">
      <h3 id="busy-title">${this.texts.t('title')}</h3>
      <p class="hint">${this.texts.t('intro', { name: this.practitionerName })}</p>
      ${
        status
          ? status.configured && !this.editing
            ? this.renderStatus(status)
            : html`${status.configured ? nothing : html`<p data-state="none">${this.texts.t('none')}</p>`}${this.renderForm(status)}`
          : nothing
      }
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.message ? html`<p class="ok" role="status">${this.message}</p>` : nothing}
    </section>`;
  }
}
