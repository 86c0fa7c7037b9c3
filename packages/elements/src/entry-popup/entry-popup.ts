import { ContextConsumer } from '@lit/context';
import { ACTIVITY_COLOR, type CreateClientBody, isLocalDate } from '@tidbok/core';
import type { CalendarEntry, Client, ConfirmationChannel, Message, PaymentMethod, TreatmentType } from '@tidbok/sdk';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
// styleMap, not a style attribute: `place()` sets left and top on the same element.
import { styleMap } from 'lit/directives/style-map.js';
import type { ClinicData } from '../calendar/clinic-data.js';
import { controlStyles } from '../shared/controls.styles.js';
import { theme } from '../shared/styles.js';
import { describeError } from '../shared/describe-error.js';
import {
  type CalendarChangeAction,
  type Draft,
  type DraftTab,
  type EntryKind,
  TidbokCalendarChangeEvent,
  TidbokDraftChangeEvent,
  TidbokPopupCloseEvent,
} from '../calendar/events.js';
import { type CalendarMessageKey, calendarMessages } from '../calendar/messages.js';
import { SERVER_FEATURES, type ServerFeatures } from '../calendar/server-features.js';
import { managesClinic, whoAmI } from '../shared/staff-role.js';
import { instantAt, minutesOfTime, timeOfMinutes, wallClock } from '../calendar/week.js';
import { formatLocalDate } from '../shared/format.js';
import { type TidbokConnection, tidbokContext } from '../context.js';
import { type Locale, translate } from '../i18n.js';
import { reportError } from '../shared/errors.js';
import type { MenuItem } from '../menu-button/menu-button.js';
import { receiptView } from '../receipt/view.js';
import { entryPopupStyles } from './entry-popup.styles.js';

type BookingEntry = Extract<CalendarEntry, { kind: 'booking' }>;
type HoldEntry = Extract<CalendarEntry, { kind: 'hold' }>;
type FieldName = 'client' | 'practitioner' | 'treatmentType' | 'title' | 'time';

const TABS: readonly DraftTab[] = ['booking', 'workingTime', 'activity'];
const PAYMENT_METHODS: readonly PaymentMethod[] = ['swish', 'card', 'cash', 'invoice', 'other'];

let nextId = 0;

let reviewLoaded: Promise<void> | undefined;
/**
 * The hold and duplicate-client parts (`<tidbok-hold-review>`, `<tidbok-duplicate-notice>`) are
 * a chunk of their own, loaded the first time one is shown; until then the tag waits undefined
 * and Lit hands it the properties set meanwhile when it upgrades.
 */
function loadReview(): void {
  reviewLoaded ??= import('./review/define.js').then(
    (m) => m.defineReviewElements({ LitElement, html, nothing }),
    () => {
      reviewLoaded = undefined;
    },
  );
}

/**
 * @summary The calendar's popup: creates a booking, working time or activity from a draft
 * (tabs Booking / Working time / Activity), or shows and edits an existing entry, with the More
 * menu of a booking (confirmation, återbud, no-show, payment, receipts, delete).
 *
 * A non-modal dialog, so the draft block behind it can still be dragged: Escape closes it and
 * the calendar returns focus to where it was.
 *
 * @event tidbok-draft-change - The new entry's time, tab or practitioner was edited here.
 * @event tidbok-calendar-change - The server accepted a change.
 * @event tidbok-error - Something failed; the message is also shown in the popup.
 * @event tidbok-popup-close - Escape, Cancel or Close, or done after a change.
 *
 * @csspart dialog - The popup box.
 * @csspart tab - A tab of a new entry; also `tab selected`.
 * @csspart footer - The buttons.
 */
export class TidbokEntryPopup extends LitElement {
  static override styles = [theme, controlStyles, entryPopupStyles];

  static override properties = {
    connection: { attribute: false },
    locale: {},
    data: { attribute: false },
    draft: { attribute: false },
    entry: { attribute: false },
    suggestedClient: { attribute: false },
    features: { attribute: false },
    anchor: { attribute: false },
    tab: { state: true },
    date: { state: true },
    startTime: { state: true },
    endTime: { state: true },
    timeDirty: { state: true },
    client: { state: true },
    newClient: { state: true },
    practitionerId: { state: true },
    treatmentTypeId: { state: true },
    locationId: { state: true },
    confirmation: { state: true },
    note: { state: true },
    titleText: { state: true },
    typeIds: { state: true },
    errors: { state: true },
    formError: { state: true },
    busy: { state: true },
    confirmingDelete: { state: true },
    paying: { state: true },
    payMethod: { state: true },
    messages: { state: true },
    mayVoid: { state: true },
    permissions: { state: true },
  };

  connection: TidbokConnection | undefined;
  // `@consume` as a controller (no decorator code): keeps `connection` set to the provider's value.
  readonly #connectionConsumer = new ContextConsumer(this, { context: tidbokContext, subscribe: true, callback: (value) => (this.connection = value) });

  locale: Locale = 'sv';
  data: ClinicData | undefined;
  /** A new entry being made; or null when an existing `entry` is shown. */
  draft: Draft | null = null;
  /** An existing entry to show and edit. */
  entry: CalendarEntry | null = null;
  /** The client selected in the side panel; offered for a new booking. */
  suggestedClient: Client | null = null;
  features: ServerFeatures = SERVER_FEATURES;
  /** Where the block this popup belongs to is on screen; the popup sits beside it. */
  anchor: DOMRect | null = null;

  private tab: DraftTab = 'booking';
  private date = '';
  private startTime = '';
  private endTime = '';
  private timeDirty = false;
  private client: Client | null = null;
  private newClient: CreateClientBody | null = null;
  private practitionerId = '';
  private treatmentTypeId = '';
  private locationId = '';
  private confirmation: ConfirmationChannel = 'email';
  private note = '';
  private titleText = '';
  private typeIds: string[] = [];
  private errors: Partial<Record<FieldName, string>> = {};
  private formError = '';
  private busy = false;
  private confirmingDelete = false;
  private paying = false;
  private payMethod: PaymentMethod = 'card';
  /** The booking's outbox messages (issue: notifications are shown per booking). */
  private messages: Message[] | null = null;
  /** Voiding a payment is for admins: hidden once the server says the role is another (staff-role.ts). */
  private mayVoid = true;
  /** The staff member's permissions (`desk`, `client-records`, …); null while unknown: all shown. */
  private permissions: readonly string[] | null = null;
  private askedFor: unknown;

  private get dialog(): HTMLElement | undefined {
    return this.renderRoot?.querySelector<HTMLElement>('[part~="dialog"]') ?? undefined;
  }

  private readonly uid = `ep${++nextId}`;
  private session = '';
  private placedFor: DOMRect | null | undefined;
  /** Keeps the popup inside the window when its content grows (a client's details arrive). */
  private readonly resizeObserver = typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.keepInView()) : undefined;
  private observed: HTMLElement | undefined;

  private t(key: CalendarMessageKey, values?: Record<string, string | number>) {
    return translate(calendarMessages, this.locale, key, values);
  }

  private get zone(): string {
    return this.data?.settings.timeZone ?? 'UTC';
  }

  // ---- State from the inputs ------------------------------------------------------------

  override willUpdate(changed: PropertyValues<this>) {
    const admin = this.connection?.admin;
    if (admin && admin !== this.askedFor) {
      this.askedFor = admin;
      void whoAmI(admin).then((me) => {
        if (this.connection?.admin !== admin) return;
        this.mayVoid = managesClinic(me);
        this.permissions = me?.permissions ?? null;
      });
    }
    const session = this.draft ? `d${this.draft.key}` : this.entry ? `e${this.entry.id}` : '';
    if (session !== this.session) {
      this.session = session;
      this.placedFor = undefined;
      if (this.draft) this.startDraft(this.draft);
      else if (this.entry) this.startEntry(this.entry);
    } else if (changed.has('draft') && this.draft) {
      // The draft's block was dragged in the calendar: follow it.
      this.setTimes(this.draft.start, this.draft.end);
      this.tab = this.draft.tab;
    }
  }

  private setTimes(start: number, end: number) {
    const from = wallClock(start, this.zone);
    const to = wallClock(end, this.zone);
    this.date = from.date;
    this.startTime = timeOfMinutes(from.minutes);
    // An end at the next midnight reads 00:00; `times()` reads it back as 24:00.
    this.endTime = to.date === from.date ? timeOfMinutes(to.minutes) : '00:00';
  }

  private reset() {
    this.errors = {};
    this.formError = '';
    this.busy = false;
    this.confirmingDelete = false;
    this.paying = false;
    this.timeDirty = false;
  }

  private startDraft(draft: Draft) {
    this.reset();
    this.tab = draft.tab;
    this.setTimes(draft.start, draft.end);
    this.client = this.suggestedClient;
    this.newClient = null;
    this.practitionerId = draft.practitionerId ?? this.data?.practitioners[0]?.id ?? '';
    this.treatmentTypeId = draft.treatmentTypeId ?? '';
    this.locationId = draft.locationId ?? this.data?.locations[0]?.id ?? '';
    this.confirmation = this.data?.settings.booking.staffConfirmationDefault ?? 'email';
    this.note = '';
    this.titleText = '';
    this.typeIds = [];
  }

  private startEntry(entry: CalendarEntry) {
    this.reset();
    this.setTimes(Date.parse(entry.start), Date.parse(entry.end));
    this.practitionerId = entry.practitionerId;
    this.client = null;
    this.newClient = null;
    if (entry.kind === 'booking') {
      this.treatmentTypeId = entry.treatmentTypeId;
      this.locationId = entry.locationId ?? '';
      this.note = entry.note;
      // Show the name at once; the full record (e-mail, phone) follows.
      this.client = { id: entry.clientId, name: entry.clientName, email: null, phone: null, personalNumber: null, isTest: false, createdAt: '', updatedAt: '' };
      void this.loadClient(entry.clientId);
      void this.loadMessages(entry.id);
    } else if (entry.kind === 'activity') {
      this.titleText = entry.title;
      this.note = entry.note;
    } else if (entry.kind === 'workingTime') {
      this.locationId = entry.locationId ?? '';
      this.typeIds = entry.treatmentTypeIds ?? [];
    } else if (entry.kind === 'hold') {
      loadReview();
    }
  }

  /** For the review parts, which import none of this: report a failure, return what to say. */
  private readonly describeFailure = (action: string, error: unknown): string => {
    reportError(this, action, error);
    return describeError(error, this.locale, 'save').message;
  };

  /** Whether the role has a permission; hiding is a courtesy, the server checks every call. */
  private may(permission: string): boolean {
    return this.permissions === null || this.permissions.includes(permission);
  }

  private renderHold(entry: HoldEntry) {
    const practitioner = this.data?.practitioners.find((p) => p.id === entry.practitionerId);
    return html`
      <p>${this.t('practitioner')}: <strong>${practitioner?.name ?? ''}</strong></p>
      <tidbok-hold-review
        .admin=${this.connection?.admin}
        .locale=${this.locale}
        .entry=${entry}
        .until=${timeOfMinutes(wallClock(Date.parse(entry.expiresAt), this.zone).minutes)}
        .describe=${this.describeFailure}
        ?may-act=${this.may('desk')}
        @tidbok-review-done=${() => this.done('released', 'hold', entry.id)}
      ></tidbok-hold-review>
    `;
  }

  /** A public booking's client split off a stored one: who, and merging (issue 17, item 2). */
  private renderDuplicate() {
    const entry = this.entry;
    const client = this.client;
    if (entry?.kind !== 'booking' || !client?.duplicateOf || !this.may('client-records')) return nothing;
    return html`<tidbok-duplicate-notice
      .admin=${this.connection?.admin}
      .locale=${this.locale}
      .client=${client}
      .describe=${this.describeFailure}
      may-act
      @tidbok-review-done=${(e: CustomEvent<{ result: Client }>) => {
        // The booking is the stored client's now: show them, and let the calendar redraw.
        this.client = e.detail.result;
        this.dispatchEvent(new TidbokCalendarChangeEvent({ action: 'merged', kind: 'booking', id: entry.id }));
      }}
    ></tidbok-duplicate-notice>`;
  }

  private async loadMessages(bookingId: string) {
    this.messages = null;
    try {
      const messages = await this.connection?.admin?.messages({ bookingId });
      if (messages && this.entry?.kind === 'booking' && this.entry.id === bookingId) this.messages = messages;
    } catch {
      // The list is extra information; the booking itself is shown either way.
    }
  }

  private renderMessages() {
    if (this.entry?.kind !== 'booking' || this.messages === null) return nothing;
    const zone = this.zone;
    const when = (iso: string) => {
      const { date, minutes } = wallClock(Date.parse(iso), zone);
      return `${formatLocalDate(date, this.locale, { day: 'numeric', month: 'short' })} ${timeOfMinutes(minutes)}`;
    };
    const status = {
      pending: 'messageStatusPending',
      sent: 'messageStatusSent',
      failed: 'messageStatusFailed',
      withheld: 'messageStatusWithheld',
    } as const;
    return html`<details part="messages">
      <summary>${this.t('messagesTitle', { count: this.messages.length })}</summary>
      ${
        this.messages.length === 0
          ? html`<p class="hint">${this.t('messagesNone')}</p>`
          : html`<ul>
              ${this.messages.map(
                (m) =>
                  html`<li part="message ${m.status}">
                    <strong>${this.t(`messageKind_${m.kind ?? 'confirmation'}` as CalendarMessageKey)}</strong>
                    · ${this.t(m.channel === 'email' ? 'byEmail' : 'bySms')} ${m.to ? html`· ${m.to}` : nothing} · ${this.t(status[m.status])}
                    ${when(m.sentAt ?? m.createdAt)}
                    ${
                      m.withheldReason
                        ? html`<br /><span class="hint" part="withheld-reason">${this.t(`messageWithheld_${m.withheldReason}`)}</span>`
                        : m.lastError
                          ? html`<br /><span class="hint">${m.lastError}</span>`
                          : nothing
                    }
                  </li>`,
              )}
            </ul>`
      }
    </details>`;
  }

  private async loadClient(clientId: string) {
    try {
      const client = await this.connection?.admin?.clients.get(clientId);
      if (client && this.entry?.kind === 'booking' && this.entry.clientId === clientId && this.client?.id === clientId) {
        this.client = client;
        if (client.duplicateOf) loadReview();
      }
    } catch {
      // The name from the calendar is enough to go on.
    }
  }

  /** The start and end the time fields describe, or null when they do not make an interval. */
  private times(): { start: number; end: number } | null {
    if (!isLocalDate(this.date) || !/^\d\d:\d\d$/.test(this.startTime) || !/^\d\d:\d\d$/.test(this.endTime)) return null;
    const from = minutesOfTime(this.startTime);
    let to = minutesOfTime(this.endTime);
    if (to === 0 && from > 0) to = 24 * 60;
    if (to <= from) return null;
    return { start: instantAt(this.date, from, this.zone), end: instantAt(this.date, to, this.zone) };
  }

  private emitDraft(patch: Partial<Draft>) {
    if (!this.draft) return;
    this.dispatchEvent(new TidbokDraftChangeEvent({ draft: { ...this.draft, ...patch } }));
  }

  private onTimeChange(field: 'date' | 'startTime' | 'endTime', value: string) {
    const lengthBefore = this.times();
    this[field] = value;
    this.timeDirty = true;
    // Moving the start keeps the length, as dragging the block does.
    if (field !== 'endTime' && lengthBefore) {
      const from = minutesOfTime(this.startTime);
      const length = Math.round((lengthBefore.end - lengthBefore.start) / 60_000);
      if (isLocalDate(this.date) && /^\d\d:\d\d$/.test(this.startTime))
        this.endTime = timeOfMinutes(Math.min(from + length, 24 * 60)).replace('24:00', '00:00');
    }
    const times = this.times();
    this.errors = { ...this.errors, time: times ? undefined : this.t('endAfterStart') };
    if (times) this.emitDraft({ ...times, ...(field === 'endTime' ? { lengthFromTreatment: false } : {}) });
  }

  private selectTab(tab: DraftTab, focus = false) {
    this.tab = tab;
    this.errors = {};
    this.formError = '';
    this.emitDraft({ tab });
    if (focus) void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`[role="tab"][data-tab="${tab}"]`)?.focus());
  }

  private onTabKeydown(event: KeyboardEvent) {
    const index = TABS.indexOf(this.tab);
    const go = (i: number) => {
      event.preventDefault();
      this.selectTab(TABS[(i + TABS.length) % TABS.length]!, true);
    };
    if (event.key === 'ArrowRight') go(index + 1);
    else if (event.key === 'ArrowLeft') go(index - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(TABS.length - 1);
  }

  private onPractitioner(id: string) {
    this.practitionerId = id;
    this.typeIds = [];
    this.errors = { ...this.errors, practitioner: undefined };
    this.emitDraft({ practitionerId: id || null });
  }

  private onTreatmentType(id: string) {
    this.treatmentTypeId = id;
    this.errors = { ...this.errors, treatmentType: undefined };
    const type = this.data?.treatmentTypes.find((tt) => tt.id === id);
    const times = this.times();
    if (this.draft?.lengthFromTreatment && type && times) {
      const end = times.start + type.durationMinutes * 60_000;
      this.setTimes(times.start, end);
      this.emitDraft({ treatmentTypeId: id, end });
    } else {
      this.emitDraft({ treatmentTypeId: id || null });
    }
  }

  // ---- Placement and focus ---------------------------------------------------------------

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.observed = undefined;
  }

  protected override updated() {
    if (!this.dialog) return;
    if (this.observed !== this.dialog) {
      this.resizeObserver?.disconnect();
      this.observed = this.dialog;
      this.resizeObserver?.observe(this.dialog);
    }
    if (this.placedFor !== this.anchor) {
      const first = this.placedFor === undefined;
      this.placedFor = this.anchor;
      this.place();
      if (first) this.focusFirst();
    }
  }

  private place() {
    const box = this.dialog!;
    const width = box.offsetWidth;
    const height = box.offsetHeight;
    const vw = document.documentElement.clientWidth || window.innerWidth;
    const vh = window.innerHeight;
    const gap = 12;
    const a = this.anchor;
    let left = (vw - width) / 2;
    let top = Math.max(8, (vh - height) / 3);
    if (a) {
      if (a.right + gap + width <= vw - 8) left = a.right + gap;
      else if (a.left - gap - width >= 8) left = a.left - gap - width;
      top = a.top;
    }
    box.style.left = `${Math.round(Math.max(8, Math.min(left, vw - width - 8)))}px`;
    box.style.top = `${Math.round(Math.max(8, Math.min(top, vh - height - 8)))}px`;
  }

  private keepInView() {
    const box = this.dialog;
    if (!box) return;
    const rect = box.getBoundingClientRect();
    if (rect.bottom > window.innerHeight - 8) box.style.top = `${Math.round(Math.max(8, window.innerHeight - rect.height - 8))}px`;
  }

  private focusFirst() {
    const target = this.draft ? this.shadowRoot?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]') : this.dialog;
    target?.focus();
  }

  private onKeydown(event: KeyboardEvent) {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      event.stopPropagation();
      if (this.confirmingDelete || this.paying) {
        this.confirmingDelete = false;
        this.paying = false;
        void this.updateComplete.then(() => this.dialog?.focus());
        return;
      }
      this.close('cancel');
    }
  }

  private close(reason: 'cancel' | 'done') {
    this.dispatchEvent(new TidbokPopupCloseEvent({ reason }));
  }

  // ---- Saving -----------------------------------------------------------------------------

  private fail(action: string, error: unknown) {
    this.formError = describeError(error, this.locale, 'save').message;
    reportError(this, action, error);
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('.error')?.scrollIntoView?.({ block: 'nearest' }));
  }

  private done(action: CalendarChangeAction, kind: EntryKind, id: string) {
    this.dispatchEvent(new TidbokCalendarChangeEvent({ action, kind, id }));
    this.close('done');
  }

  private validate(kind: DraftTab): { start: number; end: number } | null {
    const errors: typeof this.errors = {};
    const times = this.times();
    if (!times) errors.time = this.t('endAfterStart');
    if (!this.practitionerId) errors.practitioner = this.t('needPractitioner');
    if (kind === 'booking') {
      if (!this.client && !this.newClient) errors.client = this.t('needClient');
      if (!this.treatmentTypeId) errors.treatmentType = this.t('needTreatmentType');
    }
    if (kind === 'activity' && !this.titleText.trim()) errors.title = this.t('needTitle');
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      this.formError = '';
      void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('[aria-invalid="true"], tidbok-client-picker[invalid]')?.focus());
      return null;
    }
    return times;
  }

  private async submit(event?: Event) {
    event?.preventDefault();
    const admin = this.connection?.admin;
    // A hold has nothing to save: it is only released (`<tidbok-hold-review>`).
    if (!admin || this.busy || this.entry?.kind === 'hold') return;
    const kind: DraftTab = this.draft
      ? this.tab
      : this.entry?.kind === 'workingTime'
        ? 'workingTime'
        : this.entry?.kind === 'activity'
          ? 'activity'
          : 'booking';
    const times = this.validate(kind);
    if (!times) return;
    const start = new Date(times.start).toISOString();
    const end = new Date(times.end).toISOString();
    const locationId = this.locationId || null;
    this.busy = true;
    this.formError = '';
    try {
      if (this.draft) {
        if (kind === 'booking') {
          const booking = await admin.bookings.create({
            ...(this.client ? { clientId: this.client.id } : { client: this.newClient! }),
            practitionerId: this.practitionerId,
            treatmentTypeId: this.treatmentTypeId,
            start,
            end,
            locationId,
            confirmation: this.confirmation,
            ...(this.note.trim() ? { note: this.note.trim() } : {}),
          });
          this.done('created', 'booking', booking.id);
        } else if (kind === 'workingTime') {
          const created = await admin.workingTimes.create({
            practitionerId: this.practitionerId,
            start,
            end,
            treatmentTypeIds: this.typeIds.length > 0 ? this.typeIds : null,
            locationId,
          });
          this.done('created', 'workingTime', created.id);
        } else {
          const created = await admin.activities.create({
            practitionerId: this.practitionerId,
            title: this.titleText.trim(),
            start,
            end,
            ...(this.note.trim() ? { note: this.note.trim() } : {}),
          });
          this.done('created', 'activity', created.id);
        }
        return;
      }
      const entry = this.entry!;
      const time = this.timeDirty ? { start, end } : {};
      if (entry.kind === 'booking') {
        await admin.bookings.update(entry.id, {
          ...time,
          practitionerId: this.practitionerId,
          treatmentTypeId: this.treatmentTypeId,
          locationId,
          note: this.note,
          ...(this.client && this.client.id !== entry.clientId ? { clientId: this.client.id } : {}),
          ...(this.newClient ? { clientId: (await admin.clients.create(this.newClient)).id } : {}),
        });
      } else if (entry.kind === 'activity') {
        await admin.activities.update(entry.id, { ...time, practitionerId: this.practitionerId, title: this.titleText.trim(), note: this.note });
      } else if (entry.kind === 'workingTime') {
        await admin.workingTimes.update(entry.id, {
          ...time,
          practitionerId: this.practitionerId,
          locationId,
          treatmentTypeIds: this.typeIds.length > 0 ? this.typeIds : null,
        });
      }
      this.done('updated', entry.kind, entry.id);
    } catch (error) {
      this.fail(this.draft ? 'create' : 'update', error);
    } finally {
      this.busy = false;
    }
  }

  private async run(action: CalendarChangeAction, call: () => Promise<unknown>) {
    const entry = this.entry;
    if (!entry || this.busy) return;
    this.busy = true;
    this.formError = '';
    try {
      await call();
      this.done(action, entry.kind, entry.id);
    } catch (error) {
      this.fail(action, error);
    } finally {
      this.busy = false;
    }
  }

  private async removeEntry() {
    const admin = this.connection?.admin;
    const entry = this.entry;
    if (!admin || !entry) return;
    await this.run('deleted', () =>
      entry.kind === 'booking'
        ? admin.bookings.remove(entry.id)
        : entry.kind === 'activity'
          ? admin.activities.remove(entry.id)
          : admin.workingTimes.remove(entry.id),
    );
  }

  private async printReceipt(id: string) {
    const admin = this.connection?.admin;
    if (!admin) return;
    // Opened inside the click so no popup blocker stops it; filled when the receipt arrives. It
    // needs no way back to this staff page (window.opener), so it loses it at once ('noopener'
    // itself would return no window to write the receipt into).
    const win = window.open('', '_blank');
    if (win) win.opener = null;
    try {
      const receipt = await admin.bookings.receiptHtml(id, { locale: this.locale });
      if (win) {
        win.document.open();
        win.document.write(receipt);
        win.document.close();
        win.focus();
        win.print();
      }
    } catch (error) {
      win?.close();
      this.fail('print-receipt', error);
    }
  }

  private onMore(id: string) {
    const admin = this.connection?.admin;
    const entry = this.entry;
    if (!admin || entry?.kind !== 'booking') return;
    switch (id) {
      case 'confirm-email':
      case 'confirm-sms':
        void this.run('confirmation-sent', () => admin.bookings.sendConfirmation(entry.id, { channel: id === 'confirm-sms' ? 'sms' : 'email' }));
        break;
      case 'cancel':
      case 'cancel-late':
        void this.run('cancelled', () => admin.bookings.cancel(entry.id, { late: id === 'cancel-late' }));
        break;
      case 'no-show':
        void this.run('no-show', () => admin.bookings.noShow(entry.id));
        break;
      case 'pay':
        this.paying = true;
        void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('.pay select')?.focus());
        break;
      case 'print-receipt':
        void this.printReceipt(entry.id);
        break;
      case 'void-payment':
        void this.run('updated', () => admin.bookings.voidPayment(entry.id));
        break;
      case 'send-receipt':
        void this.run('receipt-sent', () => admin.bookings.sendReceipt(entry.id, { channel: 'email' }));
        break;
      case 'delete':
        this.askDelete();
        break;
    }
  }

  private askDelete() {
    this.confirmingDelete = true;
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('[data-action="keep"]')?.focus());
  }

  // ---- Rendering --------------------------------------------------------------------------

  private timeLabel(): string {
    const times = this.times();
    if (!times) return '';
    const day = formatLocalDate(this.date, this.locale, { weekday: 'short', day: 'numeric', month: 'short' });
    return `${day} ${this.startTime}–${this.endTime === '00:00' ? '24:00' : this.endTime}`;
  }

  private typeById(id: string): TreatmentType | undefined {
    return this.data?.treatmentTypes.find((tt) => tt.id === id);
  }

  private accent(): string {
    const kind = this.draft ? this.tab : this.entry?.kind;
    if (kind === 'activity') return ACTIVITY_COLOR;
    if (kind === 'workingTime') return '#3a8a55';
    if (kind === 'hold') return 'var(--tidbok-hold-color, #f8c8dc)';
    return this.typeById(this.treatmentTypeId)?.color ?? 'var(--_primary)';
  }

  private errorText(field: FieldName) {
    const message = this.errors[field];
    return message ? html`<span class="field-error" id="${this.uid}-${field}-error">${message}</span>` : nothing;
  }

  private invalid(field: FieldName) {
    return this.errors[field] ? 'true' : 'false';
  }

  private describedBy(field: FieldName) {
    return this.errors[field] ? `${this.uid}-${field}-error` : nothing;
  }

  private renderTime() {
    const id = this.uid;
    return html`
      <div class="time" role="group" aria-label=${this.t('date')}>
        <div class="field">
          <label for="${id}-date">${this.t('date')}</label>
          <input
            id="${id}-date"
            type="date"
            .value=${this.date}
            required
            @change=${(e: Event) => this.onTimeChange('date', (e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="${id}-start">${this.t('from')}</label>
          <input
            id="${id}-start"
            name="start"
            type="time"
            step="900"
            required
            .value=${this.startTime}
            aria-invalid=${this.invalid('time')}
            aria-describedby=${this.describedBy('time')}
            @change=${(e: Event) => this.onTimeChange('startTime', (e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="${id}-end">${this.t('to')}</label>
          <input
            id="${id}-end"
            name="end"
            type="time"
            step="900"
            required
            .value=${this.endTime}
            aria-invalid=${this.invalid('time')}
            aria-describedby=${this.describedBy('time')}
            @change=${(e: Event) => this.onTimeChange('endTime', (e.target as HTMLInputElement).value)}
          />
        </div>
      </div>
      ${this.errorText('time')}
    `;
  }

  private renderPractitioner() {
    const id = `${this.uid}-practitioner`;
    return html`
      <div class="field">
        <label for=${id}>${this.t('practitioner')}</label>
        <select
          id=${id}
          name="practitioner"
          aria-invalid=${this.invalid('practitioner')}
          aria-describedby=${this.describedBy('practitioner')}
          @change=${(e: Event) => this.onPractitioner((e.target as HTMLSelectElement).value)}
        >
          ${this.practitionerId ? nothing : html`<option value="" selected>—</option>`}
          ${(this.data?.practitioners ?? []).map((p) => html`<option value=${p.id} ?selected=${p.id === this.practitionerId}>${p.name}</option>`)}
        </select>
        ${this.errorText('practitioner')}
      </div>
    `;
  }

  private renderLocation() {
    const id = `${this.uid}-location`;
    return html`
      <div class="field">
        <label for=${id}>${this.t('location')}</label>
        <select id=${id} name="location" @change=${(e: Event) => (this.locationId = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.locationId}>${this.t('noLocation')}</option>
          ${(this.data?.locations ?? []).map((l) => html`<option value=${l.id} ?selected=${l.id === this.locationId}>${l.name}</option>`)}
        </select>
      </div>
    `;
  }

  private renderNote() {
    const id = `${this.uid}-note`;
    return html`
      <div class="field">
        <label for=${id}>${this.t('note')}</label>
        <textarea id=${id} name="note" rows="2" .value=${this.note} @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
    `;
  }

  private renderBookingFields() {
    const practitioner = this.data?.practitioners.find((p) => p.id === this.practitionerId);
    const all = this.data?.treatmentTypes ?? [];
    const own = practitioner && practitioner.treatmentTypeIds.length > 0 ? all.filter((tt) => practitioner.treatmentTypeIds.includes(tt.id)) : all;
    const others = all.filter((tt) => !own.includes(tt));
    const option = (tt: TreatmentType) =>
      html`<option value=${tt.id} ?selected=${tt.id === this.treatmentTypeId}>${tt.name} (${tt.durationMinutes} min)</option>`;
    const ttId = `${this.uid}-treatment`;
    return html`
      <div class="field">
        <tidbok-client-picker
          .locale=${this.locale}
          .label=${this.t('client')}
          .client=${this.client}
          .newClient=${this.newClient}
          .suggested=${this.suggestedClient}
          allow-new
          ?invalid=${Boolean(this.errors.client)}
          @tidbok-client-change=${(e: CustomEvent<{ client: Client | null; newClient: CreateClientBody | null }>) => {
            e.stopPropagation();
            this.client = e.detail.client;
            this.newClient = e.detail.newClient;
            this.errors = { ...this.errors, client: undefined };
          }}
        ></tidbok-client-picker>
        ${this.errorText('client')} ${this.renderDuplicate()}
      </div>
      ${this.renderPractitioner()}
      <div class="field">
        <label for=${ttId}>${this.t('treatmentType')}</label>
        <select
          id=${ttId}
          name="treatmentType"
          aria-invalid=${this.invalid('treatmentType')}
          aria-describedby=${this.describedBy('treatmentType')}
          @change=${(e: Event) => this.onTreatmentType((e.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${!this.treatmentTypeId}>${this.t('chooseTreatmentType')}</option>
          ${own.map(option)} ${others.length > 0 ? html`<optgroup label=${this.t('otherTreatmentTypes')}>${others.map(option)}</optgroup>` : nothing}
        </select>
        ${this.errorText('treatmentType')}
      </div>
      ${this.renderLocation()}
      ${
        this.draft
          ? html`
              <fieldset>
                <legend>${this.t('confirmation')}</legend>
                <div class="radios">
                  ${(['email', 'sms', 'none'] as const).map(
                    (channel) => html`
                      <label class="check">
                        <input
                          type="radio"
                          name="${this.uid}-confirmation"
                          value=${channel}
                          .checked=${this.confirmation === channel}
                          @change=${() => (this.confirmation = channel)}
                        />
                        ${this.t(channel === 'email' ? 'byEmail' : channel === 'sms' ? 'bySms' : 'noConfirmation')}
                      </label>
                    `,
                  )}
                </div>
              </fieldset>
            `
          : nothing
      }
      ${this.renderNote()}
    `;
  }

  private renderWorkingTimeFields() {
    const practitioner = this.data?.practitioners.find((p) => p.id === this.practitionerId);
    const types = (practitioner?.treatmentTypeIds ?? []).map((id) => this.typeById(id)).filter((tt): tt is TreatmentType => Boolean(tt));
    return html`
      ${this.renderPractitioner()} ${this.renderLocation()}
      <fieldset>
        <legend>${this.t('practitionerTreatmentTypes')}</legend>
        <p class="hint" id="${this.uid}-narrow">${this.t('narrowHint')}</p>
        <div class="types" role="group" aria-describedby="${this.uid}-narrow">
          ${types.map(
            (tt) => html`
              <label class="check">
                <input
                  type="checkbox"
                  value=${tt.id}
                  .checked=${this.typeIds.includes(tt.id)}
                  @change=${(e: Event) => {
                    const on = (e.target as HTMLInputElement).checked;
                    this.typeIds = on ? [...this.typeIds, tt.id] : this.typeIds.filter((id) => id !== tt.id);
                  }}
                />
                <span class="swatch" style="background:${tt.color}" aria-hidden="true"></span>
                ${tt.name}
              </label>
            `,
          )}
        </div>
      </fieldset>
    `;
  }

  private renderActivityFields() {
    const id = `${this.uid}-title`;
    return html`
      ${this.renderPractitioner()}
      <div class="field">
        <label for=${id}>${this.t('title')}</label>
        <input
          id=${id}
          name="title"
          type="text"
          .value=${this.titleText}
          aria-invalid=${this.invalid('title')}
          aria-describedby=${this.describedBy('title')}
          @input=${(e: Event) => {
            this.titleText = (e.target as HTMLInputElement).value;
            this.errors = { ...this.errors, title: undefined };
          }}
        />
        ${this.errorText('title')}
      </div>
      ${this.renderNote()}
      <p class="hint">${this.t('activityHint')}</p>
    `;
  }

  private renderFields(kind: DraftTab) {
    return html`
      ${this.renderTime()}
      ${kind === 'booking' ? this.renderBookingFields() : kind === 'workingTime' ? this.renderWorkingTimeFields() : this.renderActivityFields()}
    `;
  }

  private moreItems(entry: BookingEntry): MenuItem[] {
    const booked = entry.status === 'booked';
    const f = this.features;
    const item = (id: string, label: CalendarMessageKey, feature: boolean | null, featureHint: CalendarMessageKey, extra: Partial<MenuItem> = {}): MenuItem => {
      const hint = feature === false ? this.t(featureHint) : !booked && extra.disabled ? this.t('notBookedHint') : undefined;
      return { id, label: this.t(label), ...extra, disabled: feature === false || Boolean(extra.disabled), ...(hint ? { hint } : {}) };
    };
    return [
      item('confirm-email', 'sendConfirmationEmail', f.confirmations, 'confirmationsHint'),
      item('confirm-sms', 'sendConfirmationSms', f.confirmations, 'confirmationsHint'),
      item('cancel', 'markCancelled', null, 'notBookedHint', { disabled: !booked, separatorBefore: true }),
      item('cancel-late', 'markLateCancelled', null, 'notBookedHint', { disabled: !booked }),
      item('no-show', 'markNoShow', null, 'notBookedHint', { disabled: !booked }),
      ...(entry.paid
        ? [
            item('print-receipt', 'printReceipt', f.receipts, 'receiptsHint', { separatorBefore: true }),
            item('send-receipt', 'sendReceipt', f.receipts, 'receiptsHint'),
            ...(this.mayVoid ? [item('void-payment', 'voidPayment', f.payments, 'paymentsHint')] : []),
          ]
        : [item('pay', 'markPaid', f.payments, 'paymentsHint', { separatorBefore: true })]),
      { id: 'delete', label: this.t('deleteBooking'), danger: true, separatorBefore: true },
    ];
  }

  private renderFooter(): TemplateResult {
    const entry = this.entry;
    if (this.confirmingDelete && entry) {
      const what = this.t(entry.kind === 'booking' ? 'kindBooking' : entry.kind === 'activity' ? 'kindActivity' : 'kindWorkingTime');
      return html`
        <div class="confirm" role="group" aria-labelledby="${this.uid}-confirm">
          <p id="${this.uid}-confirm">${this.t('confirmDelete', { what, time: this.timeLabel() })}</p>
          <div class="actions">
            <button class="btn danger" type="button" data-action="confirm-delete" ?disabled=${this.busy} @click=${this.removeEntry}>
              ${this.t('deleteYes')}
            </button>
            <button class="btn" type="button" data-action="keep" @click=${() => (this.confirmingDelete = false)}>${this.t('cancel')}</button>
          </div>
        </div>
      `;
    }
    if (this.paying && entry) {
      const id = `${this.uid}-method`;
      return html`
        <div class="pay">
          <div class="field">
            <label for=${id}>${this.t('paymentMethod')}</label>
            <select id=${id} @change=${(e: Event) => (this.payMethod = (e.target as HTMLSelectElement).value as PaymentMethod)}>
              ${PAYMENT_METHODS.map(
                (method) =>
                  html`<option value=${method} ?selected=${method === this.payMethod}>
                    ${this.t(`pay${method[0]!.toUpperCase()}${method.slice(1)}` as CalendarMessageKey)}
                  </option>`,
              )}
            </select>
          </div>
          <div class="actions">
            <button
              class="btn primary"
              type="button"
              ?disabled=${this.busy}
              @click=${() => this.run('paid', () => this.connection!.admin!.bookings.pay(entry.id, { method: this.payMethod }))}
            >
              ${this.t('registerPayment')}
            </button>
            <button class="btn" type="button" @click=${() => (this.paying = false)}>${this.t('cancel')}</button>
          </div>
        </div>
      `;
    }
    if (entry?.kind === 'hold') {
      return html`<span class="spacer"></span> <button class="btn" type="button" @click=${() => this.close('cancel')}>${this.t('close')}</button>`;
    }
    const save = html`<button class="btn primary" type="submit" ?disabled=${this.busy}>
      ${this.busy ? this.t('saving') : this.draft ? this.t('create') : this.t('save')}
    </button>`;
    if (this.draft) {
      return html`<span class="spacer"></span>
        <button class="btn" type="button" @click=${() => this.close('cancel')}>${this.t('cancel')}</button>
        ${save}`;
    }
    return html`
      ${
        entry?.kind === 'booking'
          ? html`<tidbok-menu-button
              direction="up"
              .label=${this.t('more')}
              accessible-label=${this.t('moreActions')}
              .items=${this.moreItems(entry)}
              ?disabled=${this.busy}
              @tidbok-menu-select=${(e: CustomEvent<{ id: string }>) => {
                e.stopPropagation();
                this.onMore(e.detail.id);
              }}
            ></tidbok-menu-button>`
          : html`<button class="btn danger" type="button" data-action="delete" @click=${this.askDelete}>${this.t('delete')}</button>`
      }
      <span class="spacer"></span>
      <button class="btn" type="button" @click=${() => this.close('cancel')}>${this.t('close')}</button>
      ${save}
    `;
  }

  private renderHeader() {
    const entry = this.entry;
    const titleId = `${this.uid}-title-h`;
    let heading = this.t('newEntry');
    let subtitle = this.timeLabel();
    let status: TemplateResult | typeof nothing = nothing;
    if (entry?.kind === 'booking') {
      heading = `${this.t('tabBooking')}: ${entry.clientName}`;
      subtitle = `${entry.treatmentName} · ${subtitle}`;
      const label =
        entry.status === 'cancelled'
          ? this.t(entry.lateCancellation ? 'statusLateCancelled' : 'statusCancelled')
          : entry.status === 'no_show'
            ? this.t('statusNoShow')
            : this.t('statusBooked');
      status = html`<span class="status ${entry.status}">${label}</span
        >${entry.paid ? html` <span class="status paid">${this.t('statusPaid')}</span>` : nothing}`;
    } else if (entry?.kind === 'hold') {
      heading = this.t('holdTitle');
    } else if (entry?.kind === 'activity') {
      heading = `${this.t('tabActivity')}: ${entry.title}`;
    } else if (entry?.kind === 'workingTime') {
      const practitioner = this.data?.practitioners.find((p) => p.id === entry.practitionerId);
      heading = `${this.t('tabWorkingTime')}: ${practitioner?.name ?? ''}`;
    }
    return html`
      <header>
        <div>
          <h2 id=${titleId}>${heading}</h2>
          <p class="subtitle">${subtitle}</p>
          ${status}
        </div>
        <button class="icon-button" type="button" aria-label=${this.t('close')} @click=${() => this.close('cancel')}>×</button>
      </header>
    `;
  }

  override render() {
    if (!this.draft && !this.entry) return nothing;
    const kind: DraftTab = this.draft ? this.tab : (this.entry!.kind as DraftTab);
    const titleId = `${this.uid}-title-h`;
    const tabLabel = (tab: DraftTab) => this.t(tab === 'booking' ? 'tabBooking' : tab === 'workingTime' ? 'tabWorkingTime' : 'tabActivity');
    return html`
      <div
        part="dialog"
        role="dialog"
        aria-modal="false"
        aria-labelledby=${titleId}
        tabindex="-1"
        style=${styleMap({ '--_accent': this.accent() })}
        @keydown=${this.onKeydown}
      >
        ${this.renderHeader()}
        ${
          this.draft
            ? html`<div role="tablist" aria-label=${this.t('entryType')} @keydown=${this.onTabKeydown}>
                ${TABS.map(
                  (tab) =>
                    html`<button
                      part="tab${tab === this.tab ? ' selected' : ''}"
                      role="tab"
                      type="button"
                      id="${this.uid}-tab-${tab}"
                      data-tab=${tab}
                      aria-selected=${tab === this.tab ? 'true' : 'false'}
                      aria-controls="${this.uid}-panel"
                      tabindex=${tab === this.tab ? '0' : '-1'}
                      @click=${() => this.selectTab(tab)}
                    >
                      ${tabLabel(tab)}
                    </button>`,
                )}
              </div>`
            : nothing
        }
        <form novalidate @submit=${this.submit} style="display:contents">
          <div
            class="body"
            id="${this.uid}-panel"
            role=${this.draft ? 'tabpanel' : 'group'}
            aria-labelledby=${this.draft ? `${this.uid}-tab-${this.tab}` : titleId}
          >
            ${this.entry?.kind === 'hold' ? this.renderHold(this.entry) : this.renderFields(kind)} ${this.draft ? nothing : this.renderMessages()}
            ${/* Receipt hook (receipt/view.ts): a paid booking's receipt, with its Print button. */ receiptView(this.draft ? null : this.entry, this.locale)}
            ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
          </div>
          <footer part="footer">${this.renderFooter()}</footer>
        </form>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-entry-popup': TidbokEntryPopup;
  }
}
