import { ContextConsumer } from '@lit/context';
import { addLocalDays, isLocalDate, mondayOf } from '@tidbok/core';
import type { CalendarEntry, Client } from '@tidbok/sdk';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { type TidbokConnection, tidbokContext } from '../context.js';
import { type Locale, pickLocale, translate } from '../i18n.js';
import { reportError } from '../shared/errors.js';
import { LoadController } from '../shared/load.js';
import { CalendarFeedController } from './calendar-feed-controller.js';
import { calendarStyles } from './calendar.styles.js';
import { loadClinicData, type ClinicData } from './clinic-data.js';
import { readableColors, tint } from './colors.js';
import { controlStyles } from '../shared/controls.styles.js';
import { theme } from '../shared/styles.js';
import { describeError } from '../shared/describe-error.js';
import { formatLocalDate, isoWeek } from '../shared/format.js';
import {
  type CalendarChangeAction,
  type CalendarChangeDetail,
  type Draft,
  type DraftTab,
  type EntryKind,
  type SlotPickDetail,
  TidbokCalendarChangeEvent,
  TidbokWeekChangeEvent,
} from './events.js';
import { type CalendarMessageKey, calendarMessages } from './messages.js';
import { SERVER_FEATURES, type ServerFeatures } from './server-features.js';
import { booleanDefaultTrue, DEFAULT_VIEW, loadView, normalizeView, saveView, type ViewSettings } from './view-settings.js';
import { addMinutes, clockTime, daySegments, instantAt, layoutLanes, snapMinutes, timeOfMinutes, todayIn, wallClock, weekDays, weekRange } from './week.js';

/** Minutes every move, resize and new block snaps to. */
const SNAP = 15;
/** Pixels a pointer must travel before a press becomes a drag. */
const DRAG_THRESHOLD = 4;
/** Width in pixels of one practitioner's working-time rail when everyone is shown. */
const RAIL = 8;
/** How long keyboard moves wait for the next key before the server is asked. */
const KEY_COMMIT_DELAY = 600;

type Gesture = {
  type: 'create' | 'move' | 'resize-start' | 'resize-end';
  /** The entry being moved or resized; absent for the draft and for creating. */
  entry?: CalendarEntry;
  draft?: boolean;
  startX: number;
  startY: number;
  /** Where the press was, on the grid. */
  day: number;
  minutes: number;
  /** The block's interval when the press began. */
  origin: { start: number; end: number };
  moved: boolean;
};

interface Override {
  start: number;
  end: number;
  /** Sent to the server, answer not in yet. */
  pending?: boolean;
}

interface Placed {
  entry: CalendarEntry | null;
  start: number;
  end: number;
  top: number;
  bottom: number;
  startsHere: boolean;
  endsHere: boolean;
  /** The block lies wholly above or below the visible hours and is drawn as a thin marker there. */
  outside?: 'before' | 'after';
}

type Focusable = { entryId: string } | { day: number } | { selector: string };

/**
 * @summary The staff week calendar: days as columns, time as rows; bookings in their treatment
 * colour, activities purple, working time as a background band, holds light pink without text.
 * Double-click or drag to create (popup with tabs Booking / Working time / Activity), drag to
 * move and resize, the More menu on a booking, the Book button's free times, and "Delete → All
 * visible working time".
 *
 * Needs a staff connection from `<tidbok-provider>` or `<tidbok-admin>` above it. Times are
 * shown in the clinic's time zone, whatever the browser's.
 *
 * Keyboard: each day is a slider for a new entry's time (Up/Down, Shift+Up/Down for length,
 * Enter creates); each entry is a button (Enter opens; Shift+arrows move it by 15 minutes or a
 * day); Escape closes popups and focus returns to where it was.
 *
 * @event tidbok-calendar-change - A change was saved: `{ action, kind, id }`.
 * @event tidbok-error - Something failed: `{ code, action, error }`; the message is shown in place.
 * @event tidbok-week-change - The week or practitioner filter changed: `{ weekStart, practitionerId }`.
 *
 * @csspart toolbar - The bar with navigation, filter and actions.
 * @csspart title - The week's title.
 * @csspart book-button - The Book button.
 * @csspart view-panel - The view settings (hours, weekends).
 * @csspart grid - The scrolling week grid.
 * @csspart day - A day's column body (the new-entry slider).
 * @csspart entry - Any block; also `booking`, `activity`, `hold`, `cancelled`, `no-show`, `paid`.
 * @csspart working-time - A working time band.
 * @csspart draft - The block of a new entry.
 * @csspart notice - A message (conflicts, confirmations).
 * @csspart status - The line above the grid saying the week is loading, or empty; always one line high.
 *
 * @slot tools - Extra tools for the toolbar (e.g. `<tidbok-template-weeks>`); the calendar fetches
 *   the week again when one fires `tidbok-template-applied` or `tidbok-working-time-deleted`.
 *
 * @cssproperty --tidbok-hour-height - Height of one hour (default 48px).
 * @cssproperty --tidbok-calendar-max-height - Scroll the grid beyond this height.
 * @cssproperty --tidbok-activity-color - Activities (default purple #8e44ad).
 * @cssproperty --tidbok-hold-color - Holds (default light pink #f8c8dc).
 * @cssproperty --tidbok-working-time-color - Working time bands.
 * @cssproperty --tidbok-primary - Accent colour. See also the other `--tidbok-*` theme properties.
 */
export class TidbokCalendar extends LitElement {
  static override styles = [theme, controlStyles, calendarStyles];

  static override properties = {
    connection: { attribute: false },
    locale: {},
    date: {},
    practitioner: {},
    startHour: { type: Number, attribute: 'start-hour' },
    endHour: { type: Number, attribute: 'end-hour' },
    hideWeekends: { attribute: 'hide-weekends', converter: booleanDefaultTrue },
    pollInterval: { type: Number, attribute: 'poll-interval' },
    selectedClient: { attribute: false },
    features: { attribute: false },
    weekStart: { state: true },
    draft: { state: true },
    openEntryId: { state: true },
    popupAnchor: { state: true },
    bookOpen: { state: true },
    bookAnchor: { state: true },
    viewOpen: { state: true },
    overrides: { state: true },
    notice: { state: true },
    announcement: { state: true },
    cursor: { state: true },
    dragId: { state: true },
    confirming: { state: true },
  };

  connection: TidbokConnection | undefined;
  // `@consume` as a controller (no decorator code): keeps `connection` set to the provider's value.
  readonly #connectionConsumer = new ContextConsumer(this, { context: tidbokContext, subscribe: true, callback: (value) => (this.connection = value) });

  /** `sv` or `en`; defaults to the connection's, then the clinic's language. */
  locale: Locale | undefined;
  /** A local date (`YYYY-MM-DD`) in the week shown first; today when absent. */
  date = '';
  /** The practitioner the calendar is filtered on (an id), or empty for everyone. */
  practitioner = '';
  /** First hour shown (0–23). Remembered per clinic in this browser once changed in "View". */
  startHour = DEFAULT_VIEW.startHour;
  /** Hour the day ends (1–24). */
  endHour = DEFAULT_VIEW.endHour;
  /** Hides Saturday and Sunday (default); `hide-weekends="false"` shows them. */
  hideWeekends = DEFAULT_VIEW.hideWeekends;
  /** How often to look for changes (new holds, other staff's edits), in ms. */
  pollInterval = 5000;
  /** The client selected in a side panel; suggested for new bookings. */
  selectedClient: Client | null = null;
  /** Which later-issue server features to offer; see `server-features.ts`. */
  features: ServerFeatures = SERVER_FEATURES;

  private weekStart = '';
  private draft: Draft | null = null;
  private openEntryId: string | null = null;
  private popupAnchor: DOMRect | null = null;
  private bookOpen = false;
  private bookAnchor: DOMRect | null = null;
  private viewOpen = false;
  private overrides = new Map<string, Override>();
  private notice: { text: string; tone: 'info' | 'error' } | null = null;
  private announcement = '';
  private cursor: { day: number; minutes: number; length: number } | null = null;
  private dragId: string | null = null;
  private confirming = false;

  private get confirmDialog(): HTMLDialogElement | undefined {
    return this.renderRoot?.querySelector<HTMLDialogElement>('dialog') ?? undefined;
  }

  /** Settings and catalogue, loaded again for another staff client (willUpdate) and on `reloadClinicData()`. */
  private readonly clinic = new LoadController<ClinicData>(this, {
    task: (signal) => loadClinicData(this.connection!.admin!, signal),
    onError: (error) => reportError(this, 'load', error),
  });
  private clinicFor: unknown;
  private readonly feed = new CalendarFeedController(this, {
    query: () => this.feedQuery(),
    intervalMs: () => this.pollInterval,
    onError: (error) => reportError(this, 'refresh', error),
    visible: () => (typeof this.checkVisibility === 'function' ? this.checkVisibility() : true),
  });

  private gesture: Gesture | null = null;
  private draftKey = 0;
  private viewKey = '';
  private returnFocus: Focusable | null = null;
  private focusAfterRender: Focusable | null = null;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private keyMoves = new Map<string, { entry: CalendarEntry; timer: ReturnType<typeof setTimeout> }>();

  // ---- Derived values --------------------------------------------------------------------

  private get language(): Locale {
    return pickLocale(this.locale, this.connection?.locale, this.clinic.value?.settings.locale, navigator.language);
  }

  private t(key: CalendarMessageKey, values?: Record<string, string | number>) {
    return translate(calendarMessages, this.language, key, values);
  }

  private get zone(): string | undefined {
    return this.clinic.value?.settings.timeZone;
  }

  private get days(): string[] {
    return this.weekStart ? weekDays(this.weekStart, this.hideWeekends) : [];
  }

  private get range(): { from: number; to: number } {
    const view = normalizeView({ startHour: this.startHour, endHour: this.endHour });
    return { from: view.startHour * 60, to: view.endHour * 60 };
  }

  private feedQuery() {
    const admin = this.connection?.admin;
    const zone = this.zone;
    if (!admin || !zone || !this.weekStart) return undefined;
    return { admin, ...weekRange(this.weekStart, zone), practitionerId: this.practitioner || undefined };
  }

  /** The feed's entries with moves in progress applied. */
  private get entries(): CalendarEntry[] {
    if (this.overrides.size === 0) return this.feed.entries;
    return this.feed.entries.map((entry) => {
      const override = this.overrides.get(entry.id);
      return override ? { ...entry, start: new Date(override.start).toISOString(), end: new Date(override.end).toISOString() } : entry;
    });
  }

  // ---- Public API -------------------------------------------------------------------------

  /** The Monday (local date) of the week shown. */
  get shownWeek(): string {
    return this.weekStart;
  }

  /** Fetches the week again now. */
  refresh(): Promise<void> {
    return this.feed.refresh();
  }

  /** Reloads settings and the catalogue (after the settings screens changed them). */
  reloadClinicData(): Promise<void> {
    return this.connection?.admin ? this.clinic.run() : Promise.resolve();
  }

  /** Shows the week that contains `date` (a local date). */
  goToWeek(date: string) {
    if (!isLocalDate(date)) return;
    const monday = mondayOf(date);
    if (monday === this.weekStart) return;
    this.closePopup(false);
    this.weekStart = monday;
  }

  // ---- Lifecycle --------------------------------------------------------------------------

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.endGesture();
    clearTimeout(this.noticeTimer);
    for (const { timer } of this.keyMoves.values()) clearTimeout(timer);
    this.keyMoves.clear();
  }

  override willUpdate(changed: PropertyValues<this>) {
    const admin = this.connection?.admin;
    if (admin !== this.clinicFor) {
      // Another client may be another clinic or another person: nothing of the old one stays.
      this.clinicFor = admin;
      this.clinic.reset();
      if (admin) void this.clinic.run();
    }
    const key = this.connection ? `${this.connection.api}|${this.connection.clinic}` : '';
    if (key && key !== this.viewKey) {
      this.viewKey = key;
      const stored = loadView(key);
      if (stored) this.applyView(normalizeView({ startHour: this.startHour, endHour: this.endHour, hideWeekends: this.hideWeekends, ...stored }), false);
    }
    if (changed.has('date') && isLocalDate(this.date)) this.weekStart = mondayOf(this.date);
    if (!this.weekStart && this.zone) this.weekStart = mondayOf(isLocalDate(this.date) ? this.date : todayIn(this.zone));
  }

  constructor() {
    super();
    // The template weeks panel (placed in the `tools` slot or beside the calendar) pastes and
    // deletes working time: show the result at once instead of at the next poll.
    const refresh = () => void this.feed.refresh();
    this.addEventListener('tidbok-template-applied', refresh);
    this.addEventListener('tidbok-working-time-deleted', refresh);
  }

  protected override updated(changed: PropertyValues<this>) {
    const keys = changed as Map<string, unknown>;
    if (this.weekStart && (keys.has('weekStart') || keys.has('practitioner'))) {
      this.dispatchEvent(new TidbokWeekChangeEvent({ weekStart: this.weekStart, practitionerId: this.practitioner || null }));
    }
    const target = this.focusAfterRender;
    if (target) {
      this.focusAfterRender = null;
      this.findFocusable(target)?.focus();
    }
  }

  private findFocusable(target: Focusable): HTMLElement | null {
    const root = this.shadowRoot;
    if (!root) return null;
    if ('entryId' in target) return root.querySelector<HTMLElement>(`[data-entry-id="${CSS.escape(target.entryId)}"][tabindex]`);
    if ('day' in target) return root.querySelector<HTMLElement>(`.day-body[data-day="${target.day}"]`);
    return root.querySelector<HTMLElement>(target.selector);
  }

  /** What focus should go back to: the focused entry, day or toolbar control. */
  private currentFocus(): Focusable | null {
    const active = this.shadowRoot?.activeElement as HTMLElement | null;
    if (!active) return null;
    const entryId = active.closest<HTMLElement>('[data-entry-id]')?.dataset.entryId;
    if (entryId) return { entryId };
    const day = active.closest<HTMLElement>('.day-body')?.dataset.day;
    if (day !== undefined) return { day: Number(day) };
    if (active.id) return { selector: `#${CSS.escape(active.id)}` };
    return null;
  }

  // ---- View settings ----------------------------------------------------------------------

  private applyView(view: ViewSettings, persist: boolean) {
    this.startHour = view.startHour;
    this.endHour = view.endHour;
    this.hideWeekends = view.hideWeekends;
    if (persist && this.viewKey) saveView(this.viewKey, view);
  }

  private changeView(patch: Partial<ViewSettings>) {
    this.applyView(normalizeView({ startHour: this.startHour, endHour: this.endHour, hideWeekends: this.hideWeekends, ...patch }), true);
  }

  private resetView() {
    if (this.viewKey) saveView(this.viewKey, null);
    this.applyView({ ...DEFAULT_VIEW }, false);
  }

  // ---- Navigation -------------------------------------------------------------------------

  private shiftWeek(weeks: number) {
    if (!this.weekStart) return;
    this.goToWeek(addLocalDays(this.weekStart, weeks * 7));
  }

  private goToday() {
    if (this.zone) this.goToWeek(todayIn(this.zone));
  }

  private setFilter(practitionerId: string) {
    this.practitioner = practitionerId;
    this.closePopup(false);
  }

  // ---- Messages ---------------------------------------------------------------------------

  private say(text: string, tone: 'info' | 'error' = 'info') {
    clearTimeout(this.noticeTimer);
    this.notice = { text, tone };
    this.announcement = tone === 'info' ? text : '';
    if (tone === 'info') this.noticeTimer = setTimeout(() => (this.notice = null), 6000);
  }

  private report(action: string, error: unknown, context: 'move' | 'save') {
    this.say(describeError(error, this.language, context).message, 'error');
    reportError(this, action, error);
  }

  private kindName(kind: EntryKind | DraftTab): string {
    return this.t(kind === 'booking' ? 'kindBooking' : kind === 'activity' ? 'kindActivity' : 'kindWorkingTime');
  }

  /** "Bokningen" / "The booking": the subject of a sentence about an entry. */
  private theKind(kind: EntryKind | DraftTab): string {
    return this.t(kind === 'booking' ? 'theBooking' : kind === 'activity' ? 'theActivity' : 'theWorkingTime');
  }

  // ---- Popups -----------------------------------------------------------------------------

  private async openDraft(draft: Omit<Draft, 'key'>) {
    this.returnFocus = this.currentFocus() ?? this.returnFocus;
    this.bookOpen = false;
    this.openEntryId = null;
    this.draft = { ...draft, key: ++this.draftKey };
    await this.updateComplete;
    this.popupAnchor = this.shadowRoot?.querySelector('[part~="draft"]')?.getBoundingClientRect() ?? null;
  }

  private async openEntry(entry: CalendarEntry) {
    // A hold opens too: staff see where it came from and may release it (issue 17, item 6).
    if (entry.kind === 'busy') return;
    this.returnFocus = { entryId: entry.id };
    this.draft = null;
    this.bookOpen = false;
    this.openEntryId = entry.id;
    const element = this.findFocusable({ entryId: entry.id });
    this.popupAnchor = element?.getBoundingClientRect() ?? null;
  }

  private closePopup(restoreFocus = true) {
    const hadPopup = this.draft !== null || this.openEntryId !== null || this.bookOpen;
    this.draft = null;
    this.openEntryId = null;
    this.bookOpen = false;
    this.popupAnchor = null;
    if (restoreFocus && hadPopup && this.returnFocus) this.focusAfterRender = this.returnFocus;
    this.returnFocus = null;
  }

  private onPopupChange(event: CustomEvent<CalendarChangeDetail>) {
    const { action, kind } = event.detail;
    const what = this.theKind(kind);
    const messages: Partial<Record<CalendarChangeAction, string>> = {
      created: this.t('created', { what, time: this.draftTimeLabel() }),
      updated: this.t('saved'),
      deleted: this.t('deleted', { what }),
      cancelled: this.t('markedCancelled'),
      'no-show': this.t('markedNoShow'),
      'confirmation-sent': this.t('confirmationSent'),
      'receipt-sent': this.t('receiptSent'),
      paid: this.t('saved'),
      released: this.t('holdReleased'),
      merged: this.t('clientsMerged'),
    };
    const text = messages[action];
    if (text) this.say(text);
    void this.feed.refresh();
  }

  private draftTimeLabel(): string {
    const zone = this.zone;
    if (!this.draft || !zone) return '';
    const { date } = wallClock(this.draft.start, zone);
    return `${formatLocalDate(date, this.language, { weekday: 'short', day: 'numeric', month: 'short' })} ${clockTime(this.draft.start, zone)}`;
  }

  private async onSlotPick(detail: SlotPickDetail) {
    const zone = this.zone;
    if (!zone) return;
    const start = Date.parse(detail.slot.start);
    this.bookOpen = false;
    this.goToWeek(wallClock(start, zone).date);
    this.returnFocus = { selector: '[part~="book-button"]' };
    await this.updateComplete;
    await this.openDraft({
      start,
      end: Date.parse(detail.slot.end),
      tab: 'booking',
      practitionerId: detail.slot.practitionerId,
      treatmentTypeId: detail.treatmentTypeId,
      locationId: detail.slot.locationId,
      lengthFromTreatment: true,
    });
    this.returnFocus = { selector: '[part~="book-button"]' };
  }

  private toggleBook() {
    if (this.bookOpen) {
      this.closePopup();
      return;
    }
    this.draft = null;
    this.openEntryId = null;
    this.returnFocus = { selector: '[part~="book-button"]' };
    this.bookAnchor = this.findFocusable({ selector: '[part~="book-button"]' })?.getBoundingClientRect() ?? null;
    this.bookOpen = true;
  }

  // ---- Grid geometry ----------------------------------------------------------------------

  private dayColumns(): HTMLElement[] {
    return [...(this.shadowRoot?.querySelectorAll<HTMLElement>('.day') ?? [])];
  }

  /** The day column and wall-clock minutes under a point on screen (clamped into the grid). */
  private positionAt(x: number, y: number): { day: number; minutes: number } | null {
    const columns = this.dayColumns();
    if (columns.length === 0) return null;
    let day = columns.findIndex((column) => {
      const rect = column.getBoundingClientRect();
      return x >= rect.left && x < rect.right;
    });
    if (day === -1) day = x < columns[0]!.getBoundingClientRect().left ? 0 : columns.length - 1;
    const rect = columns[day]!.getBoundingClientRect();
    const { from, to } = this.range;
    const fraction = Math.min(1, Math.max(0, (y - rect.top) / rect.height));
    return { day, minutes: from + fraction * (to - from) };
  }

  private dayDistance(a: string, b: string): number {
    return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
  }

  // ---- Pointer gestures -------------------------------------------------------------------

  private onPointerDown(event: PointerEvent) {
    if (event.button !== 0 || this.gesture) return;
    const target = event.target as HTMLElement;
    const zone = this.zone;
    if (!zone) return;
    // A press outside an open popup's block closes the popup (and does nothing else).
    const onDraft = target.closest('[part~="draft"]');
    const entryElement = target.closest<HTMLElement>('[data-entry-id]');
    if ((this.draft && !onDraft) || (this.openEntryId && entryElement?.dataset.entryId !== this.openEntryId) || this.bookOpen) {
      this.closePopup(false);
      return;
    }
    const at = this.positionAt(event.clientX, event.clientY);
    if (!at) return;
    const handle = target.closest<HTMLElement>('[data-handle]')?.dataset.handle;
    const base = { startX: event.clientX, startY: event.clientY, day: at.day, minutes: at.minutes, moved: false };

    if (onDraft && this.draft) {
      const type = handle === 'start' ? 'resize-start' : handle === 'end' ? 'resize-end' : 'move';
      this.gesture = { ...base, type, draft: true, origin: { start: this.draft.start, end: this.draft.end } };
    } else if (entryElement) {
      const entry = this.feed.entries.find((e) => e.id === entryElement.dataset.entryId);
      if (!entry || entry.kind === 'hold' || entry.kind === 'busy') return;
      const bandBody = entry.kind === 'workingTime' && !handle;
      if (bandBody) {
        // The body of a working-time band is where bookings are made: it creates, like the day.
        this.gesture = { ...base, type: 'create', origin: { start: 0, end: 0 } };
      } else {
        const type = handle === 'start' ? 'resize-start' : handle === 'end' ? 'resize-end' : 'move';
        this.gesture = { ...base, type, entry, origin: { start: Date.parse(entry.start), end: Date.parse(entry.end) } };
      }
    } else if (target.closest('.day')) {
      this.gesture = { ...base, type: 'create', origin: { start: 0, end: 0 } };
    } else {
      return;
    }
    window.addEventListener('pointermove', this.onPointerMove);
    window.addEventListener('pointerup', this.onPointerUp);
    window.addEventListener('pointercancel', this.onPointerCancel);
  }

  private readonly onPointerMove = (event: PointerEvent) => {
    const g = this.gesture;
    const zone = this.zone;
    if (!g || !zone) return;
    if (!g.moved && Math.hypot(event.clientX - g.startX, event.clientY - g.startY) < DRAG_THRESHOLD) return;
    g.moved = true;
    event.preventDefault();
    const at = this.positionAt(event.clientX, event.clientY);
    const days = this.days;
    if (!at) return;
    const anchorDate = days[g.day];
    if (!anchorDate) return;

    if (g.type === 'create') {
      const low = Math.min(g.minutes, at.minutes);
      const high = Math.max(g.minutes, at.minutes);
      const from = snapMinutes(low, SNAP, 'floor');
      const to = Math.max(from + SNAP, Math.ceil(high / SNAP) * SNAP);
      const start = instantAt(anchorDate, from, zone);
      const end = instantAt(anchorDate, Math.min(to, 24 * 60), zone);
      const previous = this.draft;
      this.draft = {
        key: previous?.key ?? ++this.draftKey,
        start,
        end,
        // The seed: "a drag creates an activity by default".
        tab: 'activity',
        practitionerId: this.suggestedPractitioner(start, end),
        treatmentTypeId: null,
        locationId: this.suggestedLocation(start, end),
        lengthFromTreatment: false,
      };
      return;
    }

    const { start: originStart, end: originEnd } = g.origin;
    let start = originStart;
    let end = originEnd;
    if (g.type === 'move') {
      const targetDate = days[at.day] ?? anchorDate;
      const dayShift = this.dayDistance(anchorDate, targetDate);
      const origin = wallClock(originStart, zone);
      const minutes = snapMinutes(origin.minutes + (at.minutes - g.minutes), SNAP);
      start = instantAt(addLocalDays(origin.date, dayShift), Math.max(0, minutes), zone);
      end = start + (originEnd - originStart);
    } else {
      const minutes = snapMinutes(at.minutes, SNAP);
      const edge = instantAt(anchorDate, minutes, zone);
      if (g.type === 'resize-end') end = Math.max(edge, addMinutes(originStart, SNAP));
      else start = Math.min(edge, addMinutes(originEnd, -SNAP));
    }
    if (g.draft && this.draft) {
      this.draft = { ...this.draft, start, end, ...(g.type === 'move' ? {} : { lengthFromTreatment: false }) };
    } else if (g.entry) {
      this.dragId = g.entry.id;
      this.overrides = new Map(this.overrides).set(g.entry.id, { start, end });
    }
  };

  private readonly onPointerUp = (event: PointerEvent) => {
    const g = this.gesture;
    this.endGesture();
    if (!g) return;
    if (g.type === 'create') {
      if (g.moved && this.draft) void this.openDraft(this.draft);
      return;
    }
    if (g.draft) {
      if (!g.moved) (event.target as HTMLElement | null)?.closest<HTMLElement>('[part~="draft"]')?.focus();
      return;
    }
    const entry = g.entry;
    if (!entry) return;
    if (!g.moved) {
      void this.openEntry(entry);
      return;
    }
    const override = this.overrides.get(entry.id);
    if (override) void this.commit(entry, override.start, override.end);
  };

  private readonly onPointerCancel = () => {
    const g = this.gesture;
    this.endGesture();
    if (g?.entry) this.dropOverride(g.entry.id);
    if (g?.type === 'create' && this.draft && !this.popupAnchor) this.draft = null;
  };

  private endGesture() {
    this.gesture = null;
    this.dragId = null;
    window.removeEventListener('pointermove', this.onPointerMove);
    window.removeEventListener('pointerup', this.onPointerUp);
    window.removeEventListener('pointercancel', this.onPointerCancel);
  }

  private onDoubleClick(event: MouseEvent) {
    const target = event.target as HTMLElement;
    const zone = this.zone;
    const entryElement = target.closest<HTMLElement>('[data-entry-id]');
    // Double-clicking a booking or activity opens it (the first click did); only the day and
    // working time bands create.
    if (!zone || target.closest('[part~="draft"]') || (entryElement && entryElement.dataset.kind !== 'workingTime')) return;
    if (target.closest('[data-handle]')) return;
    const at = this.positionAt(event.clientX, event.clientY);
    const date = at ? this.days[at.day] : undefined;
    if (!at || !date) return;
    const from = snapMinutes(at.minutes, SNAP, 'floor');
    this.createAt(date, from, 60, 'booking');
  }

  /** A draft on `date` from `from` minutes for `length` minutes, and the popup for it. */
  private createAt(date: string, from: number, length: number, tab: DraftTab) {
    const zone = this.zone;
    if (!zone) return;
    const start = instantAt(date, from, zone);
    const end = instantAt(date, Math.min(from + length, 24 * 60), zone);
    void this.openDraft({
      start,
      end,
      tab,
      practitionerId: this.suggestedPractitioner(start, end),
      treatmentTypeId: null,
      locationId: this.suggestedLocation(start, end),
      // Double-click and keyboard make a default-length block: the treatment type sets its length.
      lengthFromTreatment: tab === 'booking',
    });
  }

  /** The seed: "the practitioner the calendar is filtered on is suggested"; else the working time's. */
  private suggestedPractitioner(start: number, end: number): string | null {
    if (this.practitioner) return this.practitioner;
    const band = this.bandAt(start, end);
    return band?.practitionerId ?? this.clinic.value?.practitioners[0]?.id ?? null;
  }

  private suggestedLocation(start: number, end: number): string | null {
    const band = this.bandAt(start, end);
    if (band?.kind === 'workingTime' && band.locationId) return band.locationId;
    return this.clinic.value?.locations[0]?.id ?? null;
  }

  private bandAt(start: number, end: number): Extract<CalendarEntry, { kind: 'workingTime' }> | undefined {
    return this.feed.entries.find(
      (e): e is Extract<CalendarEntry, { kind: 'workingTime' }> =>
        e.kind === 'workingTime' && Date.parse(e.start) <= start && Date.parse(e.end) >= Math.min(end, start + 1),
    );
  }

  // ---- Saving moves -----------------------------------------------------------------------

  private dropOverride(id: string) {
    if (!this.overrides.has(id)) return;
    const next = new Map(this.overrides);
    next.delete(id);
    this.overrides = next;
  }

  /** Sends a move or resize; the server decides. A refusal snaps the block back and says why. */
  private async commit(entry: CalendarEntry, start: number, end: number) {
    const admin = this.connection?.admin;
    const zone = this.zone;
    const originalStart = Date.parse(entry.start);
    const originalEnd = Date.parse(entry.end);
    if (!admin || !zone || entry.kind === 'hold' || entry.kind === 'busy' || (start === originalStart && end === originalEnd)) {
      this.dropOverride(entry.id);
      return;
    }
    this.overrides = new Map(this.overrides).set(entry.id, { start, end, pending: true });
    const patch = { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
    try {
      if (entry.kind === 'booking') await admin.bookings.update(entry.id, patch);
      else if (entry.kind === 'activity') await admin.activities.update(entry.id, patch);
      else await admin.workingTimes.update(entry.id, patch);
      // Keep the new place on screen until the refetch confirms it.
      this.feed.entries = this.feed.entries.map((e) => (e.id === entry.id ? { ...e, ...patch } : e));
      this.dropOverride(entry.id);
      const { date } = wallClock(start, zone);
      this.announcement = this.t('moved', {
        what: this.theKind(entry.kind),
        day: formatLocalDate(date, this.language, { weekday: 'long', day: 'numeric', month: 'long' }),
        time: `${clockTime(start, zone)}–${clockTime(end, zone)}`,
      });
      this.dispatchEvent(new TidbokCalendarChangeEvent({ action: 'moved', kind: entry.kind, id: entry.id }));
      void this.feed.refresh();
    } catch (error) {
      this.dropOverride(entry.id);
      this.report('move', error, 'move');
    }
  }

  // ---- Keyboard ---------------------------------------------------------------------------

  private onEntryKeydown(event: KeyboardEvent, entry: CalendarEntry) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      void this.openEntry(entry);
      return;
    }
    if (!event.shiftKey || !event.key.startsWith('Arrow') || entry.kind === 'hold' || entry.kind === 'busy') return;
    event.preventDefault();
    const zone = this.zone;
    if (!zone) return;
    const current = this.overrides.get(entry.id) ?? { start: Date.parse(entry.start), end: Date.parse(entry.end) };
    const length = current.end - current.start;
    let start = current.start;
    if (event.key === 'ArrowUp') start = addMinutes(start, -SNAP);
    else if (event.key === 'ArrowDown') start = addMinutes(start, SNAP);
    else {
      // A day at a time, skipping the days that are hidden.
      const { date, minutes } = wallClock(start, zone);
      const step = event.key === 'ArrowLeft' ? -1 : 1;
      let next = addLocalDays(date, step);
      for (let i = 0; i < 7 && !this.days.includes(next); i++) next = addLocalDays(next, step);
      start = instantAt(next, minutes, zone);
    }
    this.overrides = new Map(this.overrides).set(entry.id, { start, end: start + length });
    this.focusAfterRender = { entryId: entry.id };
    const pending = this.keyMoves.get(entry.id);
    clearTimeout(pending?.timer);
    const original = pending?.entry ?? entry;
    this.keyMoves.set(entry.id, {
      entry: original,
      timer: setTimeout(() => {
        this.keyMoves.delete(entry.id);
        const latest = this.overrides.get(entry.id);
        if (latest) void this.commit(original, latest.start, latest.end);
      }, KEY_COMMIT_DELAY),
    });
  }

  /** The keyboard cursor of a day: where it was, else where the day's first working time starts. */
  private cursorFor(day: number): { day: number; minutes: number; length: number } {
    if (this.cursor) return { ...this.cursor, day };
    const { from, to } = this.range;
    const date = this.days[day];
    const zone = this.zone;
    let minutes = from;
    if (date && zone) {
      const band = this.feed.entries.find((e) => e.kind === 'workingTime' && wallClock(Date.parse(e.start), zone).date === date);
      if (band) minutes = Math.min(Math.max(from, wallClock(Date.parse(band.start), zone).minutes), to - SNAP);
    }
    return { day, minutes, length: 60 };
  }

  private onDayFocus(day: number) {
    if (this.cursor?.day !== day) this.cursor = this.cursorFor(day);
  }

  private onDayKeydown(event: KeyboardEvent, day: number) {
    const cursor = this.cursorFor(day);
    const { from, to } = this.range;
    let { minutes, length } = cursor;
    switch (event.key) {
      case 'ArrowUp':
        if (event.shiftKey) length = Math.max(SNAP, length - SNAP);
        else minutes = Math.max(from, minutes - SNAP);
        break;
      case 'ArrowDown':
        if (event.shiftKey) length = Math.min(to - minutes, length + SNAP);
        else minutes = Math.min(to - SNAP, minutes + SNAP);
        break;
      case 'PageUp':
        minutes = Math.max(from, minutes - 60);
        break;
      case 'PageDown':
        minutes = Math.min(to - SNAP, minutes + 60);
        break;
      case 'Home':
        minutes = from;
        break;
      case 'End':
        minutes = to - SNAP;
        break;
      case 'ArrowLeft':
      case 'ArrowRight': {
        const next = day + (event.key === 'ArrowLeft' ? -1 : 1);
        if (next < 0 || next >= this.days.length) return;
        event.preventDefault();
        this.cursor = { ...cursor, day: next };
        this.findFocusable({ day: next })?.focus();
        return;
      }
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const date = this.days[day];
        if (date) this.createAt(date, minutes, length, 'booking');
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    this.cursor = { day, minutes, length: Math.min(length, Math.max(SNAP, 24 * 60 - minutes)) };
  }

  // ---- Delete all visible working time ------------------------------------------------------

  private async openConfirm() {
    this.returnFocus = { selector: '#delete-menu' };
    this.confirming = true;
    await this.updateComplete;
    if (this.confirmDialog && !this.confirmDialog.open) this.confirmDialog.showModal();
    this.confirmDialog?.querySelector<HTMLElement>('[data-action="cancel"]')?.focus();
  }

  private closeConfirm() {
    this.confirmDialog?.close();
    this.confirming = false;
    if (this.returnFocus) this.focusAfterRender = this.returnFocus;
    this.returnFocus = null;
  }

  /** "Delete → All visible working time": the days shown, of the practitioner filtered on. */
  private async deleteVisibleWorkingTime() {
    const admin = this.connection?.admin;
    const days = this.days;
    const first = days[0];
    const last = days[days.length - 1];
    if (!admin || !first || !last) return;
    try {
      const { deleted } = await admin.workingTimes.removeRange({ from: first, to: last, ...(this.practitioner ? { practitionerId: this.practitioner } : {}) });
      this.say(this.t('deletedRange', { count: deleted }));
      this.dispatchEvent(new TidbokCalendarChangeEvent({ action: 'deleted-range', kind: 'workingTime', id: '' }));
      void this.feed.refresh();
    } catch (error) {
      this.report('delete-working-time', error, 'save');
    }
    this.closeConfirm();
  }

  // ---- Rendering --------------------------------------------------------------------------

  private entryName(entry: CalendarEntry, start: number, end: number): string {
    const zone = this.zone!;
    const time = `${clockTime(start, zone)}–${clockTime(end, zone)}`;
    const practitioners = this.clinic.value?.practitioners ?? [];
    const practitionerName = practitioners.find((p) => p.id === entry.practitionerId)?.name ?? '';
    const forWhom = !this.practitioner && practitioners.length > 1 && practitionerName ? ` (${practitionerName})` : '';
    switch (entry.kind) {
      case 'booking': {
        const status =
          entry.status === 'cancelled'
            ? `, ${this.t(entry.lateCancellation ? 'statusLateCancelled' : 'statusCancelled').toLowerCase()}`
            : entry.status === 'no_show'
              ? `, ${this.t('statusNoShow').toLowerCase()}`
              : '';
        const paid = entry.paid ? `, ${this.t('statusPaid').toLowerCase()}` : '';
        return `${this.t('bookingName', { time, client: entry.clientName, treatment: entry.treatmentName })}${status}${paid}${forWhom}`;
      }
      case 'activity':
        return `${this.t('activityName', { time, title: entry.title })}${forWhom}`;
      case 'workingTime':
        return this.t('workingTimeName', { time, practitioner: practitionerName, types: this.bandTypes(entry).join(', ') || this.t('allTreatmentTypes') });
      case 'hold':
        return `${this.t('holdName', { time })}${forWhom}`;
      case 'busy':
        return `${this.t(entry.title ? 'busyNameTitled' : 'busyName', { time, title: entry.title ?? '' })}${forWhom}`;
    }
  }

  private bandTypes(entry: Extract<CalendarEntry, { kind: 'workingTime' }>): string[] {
    const names = new Map((this.clinic.value?.treatmentTypes ?? []).map((tt) => [tt.id, tt.name]));
    return entry.bookableTreatmentTypeIds
      .map((id) => names.get(id))
      .filter((name): name is string => Boolean(name))
      .sort((a, b) => a.localeCompare(b, this.language));
  }

  private initials(practitionerId: string): string {
    const name = this.clinic.value?.practitioners.find((p) => p.id === practitionerId)?.name ?? '';
    return name
      .split(/\s+/)
      .map((part) => part[0] ?? '')
      .join('')
      .slice(0, 2)
      .toUpperCase();
  }

  /** Everything drawn on one day, placed in wall-clock minutes and clipped to the visible hours. */
  private place(date: string, entries: CalendarEntry[]): { bands: Placed[]; blocks: Placed[] } {
    const zone = this.zone!;
    const { from, to } = this.range;
    const bands: Placed[] = [];
    const blocks: Placed[] = [];
    const add = (entry: CalendarEntry | null, start: number, end: number) => {
      for (const segment of daySegments(start, end, [date], zone)) {
        let top = Math.max(segment.top, from);
        let bottom = Math.min(segment.bottom, to);
        let outside: Placed['outside'];
        if (bottom <= top) {
          outside = segment.bottom <= from ? 'before' : 'after';
          top = outside === 'before' ? from : to;
          bottom = top;
        }
        const placed: Placed = { entry, start, end, top, bottom, startsHere: segment.startsHere, endsHere: segment.endsHere, ...(outside ? { outside } : {}) };
        (entry?.kind === 'workingTime' ? bands : blocks).push(placed);
      }
    };
    for (const entry of entries) add(entry, Date.parse(entry.start), Date.parse(entry.end));
    if (this.draft) add(null, this.draft.start, this.draft.end);
    return { bands, blocks };
  }

  /**
   * Where a block goes on its day column: top and height from its minutes, left and width from
   * its lane. `offset` pixels on the left are kept free (for the working-time rails).
   */
  private position(placed: Placed, lane: { lane: number; lanes: number }, offset = 0) {
    const { from, to } = this.range;
    const span = to - from;
    const style: Record<string, string> = {
      left: `calc((100% - ${offset}px) * ${lane.lane / lane.lanes} + ${offset + 1}px)`,
      width: `calc((100% - ${offset}px) / ${lane.lanes} - 3px)`,
    };
    if (placed.outside) {
      style[placed.outside === 'before' ? 'top' : 'bottom'] = '0';
    } else {
      style.top = `${((placed.top - from) / span) * 100}%`;
      style.height = `${((placed.bottom - placed.top) / span) * 100}%`;
    }
    return style;
  }

  /**
   * A working time band. Filtered on one practitioner it is a full-width background; showing
   * everyone it is a narrow rail per practitioner at the column's left edge, so the bookings of
   * several practitioners stay readable over it.
   */
  private renderBand(placed: Placed, lane: { lane: number; lanes: number }, rail: number | null) {
    const entry = placed.entry as Extract<CalendarEntry, { kind: 'workingTime' }>;
    const zone = this.zone!;
    const name = this.entryName(entry, placed.start, placed.end);
    const practitioner = this.clinic.value?.practitioners.find((p) => p.id === entry.practitionerId)?.name ?? '';
    const types = this.bandTypes(entry);
    const time = `${clockTime(placed.start, zone)}–${clockTime(placed.end, zone)}`;
    const style = this.position(placed, lane);
    if (rail !== null) {
      style.left = `${rail * RAIL + 1}px`;
      style.width = `${RAIL - 2}px`;
    }
    return html`
      <div
        part="working-time${rail !== null ? ' rail' : ''}"
        class=${placed.outside ? 'edge-marker' : ''}
        role="button"
        tabindex="0"
        data-entry-id=${entry.id}
        data-kind="workingTime"
        aria-label=${name}
        aria-describedby="entry-help"
        aria-haspopup="dialog"
        style=${styleMap(style)}
        @keydown=${(e: KeyboardEvent) => this.onEntryKeydown(e, entry)}
      >
        ${
          placed.outside
            ? nothing
            : html`
                <span class="band-grip" data-handle="move">${rail === null ? html`${this.t('tabWorkingTime')} ${time}` : nothing}</span>
                <span class="tooltip" role="tooltip">
                  <strong>${practitioner} · ${time}</strong>${this.t('bookableHere')}: ${types.length ? types.join(', ') : this.t('allTreatmentTypes')}
                </span>
                ${placed.startsHere ? html`<span class="handle start" data-handle="start"></span>` : nothing}
                ${placed.endsHere ? html`<span class="handle end" data-handle="end"></span>` : nothing}
              `
        }
      </div>
    `;
  }

  private renderBlock(placed: Placed, lane: { lane: number; lanes: number }, unfiltered: boolean, offset: number): TemplateResult {
    const zone = this.zone!;
    const time = `${clockTime(placed.start, zone)}–${clockTime(placed.end, zone)}`;
    const short = placed.bottom - placed.top < 45;
    const handles = (movable: boolean) =>
      movable && !placed.outside
        ? html`${placed.startsHere ? html`<span class="handle start" data-handle="start"></span>` : nothing}${
            placed.endsHere ? html`<span class="handle end" data-handle="end"></span>` : nothing
          }`
        : nothing;
    const entry = placed.entry;
    if (!entry) {
      const draft = this.draft!;
      const color =
        draft.tab === 'activity'
          ? '#8e44ad'
          : draft.tab === 'workingTime'
            ? '#3a8a55'
            : (this.clinic.value?.treatmentTypes.find((tt) => tt.id === draft.treatmentTypeId)?.color ?? 'var(--_primary)');
      const label = this.t('draftName', { kind: this.kindName(draft.tab), time });
      return html`
        <div
          part="draft"
          class=${short ? 'short' : ''}
          tabindex="-1"
          role="img"
          aria-label=${label}
          style=${styleMap({ ...this.position(placed, lane, offset), '--_color': color })}
        >
          <span class="when">${time}</span> <span class="what">${label.replace(` ${time}`, '')}</span>
          ${handles(true)}
        </div>
      `;
    }
    const classes = [
      short ? 'short' : '',
      this.dragId === entry.id ? 'dragging' : '',
      this.overrides.get(entry.id)?.pending ? 'pending' : '',
      placed.outside ? 'edge-marker' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const name = this.entryName(entry, placed.start, placed.end);
    const style = this.position(placed, lane, offset);
    if (entry.kind === 'hold') {
      // Opened by a click (no drag: a hold is not staff's to move) or Enter.
      return html`<div
        part="entry hold"
        class=${classes}
        role="button"
        tabindex="0"
        aria-label=${name}
        aria-haspopup="dialog"
        data-entry-id=${entry.id}
        data-kind="hold"
        style=${styleMap(style)}
        @click=${() => void this.openEntry(entry)}
        @keydown=${(e: KeyboardEvent) => this.onEntryKeydown(e, entry)}
      ></div>`;
    }
    // Busy time from the practitioner's own calendar: grey, hatched, and not to be opened or
    // moved (it changes only in that calendar); its title only where the practitioner allows.
    if (entry.kind === 'busy') {
      return html`<div part="entry busy" class=${classes} role="img" aria-label=${name} data-entry-id=${entry.id} data-kind="busy" style=${styleMap(style)}>
        ${placed.outside || short ? nothing : html`<span class="when">${time}</span> <span class="who">${entry.title ?? this.t('busyLabel')}</span>`}
      </div>`;
    }
    // The practitioner's initials when everyone is shown, as CSS content: seen, but not part of
    // the text (the accessible name says the practitioner's whole name).
    const initials = unfiltered && !placed.outside ? this.initials(entry.practitionerId) : '';
    if (entry.kind === 'activity') {
      return html`
        <div
          part="entry activity"
          class=${classes}
          role="button"
          tabindex="0"
          aria-label=${name}
          aria-describedby="entry-help"
          aria-haspopup="dialog"
          data-entry-id=${entry.id}
          data-kind="activity"
          data-initials=${initials}
          style=${styleMap(style)}
          @keydown=${(e: KeyboardEvent) => this.onEntryKeydown(e, entry)}
        >
          ${placed.outside ? nothing : html`<span class="when">${time}</span> <span class="who">${entry.title}</span>`} ${handles(true)}
        </div>
      `;
    }
    if (entry.kind !== 'booking') return html``;
    const status = entry.status === 'cancelled' ? 'cancelled' : entry.status === 'no_show' ? 'no-show' : '';
    const badge =
      entry.status === 'cancelled'
        ? this.t(entry.lateCancellation ? 'statusLateCancelled' : 'statusCancelled')
        : entry.status === 'no_show'
          ? this.t('statusNoShow')
          : entry.paid
            ? this.t('statusPaid')
            : '';
    const color = entry.color;
    const readable = readableColors(color);
    return html`
      <div
        part="entry booking${status ? ` ${status}` : ''}${entry.paid ? ' paid' : ''}"
        class=${classes}
        role="button"
        tabindex="0"
        aria-label=${name}
        aria-describedby="entry-help"
        aria-haspopup="dialog"
        data-entry-id=${entry.id}
        data-kind="booking"
        data-status=${entry.status}
        data-initials=${initials}
        style=${styleMap({ ...style, '--_color': color, '--_background': readable.background, '--_text': readable.text, '--_tint': tint(color, 0.78) })}
        @keydown=${(e: KeyboardEvent) => this.onEntryKeydown(e, entry)}
      >
        ${
          placed.outside
            ? nothing
            : html`<span class="when">${time}</span> <span class="who">${entry.clientName}</span>
                <span class="what">${entry.treatmentName}</span> ${badge ? html`<span class="status">${badge}</span>` : nothing}`
        }
        ${handles(true)}
      </div>
    `;
  }

  private renderDay(date: string, index: number, entries: CalendarEntry[], today: string) {
    const zone = this.zone!;
    const { from, to } = this.range;
    const { bands, blocks } = this.place(date, entries);
    const blockLanes = layoutLanes(blocks.map((b) => ({ top: b.top, bottom: b.outside ? b.top + 1 : b.bottom })));
    const unfiltered = !this.practitioner && (this.clinic.value?.practitioners.length ?? 0) > 1;
    // Showing everyone: one rail per practitioner with working time this day, in the filter's order.
    const railOrder = unfiltered
      ? (this.clinic.value?.practitioners ?? []).map((p) => p.id).filter((id) => bands.some((b) => b.entry?.practitionerId === id))
      : [];
    const bandLanes = unfiltered ? bands.map(() => ({ lane: 0, lanes: 1 })) : layoutLanes(bands);
    const offset = railOrder.length * RAIL;
    const dayLabel = formatLocalDate(date, this.language, { weekday: 'long', day: 'numeric', month: 'long' });
    const cursor = this.cursor?.day === index ? this.cursor : null;
    const cursorText = cursor ? `${timeOfMinutes(cursor.minutes)}–${timeOfMinutes(cursor.minutes + cursor.length)}` : '';
    let nowLine: TemplateResult | typeof nothing = nothing;
    if (date === today) {
      const now = wallClock(Date.now(), zone).minutes;
      if (now >= from && now <= to) nowLine = html`<div class="now" style="top:${((now - from) / (to - from)) * 100}%"></div>`;
    }
    return html`
      <div class="day ${date === today ? 'today' : ''}" role="group" aria-labelledby="day-${index}" data-date=${date}>
        <div
          part="day"
          class="day-body"
          data-day=${index}
          tabindex="0"
          role="slider"
          aria-orientation="vertical"
          aria-label=${this.t('dayCursorLabel', { day: dayLabel })}
          aria-describedby="day-help"
          aria-valuemin=${from}
          aria-valuemax=${to}
          aria-valuenow=${cursor?.minutes ?? from}
          aria-valuetext=${cursorText || timeOfMinutes(cursor?.minutes ?? from)}
          @focus=${(e: FocusEvent) => {
            // The time cursor is for the keyboard; a mouse press (no focus ring) does not show it.
            if ((e.target as HTMLElement).matches(':focus-visible')) this.onDayFocus(index);
          }}
          @blur=${() => {
            if (this.cursor?.day === index) this.cursor = null;
          }}
          @keydown=${(e: KeyboardEvent) => this.onDayKeydown(e, index)}
        ></div>
        ${bands.map((band, i) => this.renderBand(band, bandLanes[i]!, unfiltered ? railOrder.indexOf(band.entry!.practitionerId) : null))}
        ${repeat(
          blocks,
          (block) => block.entry?.id ?? 'draft',
          (block, i) => this.renderBlock(block, blockLanes[i]!, unfiltered, offset),
        )}
        ${
          cursor
            ? html`<div
                class="cursor"
                aria-hidden="true"
                style="top:${((cursor.minutes - from) / (to - from)) * 100}%;height:${(Math.min(cursor.length, to - cursor.minutes) / (to - from)) * 100}%"
              >
                ${cursorText}
              </div>`
            : nothing
        }
        ${nowLine}
      </div>
    `;
  }

  private renderToolbar() {
    const days = this.days;
    const first = days[0];
    const last = days[days.length - 1];
    const practitioners = this.clinic.value?.practitioners ?? [];
    const fmt = (date: string, options: Intl.DateTimeFormatOptions) => formatLocalDate(date, this.language, options);
    const title = first ? this.t('weekTitle', { week: isoWeek(first) }) : '';
    const range = first && last ? `${fmt(first, { day: 'numeric', month: 'short' })} – ${fmt(last, { day: 'numeric', month: 'short', year: 'numeric' })}` : '';
    return html`
      <div part="toolbar">
        <div class="nav">
          <button class="icon-button" id="previous-week" type="button" aria-label=${this.t('previousWeek')} @click=${() => this.shiftWeek(-1)}>‹</button>
          <button class="btn" id="today" type="button" @click=${this.goToday}>${this.t('today')}</button>
          <button class="icon-button" id="next-week" type="button" aria-label=${this.t('nextWeek')} @click=${() => this.shiftWeek(1)}>›</button>
          <h2 part="title" aria-live="polite">${title}<span class="range">${range}</span></h2>
        </div>
        <div class="tools">
          <div class="filter">
            <label for="practitioner-filter">${this.t('practitioner')}</label>
            <select id="practitioner-filter" @change=${(e: Event) => this.setFilter((e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this.practitioner}>${this.t('allPractitioners')}</option>
              ${practitioners.map((p) => html`<option value=${p.id} ?selected=${p.id === this.practitioner}>${p.name}</option>`)}
            </select>
          </div>
          <div class="view">
            <button
              class="btn"
              id="view-button"
              type="button"
              aria-expanded=${this.viewOpen ? 'true' : 'false'}
              aria-controls="view-panel"
              @click=${() => (this.viewOpen = !this.viewOpen)}
            >
              ${this.t('view')} <span aria-hidden="true">▾</span>
            </button>
            <div
              part="view-panel"
              id="view-panel"
              role="group"
              aria-label=${this.t('viewSettings')}
              ?hidden=${!this.viewOpen}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Escape') {
                  e.stopPropagation();
                  this.viewOpen = false;
                  this.findFocusable({ selector: '#view-button' })?.focus();
                }
              }}
            >
              <div class="row">
                <div class="field">
                  <label for="start-hour">${this.t('dayStarts')}</label>
                  <select id="start-hour" @change=${(e: Event) => this.changeView({ startHour: Number((e.target as HTMLSelectElement).value) })}>
                    ${Array.from({ length: 24 }, (_, h) => html`<option value=${h} ?selected=${h === this.startHour}>${timeOfMinutes(h * 60)}</option>`)}
                  </select>
                </div>
                <div class="field">
                  <label for="end-hour">${this.t('dayEnds')}</label>
                  <select id="end-hour" @change=${(e: Event) => this.changeView({ endHour: Number((e.target as HTMLSelectElement).value) })}>
                    ${Array.from({ length: 24 }, (_, i) => i + 1).map(
                      (h) => html`<option value=${h} ?disabled=${h <= this.startHour} ?selected=${h === this.endHour}>${timeOfMinutes(h * 60)}</option>`,
                    )}
                  </select>
                </div>
              </div>
              <label class="check">
                <input
                  id="show-weekends"
                  type="checkbox"
                  .checked=${!this.hideWeekends}
                  @change=${(e: Event) => this.changeView({ hideWeekends: !(e.target as HTMLInputElement).checked })}
                />
                ${this.t('showWeekends')}
              </label>
              <button class="btn link" type="button" @click=${this.resetView}>${this.t('resetView')}</button>
            </div>
          </div>
          <slot name="tools"></slot>
          <tidbok-menu-button
            id="delete-menu"
            align="end"
            .label=${this.t('deleteMenu')}
            .items=${[{ id: 'delete-range', label: this.t('allVisibleWorkingTime'), danger: true }]}
            @tidbok-menu-select=${(e: CustomEvent<{ id: string }>) => {
              e.stopPropagation();
              void this.openConfirm();
            }}
          ></tidbok-menu-button>
          <button
            part="book-button"
            class="btn primary"
            type="button"
            aria-expanded=${this.bookOpen ? 'true' : 'false'}
            aria-haspopup="dialog"
            @click=${this.toggleBook}
          >
            ${this.t('book')}
          </button>
        </div>
      </div>
    `;
  }

  private renderConfirm() {
    const days = this.days;
    const first = days[0];
    const last = days[days.length - 1];
    const fmt = (date: string) => formatLocalDate(date, this.language, { weekday: 'short', day: 'numeric', month: 'short' });
    const who = this.practitioner ? (this.clinic.value?.practitioners.find((p) => p.id === this.practitioner)?.name ?? '') : this.t('everyone');
    return html`
      <dialog
        aria-labelledby="confirm-title"
        aria-describedby="confirm-body"
        @cancel=${(e: Event) => {
          e.preventDefault();
          this.closeConfirm();
        }}
      >
        ${
          this.confirming && first && last
            ? html`<h2 id="confirm-title">${this.t('confirmDeleteRangeTitle')}</h2>
                <p id="confirm-body">${this.t('confirmDeleteRangeBody', { who, from: fmt(first), to: fmt(last) })}</p>
                <div class="actions">
                  <button class="btn" type="button" data-action="cancel" @click=${this.closeConfirm}>${this.t('cancel')}</button>
                  <button class="btn danger" type="button" data-action="confirm" @click=${this.deleteVisibleWorkingTime}>${this.t('deleteYes')}</button>
                </div>`
            : nothing
        }
      </dialog>
    `;
  }

  private renderNotices() {
    const feedError = this.feed.status === 'ready' && this.feed.error;
    return html`
      <div class="notices">
        ${
          this.notice
            ? html`<div part="notice" class="notice ${this.notice.tone}" role=${this.notice.tone === 'error' ? 'alert' : 'status'}>
                <p>${this.notice.text}</p>
                <button class="icon-button" type="button" aria-label=${this.t('dismiss')} @click=${() => (this.notice = null)}>×</button>
              </div>`
            : nothing
        }
        ${feedError ? html`<div class="notice error" role="status"><p>${this.t('refreshFailed')}</p></div>` : nothing}
      </div>
      <div class="sr" aria-live="polite">${this.notice?.tone === 'info' ? '' : this.announcement}</div>
    `;
  }

  override render() {
    if (!this.connection?.admin) return html`<p class="state">${this.t('notConnected')}</p>`;
    if (this.clinic.status === 'error' && !this.clinic.value) {
      return html`<div class="state" role="alert">
        <p>${this.t('loadFailed')} ${describeError(this.clinic.error, this.language, 'load').message}</p>
        <button class="btn" type="button" @click=${() => this.reloadClinicData()}>${this.t('retry')}</button>
      </div>`;
    }
    const zone = this.zone;
    if (!zone || !this.weekStart) return html`<p class="state" role="status">${this.t('loading')}</p>`;
    const days = this.days;
    const entries = this.entries;
    const today = todayIn(zone);
    const { from, to } = this.range;
    const hours = (to - from) / 60;
    const openEntry = this.openEntryId ? (entries.find((e) => e.id === this.openEntryId) ?? null) : null;
    const outside = (date: string) => {
      const { bands, blocks } = this.place(date, entries);
      return [...bands, ...blocks].filter((p) => p.outside && p.entry).length;
    };
    return html`
      ${this.renderToolbar()} ${this.renderNotices()}
      ${
        this.feed.status === 'error'
          ? html`<div class="notice error" role="alert">
              <p>${this.t('loadFailed')} ${describeError(this.feed.error, this.language, 'load').message}</p>
              <button class="btn" type="button" @click=${() => this.feed.refresh()}>${this.t('retry')}</button>
            </div>`
          : nothing
      }
      <p class="empty" role="status" part="status">
        ${this.feed.status === 'loading' ? this.t('loading') : this.feed.status === 'ready' && entries.length === 0 ? this.t('emptyWeek') : ''}
      </p>
      <span id="entry-help" class="sr">${this.t('entryHelp')}</span>
      <span id="day-help" class="sr">${this.t('dayCursorHelp')}</span>
      <div
        part="grid"
        style="--_days:${days.length};--_hours:${hours}"
        aria-label=${this.t('gridLabel')}
        aria-busy=${this.feed.status === 'loading' ? 'true' : 'false'}
        role="region"
      >
        <div class="head">
          <div class="corner" aria-hidden="true">${days[0] ? `v ${isoWeek(days[0])}` : ''}</div>
          ${days.map((date, i) => {
            const count = outside(date);
            return html`<div class="day-head ${date === today ? 'today' : ''}" id="day-${i}">
              ${formatLocalDate(date, this.language, { weekday: 'short' })}
              <strong>${formatLocalDate(date, this.language, { day: 'numeric', month: 'numeric' })}</strong>
              ${count ? html`<span class="outside">${this.t('outsideHours', { count })}</span>` : nothing}
            </div>`;
          })}
        </div>
        <div class="body" @pointerdown=${this.onPointerDown} @dblclick=${this.onDoubleClick}>
          <div class="gutter" aria-hidden="true">
            ${Array.from({ length: hours }, (_, i) => html`<span style="top:${(i / hours) * 100}%">${timeOfMinutes(from + i * 60)}</span>`)}
          </div>
          ${days.map((date, i) => this.renderDay(date, i, entries, today))}
        </div>
      </div>
      ${
        (this.draft && this.gesture?.type !== 'create') || openEntry
          ? html`<tidbok-entry-popup
              .locale=${this.language}
              .data=${this.clinic.value}
              .draft=${this.draft}
              .entry=${this.draft ? null : openEntry}
              .suggestedClient=${this.selectedClient}
              .features=${this.features}
              .anchor=${this.popupAnchor}
              @tidbok-draft-change=${(e: CustomEvent<{ draft: Draft }>) => {
                e.stopPropagation();
                if (this.draft?.key === e.detail.draft.key) this.draft = e.detail.draft;
              }}
              @tidbok-popup-close=${(e: Event) => {
                e.stopPropagation();
                this.closePopup();
              }}
              @tidbok-calendar-change=${this.onPopupChange}
            ></tidbok-entry-popup>`
          : nothing
      }
      ${
        this.bookOpen
          ? html`<tidbok-book-panel
              .locale=${this.language}
              .data=${this.clinic.value}
              .from=${days[0] ?? ''}
              .practitioner=${this.practitioner}
              .anchor=${this.bookAnchor}
              @tidbok-slot-pick=${(e: CustomEvent<SlotPickDetail>) => {
                e.stopPropagation();
                void this.onSlotPick(e.detail);
              }}
              @tidbok-popup-close=${(e: Event) => {
                e.stopPropagation();
                this.closePopup();
              }}
            ></tidbok-book-panel>`
          : nothing
      }
      ${this.renderConfirm()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-calendar': TidbokCalendar;
  }
}
