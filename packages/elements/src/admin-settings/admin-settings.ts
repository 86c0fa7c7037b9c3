import { ContextConsumer } from '@lit/context';
import {
  isTidbokError,
  type Location,
  type MeResponse,
  type Practitioner,
  type Settings,
  type SmsBudget,
  type Staff,
  type TidbokAdmin,
  type TreatmentType,
} from '@tidbok/sdk';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { adminMessages } from '../admin/messages.js';
import { controlStyles } from '../shared/controls.styles.js';
import { theme } from '../shared/styles.js';
import { describeError } from '../shared/describe-error.js';
import { type TidbokConnection, tidbokContext } from '../context.js';
import type { Locale } from '../i18n.js';
import { AdminLoad } from '../shared/admin-load.js';
import { reportError } from '../shared/errors.js';
import { TextsController } from '../shared/texts.js';
import { managesClinic, whoAmI } from '../shared/staff-role.js';
import { adminSettingsStyles } from './admin-settings.styles.js';
import { type Field, fieldErrors, type Form, type FormValue, renderField } from './form.js';
import { settingsMessages } from './messages.js';
import { bookingForm, renderBooking, renderModules } from './section-booking.js';
import { renderLocations, renderPractitioners, renderTreatmentTypes } from './section-catalogue.js';
import { renderStaff } from './section-staff.js';
import { ADMIN_SECTIONS, SCREENS, SECTIONS, type SettingsSection } from './sections.js';

export type { SettingsSection } from './sections.js';

export interface SettingsChangeDetail {
  section: SettingsSection;
}

/** Fired after a settings screen saved something, so a calendar can reload the catalogue. */
export class TidbokSettingsChangeEvent extends CustomEvent<SettingsChangeDetail> {
  constructor(detail: SettingsChangeDetail) {
    super('tidbok-settings-change', { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'tidbok-settings-change': TidbokSettingsChangeEvent;
  }
  interface HTMLElementTagNameMap {
    'tidbok-admin-settings': TidbokAdminSettings;
  }
}

/**
 * @summary The clinic's settings for staff: the booking module on or off, booking settings,
 * messages, receipts, websites, closed days, treatment types (with their calendar colour),
 * practitioners and their treatment types, locations, and staff with their tokens.
 *
 * Needs a staff connection from `<tidbok-provider>` or `<tidbok-admin>`. A practitioner's token
 * may read but not change: the server answers 403 and the screen says so in place. Leaving a
 * section with changes not saved asks first.
 *
 * The sections are drawn by `section-*.ts` (the shared form pieces in `form.ts` and `editor.ts`)
 * or are elements of their own (`SCREENS`); this element holds what they share: the loaded
 * catalogue, the form being edited and the save runner.
 *
 * @event tidbok-settings-change - Something was saved: `{ section }`.
 * @event tidbok-error - Loading or saving failed (also shown in place).
 *
 * @csspart nav - The list of sections.
 * @csspart section - The open section.
 */
export class TidbokAdminSettings extends LitElement {
  static override styles = [theme, controlStyles, adminSettingsStyles];

  static override properties = {
    connection: { attribute: false },
    locale: {},
    section: {},
    status: { state: true },
    loadError: { state: true },
    settings: { state: true },
    treatmentTypes: { state: true },
    practitioners: { state: true },
    locations: { state: true },
    staff: { state: true },
    editing: { state: true },
    form: { state: true },
    errors: { state: true },
    formError: { state: true },
    message: { state: true },
    busy: { state: true },
    confirmingDelete: { state: true },
    newToken: { state: true },
    smsBudget: { state: true },
    me: { state: true },
    leaving: { state: true },
  };

  connection: TidbokConnection | undefined;
  // `@consume` as a controller (no decorator code): keeps `connection` set to the provider's value.
  readonly #connectionConsumer = new ContextConsumer(this, { context: tidbokContext, subscribe: true, callback: (value) => (this.connection = value) });

  locale: Locale = 'sv';
  /** The section shown. */
  section: SettingsSection = 'modules';

  // The state below is read and set by the section modules (section-*.ts, editor.ts); not for pages.
  /** @internal */ status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  /** @internal */ loadError = '';
  /** @internal */ settings: Settings | undefined;
  /** @internal */ treatmentTypes: TreatmentType[] = [];
  /** @internal */ practitioners: Practitioner[] = [];
  /** @internal */ locations: Location[] = [];
  /** @internal */ staff: Staff[] = [];
  /** @internal The item being edited ('new' for a new one), or null for the list. */
  editing: string | null = null;
  /** @internal */ form: Form = {};
  /** @internal */ errors: Record<string, string> = {};
  /** @internal */ formError = '';
  /** @internal */ message = '';
  /** @internal */ busy = false;
  /** @internal */ confirmingDelete = false;
  /** @internal */ newToken: { name: string; token: string } | null = null;
  /** @internal */ smsBudget: SmsBudget | null = null;
  /** @internal Who is signed in; null when the server could not say (then every section shows). */
  me: MeResponse | null = null;
  /** The section asked for while changes were not saved (the question is shown). */
  private leaving: SettingsSection | null = null;
  /** Whether the shown form was changed since it was loaded or saved. */
  private changed = false;

  private readonly loader = new AdminLoad(this, {
    load: (admin, signal) => this.loadAll(admin, signal),
    fail: (error) => {
      this.loadError = describeError(error, this.locale).message;
      this.status = 'error';
      reportError(this, 'settings', error);
    },
  });

  /** @internal The staff side's texts (admin/messages.ts), read by the section modules too. */
  readonly texts = new TextsController(this, () => this.locale, adminMessages);
  /** @internal The settings screens' texts (messages.ts). */
  readonly settingsTexts = new TextsController(this, () => this.locale, settingsMessages);

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.#beforeUnload);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.#beforeUnload);
  }

  // The browser asks in its own words before a page with changes not saved is left or reloaded.
  readonly #beforeUnload = (event: BeforeUnloadEvent) => {
    if (this.dirty) event.preventDefault();
  };

  /** Whether the open section has changes that are not saved (its own form or its screen's). */
  get dirty(): boolean {
    if (this.changed) return true;
    const screen = this.renderRoot?.querySelector?.('[data-screen]') as (Element & { dirty?: boolean }) | null;
    return screen?.dirty === true;
  }

  override willUpdate() {
    // The booking form starts from the stored settings once they are in.
    if (this.section === 'booking' && this.settings && Object.keys(this.form).length === 0) this.form = bookingForm(this);
  }

  /** @internal Loads everything again (AdminLoad also does on a new connection); never rejects. */
  load() {
    return this.loader.run();
  }

  private async loadAll(admin: TidbokAdmin, signal: AbortSignal) {
    if (this.status !== 'ready') this.status = 'loading';
    const [me, settings, treatmentTypes, practitioners, locations, staff] = await Promise.all([
      whoAmI(admin),
      admin.settings.get({ signal }),
      admin.treatmentTypes.list({ signal }),
      admin.practitioners.list({ signal }),
      admin.locations.list({ signal }),
      // A practitioner's token may not list staff; the rest still works.
      admin.staff.list({ signal }).catch((error: unknown) => {
        if (isTidbokError(error) && error.code === 'forbidden') return [];
        throw error;
      }),
    ]);
    Object.assign(this, { me, settings, treatmentTypes, practitioners, locations, staff });
    this.status = 'ready';
    // Extra information: the settings work without it.
    this.smsBudget = await admin.smsBudget({ signal }).catch(() => null);
  }

  /** Opens a section, asking first when the open one has changes that are not saved. */
  private go(section: SettingsSection, force = false) {
    if (!force && section !== this.section && this.dirty) {
      this.leaving = section;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-action="stay"]')?.focus());
      return;
    }
    this.leaving = null;
    this.section = section;
    this.closeEditor();
    this.message = '';
    this.newToken = null;
  }

  /** @internal */
  closeEditor() {
    this.editing = null;
    this.form = {};
    this.errors = {};
    this.formError = '';
    this.confirmingDelete = false;
    this.changed = false;
  }

  /** @internal */
  fail(error: unknown) {
    this.formError = isTidbokError(error) && error.code === 'forbidden' ? this.texts.t('adminsOnly') : describeError(error, this.locale).message;
    reportError(this, `settings-${this.section}`, error);
  }

  /** @internal Runs a save: busy while it runs, the error in place, "Saved" and a reload after. */
  async save(call: () => Promise<unknown>, done = this.texts.t('saved')) {
    if (this.busy) return;
    this.busy = true;
    this.formError = '';
    this.message = '';
    let saved = false;
    try {
      await call();
      this.message = done;
      this.closeEditor();
      saved = true;
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
    if (!saved) return;
    await this.load();
    // Told after the screen is ready for the next change, so a listener may make one at once.
    this.dispatchEvent(new TidbokSettingsChangeEvent({ section: this.section }));
  }

  // ---- Fields ------------------------------------------------------------------------------

  /** @internal */
  setValue(name: string, value: FormValue) {
    this.form = { ...this.form, [name]: value };
    this.changed = true;
    if (this.errors[name]) this.errors = { ...this.errors, [name]: '' };
  }

  /** @internal */
  renderField(field: Field): TemplateResult {
    return renderField(this, field);
  }

  /** @internal Marks empty required fields and non-numbers; true when the form may be sent. */
  check(fields: Field[]): boolean {
    this.errors = fieldErrors(fields, this.form, { needName: this.texts.t('needName'), badNumber: this.texts.t('badNumber') });
    if (Object.keys(this.errors).length > 0) {
      void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return false;
    }
    return true;
  }

  /** @internal Opens the editor for an item ('new' for a new one) with the form's first values. */
  edit(id: string, form: Form) {
    this.message = '';
    this.newToken = null;
    this.errors = {};
    this.formError = '';
    this.confirmingDelete = false;
    this.editing = id;
    this.form = form;
    this.changed = false;
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('form input, form select')?.focus());
  }

  private sections(): readonly SettingsSection[] {
    return managesClinic(this.me) ? SECTIONS : SECTIONS.filter((section) => !ADMIN_SECTIONS.has(section));
  }

  private sectionTitle(section: SettingsSection): string {
    // The same word in Swedish and English.
    if (section === 'webhooks') return 'Webhooks';
    if (section === 'messages' || section === 'receipts' || section === 'websites' || section === 'holidays') return this.settingsTexts.t(section);
    return this.texts.t(section === 'booking' ? 'bookingSettings' : section);
  }

  private renderSection(section: SettingsSection) {
    const tag = SCREENS[section];
    if (tag) {
      // Elements of their own, registered with the settings elements (define.ts).
      switch (tag) {
        case 'tidbok-message-settings':
          return html`<tidbok-message-settings data-screen locale=${this.locale}></tidbok-message-settings>`;
        case 'tidbok-receipt-settings':
          return html`<tidbok-receipt-settings data-screen locale=${this.locale}></tidbok-receipt-settings>`;
        case 'tidbok-website-settings':
          return html`<tidbok-website-settings data-screen locale=${this.locale}></tidbok-website-settings>`;
        case 'tidbok-holiday-settings':
          return html`<tidbok-holiday-settings data-screen locale=${this.locale}></tidbok-holiday-settings>`;
        case 'tidbok-webhooks-settings':
          return html`<tidbok-webhooks-settings locale=${this.locale}></tidbok-webhooks-settings>`;
        default:
          return html`<tidbok-audit-log locale=${this.locale}></tidbok-audit-log>`;
      }
    }
    switch (section) {
      case 'modules':
        return renderModules(this);
      case 'booking':
        return renderBooking(this);
      case 'treatmentTypes':
        return renderTreatmentTypes(this);
      case 'practitioners':
        return renderPractitioners(this);
      case 'locations':
        return renderLocations(this);
      default:
        return renderStaff(this);
    }
  }

  private renderLeaving() {
    const to = this.leaving;
    if (!to) return nothing;
    return html`<div class="card unsaved" role="alertdialog" aria-labelledby="unsaved-question" aria-modal="false">
      <p id="unsaved-question"><strong>${this.settingsTexts.t('unsaved')}</strong></p>
      <div class="buttons">
        <button class="btn" type="button" data-action="stay" @click=${() => (this.leaving = null)}>${this.settingsTexts.t('stay')}</button>
        <button class="btn danger" type="button" data-action="leave" @click=${() => this.go(to, true)}>${this.settingsTexts.t('leave')}</button>
      </div>
    </div>`;
  }

  override render() {
    if (!this.connection?.admin) return nothing;
    if (this.status === 'error') {
      return html`<div class="card" role="alert">
        <p>${this.texts.t('loadFailed')} ${this.loadError}</p>
        <button class="btn" type="button" @click=${() => this.load()}>${this.texts.t('retry')}</button>
      </div>`;
    }
    if (this.status !== 'ready') return html`<p role="status">${this.texts.t('loading')}</p>`;
    const sections = this.sections();
    // A section the role cannot use (set as an attribute, say) opens as the first one it can.
    const section = sections.includes(this.section) ? this.section : sections[0]!;
    return html`
      <div class="layout">
        <nav aria-label=${this.texts.t('settingsSections')}>
          <ul part="nav">
            ${sections.map(
              (item) =>
                html`<li>
                  <button type="button" aria-current=${item === section ? 'page' : nothing} data-section=${item} @click=${() => this.go(item)}>
                    ${this.sectionTitle(item)}
                  </button>
                </li>`,
            )}
          </ul>
        </nav>
        <section part="section" aria-labelledby="section-title">
          <h2 id="section-title">${this.sectionTitle(section)}</h2>
          ${this.renderLeaving()} ${this.renderSection(section)}
        </section>
      </div>
    `;
  }
}
