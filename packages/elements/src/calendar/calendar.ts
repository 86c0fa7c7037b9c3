import { ContextConsumer } from '@lit/context';
import { isLocalDate } from '@tidbok/core';
import type { CalendarEntry, Client } from '@tidbok/sdk';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { type TidbokConnection, tidbokContext } from '../context.js';
import { type Locale, pickLocale } from '../i18n.js';
import { type Clock, systemClock } from '../shared/clock.js';
import { reportError } from '../shared/errors.js';
import { LoadController } from '../shared/load.js';
import { CalendarFeedController } from './calendar-feed-controller.js';
import { calendarStyles } from './calendar.styles.js';
import { loadClinicData, type ClinicData } from './clinic-data.js';
import { controlStyles } from '../shared/controls.styles.js';
import { theme } from '../shared/styles.js';
import { describeError } from '../shared/describe-error.js';
import { addLocalDays, clockTime, formatLocalDate, isoWeek, mondayOf, todayIn, weekdayOf } from '../shared/dates.js';
import { BlockTemplates } from './entry-blocks.js';
import {
  type CalendarChangeAction,
  type CalendarChangeDetail,
  type Draft,
  type DraftTab,
  type EntryKind,
  type CalendarView,
  type SlotPickDetail,
  TidbokCalendarChangeEvent,
  TidbokWeekChangeEvent,
} from './events.js';
import { FocusReturnController } from './focus-controller.js';
import { GestureController, type GestureHost, SNAP } from './gesture-controller.js';
import { KeyboardController, type KeyboardHost } from './keyboard-controller.js';
import {
  blockLanes,
  type Column,
  columnAt,
  type HourRange,
  minutesAtFraction,
  outsideCount,
  placeColumn,
  practitionerColumns,
  topPercent,
  weekColumns,
} from './layout.js';
import { calendarMessages } from './messages.js';
import type { MoveNotifyController } from './move-notify-controller.js';
import { type Move, MovesController } from './moves-controller.js';
import { SERVER_FEATURES, type ServerFeatures } from './server-features.js';
import { booleanDefaultTrue, DEFAULT_VIEW, loadView, normalizeView, saveView, type ViewSettings } from './view-settings.js';
import { instantAt, layoutLanes, snapMinutes, timeOfMinutes, wallClock, weekDays, weekRange } from './week.js';
import { TextsController } from '../shared/texts.js';

/*
 * Over 400 lines: this is the element's state, lifecycle, popups and templates in one class, as
 * Lit keeps them; the parts that stand on their own are beside it: geometry (layout.ts), blocks
 * (entry-blocks.ts), pointer gestures (gesture-controller.ts), keys (keyboard-controller.ts),
 * optimistic moves (moves-controller.ts) and focus return (focus-controller.ts).
 */

/**
 * @summary The staff calendar. `view="week"` (default): days as columns, time as rows;
 * `view="day"`: one day, a column per practitioner with their name at the top (the front desk's
 * screen). Bookings in their treatment colour, activities purple, working time as a background
 * band (in the week of everyone, a light shade), holds light pink without text. Double-click or
 * drag to create (popup with tabs Booking / Working time / Activity), drag to move and resize
 * (in the day view, to another practitioner's column), the More menu on a booking, the Book
 * button's free times, the Month overview to jump to a date, and "Delete → All visible working
 * time". Moving a booking asks whether to tell the patient ("Meddela patienten?"). Narrower than
 * 600 px (a phone) the shown day is a list instead of the grid.
 *
 * Needs a staff connection from `<tidbok-provider>` or `<tidbok-admin>` above it. Times are
 * shown in the clinic's time zone, whatever the browser's.
 *
 * Keyboard: each column is a slider for a new entry's time (Up/Down, Shift+Up/Down for length,
 * Left/Right to the next column, Enter creates); each entry is a button (Enter opens;
 * Shift+arrows move it by 15 minutes, or a day, or in the day view to the next practitioner);
 * Escape closes popups and focus returns to where it was.
 *
 * @event tidbok-calendar-change - A change was saved: `{ action, kind, id }`.
 * @event tidbok-error - Something failed: `{ code, action, error }`; the message is shown in place.
 * @event tidbok-week-change - The week, day, view or practitioner filter changed: `{ weekStart, practitionerId, view, date }`.
 *
 * @csspart toolbar - The bar with navigation, filter and actions.
 * @csspart title - The week's title.
 * @csspart book-button - The Book button.
 * @csspart view-panel - The view settings (hours, weekends).
 * @csspart grid - The scrolling week grid.
 * @csspart day - A day's column body (the new-entry slider).
 * @csspart entry - Any block; also `booking`, `activity`, `hold`, `cancelled`, `no-show`, `paid`.
 * @csspart working-time - A working time band; also `shade` in the week of everyone.
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
 * @cssproperty --tidbok-working-time-shade-color - Working time in the week of everyone (default a light green).
 * @cssproperty --tidbok-primary - Accent colour. See also the other `--tidbok-*` theme properties.
 */

export class TidbokCalendar extends LitElement implements GestureHost, KeyboardHost {
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
    clock: { attribute: false },
    view: { reflect: true },
    weekStart: { state: true },
    day: { state: true },
    draft: { state: true },
    openEntryId: { state: true },
    popupAnchor: { state: true },
    bookOpen: { state: true },
    bookAnchor: { state: true },
    viewOpen: { state: true },
    monthOpen: { state: true },
    narrow: { state: true },
    notice: { state: true },
    announcement: { state: true },
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
  /** Where "now" comes from (today, the now line); tests set a fixed one. */
  clock: Clock = systemClock;
  /** `week` (days as columns) or `day` (one column per practitioner, the front desk's screen). */
  view: CalendarView = 'week';

  private weekStart = '';
  /** The day shown in the day view (a local date in the week shown). */
  private day = '';
  private draft: Draft | null = null;
  private openEntryId: string | null = null;
  private popupAnchor: DOMRect | null = null;
  private bookOpen = false;
  private bookAnchor: DOMRect | null = null;
  private viewOpen = false;
  private monthOpen = false;
  /** A phone-sized calendar: the shown day as a list instead of the grid. */
  private narrow = false;
  // The change is drawn in the next frame, not inside the observer's callback: redrawing there
  // resizes the element again and the browser reports a ResizeObserver loop.
  readonly #resize = typeof ResizeObserver === 'function' ? new ResizeObserver(([entry]) => requestAnimationFrame(() => this.#onResize(entry))) : undefined;

  /** Narrower than this (CSS pixels) the calendar is a day list. */
  static readonly NARROW = 600;

  #onResize(entry: ResizeObserverEntry | undefined) {
    const width = entry?.contentRect.width ?? 0;
    // Hidden (0 wide) is not narrow: the tab may just be in the background.
    const narrow = width > 0 && width < TidbokCalendar.NARROW;
    if (narrow === this.narrow) return;
    if (narrow && !this.dayList) {
      void import('./day-list.js').then((module) => {
        const root = this.shadowRoot;
        const sheet = module.dayListStyles.styleSheet;
        if (root && sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
        this.dayList = module;
        this.requestUpdate();
      });
    }
    this.narrow = narrow;
  }

  /** The day is what is shown (the day view, or the list on a phone). */
  private get dayLike(): boolean {
    return this.view === 'day' || this.narrow;
  }
  private notice: { text: string; tone: 'info' | 'error' } | null = null;
  private announcement = '';
  private confirming = false;

  private get confirmDialog(): HTMLDialogElement | undefined {
    return this.renderRoot?.querySelector<HTMLDialogElement>('dialog:not(.notify)') ?? undefined;
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
  private readonly focusReturn = new FocusReturnController(this);
  private readonly moves = new MovesController(this, { save: (move) => this.saveMove(move) });
  private readonly gestures = new GestureController(this, this.moves);
  private readonly keys = new KeyboardController(this, this.moves, this.focusReturn);
  /** The "Tell the patient?" dialog: a lazy chunk, loaded on the first move of a booking. */
  private notify: MoveNotifyController | undefined;
  /** The phone's day list (day-list.ts): a lazy chunk, loaded when the calendar first gets narrow. */
  private dayList: typeof import('./day-list.js') | undefined;

  private async notifier(): Promise<MoveNotifyController> {
    const { MoveNotifyController } = await import('./move-notify-controller.js');
    return (this.notify ??= new MoveNotifyController(this, {
      admin: () => this.connection?.admin,
      now: () => this.clock.now(),
      language: () => this.language,
      describe: (move) => this.describeMove(move),
    }));
  }

  private draftKey = 0;
  private viewKey = '';
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;

  // ---- Derived values --------------------------------------------------------------------

  private get language(): Locale {
    return pickLocale(this.locale, this.connection?.locale, this.clinic.value?.settings.locale, navigator.language);
  }

  private readonly texts = new TextsController(this, () => this.language, calendarMessages);

  private get zone(): string | undefined {
    return this.clinic.value?.settings.timeZone;
  }

  private get days(): string[] {
    return this.weekStart ? weekDays(this.weekStart, this.hideWeekends) : [];
  }

  /** The practitioners the day view has a column for: the one filtered on, else everyone. */
  private get shownPractitioners(): { id: string; name: string }[] {
    const all = this.clinic.value?.practitioners ?? [];
    return this.practitioner ? all.filter((p) => p.id === this.practitioner) : all;
  }

  /** The grid's columns. */
  private get columns(): Column[] {
    if (this.view === 'day' && this.day)
      return practitionerColumns(
        this.day,
        this.shownPractitioners.map((p) => p.id),
      );
    return weekColumns(this.days);
  }

  private get range(): HourRange {
    const view = normalizeView({ startHour: this.startHour, endHour: this.endHour });
    return { from: view.startHour * 60, to: view.endHour * 60 };
  }

  private get today(): string {
    return this.zone ? todayIn(this.zone, this.clock.now()) : '';
  }

  private feedQuery() {
    const admin = this.connection?.admin;
    const zone = this.zone;
    if (!admin || !zone || !this.weekStart) return undefined;
    return { admin, ...weekRange(this.weekStart, zone), practitionerId: this.practitioner || undefined };
  }

  /** The feed's entries with moves in progress applied. */
  private get entries(): CalendarEntry[] {
    return this.moves.apply(this.feed.entries);
  }

  // ---- What the controllers read (GestureHost, KeyboardHost) ---------------------------------

  get gestureZone() {
    return this.zone;
  }
  get gestureColumns() {
    return this.columns;
  }
  get gestureDraft() {
    return this.draft;
  }
  set gestureDraft(draft: Draft | null) {
    this.draft = draft;
  }
  get keyZone() {
    return this.zone;
  }
  get keyColumns() {
    return this.columns;
  }
  get keyRange() {
    return this.range;
  }
  get keyEntries() {
    return this.feed.entries;
  }
  nextDraftKey() {
    return ++this.draftKey;
  }
  feedEntry(id: string) {
    return this.feed.entries.find((e) => e.id === id);
  }
  closeOnPress(onDraft: boolean, entryId: string | undefined): boolean {
    if ((this.draft && !onDraft) || (this.openEntryId && entryId !== this.openEntryId) || this.bookOpen) {
      this.closePopup(false);
      return true;
    }
    return false;
  }
  dropUnopenedDraft() {
    if (this.draft && !this.popupAnchor) this.draft = null;
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
  async reloadClinicData(): Promise<void> {
    if (this.connection?.admin) await this.clinic.run();
  }

  /** The date shown: the day in the day view, a day of the week in the week view. */
  get shownDate(): string {
    return this.day;
  }

  /** Shows the week that contains `date` (a local date); in the day view, that day. */
  goToWeek(date: string) {
    if (!isLocalDate(date) || date === this.day) return;
    const monday = mondayOf(date);
    if (monday !== this.weekStart || this.view === 'day') this.closePopup(false);
    this.day = date;
    this.weekStart = monday;
  }

  /** Switches between the week and the day view, optionally to `date`. */
  showView(view: CalendarView, date?: string) {
    if (date) this.goToWeek(date);
    if (view === this.view) return;
    this.closePopup(false);
    this.view = view;
  }

  // ---- Lifecycle --------------------------------------------------------------------------

  override connectedCallback() {
    super.connectedCallback();
    this.#resize?.observe(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    clearTimeout(this.noticeTimer);
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
    if (changed.has('view') && this.view !== 'day' && this.view !== 'week') this.view = 'week';
    if (changed.has('date') && isLocalDate(this.date)) {
      this.day = this.date;
      this.weekStart = mondayOf(this.date);
    }
    if (!this.weekStart && this.zone) {
      this.day = isLocalDate(this.date) ? this.date : this.today;
      this.weekStart = mondayOf(this.day);
    }
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
    if (this.weekStart && (keys.has('weekStart') || keys.has('practitioner') || keys.has('day') || keys.has('view'))) {
      this.dispatchEvent(new TidbokWeekChangeEvent({ weekStart: this.weekStart, practitionerId: this.practitioner || null, view: this.view, date: this.day }));
    }
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

  /** A week back or on; in the day view, a day (the hidden weekend skipped). */
  private shiftWeek(step: number) {
    if (!this.weekStart) return;
    if (this.dayLike && this.day) {
      let next = addLocalDays(this.day, step);
      for (let i = 0; i < 2 && this.hideWeekends && weekdayOf(next) >= 6; i++) next = addLocalDays(next, step);
      this.goToWeek(next);
      return;
    }
    const weekday = this.day ? weekdayOf(this.day) - 1 : 0;
    this.goToWeek(addLocalDays(this.weekStart, step * 7 + weekday));
  }

  private goToday() {
    if (this.zone) this.goToWeek(this.today);
  }

  /** Opens the month overview, loading its element the first time (a lazy chunk). */
  private async toggleMonth() {
    if (this.monthOpen) {
      this.monthOpen = false;
      return;
    }
    await import('./month-overview.js').then((m) => m.defineMonthOverview());
    this.monthOpen = true;
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

  /** "Bokningen" / "The booking": the subject of a sentence about an entry. */
  private theKind(kind: EntryKind | DraftTab): string {
    return this.texts.t(kind === 'booking' ? 'theBooking' : kind === 'activity' ? 'theActivity' : 'theWorkingTime');
  }

  // ---- Popups -----------------------------------------------------------------------------

  async openDraft(draft: Omit<Draft, 'key'>) {
    this.focusReturn.returnTo = this.focusReturn.current() ?? this.focusReturn.returnTo;
    this.bookOpen = false;
    this.openEntryId = null;
    this.draft = { ...draft, key: ++this.draftKey };
    await this.updateComplete;
    this.popupAnchor = this.shadowRoot?.querySelector('[part~="draft"]')?.getBoundingClientRect() ?? null;
  }

  async openEntry(entry: CalendarEntry) {
    // A hold opens too: staff see where it came from and may release it (issue 17, item 6).
    if (entry.kind === 'busy') return;
    this.focusReturn.returnTo = { entryId: entry.id };
    this.draft = null;
    this.bookOpen = false;
    this.openEntryId = entry.id;
    const element = this.focusReturn.find({ entryId: entry.id });
    this.popupAnchor = element?.getBoundingClientRect() ?? null;
  }

  private closePopup(restoreFocus = true) {
    const hadPopup = this.draft !== null || this.openEntryId !== null || this.bookOpen;
    this.draft = null;
    this.openEntryId = null;
    this.bookOpen = false;
    this.popupAnchor = null;
    if (restoreFocus && hadPopup) this.focusReturn.restore();
    else this.focusReturn.returnTo = null;
  }

  private onPopupChange(event: CustomEvent<CalendarChangeDetail>) {
    const { action, kind } = event.detail;
    const what = this.theKind(kind);
    const messages: Partial<Record<CalendarChangeAction, string>> = {
      created: this.texts.t('created', { what, time: this.draftTimeLabel() }),
      updated: this.texts.t('saved'),
      deleted: this.texts.t('deleted', { what }),
      cancelled: this.texts.t('markedCancelled'),
      'no-show': this.texts.t('markedNoShow'),
      'confirmation-sent': this.texts.t('confirmationSent'),
      'receipt-sent': this.texts.t('receiptSent'),
      paid: this.texts.t('saved'),
      released: this.texts.t('holdReleased'),
      merged: this.texts.t('clientsMerged'),
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
    this.focusReturn.returnTo = { selector: '[part~="book-button"]' };
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
    this.focusReturn.returnTo = { selector: '[part~="book-button"]' };
  }

  private toggleBook() {
    if (this.bookOpen) {
      this.closePopup();
      return;
    }
    this.draft = null;
    this.openEntryId = null;
    this.focusReturn.returnTo = { selector: '[part~="book-button"]' };
    this.bookAnchor = this.focusReturn.find({ selector: '[part~="book-button"]' })?.getBoundingClientRect() ?? null;
    this.bookOpen = true;
  }

  // ---- Grid geometry ----------------------------------------------------------------------

  /** The column index and wall-clock minutes under a point on screen (clamped into the grid). */
  positionAt(x: number, y: number): { day: number; minutes: number } | null {
    const columns = [...(this.shadowRoot?.querySelectorAll<HTMLElement>('.day') ?? [])];
    const day = columnAt(
      x,
      columns.map((column) => column.getBoundingClientRect()),
    );
    const rect = columns[day]?.getBoundingClientRect();
    if (!rect) return null;
    return { day, minutes: minutesAtFraction((y - rect.top) / rect.height, this.range) };
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
    const column = at ? this.columns[at.day] : undefined;
    if (!at || !column) return;
    this.createAt(column, snapMinutes(at.minutes, SNAP, 'floor'), 60);
  }

  /** A draft in `column` from `from` minutes for `length` minutes, and the popup for it. */
  createAt(column: Column, from: number, length: number, tab: DraftTab = 'booking') {
    const date = column.date;
    const zone = this.zone;
    if (!zone) return;
    const start = instantAt(date, from, zone);
    const end = instantAt(date, Math.min(from + length, 24 * 60), zone);
    void this.openDraft({
      start,
      end,
      tab,
      practitionerId: this.suggestedPractitioner(start, end, column),
      treatmentTypeId: null,
      locationId: this.suggestedLocation(start, end),
      // Double-click and keyboard make a default-length block: the treatment type sets its length.
      lengthFromTreatment: tab === 'booking',
    });
  }

  /** The seed: "the practitioner the calendar is filtered on is suggested"; else the working time's. */
  suggestedPractitioner(start: number, end: number, column?: Column): string | null {
    if (column?.practitionerId) return column.practitionerId;
    if (this.practitioner) return this.practitioner;
    const band = this.bandAt(start, end);
    return band?.practitionerId ?? this.clinic.value?.practitioners[0]?.id ?? null;
  }

  suggestedLocation(start: number, end: number): string | null {
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

  /** Sends a move or resize; the server decides. A refusal snaps the block back and says why. */
  private async saveMove({ entry, start, end, practitionerId }: Move): Promise<boolean> {
    const admin = this.connection?.admin;
    const zone = this.zone;
    if (!admin || !zone) return false;
    const patch = { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
    const who = practitionerId ? { practitionerId } : {};
    // A booking's patient may be told: staff are asked first; "undo" puts the block back.
    const tell = entry.kind === 'booking' ? await (await this.notifier()).ask({ entry, start, end, ...who }) : false;
    if (entry.kind === 'booking') this.focusReturn.focusAfterRender({ entryId: entry.id });
    if (tell === null) return false;
    try {
      if (entry.kind === 'booking') await admin.bookings.update(entry.id, { ...patch, ...who, ...(tell ? { notifyClient: true } : {}) });
      else if (entry.kind === 'activity') await admin.activities.update(entry.id, { ...patch, ...who });
      else await admin.workingTimes.update(entry.id, patch);
      // Keep the new place on screen until the refetch confirms it.
      this.feed.entries = this.feed.entries.map((e) => (e.id === entry.id ? { ...e, ...patch, ...who } : e));
      const { date } = wallClock(start, zone);
      this.announcement = this.texts.t('moved', {
        what: this.theKind(entry.kind),
        day: formatLocalDate(date, this.language, { weekday: 'long', day: 'numeric', month: 'long' }),
        time: `${clockTime(start, zone)}–${clockTime(end, zone)}`,
      });
      if (tell) this.say(this.texts.t('movedAndTold'));
      this.dispatchEvent(new TidbokCalendarChangeEvent({ action: 'moved', kind: entry.kind, id: entry.id }));
      void this.feed.refresh();
      return true;
    } catch (error) {
      this.report('move', error, 'move');
      return false;
    }
  }

  /** "Klara Nilsson: tis 3 mars 09:00 → tis 3 mars 11:00 (Bo Ek)" for the notify dialog. */
  private describeMove({ entry, start, end, practitionerId }: Move): string {
    const zone = this.zone!;
    const when = (from: number, to: number) =>
      `${formatLocalDate(wallClock(from, zone).date, this.language, { weekday: 'short', day: 'numeric', month: 'short' })} ${clockTime(from, zone)}–${clockTime(to, zone)}`;
    const name = practitionerId ? this.clinic.value?.practitioners.find((p) => p.id === practitionerId)?.name : undefined;
    const client = entry.kind === 'booking' ? entry.clientName : '';
    const text = this.texts.t('notifyMoveWhat', { client, from: when(Date.parse(entry.start), Date.parse(entry.end)), to: when(start, end) });
    return name ? `${text} (${name})` : text;
  }

  // ---- Delete all visible working time ------------------------------------------------------

  private async openConfirm() {
    this.focusReturn.returnTo = { selector: '#delete-menu' };
    this.confirming = true;
    await this.updateComplete;
    if (this.confirmDialog && !this.confirmDialog.open) this.confirmDialog.showModal();
    this.confirmDialog?.querySelector<HTMLElement>('[data-action="cancel"]')?.focus();
  }

  private closeConfirm() {
    this.confirmDialog?.close();
    this.confirming = false;
    this.focusReturn.restore();
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
      this.say(this.texts.t('deletedRange', { count: deleted }));
      this.dispatchEvent(new TidbokCalendarChangeEvent({ action: 'deleted-range', kind: 'workingTime', id: '' }));
      void this.feed.refresh();
    } catch (error) {
      this.report('delete-working-time', error, 'save');
    }
    this.closeConfirm();
  }

  // ---- Rendering --------------------------------------------------------------------------

  private kindName(kind: EntryKind | DraftTab): string {
    return this.texts.t(kind === 'booking' ? 'kindBooking' : kind === 'activity' ? 'kindActivity' : 'kindWorkingTime');
  }

  /** The block templates with this render's state. */
  private blockTemplates(): BlockTemplates {
    const practitioners = this.clinic.value?.practitioners ?? [];
    return new BlockTemplates({
      texts: this.texts,
      kindName: (kind) => this.kindName(kind),
      language: this.language,
      zone: this.zone!,
      range: this.range,
      practitioners,
      treatmentTypes: this.clinic.value?.treatmentTypes ?? [],
      mixed: this.view === 'week' && !this.practitioner && practitioners.length > 1,
      draft: this.draft,
      dragId: this.gestures.dragId,
      isPending: (id) => this.moves.isPending(id),
      onEntryKeydown: (event, entry) => this.keys.onEntryKeydown(event, entry),
      openEntry: (entry) => void this.openEntry(entry),
    });
  }

  private renderDay(column: Column, index: number, entries: CalendarEntry[], today: string, templates: BlockTemplates) {
    const zone = this.zone!;
    const range = this.range;
    const { from, to } = range;
    const date = column.date;
    const { bands, blocks } = placeColumn(column, entries, this.draft, zone, range);
    const lanes = blockLanes(blocks);
    // Everyone's week: working time is a shade behind the blocks, and blocks say whose they are.
    const unfiltered = !column.practitionerId && !this.practitioner && (this.clinic.value?.practitioners.length ?? 0) > 1;
    const bandLanes = layoutLanes(bands);
    const dayName = formatLocalDate(date, this.language, { weekday: 'long', day: 'numeric', month: 'long' });
    const practitioner = column.practitionerId ? this.clinic.value?.practitioners.find((p) => p.id === column.practitionerId)?.name : undefined;
    const dayLabel = practitioner ? this.texts.t('practitionerColumn', { practitioner, day: dayName }) : dayName;
    const cursor = this.keys.cursor?.day === index ? this.keys.cursor : null;
    const cursorText = cursor ? `${timeOfMinutes(cursor.minutes)}–${timeOfMinutes(cursor.minutes + cursor.length)}` : '';
    const nowTop = date === today ? topPercent(wallClock(this.clock.now(), zone).minutes, range) : null;
    return html`
      <div class="day ${date === today ? 'today' : ''}" role="group" aria-labelledby="day-${index}" data-date=${date}>
        <div
          part="day"
          class="day-body"
          data-day=${index}
          tabindex="0"
          role="slider"
          aria-orientation="vertical"
          aria-label=${this.texts.t('dayCursorLabel', { day: dayLabel })}
          aria-describedby="day-help"
          aria-valuemin=${from}
          aria-valuemax=${to}
          aria-valuenow=${cursor?.minutes ?? from}
          aria-valuetext=${cursorText || timeOfMinutes(cursor?.minutes ?? from)}
          @focus=${(e: FocusEvent) => {
            // The time cursor is for the keyboard; a mouse press (no focus ring) does not show it.
            if ((e.target as HTMLElement).matches(':focus-visible')) this.keys.onDayFocus(index);
          }}
          @blur=${() => this.keys.onDayBlur(index)}
          @keydown=${(e: KeyboardEvent) => this.keys.onDayKeydown(e, index)}
        ></div>
        ${bands.map((band, i) => templates.renderBand(band, bandLanes[i]!, unfiltered))}
        ${repeat(
          blocks,
          (block) => block.entry?.id ?? 'draft',
          (block, i) => templates.renderBlock(block, lanes[i]!, unfiltered, 0),
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
        ${nowTop === null ? nothing : html`<div class="now" style="top:${nowTop}%"></div>`}
      </div>
    `;
  }

  private renderToolbar() {
    const days = this.days;
    const first = days[0];
    const last = days[days.length - 1];
    const practitioners = this.clinic.value?.practitioners ?? [];
    const fmt = (date: string, options: Intl.DateTimeFormatOptions) => formatLocalDate(date, this.language, options);
    const dayView = this.dayLike;
    const title = dayView
      ? fmt(this.day, { weekday: 'long', day: 'numeric', month: 'long' })
      : first
        ? this.texts.t('weekTitle', { week: isoWeek(first) })
        : '';
    const range = dayView
      ? `${this.texts.t('weekTitle', { week: isoWeek(this.day) })}, ${fmt(this.day, { year: 'numeric' })}`
      : first && last
        ? `${fmt(first, { day: 'numeric', month: 'short' })} – ${fmt(last, { day: 'numeric', month: 'short', year: 'numeric' })}`
        : '';
    return html`
      <div part="toolbar">
        <div class="nav">
          <button
            class="icon-button"
            id="previous-week"
            type="button"
            aria-label=${this.texts.t(dayView ? 'previousDay' : 'previousWeek')}
            @click=${() => this.shiftWeek(-1)}
          >
            ‹
          </button>
          <button class="btn" id="today" type="button" @click=${this.goToday}>${this.texts.t('today')}</button>
          <button
            class="icon-button"
            id="next-week"
            type="button"
            aria-label=${this.texts.t(dayView ? 'nextDay' : 'nextWeek')}
            @click=${() => this.shiftWeek(1)}
          >
            ›
          </button>
          <div class="month">
            <button
              class="btn"
              id="month-button"
              type="button"
              aria-haspopup="dialog"
              aria-expanded=${this.monthOpen ? 'true' : 'false'}
              @click=${() => void this.toggleMonth()}
            >
              ${this.texts.t('monthOverview')} <span aria-hidden="true">▾</span>
            </button>
            ${
              this.monthOpen
                ? html`<tidbok-month-overview
                    .locale=${this.language}
                    .value=${this.day}
                    .today=${this.today}
                    @tidbok-date-pick=${(e: CustomEvent<{ date: string }>) => {
                      e.stopPropagation();
                      this.monthOpen = false;
                      this.goToWeek(e.detail.date);
                      this.focusReturn.focusAfterRender({ selector: '#month-button' });
                    }}
                    @tidbok-popup-close=${(e: Event) => {
                      e.stopPropagation();
                      this.monthOpen = false;
                      this.focusReturn.focusAfterRender({ selector: '#month-button' });
                    }}
                  ></tidbok-month-overview>`
                : nothing
            }
          </div>
          <h2 part="title" aria-live="polite">${title}<span class="range">${range}</span></h2>
        </div>
        <div class="tools">
          <div class="switch" role="group" aria-label=${this.texts.t('viewSwitch')}>
            ${(['day', 'week'] as const).map(
              (view) =>
                html`<button
                  class="btn"
                  type="button"
                  id="view-${view}"
                  aria-pressed=${this.view === view ? 'true' : 'false'}
                  @click=${() => this.showView(view)}
                >
                  ${this.texts.t(view === 'day' ? 'viewDay' : 'viewWeek')}
                </button>`,
            )}
          </div>
          <div class="filter">
            <label for="practitioner-filter">${this.texts.t('practitioner')}</label>
            <select id="practitioner-filter" @change=${(e: Event) => this.setFilter((e.target as HTMLSelectElement).value)}>
              <option value="" ?selected=${!this.practitioner}>${this.texts.t('allPractitioners')}</option>
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
              ${this.texts.t('view')} <span aria-hidden="true">▾</span>
            </button>
            <div
              part="view-panel"
              id="view-panel"
              role="group"
              aria-label=${this.texts.t('viewSettings')}
              ?hidden=${!this.viewOpen}
              @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Escape') {
                  e.stopPropagation();
                  this.viewOpen = false;
                  this.focusReturn.find({ selector: '#view-button' })?.focus();
                }
              }}
            >
              <div class="row">
                <div class="field">
                  <label for="start-hour">${this.texts.t('dayStarts')}</label>
                  <select id="start-hour" @change=${(e: Event) => this.changeView({ startHour: Number((e.target as HTMLSelectElement).value) })}>
                    ${Array.from({ length: 24 }, (_, h) => html`<option value=${h} ?selected=${h === this.startHour}>${timeOfMinutes(h * 60)}</option>`)}
                  </select>
                </div>
                <div class="field">
                  <label for="end-hour">${this.texts.t('dayEnds')}</label>
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
                ${this.texts.t('showWeekends')}
              </label>
              <button class="btn link" type="button" @click=${this.resetView}>${this.texts.t('resetView')}</button>
            </div>
          </div>
          <slot name="tools"></slot>
          <tidbok-menu-button
            id="delete-menu"
            align="end"
            .label=${this.texts.t('deleteMenu')}
            .items=${[{ id: 'delete-range', label: this.texts.t('allVisibleWorkingTime'), danger: true }]}
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
            ${this.texts.t('book')}
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
    const who = this.practitioner ? (this.clinic.value?.practitioners.find((p) => p.id === this.practitioner)?.name ?? '') : this.texts.t('everyone');
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
            ? html`<h2 id="confirm-title">${this.texts.t('confirmDeleteRangeTitle')}</h2>
                <p id="confirm-body">${this.texts.t('confirmDeleteRangeBody', { who, from: fmt(first), to: fmt(last) })}</p>
                <div class="actions">
                  <button class="btn" type="button" data-action="cancel" @click=${this.closeConfirm}>${this.texts.t('cancel')}</button>
                  <button class="btn danger" type="button" data-action="confirm" @click=${this.deleteVisibleWorkingTime}>${this.texts.t('deleteYes')}</button>
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
                <button class="icon-button" type="button" aria-label=${this.texts.t('dismiss')} @click=${() => (this.notice = null)}>×</button>
              </div>`
            : nothing
        }
        ${feedError ? html`<div class="notice error" role="status"><p>${this.texts.t('refreshFailed')}</p></div>` : nothing}
        ${
          this.feed.status === 'error'
            ? html`<div class="notice error" role="alert">
                <p>${this.texts.t('loadFailed')} ${describeError(this.feed.error, this.language, 'load').message}</p>
                <button class="btn" type="button" @click=${() => this.feed.refresh()}>${this.texts.t('retry')}</button>
              </div>`
            : nothing
        }
      </div>
      <div class="sr" aria-live="polite">${this.notice?.tone === 'info' ? '' : this.announcement}</div>
    `;
  }

  override render() {
    if (!this.connection?.admin) return html`<p class="state">${this.texts.t('notConnected')}</p>`;
    if (this.clinic.status === 'error' && !this.clinic.value) {
      return html`<div class="state" role="alert">
        <p>${this.texts.t('loadFailed')} ${describeError(this.clinic.error, this.language, 'load').message}</p>
        <button class="btn" type="button" @click=${() => this.reloadClinicData()}>${this.texts.t('retry')}</button>
      </div>`;
    }
    const zone = this.zone;
    if (!zone || !this.weekStart) return html`<p class="state" role="status">${this.texts.t('loading')}</p>`;
    const days = this.days;
    const entries = this.entries;
    const columns = this.columns;
    const dayView = this.view === 'day';
    const today = this.today;
    const { from, to } = this.range;
    const hours = (to - from) / 60;
    const openEntry = this.openEntryId ? (entries.find((e) => e.id === this.openEntryId) ?? null) : null;
    const blocks = this.blockTemplates();
    return html`
      ${this.renderToolbar()}
      <div class="stage">
        ${this.renderNotices()}
        <p class="empty" role="status" part="status">
          ${this.feed.status === 'loading' ? this.texts.t('loading') : this.feed.status === 'ready' && entries.length === 0 ? this.texts.t(dayView ? 'emptyDay' : 'emptyWeek') : dayView && columns.length === 0 ? this.texts.t('noPractitioners') : ''}
        </p>
        <span id="entry-help" class="sr">${this.texts.t('entryHelp')}</span>
        <span id="day-help" class="sr">${this.texts.t('dayCursorHelp')}</span>
        ${
          this.narrow
            ? this.dayList?.renderDayList({
                texts: this.texts,
                language: this.language,
                zone,
                practitioners: this.clinic.value?.practitioners ?? [],
                day: this.day,
                entries: this.practitioner ? entries.filter((e) => e.practitionerId === this.practitioner) : entries,
                openEntry: (entry) => void this.openEntry(entry),
              })
            : nothing
        }
        <div
          ?hidden=${this.narrow}
          part="grid"
          style="--_days:${columns.length};--_hours:${hours}"
          aria-label=${this.texts.t(dayView ? 'dayGridLabel' : 'gridLabel')}
          aria-busy=${this.feed.status === 'loading' ? 'true' : 'false'}
          role="region"
        >
          <div class="head">
            <div class="corner" aria-hidden="true">
              ${dayView ? formatLocalDate(this.day, this.language, { weekday: 'short', day: 'numeric' }) : days[0] ? `v ${isoWeek(days[0])}` : ''}
            </div>
            ${columns.map((column, i) => {
              const count = outsideCount(placeColumn(column, entries, null, zone, this.range));
              const outside = count ? html`<span class="outside">${this.texts.t('outsideHours', { count })}</span>` : nothing;
              if (dayView) {
                const name = this.shownPractitioners.find((p) => p.id === column.practitionerId)?.name ?? '';
                return html`<div class="day-head practitioner"><span id="day-${i}">${name}</span>${outside}</div>`;
              }
              const date = column.date;
              const long = formatLocalDate(date, this.language, { weekday: 'long', day: 'numeric', month: 'long' });
              return html`<div class="day-head ${date === today ? 'today' : ''}">
                <span id="day-${i}"
                  >${formatLocalDate(date, this.language, { weekday: 'short' })}
                  <strong>${formatLocalDate(date, this.language, { day: 'numeric', month: 'numeric' })}</strong></span
                >
                <button class="day-link" type="button" aria-label=${this.texts.t('openDayView', { day: long })} @click=${() => this.showView('day', date)}>
                  <span aria-hidden="true">→</span>
                </button>
                ${outside}
              </div>`;
            })}
          </div>
          <div class="body" @pointerdown=${this.gestures.onPointerDown} @dblclick=${this.onDoubleClick}>
            <div class="gutter" aria-hidden="true">
              ${Array.from({ length: hours }, (_, i) => html`<span style="top:${(i / hours) * 100}%">${timeOfMinutes(from + i * 60)}</span>`)}
            </div>
            ${columns.map((column, i) => this.renderDay(column, i, entries, today, blocks))}
          </div>
        </div>
      </div>
      ${
        (this.draft && !this.gestures.creating) || openEntry
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
      ${this.renderConfirm()} ${this.notify?.render() ?? nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-calendar': TidbokCalendar;
  }
}
