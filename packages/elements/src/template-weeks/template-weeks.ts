import { ContextConsumer } from '@lit/context';
import { type ApplyTemplateWeekResponse, type TemplateWeek, type TidbokAdmin } from '@tidbok/sdk';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { type TidbokConnection, tidbokContext } from '../context.js';
import { type Locale, pickLocale } from '../i18n.js';
import { describeError } from '../shared/describe-error.js';
import { reportError } from '../shared/errors.js';
import { theme } from '../shared/styles.js';
import { addWeeks, alternateMondays, MAX_WEEKS, mondayOrEmpty, mondaysBetween, parityOf, type WeekParity, weekEndOf } from './week-math.js';
import { TidbokTemplateAppliedEvent, TidbokWorkingTimeDeletedEvent } from './events.js';
import { TemplateWeeksController } from './template-weeks-controller.js';
import { type TemplateWeeksMessageKey, templateWeeksMessages } from './template-weeks.messages.js';
import { templateWeeksStyles } from './template-weeks.styles.js';
import { addLocalDays, dateTimeFormat, formatLocalDate, isoWeekOf } from '../shared/dates.js';
import { TextsController } from '../shared/texts.js';

type SkipReason = ApplyTemplateWeekResponse['skipped'][number]['reason'];

/** Weeks chosen for "Paste into a range of weeks" / "Every other week". */
interface WeeksChoice {
  mode: 'range' | 'alternate';
  /** Any local date in the first / last week (the date inputs' values). */
  from: string;
  to: string;
  parity: WeekParity;
}

type Dialog =
  | { kind: 'save'; name: string; practitionerId: string; includeBookings: boolean; invalid: boolean }
  | ({ kind: 'weeks'; template: TemplateWeek } & WeeksChoice)
  | {
      kind: 'preview';
      template: TemplateWeek;
      weekStarts: string[];
      /** The dry run's answer; null while it is being asked. */
      report: ApplyTemplateWeekResponse | null;
      /** Where "Back" goes: the week choice this preview came from (none for "this week"). */
      back: WeeksChoice | null;
    }
  | { kind: 'rename'; template: TemplateWeek; name: string; invalid: boolean }
  | { kind: 'delete'; template: TemplateWeek }
  | { kind: 'clear'; monday: string; practitionerId: string };

interface Problem {
  summary: string;
  detail: string;
}

/** How many skipped items the preview lists one by one (the counts per reason cover the rest). */
const SKIPPED_LISTED = 100;
/** How many week numbers the week choice names before "…". */
const WEEKS_NAMED = 12;

/**
 * @summary The "Template weeks" panel of the staff calendar: save the shown week's working time
 * as a template, list the templates, paste one into this week, a range of weeks or every other
 * (odd/even) week after a preview of what will be created and skipped, rename and delete them,
 * and "Delete → All visible working time" for the shown week.
 *
 * Uses the staff client from `tidbokContext` (a `<tidbok-provider>` with a token, or
 * `<tidbok-admin>`), or the `admin` property when set. Weeks are local Mondays (`YYYY-MM-DD`);
 * all week arithmetic is on those dates, never on instants, so daylight saving cannot shift a week.
 *
 * Keyboard: every action is a button; dialogs are modal `<dialog>`s that take focus, close on
 * Escape and give focus back to the button that opened them.
 *
 * @event tidbok-template-applied - A template was pasted: `{ templateId, weekStarts, created, skipped }`.
 * @event tidbok-working-time-deleted - The shown week's working time was deleted: `{ deleted, from, to, practitionerId }`.
 * @event tidbok-error - Something failed and is shown in place: `{ code, action, error }`.
 *
 * @csspart base - The panel.
 * @csspart header - Title and the shown week.
 * @csspart title - The panel's heading.
 * @csspart week - The shown week ("Week 12, 22–28 Mar 2027").
 * @csspart save-button - "Save this week as…".
 * @csspart list - The list of templates.
 * @csspart item - One template; also `item open` while its More actions show.
 * @csspart item-name - A template's name.
 * @csspart item-meta - Its number of blocks (and bookings) and whose working time it holds.
 * @csspart paste-button - "Paste into this week".
 * @csspart more-button - The toggle for a template's other actions.
 * @csspart more-menu - A template's other actions (range, every other week, rename, delete).
 * @csspart menu-item - One of those actions.
 * @csspart loading - The loading state.
 * @csspart empty - The empty state.
 * @csspart error - A failure, with the server's problem detail.
 * @csspart retry-button - "Try again" after the list failed to load.
 * @csspart notice - What the last action did (role status).
 * @csspart clear-button - "Delete → All visible working time…".
 * @csspart dialog - The modal dialog; also `dialog save|weeks|preview|rename|delete|clear`.
 * @csspart dialog-title - The dialog's heading.
 * @csspart weeks-summary - The weeks a range or every-other-week choice names.
 * @csspart preview-summary - What a paste will create and skip, counted.
 * @csspart skipped-list - What a paste will skip, with reasons.
 * @csspart apply-button - "Apply" in the preview.
 * @csspart confirm-button - The dialog's main button (Save, Preview, Delete).
 * @csspart cancel-button - The dialog's Cancel / Close button.
 *
 * @cssstate loading - The list is being fetched.
 * @cssstate empty - The clinic has no template weeks.
 * @cssstate error - The list could not be fetched.
 *
 * @cssproperty --tidbok-primary - Accent colour. See also the other `--tidbok-*` theme properties.
 */
export class TidbokTemplateWeeks extends LitElement {
  static override styles = [theme, templateWeeksStyles];

  static override properties = {
    weekStart: { attribute: 'week-start' },
    practitionerId: { attribute: 'practitioner-id' },
    timeZone: { attribute: 'time-zone' },
    locale: {},
    admin: { attribute: false },
    connection: { attribute: false },
    dialog: { state: true },
    busy: { state: true },
    dialogProblem: { state: true },
    notice: { state: true },
    openMenu: { state: true },
  };

  /** The Monday (local date `YYYY-MM-DD`) of the week the calendar shows; any day of it works. */
  weekStart = '';
  /** The calendar's practitioner filter (an id), or empty for everyone. */
  practitionerId = '';
  /** The clinic's IANA zone, to show skipped times on the clinic's clock; asked from the server when empty. */
  timeZone = '';
  /** `sv` or `en`; defaults to the connection's language, then the browser's. */
  locale: Locale | undefined;
  /** A staff client to use instead of the one from `tidbokContext` (tests, standalone pages). */
  admin: TidbokAdmin | undefined;

  connection: TidbokConnection | undefined;
  // `@consume` as a controller (no decorator code): keeps `connection` set to the provider's value.
  readonly #connectionConsumer = new ContextConsumer(this, { context: tidbokContext, subscribe: true, callback: (value) => (this.connection = value) });

  private dialog: Dialog | null = null;
  private busy = false;
  private dialogProblem: Problem | null = null;
  private notice: { text: string; tone: 'info' | 'error' } | null = null;
  /** The template whose More actions are shown. */
  private openMenu: string | null = null;

  private get dialogElement(): HTMLDialogElement | undefined {
    return this.renderRoot?.querySelector<HTMLDialogElement>('dialog') ?? undefined;
  }

  private readonly data = new TemplateWeeksController(this, {
    admin: () => this.client,
    timeZone: () => this.timeZone || undefined,
    onError: (error) => this.report('load', error),
  });

  /** Where focus goes when the dialog closes (a selector in this shadow root). */
  private returnFocus = '';
  /** Identifies the preview being asked, so a late answer for an old one is dropped. */
  private previewRequest: AbortController | undefined;
  private internals: ElementInternals | undefined;

  constructor() {
    super();
    try {
      this.internals = this.attachInternals();
    } catch {
      // An older browser without ElementInternals: the custom states are a nicety.
    }
  }

  /** Loads the templates again (e.g. after another staff member changed them). */
  refresh(): Promise<void> {
    return this.data.reload();
  }

  // ---- Derived values ---------------------------------------------------------------------

  private get client(): TidbokAdmin | undefined {
    return this.admin ?? this.connection?.admin;
  }

  private get language(): Locale {
    return pickLocale(this.locale, this.connection?.locale, globalThis.navigator?.language);
  }

  /** The shown week's Monday, or '' while no valid week is set. */
  private get monday(): string {
    return mondayOrEmpty(this.weekStart);
  }

  private get zone(): string | undefined {
    return this.timeZone || this.data.clinicTimeZone;
  }

  private readonly texts = new TextsController(this, () => this.language, templateWeeksMessages);

  private count(one: TemplateWeeksMessageKey, other: TemplateWeeksMessageKey, count: number): string {
    return this.texts.t(count === 1 ? one : other, { count });
  }

  private intlLocale(): string {
    return this.language === 'en' ? 'en-GB' : 'sv-SE';
  }

  private formatDate(date: string, options: Intl.DateTimeFormatOptions): string {
    return formatLocalDate(date, this.language, options);
  }

  /**
   * `22–28 mars 2027`, `29 mars – 4 apr. 2027`, `28 dec. 2026 – 3 jan. 2027`. Built from parts rather
   * than `formatRange`, whose spacing around the dash differs between ICU versions.
   */
  private weekRange(monday: string): string {
    const sunday = weekEndOf(monday);
    const sameYear = monday.slice(0, 4) === sunday.slice(0, 4);
    const sameMonth = sameYear && monday.slice(5, 7) === sunday.slice(5, 7);
    const first = sameMonth
      ? this.formatDate(monday, { day: 'numeric' })
      : this.formatDate(monday, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' });
    // A spaced dash between dates that have spaces themselves (`31 mars – 6 apr. 2027`).
    return `${first}${sameMonth ? '–' : ' – '}${this.formatDate(sunday, { day: 'numeric', month: 'short', year: 'numeric' })}`;
  }

  /**
   * `Vecka 12` (a label), `vecka 12` (inside a sentence) or `v. 12`, with the ISO year added when
   * it is not the shown week's.
   */
  private weekName(monday: string, style: 'label' | 'text' | 'short' = 'label'): string {
    const { year, week } = isoWeekOf(monday);
    const key = style === 'label' ? 'weekLabel' : style === 'text' ? 'weekInText' : 'weekShort';
    const name = this.texts.t(key, { week });
    const shownYear = this.monday ? isoWeekOf(this.monday).year : year;
    return year === shownYear ? name : `${name} ${year}`;
  }

  /** `v. 13, 15, 17` — the year added where it changes: `v. 51, 1 (2028), 3`. */
  private weekNames(mondays: readonly string[]): string {
    let year = this.monday ? isoWeekOf(this.monday).year : undefined;
    const numbers = mondays.slice(0, WEEKS_NAMED).map((monday) => {
      const week = isoWeekOf(monday);
      const changed = year !== undefined && week.year !== year;
      year = week.year;
      return changed ? `${week.week} (${week.year})` : String(week.week);
    });
    const list = numbers.join(', ') + (mondays.length > WEEKS_NAMED ? ', …' : '');
    return this.texts.t('weekShort', { week: list });
  }

  /** `Vecka 12, 22–28 mars 2027` for one week; `3 veckor: v. 13, 15, 17` for several. */
  private weeksPhrase(mondays: readonly string[]): string {
    if (mondays.length === 1) return `${this.weekName(mondays[0]!, 'text')}, ${this.weekRange(mondays[0]!)}`;
    return this.texts.t('weeksChosen', { count: mondays.length, weeks: this.weekNames(mondays) });
  }

  private practitionerName(id: string | null): string {
    if (!id) return this.texts.t('allPractitioners');
    return this.data.practitioners.find((p) => p.id === id)?.name ?? this.texts.t('removedPractitioner');
  }

  private clock(instant: string): string {
    return dateTimeFormat(this.language, this.zone || undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.parse(instant));
  }

  /** `10 block arbetstid och 2 bokningar`. */
  private createdPhrase(created: ApplyTemplateWeekResponse['created']): string {
    const blocks = created.filter((c) => c.kind === 'workingTime').length;
    const bookings = created.length - blocks;
    const working = this.texts.t('workingTimeBlocks', { blocks: this.count('blocksOne', 'blocksOther', blocks) });
    return bookings ? this.texts.t('and', { a: working, b: this.count('bookingsOne', 'bookingsOther', bookings) }) : working;
  }

  /** The week choice's Mondays, or why there are none. */
  private chosenWeeks(choice: WeeksChoice): { mondays: string[]; problem: string | null } {
    const from = mondayOrEmpty(choice.from);
    const to = mondayOrEmpty(choice.to);
    if (!from || !to) return { mondays: [], problem: this.texts.t('invalidDate') };
    if (to < from) return { mondays: [], problem: this.texts.t('toBeforeFrom') };
    const mondays = choice.mode === 'alternate' ? alternateMondays(from, to, choice.parity) : mondaysBetween(from, to);
    if (mondays.length > MAX_WEEKS) return { mondays: [], problem: this.texts.t('tooManyWeeks', { max: MAX_WEEKS }) };
    if (mondays.length === 0) return { mondays: [], problem: this.texts.t('noWeeksChosen') };
    return { mondays, problem: null };
  }

  /** A failure as shown in place: what failed, then the staff side's one description of it. */
  private describe(error: unknown, summary: TemplateWeeksMessageKey): Problem {
    return { summary: this.texts.t(summary), detail: describeError(error, this.language, 'load').message };
  }

  private report(action: string, error: unknown): void {
    reportError(this, action, error);
  }

  private say(text: string, tone: 'info' | 'error' = 'info'): void {
    this.notice = { text, tone };
  }

  // ---- Lifecycle --------------------------------------------------------------------------

  override willUpdate(changed: PropertyValues<this>): void {
    // A week or filter change from the calendar makes an old message about another week stale.
    if (
      (changed.has('weekStart') && changed.get('weekStart') !== undefined) ||
      (changed.has('practitionerId') && changed.get('practitionerId') !== undefined)
    ) {
      this.notice = null;
    }
  }

  override updated(): void {
    const states = this.internals?.states;
    if (!states) return;
    try {
      for (const name of ['loading', 'empty', 'error'] as const) states.delete(name);
      if (this.data.status === 'loading') states.add('loading');
      if (this.data.status === 'error') states.add('error');
      if (this.data.status === 'ready' && this.data.templates.length === 0) states.add('empty');
    } catch {
      // Browsers that only accept `--name` states: skip them.
    }
  }

  // ---- Dialogs ----------------------------------------------------------------------------

  private async open(dialog: Dialog, returnFocus: string): Promise<void> {
    this.returnFocus = returnFocus;
    this.dialog = dialog;
    this.dialogProblem = null;
    this.busy = false;
    this.openMenu = null;
    await this.updateComplete;
    const element = this.dialogElement;
    if (element && !element.open) element.showModal();
    this.focusDialog();
  }

  /** Moves focus to the dialog's first place: the field to type in, or its heading. */
  private focusDialog(): void {
    const target = this.dialogElement?.querySelector<HTMLElement>('[data-autofocus]') ?? this.dialogElement?.querySelector<HTMLElement>('h2');
    target?.focus();
  }

  private closeDialog = (): void => {
    this.dialogElement?.close();
    // Reset now rather than on the `close` event, which comes a task later.
    this.onDialogClosed();
  };

  /** After any close (a button, Escape, the browser): forget the dialog and give focus back. */
  private onDialogClosed = (): void => {
    // Already handled; or a new dialog was opened before this (late) `close` event arrived.
    if (!this.dialog || this.dialogElement?.open) return;
    this.previewRequest?.abort();
    this.dialog = null;
    this.dialogProblem = null;
    this.busy = false;
    const selector = this.returnFocus;
    this.returnFocus = '';
    void this.updateComplete.then(() => {
      const root = this.shadowRoot;
      const target = (selector && root?.querySelector<HTMLElement>(selector)) || root?.querySelector<HTMLElement>('[part~="save-button"]');
      target?.focus();
    });
  };

  private openSave = (): void => {
    const practitionerId = this.data.practitioners.some((p) => p.id === this.practitionerId) ? this.practitionerId : '';
    void this.open({ kind: 'save', name: '', practitionerId, includeBookings: false, invalid: false }, '[part~="save-button"]');
  };

  private openWeeks(template: TemplateWeek, mode: WeeksChoice['mode']): void {
    const from = addWeeks(this.monday, 1);
    const choice: WeeksChoice =
      mode === 'range'
        ? { mode, from, to: addWeeks(from, 3), parity: parityOf(this.monday) }
        : // Every other week keeps the shown week's rhythm: the next week of the same parity first.
          { mode, from, to: addWeeks(from, 11), parity: parityOf(this.monday) };
    void this.open({ kind: 'weeks', template, ...choice }, `#more-button-${template.id}`);
  }

  private async startPreview(template: TemplateWeek, weekStarts: string[], back: WeeksChoice | null, returnFocus?: string): Promise<void> {
    const dialog: Dialog = { kind: 'preview', template, weekStarts, report: null, back };
    if (returnFocus !== undefined) await this.open(dialog, returnFocus);
    else {
      this.dialog = dialog;
      this.dialogProblem = null;
      await this.updateComplete;
      this.focusDialog();
    }
    const admin = this.client;
    if (!admin) return;
    this.previewRequest?.abort();
    const request = (this.previewRequest = new AbortController());
    try {
      const report = await admin.templateWeeks.apply(template.id, { weekStarts, dryRun: true }, { signal: request.signal });
      if (request !== this.previewRequest || this.dialog !== dialog) return;
      this.dialog = { ...dialog, report };
      await this.updateComplete;
      // Say what the preview found: focus the summary's region so a screen reader reads it.
      this.dialogElement?.querySelector<HTMLElement>('[part~="preview-summary"]')?.focus();
    } catch (error) {
      if (request.signal.aborted || request !== this.previewRequest) return;
      this.dialogProblem = this.describe(error, 'previewFailed');
      this.report('preview-template', error);
    }
  }

  private async apply(): Promise<void> {
    const dialog = this.dialog;
    const admin = this.client;
    if (dialog?.kind !== 'preview' || !dialog.report || !admin || this.busy) return;
    await this.runDialogAction(dialog, 'apply-template', 'applyFailed', async () => {
      const result = await admin.templateWeeks.apply(dialog.template.id, { weekStarts: dialog.weekStarts });
      this.dispatchEvent(
        new TidbokTemplateAppliedEvent({ templateId: dialog.template.id, weekStarts: dialog.weekStarts, created: result.created, skipped: result.skipped }),
      );
      const parts = [result.created.length ? this.texts.t('applied', { what: this.createdPhrase(result.created) }) : this.texts.t('appliedNothing')];
      if (result.skipped.length) parts.push(this.texts.t('appliedSkipped', { count: result.skipped.length }));
      this.say(parts.join(' '));
    });
  }

  /**
   * Runs a dialog's main action: busy meanwhile, the dialog closed once it succeeds, a failure
   * shown in the dialog (or, if it was closed meanwhile, announced) and fired as `tidbok-error`.
   */
  private async runDialogAction(dialog: Dialog, action: string, failed: TemplateWeeksMessageKey, work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.dialogProblem = null;
    try {
      await work();
      if (this.dialog === dialog) this.closeDialog();
    } catch (error) {
      if (this.dialog === dialog) this.dialogProblem = this.describe(error, failed);
      else this.say(`${this.texts.t(failed)} ${this.describe(error, failed).detail}`, 'error');
      this.report(action, error);
    } finally {
      this.busy = false;
    }
  }

  private async save(): Promise<void> {
    const dialog = this.dialog;
    const admin = this.client;
    if (dialog?.kind !== 'save' || !admin || this.busy || !this.monday) return;
    const name = dialog.name.trim();
    if (!name) {
      this.dialog = { ...dialog, invalid: true };
      this.dialogElement?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
      return;
    }
    const weekStart = this.monday;
    await this.runDialogAction(dialog, 'save-template', 'saveFailed', async () => {
      const template = await admin.templateWeeks.create({
        name,
        weekStart,
        practitionerId: dialog.practitionerId || null,
        ...(dialog.includeBookings ? { includeBookings: true } : {}),
      });
      this.data.upsert(template, this.intlLocale());
      const blocks = template.blocks.length;
      this.say(
        blocks || template.bookings?.length
          ? this.texts.t('saved', { name: template.name, blocks: this.count('blocksOne', 'blocksOther', blocks) })
          : this.texts.t('savedEmpty', { name: template.name }),
      );
    });
  }

  private async rename(): Promise<void> {
    const dialog = this.dialog;
    const admin = this.client;
    if (dialog?.kind !== 'rename' || !admin || this.busy) return;
    const name = dialog.name.trim();
    if (!name) {
      this.dialog = { ...dialog, invalid: true };
      this.dialogElement?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
      return;
    }
    await this.runDialogAction(dialog, 'rename-template', 'renameFailed', async () => {
      const template = await admin.templateWeeks.rename(dialog.template.id, name);
      this.data.upsert(template, this.intlLocale());
      this.say(this.texts.t('renamed', { name: template.name }));
    });
  }

  private async deleteTemplate(): Promise<void> {
    const dialog = this.dialog;
    const admin = this.client;
    if (dialog?.kind !== 'delete' || !admin || this.busy) return;
    await this.runDialogAction(dialog, 'delete-template', 'deleteFailed', async () => {
      await admin.templateWeeks.remove(dialog.template.id);
      this.data.remove(dialog.template.id);
      this.say(this.texts.t('deleted', { name: dialog.template.name }));
      // The template's buttons are gone: focus goes to the panel's first action instead.
      this.returnFocus = '[part~="save-button"]';
    });
  }

  private async clearWeek(): Promise<void> {
    const dialog = this.dialog;
    const admin = this.client;
    if (dialog?.kind !== 'clear' || !admin || this.busy) return;
    const from = dialog.monday;
    const to = weekEndOf(dialog.monday);
    await this.runDialogAction(dialog, 'delete-working-time', 'clearFailed', async () => {
      // `to` is a local date and inclusive (docs/design.md, "Conventions on the wire"): the whole Sunday is covered.
      const { deleted } = await admin.workingTimes.removeRange({ from, to, ...(dialog.practitionerId ? { practitionerId: dialog.practitionerId } : {}) });
      this.dispatchEvent(new TidbokWorkingTimeDeletedEvent({ deleted, from, to, practitionerId: dialog.practitionerId || null }));
      this.say(this.texts.t('cleared', { blocks: this.count('blocksOne', 'blocksOther', deleted) }));
    });
  }

  /** The dialog's main action (also what Enter in a field does). */
  private submit = (event: Event): void => {
    event.preventDefault();
    const dialog = this.dialog;
    if (!dialog || this.busy) return;
    switch (dialog.kind) {
      case 'save':
        void this.save();
        break;
      case 'weeks': {
        const { mondays } = this.chosenWeeks(dialog);
        if (mondays.length) void this.startPreview(dialog.template, mondays, { mode: dialog.mode, from: dialog.from, to: dialog.to, parity: dialog.parity });
        break;
      }
      case 'preview':
        void this.apply();
        break;
      case 'rename':
        void this.rename();
        break;
      case 'delete':
        void this.deleteTemplate();
        break;
      case 'clear':
        void this.clearWeek();
        break;
    }
  };

  private edit(patch: Partial<Record<string, unknown>>): void {
    if (this.dialog) this.dialog = { ...this.dialog, ...patch } as Dialog;
  }

  // ---- Rendering --------------------------------------------------------------------------

  private renderTemplate(template: TemplateWeek): TemplateResult {
    const open = this.openMenu === template.id;
    const bookings = template.bookings?.length ?? 0;
    const meta = [
      this.count('blocksOne', 'blocksOther', template.blocks.length),
      ...(bookings ? [this.count('bookingsOne', 'bookingsOther', bookings)] : []),
      this.practitionerName(template.practitionerId),
    ].join(' · ');
    const nameId = `name-${template.id}`;
    const noWeek = !this.monday;
    return html`
      <li
        part="item${open ? ' open' : ''}"
        class="item"
        data-template=${template.id}
        @keydown=${(event: KeyboardEvent) => {
          // Escape closes the open actions and puts focus back on their toggle (disclosure pattern).
          if (event.key !== 'Escape' || !open) return;
          event.preventDefault();
          this.openMenu = null;
          this.shadowRoot?.querySelector<HTMLElement>(`#more-button-${template.id}`)?.focus();
        }}
      >
        <span part="item-name" class="name" id=${nameId}>${template.name}</span>
        <span part="item-meta" class="meta">${meta}</span>
        <div class="item-actions">
          <button
            part="paste-button"
            class="btn small primary"
            type="button"
            id="paste-button-${template.id}"
            aria-describedby=${nameId}
            aria-haspopup="dialog"
            ?disabled=${noWeek}
            @click=${() => void this.startPreview(template, [this.monday], null, `#paste-button-${template.id}`)}
          >
            ${this.texts.t('pasteThisWeek')}
          </button>
          <button
            part="more-button"
            class="btn small"
            type="button"
            id="more-button-${template.id}"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls="more-${template.id}"
            aria-label=${this.texts.t('moreFor', { name: template.name })}
            @click=${() => (this.openMenu = open ? null : template.id)}
          >
            ${this.texts.t('more')}<span class="chevron" aria-hidden="true"></span>
          </button>
        </div>
        <div part="more-menu" class="more" id="more-${template.id}" ?hidden=${!open}>
          <button part="menu-item" class="menu-item" type="button" ?disabled=${noWeek} @click=${() => this.openWeeks(template, 'range')}>
            ${this.texts.t('pasteRange')}
          </button>
          <button part="menu-item" class="menu-item" type="button" ?disabled=${noWeek} @click=${() => this.openWeeks(template, 'alternate')}>
            ${this.texts.t('pasteAlternate')}
          </button>
          <button
            part="menu-item"
            class="menu-item"
            type="button"
            @click=${() => void this.open({ kind: 'rename', template, name: template.name, invalid: false }, `#more-button-${template.id}`)}
          >
            ${this.texts.t('rename')}
          </button>
          <button
            part="menu-item"
            class="menu-item danger"
            type="button"
            @click=${() => void this.open({ kind: 'delete', template }, `#more-button-${template.id}`)}
          >
            ${this.texts.t('delete')}
          </button>
        </div>
      </li>
    `;
  }

  private renderList(): TemplateResult {
    const { status, templates } = this.data;
    if (status === 'error' && templates.length === 0) {
      const problem = this.describe(this.data.error, 'loadFailed');
      return html`<div part="error" class="problem" role="alert">
        <p><strong>${problem.summary}</strong> ${problem.detail}</p>
        <button part="retry-button" class="btn small" type="button" @click=${() => void this.data.reload()}>${this.texts.t('retry')}</button>
      </div>`;
    }
    if (templates.length === 0 && status !== 'ready') {
      return html`<p part="loading" class="state" role="status"><span class="spinner" aria-hidden="true"></span>${this.texts.t('loading')}</p>`;
    }
    if (templates.length === 0) return html`<p part="empty" class="state">${this.texts.t('empty')}</p>`;
    return html`<ul part="list" class="list" aria-label=${this.texts.t('list')} aria-busy=${status === 'loading' ? 'true' : 'false'}>
      ${templates.map((template) => this.renderTemplate(template))}
    </ul>`;
  }

  private renderProblem(): TemplateResult | typeof nothing {
    const problem = this.dialogProblem;
    if (!problem) return nothing;
    return html`<div part="error" class="problem" role="alert">
      <p><strong>${problem.summary}</strong></p>
      <p class="detail">${problem.detail}</p>
    </div>`;
  }

  private renderButtons(
    confirm: { label: string; busyLabel: string; tone?: 'primary' | 'danger'; part?: string; hidden?: boolean; focusCancel?: boolean },
    extra: TemplateResult | typeof nothing = nothing,
  ): TemplateResult {
    // A destructive dialog opens on Cancel, so Enter or Space by reflex deletes nothing (APG, alert dialog).
    return html`<div class="dialog-actions">
      ${extra}
      <button part="cancel-button" class="btn" type="button" ?data-autofocus=${!!confirm.focusCancel} @click=${this.closeDialog}>
        ${confirm.hidden ? this.texts.t('close') : this.texts.t('cancel')}
      </button>
      ${
        confirm.hidden
          ? nothing
          : html`<button
              part=${confirm.part ?? 'confirm-button'}
              class="btn ${confirm.tone ?? 'primary'}"
              type="submit"
              aria-disabled=${this.busy ? 'true' : 'false'}
            >
              ${this.busy ? confirm.busyLabel : confirm.label}
            </button>`
      }
    </div>`;
  }

  private nameField(value: string, invalid: boolean, onInput: (value: string) => void): TemplateResult {
    return html`<div class="field">
      <label for="name">${this.texts.t('name')}</label>
      <input
        id="name"
        name="name"
        type="text"
        part="input"
        data-autofocus
        required
        maxlength="200"
        autocomplete="off"
        placeholder=${this.texts.t('namePlaceholder')}
        .value=${live(value)}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? 'name-error' : nothing}
        @input=${(event: Event) => onInput((event.target as HTMLInputElement).value)}
      />
      ${invalid ? html`<span class="field-error" id="name-error">${this.texts.t('nameRequired')}</span>` : nothing}
    </div>`;
  }

  private renderSave(dialog: Extract<Dialog, { kind: 'save' }>): TemplateResult {
    return html`
      <h2 part="dialog-title" id="dialog-title" tabindex="-1">${this.texts.t('saveTitle')}</h2>
      <p class="hint" id="dialog-description">${this.texts.t('saveFrom', { week: this.weekName(this.monday, 'text'), range: this.weekRange(this.monday) })}</p>
      ${this.nameField(dialog.name, dialog.invalid, (name) => this.edit({ name, invalid: false }))}
      <div class="field">
        <label for="whose">${this.texts.t('whose')}</label>
        <select id="whose" part="input" @change=${(event: Event) => this.edit({ practitionerId: (event.target as HTMLSelectElement).value })}>
          <option value="" ?selected=${!dialog.practitionerId}>${this.texts.t('allPractitioners')}</option>
          ${this.data.practitioners.map((p) => html`<option value=${p.id} ?selected=${p.id === dialog.practitionerId}>${p.name}</option>`)}
        </select>
      </div>
      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            name="includeBookings"
            .checked=${dialog.includeBookings}
            aria-describedby="bookings-hint"
            @change=${(event: Event) => this.edit({ includeBookings: (event.target as HTMLInputElement).checked })}
          />
          ${this.texts.t('includeBookings')}
        </label>
        <p class="hint" id="bookings-hint">${this.texts.t('includeBookingsHint')}</p>
      </div>
      ${this.renderProblem()} ${this.renderButtons({ label: this.texts.t('save'), busyLabel: this.texts.t('saving') })}
    `;
  }

  private renderWeeks(dialog: Extract<Dialog, { kind: 'weeks' }>): TemplateResult {
    const { mondays, problem } = this.chosenWeeks(dialog);
    const weekOf = (date: string) => {
      const monday = mondayOrEmpty(date);
      return monday ? `${this.weekName(monday)}, ${this.weekRange(monday)}` : '';
    };
    const radio = (name: string, value: string, checked: boolean, label: string, onChange: () => void) =>
      html`<label class="check"><input type="radio" name=${name} value=${value} .checked=${checked} @change=${onChange} />${label}</label>`;
    return html`
      <h2 part="dialog-title" id="dialog-title" tabindex="-1">${this.texts.t('pasteTitle', { name: dialog.template.name })}</h2>
      <fieldset>
        <legend>${this.texts.t('which')}</legend>
        <div class="radios">
          ${radio('mode', 'range', dialog.mode === 'range', this.texts.t('everyWeek'), () => this.edit({ mode: 'range' }))}
          ${radio('mode', 'alternate', dialog.mode === 'alternate', this.texts.t('everyOtherWeek'), () => this.edit({ mode: 'alternate' }))}
        </div>
      </fieldset>
      <div class="field">
        <label for="from">${this.texts.t('fromWeek')}</label>
        <input
          id="from"
          name="from"
          type="date"
          part="input"
          data-autofocus
          required
          .value=${live(dialog.from)}
          aria-describedby="from-week"
          @input=${(event: Event) => this.edit({ from: (event.target as HTMLInputElement).value })}
        />
        <span class="hint" id="from-week">${weekOf(dialog.from) || this.texts.t('anyDayHint')}</span>
      </div>
      <div class="field">
        <label for="to">${this.texts.t('toWeek')}</label>
        <input
          id="to"
          name="to"
          type="date"
          part="input"
          required
          .value=${live(dialog.to)}
          aria-describedby="to-week"
          @input=${(event: Event) => this.edit({ to: (event.target as HTMLInputElement).value })}
        />
        <span class="hint" id="to-week">${weekOf(dialog.to) || this.texts.t('anyDayHint')}</span>
      </div>
      ${
        dialog.mode === 'alternate'
          ? html`<fieldset>
              <legend>${this.texts.t('parity')}</legend>
              <div class="radios">
                ${radio('parity', 'odd', dialog.parity === 'odd', this.texts.t('oddWeeks'), () => this.edit({ parity: 'odd' }))}
                ${radio('parity', 'even', dialog.parity === 'even', this.texts.t('evenWeeks'), () => this.edit({ parity: 'even' }))}
              </div>
            </fieldset>`
          : nothing
      }
      <p class="chosen ${problem ? 'invalid' : ''}" part="weeks-summary" role="status">
        ${
          problem ??
          (mondays.length === 1
            ? this.texts.t('weekChosen', { weeks: this.weekNames(mondays) })
            : this.texts.t('weeksChosen', { count: mondays.length, weeks: this.weekNames(mondays) }))
        }
      </p>
      ${this.renderProblem()}
      <div class="dialog-actions">
        <button part="cancel-button" class="btn" type="button" @click=${this.closeDialog}>${this.texts.t('cancel')}</button>
        <button part="confirm-button" class="btn primary" type="submit" aria-disabled=${problem ? 'true' : 'false'}>${this.texts.t('previewButton')}</button>
      </div>
    `;
  }

  private renderPreview(dialog: Extract<Dialog, { kind: 'preview' }>): TemplateResult {
    const report = dialog.report;
    const back = dialog.back;
    const backButton = back
      ? html`<button
          class="btn link back"
          type="button"
          @click=${() => {
            this.previewRequest?.abort();
            this.dialogProblem = null;
            this.dialog = { kind: 'weeks', template: dialog.template, ...back };
            void this.updateComplete.then(() => this.focusDialog());
          }}
        >
          ${this.texts.t('back')}
        </button>`
      : nothing;
    let body: TemplateResult;
    if (!report) {
      body = this.dialogProblem ? html`` : html`<p class="state" role="status"><span class="spinner" aria-hidden="true"></span>${this.texts.t('checking')}</p>`;
    } else {
      const skipped = report.skipped;
      const byReason = new Map<SkipReason, number>();
      for (const item of skipped) byReason.set(item.reason, (byReason.get(item.reason) ?? 0) + 1);
      body = html`
        <div part="preview-summary" class="summary" tabindex="-1">
          <p>${report.created.length ? this.texts.t('willCreate', { what: this.createdPhrase(report.created) }) : this.texts.t('nothingToCreate')}</p>
          ${
            skipped.length
              ? html`<p>
                  <strong>${this.texts.t('skippedTitle', { count: skipped.length })}:</strong>
                  ${[...byReason].map(([reason, n]) => `${this.texts.t(`reason_${reason}`)} (${n})`).join(', ')}
                </p>`
              : nothing
          }
        </div>
        ${
          skipped.length
            ? html`<details class="skipped">
                <summary>${this.texts.t('skippedDetails')}</summary>
                <ul part="skipped-list" tabindex="0" aria-label=${this.texts.t('skippedTitle', { count: skipped.length })}>
                  ${skipped.slice(0, SKIPPED_LISTED).map((item) => {
                    const day = this.formatDate(addLocalDays(item.weekStart, item.weekday - 1), { weekday: 'short' });
                    const kind = item.kind === 'booking' ? `${this.texts.t('kindBooking')}, ` : '';
                    return html`<li data-reason=${item.reason}>
                      <span class="when">${this.weekName(item.weekStart, 'short')} ${day} ${this.clock(item.start)}–${this.clock(item.end)}</span>
                      <span class="why">${kind}${this.practitionerName(item.practitionerId)} · ${this.texts.t(`reason_${item.reason}`)}</span>
                    </li>`;
                  })}
                  ${skipped.length > SKIPPED_LISTED ? html`<li>${this.texts.t('andMore', { count: skipped.length - SKIPPED_LISTED })}</li>` : nothing}
                </ul>
              </details>`
            : nothing
        }
      `;
    }
    const nothingNew = !!report && report.created.length === 0;
    return html`
      <h2 part="dialog-title" id="dialog-title" tabindex="-1">${this.texts.t('previewTitle', { name: dialog.template.name })}</h2>
      <p class="hint">${this.texts.t('previewInto', { weeks: this.weeksPhrase(dialog.weekStarts) })}</p>
      ${body} ${this.renderProblem()}
      ${this.renderButtons(
        { label: this.texts.t('apply'), busyLabel: this.texts.t('applying'), part: 'apply-button', hidden: nothingNew || (!report && !!this.dialogProblem) },
        backButton,
      )}
    `;
  }

  private renderDialogBody(dialog: Dialog): TemplateResult {
    switch (dialog.kind) {
      case 'save':
        return this.renderSave(dialog);
      case 'weeks':
        return this.renderWeeks(dialog);
      case 'preview':
        return this.renderPreview(dialog);
      case 'rename':
        return html`
          <h2 part="dialog-title" id="dialog-title" tabindex="-1">${this.texts.t('renameTitle', { name: dialog.template.name })}</h2>
          ${this.nameField(dialog.name, dialog.invalid, (name) => this.edit({ name, invalid: false }))} ${this.renderProblem()}
          ${this.renderButtons({ label: this.texts.t('save'), busyLabel: this.texts.t('saving') })}
        `;
      case 'delete':
        return html`
          <h2 part="dialog-title" id="dialog-title" tabindex="-1">${this.texts.t('deleteTitle', { name: dialog.template.name })}</h2>
          <p id="dialog-description">${this.texts.t('deleteBody')}</p>
          ${this.renderProblem()}
          ${this.renderButtons({ label: this.texts.t('deleteYes'), busyLabel: this.texts.t('deleting'), tone: 'danger', focusCancel: true })}
        `;
      case 'clear': {
        const who = dialog.practitionerId ? this.practitionerName(dialog.practitionerId) : this.texts.t('clearWho');
        return html`
          <h2 part="dialog-title" id="dialog-title" tabindex="-1">${this.texts.t('clearTitle')}</h2>
          <p id="dialog-description">${this.texts.t('clearBody', { who, week: this.weekName(dialog.monday, 'text'), range: this.weekRange(dialog.monday) })}</p>
          ${this.renderProblem()}
          ${this.renderButtons({ label: this.texts.t('deleteYes'), busyLabel: this.texts.t('deleting'), tone: 'danger', focusCancel: true })}
        `;
      }
    }
  }

  private renderDialog(): TemplateResult {
    const dialog = this.dialog;
    const described = dialog?.kind === 'delete' || dialog?.kind === 'clear' || dialog?.kind === 'save';
    return html`<dialog
      part="dialog${dialog ? ` ${dialog.kind}` : ''}"
      aria-labelledby="dialog-title"
      aria-describedby=${described ? 'dialog-description' : nothing}
      @close=${this.onDialogClosed}
    >
      ${dialog ? html`<form method="dialog" novalidate @submit=${this.submit}>${this.renderDialogBody(dialog)}</form>` : nothing}
    </dialog>`;
  }

  override render(): TemplateResult {
    if (!this.client) {
      return html`<section part="base" class="base" aria-labelledby="title">
        <h2 part="title" id="title">${this.texts.t('title')}</h2>
        <p class="state">${this.texts.t('notConnected')}</p>
      </section>`;
    }
    const monday = this.monday;
    const loaded = this.data.status === 'ready' || this.data.templates.length > 0;
    return html`
      <section part="base" class="base" aria-labelledby="title">
        <div part="header" class="header">
          <h2 part="title" id="title">${this.texts.t('title')}</h2>
          <p part="week" class="week">${monday ? `${this.weekName(monday)}, ${this.weekRange(monday)}` : this.texts.t('noWeek')}</p>
        </div>
        <button part="save-button" class="btn save" type="button" aria-haspopup="dialog" ?disabled=${!monday || !loaded} @click=${this.openSave}>
          ${this.texts.t('saveWeek')}
        </button>
        ${this.renderList()}
        <div class="notice-region" role="status">
          ${
            this.notice
              ? html`<div part="notice" class="notice ${this.notice.tone}">
                  <p>${this.notice.text}</p>
                  <button class="dismiss" type="button" aria-label=${this.texts.t('dismiss')} @click=${() => (this.notice = null)}>×</button>
                </div>`
              : nothing
          }
        </div>
        <div class="footer">
          <button
            part="clear-button"
            class="btn link danger"
            type="button"
            aria-haspopup="dialog"
            ?disabled=${!monday}
            @click=${() => void this.open({ kind: 'clear', monday, practitionerId: this.practitionerId }, '[part~="clear-button"]')}
          >
            ${this.texts.t('clearWeek')}
          </button>
        </div>
        ${this.renderDialog()}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-template-weeks': TidbokTemplateWeeks;
  }
}
