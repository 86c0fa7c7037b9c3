/*
 * Over 400 lines: the element's state and its transitions (a new entry's tabs, an existing one's
 * edit, and a booking's steps: delete, pay, återbud/no-show with undo) in one class. The pieces
 * without state live beside it: the form model (form.ts), the fields (fields.ts), the booking's
 * menu, questions and notices (booking-actions.ts), placement (shared/popover.ts).
 */
import { ContextConsumer } from '@lit/context';
import { ACTIVITY_COLOR } from '@tidbok/core';
import type { Booking, CalendarEntry, Client, Message, PaymentMethod } from '@tidbok/sdk';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
// styleMap, not a style attribute: the popover controller sets left and top on the same element.
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
import { SERVER_FEATURES, type ServerFeatures } from '../calendar/server-features.js';
import { managesClinic, whoAmI } from '../shared/staff-role.js';
import { minutesOfTime, timeOfMinutes, wallClock } from '../calendar/week.js';
import { addMinutes, formatLocalDate, minutesBetween } from '../shared/dates.js';
import { PopoverController } from '../shared/popover.js';
import { type TidbokConnection, tidbokContext } from '../context.js';
import type { Locale, Messages } from '../i18n.js';
import { reportError } from '../shared/errors.js';
import { TextsController } from '../shared/texts.js';
import { calendarMessages } from '../calendar/messages.js';
import type { BookingForm, ActivityForm, EntryForm, FieldErrors, FieldName, WorkingTimeForm } from './form.js';
import { formOfDraft, formOfEntry, intervalOf, normaliseDate, normaliseTime, timeFields, validate } from './form.js';
import type { FieldsHost } from './fields.js';
import type { StatusAction } from './booking-actions.js';
import type { PopupMessageKey } from './messages.js';
import { receiptView } from '../receipt/view.js';
import { entryPopupStyles } from './entry-popup.styles.js';

/** How long "Undo" is offered after återbud or no-show, unless another action comes first. */
export const UNDO_MS = 10_000;

/** What the popup shows besides the form: a question before something that cannot simply be taken back, or a step. */
export type Step =
  | { kind: 'form' }
  | { kind: 'delete' }
  | { kind: 'pay'; method: PaymentMethod }
  | { kind: 'status'; action: StatusAction }
  /** A new booking whose confirmation could not be sent: said before the popup closes. */
  | { kind: 'created'; text: string };

let nextId = 0;

let view: typeof import('./view.js') | undefined;
let viewLoading: Promise<void> | undefined;
/**
 * The popup's texts: the calendar's at once, and its own (messages.ts), which come with its
 * templates (view.ts) and join this table when they arrive. The popup draws nothing before that,
 * so it reads none of its own texts before they are here.
 */
const popupTexts = { ...calendarMessages } as Messages<PopupMessageKey>;
/** The templates and texts (view.ts), loaded once, the first time a popup opens. */
function loadView(): Promise<void> {
  viewLoading ??= import('./view.js').then(
    (m) => {
      Object.assign(popupTexts, m.popupMessages);
      view = m;
    },
    (error: unknown) => {
      viewLoading = undefined;
      throw error;
    },
  );
  return viewLoading;
}

let reviewLoaded: Promise<void> | undefined;
/**
 * The hold and duplicate-client parts (`<tidbok-hold-review>`, `<tidbok-duplicate-notice>`) are
 * a chunk of their own, loaded the first time one is shown; until then the tag waits undefined
 * and Lit hands it the properties set meanwhile when it upgrades.
 */
function loadReview(): void {
  reviewLoaded ??= import('./review/define.js').then(
    (m) => m.defineReviewElements({ LitElement, html, nothing, TextsController }),
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
 * the calendar returns focus to where it was. Återbud, late återbud and no-show ask first, say
 * what will happen, and can be undone for a while (`UNDO_MS`).
 *
 * @event tidbok-draft-change - The new entry's time, tab or practitioner was edited here.
 * @event tidbok-calendar-change - The server accepted a change.
 * @event tidbok-error - Something failed; the message is also shown in the popup.
 * @event tidbok-popup-close - Escape, Cancel or Close, or done after a change.
 *
 * @csspart dialog - The popup box.
 * @csspart tab - A tab of a new entry; also `tab selected`.
 * @csspart footer - The buttons.
 * @csspart undo - The notice offering Undo after återbud or no-show.
 */
export class TidbokEntryPopup extends LitElement implements FieldsHost {
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
    clock: { attribute: false },
    undoFor: { attribute: false },
    form: { state: true },
    errors: { state: true },
    formError: { state: true },
    notice: { state: true },
    busy: { state: true },
    step: { state: true },
    undo: { state: true },
    booking: { state: true },
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
  /** Where "now" comes from (no-show is offered from the booking's start); a test sets a fixed one. */
  clock: { now(): number } = { now: () => Date.now() };
  /** Milliseconds "Undo" is offered after återbud or no-show. */
  undoFor = UNDO_MS;

  form: EntryForm | null = null;
  errors: FieldErrors = {};
  formError = '';
  /** A sentence for a screen reader and the eye after a step (an undo's outcome). */
  notice = '';
  busy = false;
  step: Step = { kind: 'form' };
  /** Återbud or no-show just registered: "Undo" is offered until `UNDO_MS` pass or another action. */
  undo: { action: StatusAction; id: string } | null = null;
  /** The booking as the server has it (its confirmation channel), for what återbud will do. */
  booking: Booking | null = null;
  /** The booking's outbox messages (issue: notifications are shown per booking). */
  messages: Message[] | null = null;
  /** Voiding a payment is for admins: hidden once the server says the role is another (staff-role.ts). */
  mayVoid = true;
  /** The staff member's permissions (`desk`, `client-records`, …); null while unknown: all shown. */
  permissions: readonly string[] | null = null;

  readonly uid = `ep${++nextId}`;
  private askedFor: unknown;
  private session = '';
  /** The form last shown on each tab of a draft, so going back to a tab keeps what was typed. */
  private tabForms: Partial<Record<DraftTab, EntryForm>> = {};
  private undoTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly placement = new PopoverController(this, { box: () => this.dialog, anchor: () => this.anchor, opened: () => this.focusFirst() });

  get dialog(): HTMLElement | undefined {
    return this.renderRoot?.querySelector<HTMLElement>('[part~="dialog"]') ?? undefined;
  }

  get isNew(): boolean {
    return this.draft !== null;
  }

  get zone(): string {
    return this.data?.settings.timeZone ?? 'UTC';
  }

  /** @internal The popup's words (`popupTexts`), read by its templates (view.ts) too. */
  readonly texts = new TextsController(this, () => this.locale, popupTexts);

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
      this.placement.reset();
      this.reset();
      if (this.draft) {
        this.tabForms = {};
        this.form = formOfDraft(this.draft.tab, this.draft, this.data, this.suggestedClient, null);
      } else if (this.entry) this.startEntry(this.entry);
      else this.form = null;
    } else if (changed.has('draft') && this.draft && this.form) {
      // The draft's block was dragged in the calendar: follow it, and its tab.
      if (this.draft.tab !== this.form.kind) this.switchForm(this.draft.tab);
      // Only a new time: a draft passed again with the time it had must not undo what was typed.
      const before = changed.get('draft') as Draft | null | undefined;
      if (!before || before.start !== this.draft.start || before.end !== this.draft.end) {
        this.form = { ...this.form!, ...timeFields(this.draft.start, this.draft.end, this.zone) };
      }
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.undoTimer);
  }

  private reset() {
    this.errors = {};
    this.formError = '';
    this.notice = '';
    this.busy = false;
    this.step = { kind: 'form' };
    this.timeDirty = false;
    this.endUndo();
  }

  private startEntry(entry: CalendarEntry) {
    this.form = formOfEntry(entry, this.zone);
    this.booking = null;
    this.messages = null;
    if (entry.kind === 'booking') {
      void this.loadBooking(entry.id, entry.clientId);
    } else if (entry.kind === 'hold') loadReview();
  }

  /** The booking's client record, the booking itself and its messages; each is extra, so a failure is quiet. */
  private async loadBooking(id: string, clientId: string) {
    const admin = this.connection?.admin;
    const current = () => this.entry?.kind === 'booking' && this.entry.id === id;
    await Promise.all([
      admin?.clients.get(clientId).then((client) => {
        if (current() && this.form?.kind === 'booking' && this.form.client?.id === clientId) {
          this.form = { ...this.form, client };
          if (client.duplicateOf) loadReview();
        }
      }),
      admin?.bookings.get(id).then((booking) => current() && (this.booking = booking)),
      this.loadMessages(id),
    ]).catch(() => undefined);
  }

  private async loadMessages(bookingId: string) {
    const messages = await this.connection?.admin?.messages({ bookingId }).catch(() => undefined);
    if (messages && this.entry?.kind === 'booking' && this.entry.id === bookingId) this.messages = messages;
  }

  /** For the review parts, which import none of this: report a failure, return what to say. */
  private readonly describeFailure = (action: string, error: unknown): string => {
    reportError(this, action, error);
    return this.describe(error);
  };

  private describe(error: unknown): string {
    return describeError(error, this.locale, 'save', {
      timeZone: this.zone,
      practitionerName: (id) => this.data?.practitioners.find((p) => p.id === id)?.name,
    }).message;
  }

  /** Whether the role has a permission; hiding is a courtesy, the server checks every call. */
  private may(permission: string): boolean {
    return this.permissions === null || this.permissions.includes(permission);
  }

  // ---- Editing (FieldsHost) ----------------------------------------------------------------

  edit(changes: Partial<BookingForm> | Partial<WorkingTimeForm> | Partial<ActivityForm>, clear?: FieldName) {
    if (!this.form) return;
    this.form = { ...this.form, ...changes } as EntryForm;
    if (clear) this.errors = { ...this.errors, [clear]: undefined };
  }

  private emitDraft(patch: Partial<Draft>) {
    if (!this.draft) return;
    this.dispatchEvent(new TidbokDraftChangeEvent({ draft: { ...this.draft, ...patch } }));
  }

  onTimeChange(field: 'date' | 'startTime' | 'endTime', typed: string) {
    const form = this.form;
    if (!form) return;
    const value = (field === 'date' ? normaliseDate(typed) : normaliseTime(typed)) ?? typed;
    const before = intervalOf(form, this.zone);
    const next = { ...form, [field]: value };
    // Moving the start keeps the length, as dragging the block does.
    if (field !== 'endTime' && before && normaliseDate(next.date) && normaliseTime(next.startTime)) {
      const length = minutesBetween(before.start, before.end);
      next.endTime = timeOfMinutes(Math.min(minutesOfTime(next.startTime) + length, 24 * 60)).replace('24:00', '00:00');
    }
    this.form = next;
    this.timeDirty = true;
    const errors = validate(next, this.zone, this.texts.t);
    this.errors = { ...this.errors, time: errors.time };
    const times = intervalOf(next, this.zone);
    if (times) this.emitDraft({ ...times, ...(field === 'endTime' ? { lengthFromTreatment: false } : {}) });
  }

  private timeDirty = false;

  private switchForm(tab: DraftTab) {
    if (!this.form || !this.draft) return;
    this.tabForms[this.form.kind] = this.form;
    const kept = { date: this.form.date, startTime: this.form.startTime, endTime: this.form.endTime, practitionerId: this.form.practitionerId };
    this.form = { ...(this.tabForms[tab] ?? formOfDraft(tab, this.draft, this.data, this.suggestedClient, this.form)), ...kept };
  }

  selectTab(tab: DraftTab, focus = false) {
    this.switchForm(tab);
    this.errors = {};
    this.formError = '';
    this.emitDraft({ tab });
    if (focus) void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>(`[role="tab"][data-tab="${tab}"]`)?.focus());
  }

  onPractitioner(id: string) {
    if (!this.form) return;
    this.form = { ...this.form, practitionerId: id, ...(this.form.kind === 'workingTime' ? { typeIds: [] } : {}) };
    this.errors = { ...this.errors, practitioner: undefined };
    this.emitDraft({ practitionerId: id || null });
  }

  onTreatmentType(id: string) {
    if (this.form?.kind !== 'booking') return;
    this.form = { ...this.form, treatmentTypeId: id };
    this.errors = { ...this.errors, treatmentType: undefined };
    const type = this.data?.treatmentTypes.find((tt) => tt.id === id);
    const times = intervalOf(this.form, this.zone);
    if (this.draft?.lengthFromTreatment && type && times) {
      const end = addMinutes(times.start, type.durationMinutes);
      this.form = { ...this.form, ...timeFields(times.start, end, this.zone) };
      this.emitDraft({ treatmentTypeId: id, end });
    } else {
      this.emitDraft({ treatmentTypeId: id || null });
    }
  }

  // ---- Focus and closing -----------------------------------------------------------------

  private focusFirst() {
    const target = this.draft ? this.shadowRoot?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]') : this.dialog;
    target?.focus();
  }

  /** Shows a step (a question, a form of its own) and moves focus to `selector` in it. */
  goTo(step: Step, selector?: string) {
    this.endUndo();
    this.step = step;
    this.formError = '';
    void this.updateComplete.then(() => (selector ? this.shadowRoot?.querySelector<HTMLElement>(selector) : this.dialog)?.focus());
  }

  /** Back from a step to the form; focus to what asked for it (the More menu or Delete). */
  back() {
    this.step = { kind: 'form' };
    void this.updateComplete.then(() => (this.shadowRoot?.querySelector<HTMLElement>('tidbok-menu-button, [data-action="delete"]') ?? this.dialog)?.focus());
  }

  onKeydown(event: KeyboardEvent) {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    event.stopPropagation();
    if (this.step.kind !== 'form' && this.step.kind !== 'created') this.back();
    else this.close(this.step.kind === 'created' ? 'done' : 'cancel');
  }

  close(reason: 'cancel' | 'done') {
    this.endUndo();
    this.dispatchEvent(new TidbokPopupCloseEvent({ reason }));
  }

  // ---- Saving -----------------------------------------------------------------------------

  private fail(action: string, error: unknown) {
    this.formError = this.describe(error);
    reportError(this, action, error);
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('.error')?.scrollIntoView?.({ block: 'nearest' }));
  }

  done(action: CalendarChangeAction, kind: EntryKind, id: string, close = true) {
    this.dispatchEvent(new TidbokCalendarChangeEvent({ action, kind, id }));
    if (close) this.close('done');
  }

  async submit(event?: Event) {
    event?.preventDefault();
    const admin = this.connection?.admin;
    const form = this.form;
    // A hold has nothing to save: it is only released (`<tidbok-hold-review>`).
    if (!admin || this.busy || !form || this.entry?.kind === 'hold') return;
    this.endUndo();
    const errors = validate(form, this.zone, this.texts.t);
    this.errors = errors;
    const times = intervalOf(form, this.zone);
    if (Object.keys(errors).length > 0 || !times) {
      this.formError = '';
      void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('[aria-invalid="true"], tidbok-client-picker[invalid]')?.focus());
      return;
    }
    const start = new Date(times.start).toISOString();
    const end = new Date(times.end).toISOString();
    const time = this.draft || this.timeDirty ? { start, end } : {};
    this.busy = true;
    this.formError = '';
    try {
      if (form.kind === 'booking') {
        const common = { practitionerId: form.practitionerId, treatmentTypeId: form.treatmentTypeId, locationId: form.locationId || null };
        if (this.draft) {
          const booking = await admin.bookings.create({
            ...(form.client ? { clientId: form.client.id } : { client: form.newClient! }),
            ...common,
            start,
            end,
            confirmation: form.confirmation,
            ...(form.note.trim() ? { note: form.note.trim() } : {}),
          });
          const notSent = view!.notSentText(booking.notification, this.texts.t);
          if (notSent) {
            this.done('created', 'booking', booking.id, false);
            this.goTo({ kind: 'created', text: notSent }, '[data-action="close"]');
          } else this.done('created', 'booking', booking.id);
          return;
        }
        const entry = this.entry!;
        await admin.bookings.update(entry.id, {
          ...time,
          ...common,
          note: form.note,
          ...(form.client && entry.kind === 'booking' && form.client.id !== entry.clientId ? { clientId: form.client.id } : {}),
          ...(form.newClient ? { clientId: (await admin.clients.create(form.newClient)).id } : {}),
        });
        this.done('updated', 'booking', entry.id);
      } else if (form.kind === 'workingTime') {
        const body = {
          practitionerId: form.practitionerId,
          locationId: form.locationId || null,
          treatmentTypeIds: form.typeIds.length > 0 ? form.typeIds : null,
        };
        const id = this.draft
          ? (await admin.workingTimes.create({ ...body, start, end })).id
          : (await admin.workingTimes.update(this.entry!.id, { ...time, ...body })).id;
        this.done(this.draft ? 'created' : 'updated', 'workingTime', id);
      } else {
        const body = { practitionerId: form.practitionerId, title: form.title.trim() };
        const id = this.draft
          ? (await admin.activities.create({ ...body, start, end, ...(form.note.trim() ? { note: form.note.trim() } : {}) })).id
          : (await admin.activities.update(this.entry!.id, { ...time, ...body, note: form.note })).id;
        this.done(this.draft ? 'created' : 'updated', 'activity', id);
      }
    } catch (error) {
      this.fail(this.draft ? 'create' : 'update', error);
    } finally {
      this.busy = false;
    }
  }

  /** Runs a call on the open entry; on success tells the calendar and closes, unless `stay`. */
  async run(action: CalendarChangeAction, call: () => Promise<unknown>, stay = false): Promise<boolean> {
    const entry = this.entry;
    if (!entry || this.busy) return false;
    this.endUndo();
    this.busy = true;
    this.formError = '';
    this.notice = '';
    try {
      await call();
      this.done(action, entry.kind, entry.id, !stay);
      return true;
    } catch (error) {
      this.fail(action, error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  async removeEntry() {
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

  /** Återbud, sent återbud or no-show, after the question: the popup stays open offering Undo. */
  async changeStatus(action: StatusAction) {
    const admin = this.connection?.admin;
    const entry = this.entry;
    if (!admin || entry?.kind !== 'booking') return;
    const ok = await this.run(
      action === 'no-show' ? 'no-show' : 'cancelled',
      () => (action === 'no-show' ? admin.bookings.noShow(entry.id) : admin.bookings.cancel(entry.id, { late: action === 'cancel-late' })),
      true,
    );
    this.step = { kind: 'form' };
    if (!ok) return;
    this.undo = { action, id: entry.id };
    this.undoTimer = setTimeout(() => {
      // Focus on the Undo button that goes away stays in the popup, not on the page.
      const focused = this.shadowRoot?.activeElement === this.shadowRoot?.querySelector('[data-action="undo"]');
      this.endUndo();
      if (focused) void this.updateComplete.then(() => this.dialog?.focus());
    }, this.undoFor);
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('[data-action="undo"]')?.focus());
    void this.loadMessages(entry.id);
  }

  /** Undo: the booking is booked again if its time is still free (else the conflict is said). */
  async restore() {
    const admin = this.connection?.admin;
    const undo = this.undo;
    if (!admin || !undo) return;
    let restored: Booking | undefined;
    const ok = await this.run('updated', async () => (restored = await admin.bookings.restore(undo.id)), true);
    if (ok) {
      this.notice = view!.undoneText(restored?.notification, this.texts.t);
      void this.loadMessages(undo.id);
    }
    void this.updateComplete.then(() => this.dialog?.focus());
  }

  endUndo() {
    clearTimeout(this.undoTimer);
    this.undo = null;
  }

  async printReceipt(id: string) {
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

  onMore(id: string) {
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
      case 'no-show':
        this.goTo({ kind: 'status', action: id }, '[data-action="keep"]');
        break;
      case 'pay':
        this.goTo({ kind: 'pay', method: 'card' }, '.pay select');
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
        this.goTo({ kind: 'delete' }, '[data-action="keep"]');
        break;
    }
  }

  // ---- Rendering (the header, tabs and footer are parts.ts) ----------------------------------

  timeLabel(): string {
    // A hold has no form: its own times.
    const fields = this.form ?? (this.entry ? timeFields(Date.parse(this.entry.start), Date.parse(this.entry.end), this.zone) : null);
    if (!fields || !intervalOf({ ...fields, practitionerId: '' }, this.zone)) return '';
    const day = formatLocalDate(fields.date, this.locale, { weekday: 'short', day: 'numeric', month: 'short' });
    return `${day} ${fields.startTime}–${fields.endTime === '00:00' ? '24:00' : fields.endTime}`;
  }

  private accent(): string {
    const kind = this.form?.kind ?? this.entry?.kind;
    if (kind === 'activity') return ACTIVITY_COLOR;
    if (kind === 'workingTime') return '#3a8a55';
    if (kind === 'hold') return 'var(--tidbok-hold-color, #f8c8dc)';
    const type = this.form?.kind === 'booking' ? this.data?.treatmentTypes.find((tt) => tt.id === (this.form as BookingForm).treatmentTypeId) : undefined;
    return type?.color ?? 'var(--_primary)';
  }

  renderDuplicate() {
    const entry = this.entry;
    const client = this.form?.kind === 'booking' ? this.form.client : null;
    if (entry?.kind !== 'booking' || !client?.duplicateOf || !this.may('client-records')) return nothing;
    return html`<tidbok-duplicate-notice
      .admin=${this.connection?.admin}
      .locale=${this.locale}
      .client=${client}
      .describe=${this.describeFailure}
      may-act
      @tidbok-review-done=${(e: CustomEvent<{ result: Client }>) => {
        // The booking is the stored client's now: show them, and let the calendar redraw.
        this.edit({ client: e.detail.result });
        this.dispatchEvent(new TidbokCalendarChangeEvent({ action: 'merged', kind: 'booking', id: entry.id }));
      }}
    ></tidbok-duplicate-notice>`;
  }

  private renderBody(): TemplateResult | typeof nothing {
    const entry = this.entry;
    if (this.step.kind === 'created') return html`<p class="notice" role="alert" part="not-sent">${this.step.text}</p>`;
    if (entry?.kind === 'hold') {
      const practitioner = this.data?.practitioners.find((p) => p.id === entry.practitionerId);
      return html`
        <p>${this.texts.t('practitioner')}: <strong>${practitioner?.name ?? ''}</strong></p>
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
    return html`${this.form ? view!.renderFields(this, this.form) : nothing}
    ${entry?.kind === 'booking' && this.messages ? view!.renderMessages(this.messages, this.zone, this.locale, this.texts.t) : nothing}
    ${/* Receipt hook (receipt/view.ts): a paid booking's receipt, with its Print button. */ receiptView(this.draft ? null : entry, this.locale)}`;
  }

  /** The text of the status question, for parts.ts. */
  question(action: StatusAction): string[] {
    const entry = this.entry;
    return entry?.kind === 'booking' ? view!.statusQuestion(action, entry, this.booking, this.clock.now(), this.timeLabel(), this.texts.t) : [];
  }

  statusVerb = (action: StatusAction) => view!.statusVerb(action, this.texts.t);
  statusDone = (action: StatusAction) => view!.statusDone(action, this.texts.t);
  menuItems = () =>
    this.entry?.kind === 'booking' ? view!.moreItems(this.entry, this.features, { now: this.clock.now(), mayVoid: this.mayVoid, t: this.texts.t }) : [];

  /** Waits for the templates (view.ts) too, so `updateComplete` means the popup is drawn. */
  protected override async getUpdateComplete(): Promise<boolean> {
    if ((this.draft || this.entry) && !view) await loadView().catch(() => undefined);
    return super.getUpdateComplete();
  }

  override render() {
    if (!this.draft && !this.entry) return nothing;
    if (!view) {
      void loadView().then(
        () => this.requestUpdate(),
        (error: unknown) => reportError(this, 'load', error),
      );
      return nothing;
    }
    const titleId = `${this.uid}-title-h`;
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
        ${view.renderHeader(this)} ${this.draft && this.step.kind !== 'created' ? view.renderTabs(this, this.form?.kind ?? this.draft.tab) : nothing}
        <form novalidate @submit=${this.submit} style="display:contents">
          <div
            class="body"
            id="${this.uid}-panel"
            role=${this.draft ? 'tabpanel' : 'group'}
            aria-labelledby=${this.draft ? `${this.uid}-tab-${this.form?.kind ?? 'booking'}` : titleId}
          >
            ${this.renderBody()} ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
            <p class="sr" role="status">${this.notice}</p>
            ${this.notice ? html`<p class="notice" part="undone" aria-hidden="true">${this.notice}</p>` : nothing}
          </div>
          <footer part="footer">${view.renderFooter(this)}</footer>
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
