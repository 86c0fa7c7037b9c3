import type { Client, ClientHistory, ClientVisit, MeResponse } from '@tidbok/sdk';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { TidbokConnection } from '../context.js';
import { type Locale } from '../i18n.js';
import { controlStyles } from '../shared/controls.styles.js';
import { isAbort, reportError } from '../shared/errors.js';
import { dateTimeFormat, formatStamp, formatTime } from '../shared/dates.js';
import { theme } from '../shared/styles.js';
import { clientCardStyles } from './client-card.styles.js';
import { TidbokClientCardCloseEvent } from './close-event.js';
import type { StaffKit } from './kit.js';
import { type ClientCardMessageKey, clientCardMessages } from './messages.js';
import { TextsController } from '../shared/texts.js';

interface CardData {
  client: Client;
  history: ClientHistory;
  me: MeResponse | null;
}

type Editing = 'none' | 'contact' | 'notes';

/** What the first load hands in (kit.ts says why); set by `defineClientCard` before any card is made. */
let kit: StaffKit;
/** Registers `<tidbok-client-card>` with what it takes from the first load (safe to call more than once). */
export function defineClientCard(from: StaffKit): void {
  kit = from;
  if (!customElements.get('tidbok-client-card')) customElements.define('tidbok-client-card', TidbokClientCard);
}

/**
 * @summary A client's card for the staff: contact details, upcoming and past bookings with their
 * status, counts of visits, no-shows and late cancellations, and the notes.
 *
 * What a staff member may change follows their role (docs/security.md, Who can do what): contact
 * details with the `clients` permission, notes with `client-notes` (admins and the practitioners
 * who treat the client; reception reads them). Controls the role lacks are not shown; the server
 * refuses such a change anyway.
 *
 * Loaded as a chunk of its own by `<tidbok-client-panel>` (client-card/panel.ts), which hosts it
 * beside the calendar; it also works alone inside a `<tidbok-provider>`.
 *
 * @event tidbok-client-card-close - Its Close button was pressed.
 * @event tidbok-error - Loading or saving failed; the message is also shown in the card.
 *
 * @csspart card - The card.
 */
export class TidbokClientCard extends LitElement {
  static override styles = [theme, controlStyles, clientCardStyles];

  static override properties = {
    clientId: { attribute: 'client-id' },
    locale: {},
    timeZone: { attribute: 'time-zone' },
    connection: { state: true },
    editing: { state: true },
    busy: { state: true },
    formError: { state: true },
    status: { state: true },
  };

  /** The client to show. */
  clientId = '';
  /** `sv` or `en`; the staff UI's language. */
  locale: Locale = 'sv';
  /** The clinic's time zone, for the booking times; the browser's when empty. */
  timeZone = '';

  private connection: TidbokConnection | undefined;
  // `@consume` as a controller (no decorator code).
  readonly #connectionConsumer = new kit.ContextConsumer(this, { context: kit.tidbokContext, subscribe: true, callback: (value) => (this.connection = value) });

  private editing: Editing = 'none';
  private busy = false;
  private formError = '';
  /** A short confirmation after a save, read out politely. */
  private status = '';

  private readonly data = new kit.LoadController<CardData>(this, {
    task: async (signal) => {
      const admin = this.connection!.admin!;
      const [client, history, me] = await Promise.all([
        admin.clients.get(this.clientId, { signal }),
        admin.clients.history(this.clientId, {}, { signal }),
        kit.whoAmI(admin),
      ]);
      return { client, history, me };
    },
    onError: (error) => reportError(this, 'load-client', error),
  });

  private readonly texts = new TextsController(this, () => this.locale, clientCardMessages);

  /** Unknown permissions (an older server): shown, and the server decides (staff-role.ts). */
  private may(permission: string): boolean {
    const me = this.data.value?.me;
    return !me || me.permissions.includes(permission as MeResponse['permissions'][number]);
  }

  override willUpdate(changed: PropertyValues<this>) {
    if ((changed.has('clientId') || (changed as Map<string, unknown>).has('connection')) && this.clientId && this.connection?.admin) {
      this.editing = 'none';
      this.formError = '';
      this.status = '';
      void this.data.run();
    }
  }

  /** Reloads what the card shows (after a change elsewhere, e.g. a booking marked as a no-show). */
  async reload(): Promise<void> {
    await this.data.run();
  }

  private close() {
    this.dispatchEvent(new TidbokClientCardCloseEvent());
  }

  private startEditing(what: Editing) {
    this.editing = what;
    this.formError = '';
    this.status = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('form input, form textarea')?.focus());
  }

  private stopEditing(focus: string) {
    this.editing = 'none';
    this.formError = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-action="${focus}"]`)?.focus());
  }

  /** Escape while editing leaves the form (keeping the card open); otherwise it closes the card (panel.ts). */
  private onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || this.editing === 'none') return;
    event.stopPropagation();
    this.stopEditing(this.editing === 'notes' ? 'edit-notes' : 'edit-contact');
  };

  private async save(event: SubmitEvent) {
    event.preventDefault();
    const admin = this.connection?.admin;
    const current = this.data.value;
    if (!admin || !current || this.busy) return;
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const what = this.editing;
    this.busy = true;
    this.formError = '';
    try {
      if (what === 'contact') {
        const client = await admin.clients.update(current.client.id, {
          name: text('name'),
          email: text('email') || null,
          phone: text('phone') || null,
          personalNumber: text('personalNumber') || null,
        });
        this.data.value = { ...current, client };
        this.requestUpdate();
      } else if (what === 'notes') {
        const notes = await admin.clients.updateNotes(current.client.id, { text: String(form.get('notes') ?? '') });
        this.data.value = { ...current, history: { ...current.history, notes } };
        this.requestUpdate();
      }
      this.status = this.texts.t('saved');
      this.stopEditing(what === 'notes' ? 'edit-notes' : 'edit-contact');
    } catch (error) {
      if (isAbort(error)) return;
      this.formError = kit.describeError(error, this.locale, 'save').message;
      reportError(this, what === 'notes' ? 'save-client-notes' : 'save-client', error);
    } finally {
      this.busy = false;
    }
  }

  private when(visit: ClientVisit) {
    const zone = this.timeZone || undefined;
    const day = dateTimeFormat(this.locale, zone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(visit.start));
    const tz = zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    return `${day} ${formatTime(visit.start, tz, this.locale)}–${formatTime(visit.end, tz, this.locale)}`;
  }

  private statusOf(visit: ClientVisit, upcoming: boolean): { key: ClientCardMessageKey; kind: string } {
    if (visit.status === 'no_show') return { key: 'statusNoShow', kind: 'no-show' };
    if (visit.status === 'cancelled') return visit.lateCancellation ? { key: 'statusLate', kind: 'late' } : { key: 'statusCancelled', kind: 'cancelled' };
    return upcoming ? { key: 'statusBooked', kind: 'booked' } : { key: 'statusVisited', kind: 'visited' };
  }

  private renderVisits(visits: ClientVisit[], upcoming: boolean) {
    if (visits.length === 0) return html`<p class="hint">${this.texts.t(upcoming ? 'noUpcoming' : 'noPast')}</p>`;
    return html`<ul class="visits">
      ${visits.map((visit) => {
        const status = this.statusOf(visit, upcoming);
        return html`<li data-id=${visit.id} data-status=${status.kind}>
          <span class="when">${this.when(visit)}</span>
          <span class="what">${this.texts.t('visitLine', { treatment: visit.treatmentName, practitioner: visit.practitionerName })}</span>
          <span class="badges"
            ><span class="badge ${status.kind}">${this.texts.t(status.key)}</span
            >${visit.paid ? html` <span class="badge paid">${this.texts.t('paid')}</span>` : nothing}</span
          >
        </li>`;
      })}
    </ul>`;
  }

  private renderContact(client: Client) {
    if (this.editing === 'contact') {
      const field = (name: string, label: ClientCardMessageKey, value: string | null, type = 'text', autocomplete = 'off') =>
        html`<div class="field">
          <label for="cc-${name}">${this.texts.t(label)}</label>
          <input id="cc-${name}" name=${name} type=${type} autocomplete=${autocomplete} .value=${value ?? ''} ?required=${name === 'name'} />
        </div>`;
      return html`<form @submit=${this.save} aria-labelledby="cc-contact">
        ${field('name', 'name', client.name)} ${field('email', 'email', client.email, 'email')} ${field('phone', 'phone', client.phone, 'tel')}
        ${field('personalNumber', 'personalNumber', client.personalNumber)}
        ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
        <div class="row">
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.texts.t('save')}</button>
          <button class="btn" type="button" @click=${() => this.stopEditing('edit-contact')}>${this.texts.t('cancel')}</button>
        </div>
      </form>`;
    }
    const row = (label: ClientCardMessageKey, value: string | null) =>
      html`<dt>${this.texts.t(label)}</dt>
        <dd>${value || html`<span class="hint">${this.texts.t('none')}</span>`}</dd>`;
    return html`<dl>
        ${row('email', client.email)} ${row('phone', client.phone)} ${client.personalNumber ? row('personalNumber', client.personalNumber) : nothing}
      </dl>
      ${
        this.may('clients')
          ? html`<button class="btn" type="button" data-action="edit-contact" @click=${() => this.startEditing('contact')}>${this.texts.t('edit')}</button>`
          : nothing
      }`;
  }

  private renderNotes(history: ClientHistory) {
    const mayWrite = this.may('client-notes');
    if (this.editing === 'notes' && mayWrite) {
      return html`<form @submit=${this.save} aria-labelledby="cc-notes">
        <div class="field">
          <label for="cc-notes-text" class="sr">${this.texts.t('notes')}</label>
          <textarea id="cc-notes-text" name="notes" rows="5" maxlength="5000" .value=${history.notes.text}></textarea>
        </div>
        ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
        <div class="row">
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.texts.t('save')}</button>
          <button class="btn" type="button" @click=${() => this.stopEditing('edit-notes')}>${this.texts.t('cancel')}</button>
        </div>
      </form>`;
    }
    return html`${history.notes.text ? html`<p class="notes">${history.notes.text}</p>` : html`<p class="hint">${this.texts.t('noNotes')}</p>`}
    ${history.notes.updatedAt ? html`<p class="hint">${this.texts.t('notesUpdated', { when: formatStamp(history.notes.updatedAt, this.locale, 'medium') })}</p>` : nothing}
    ${
      mayWrite
        ? html`<button class="btn" type="button" data-action="edit-notes" @click=${() => this.startEditing('notes')}>${this.texts.t('editNotes')}</button>`
        : html`<p class="hint" data-read-only>${this.texts.t('notesReadOnly')}</p>`
    }`;
  }

  override render() {
    const value = this.data.value;
    const loadError = this.data.status === 'error' ? kit.describeError(this.data.error, this.locale, 'load').message : '';
    return html`<section part="card" aria-labelledby="cc-title" aria-busy=${this.data.status === 'loading' ? 'true' : 'false'} @keydown=${this.onKeydown}>
      <header>
        <h2 id="cc-title"><span class="kicker">${this.texts.t('card')}</span>${value?.client.name ?? nothing}</h2>
        <button class="icon-button" type="button" data-action="close" aria-label=${this.texts.t('close')} title=${this.texts.t('close')} @click=${this.close}>
          ×
        </button>
      </header>
      ${loadError ? html`<p class="error" role="alert">${loadError}</p>` : nothing}
      ${!value && this.data.status === 'loading' ? html`<p class="hint" role="status">${this.texts.t('loading')}</p>` : nothing}
      <p class="sr" role="status">${this.status}</p>
      ${
        value
          ? html`
              <h3 id="cc-contact">${this.texts.t('contact')}</h3>
              ${this.renderContact(value.client)}
              <h3>${this.texts.t('counts')}</h3>
              <dl class="counts">
                <div data-count="upcoming">
                  <dt>${this.texts.t('countUpcoming')}</dt>
                  <dd>${value.history.counts.upcoming}</dd>
                </div>
                <div data-count="visits">
                  <dt>${this.texts.t('countVisits')}</dt>
                  <dd>${value.history.counts.visits}</dd>
                </div>
                <div data-count="no-shows">
                  <dt>${this.texts.t('countNoShows')}</dt>
                  <dd>${value.history.counts.noShows}</dd>
                </div>
                <div data-count="late">
                  <dt>${this.texts.t('countLate')}</dt>
                  <dd>${value.history.counts.lateCancellations}</dd>
                </div>
              </dl>
              <h3 id="cc-notes">${this.texts.t('notes')}</h3>
              ${this.renderNotes(value.history)}
              <h3 id="cc-upcoming">${this.texts.t('upcoming')}</h3>
              <div aria-labelledby="cc-upcoming" role="region" data-list="upcoming">${this.renderVisits(value.history.upcoming, true)}</div>
              <h3 id="cc-past">${this.texts.t('past')}</h3>
              <div aria-labelledby="cc-past" role="region" data-list="past">${this.renderVisits(value.history.past, false)}</div>
            `
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-client-card': TidbokClientCard;
  }
}
