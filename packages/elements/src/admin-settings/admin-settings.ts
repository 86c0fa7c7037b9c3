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
import { adminMessages, type AdminMessageKey } from '../admin/messages.js';
import { controlStyles } from '../shared/controls.styles.js';
import { theme } from '../shared/styles.js';
import { describeError } from '../shared/describe-error.js';
import { type TidbokConnection, tidbokContext } from '../context.js';
import { type Locale, translate } from '../i18n.js';
import { AdminLoad } from '../shared/admin-load.js';
import { reportError } from '../shared/errors.js';
import { managesClinic, whoAmI } from '../shared/staff-role.js';
import { adminSettingsStyles } from './admin-settings.styles.js';
import { formatStamp } from '../shared/format.js';

export type SettingsSection = 'modules' | 'booking' | 'treatmentTypes' | 'practitioners' | 'locations' | 'staff' | 'webhooks' | 'auditLog';
const SECTIONS: readonly SettingsSection[] = ['modules', 'booking', 'treatmentTypes', 'practitioners', 'locations', 'staff', 'webhooks', 'auditLog'];
/** Sections only admins can use; hidden from other roles (the server refuses them anyway). */
const ADMIN_SECTIONS: ReadonlySet<SettingsSection> = new Set(['modules', 'booking', 'staff', 'webhooks', 'auditLog']);

type FormValue = string | boolean | string[];
type Form = Record<string, FormValue>;

interface Field {
  name: string;
  label: string;
  kind: 'text' | 'email' | 'number' | 'textarea' | 'checkbox' | 'color' | 'select' | 'checkboxes';
  options?: { value: string; label: string; color?: string }[];
  hint?: string;
  required?: boolean;
  min?: number;
  max?: number;
  step?: number;
}

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

const money = (cents: number) => String(cents / 100);
const cents = (value: FormValue) => Math.round(Number(String(value).replace(',', '.')) * 100);
const numberOf = (value: FormValue) => Number(String(value).replace(',', '.'));
const text = (value: FormValue | undefined) => (typeof value === 'string' ? value : '');

/** The SMS limits from the form: calling codes as typed ("+46 +47", "46, 47"); none = the clinic's own. */
const smsLimits = (f: Form) => {
  const codes = text(f.smsCountries)
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((code) => `+${code.replace(/^\+/, '')}`);
  return {
    smsCountries: codes.length > 0 ? codes : null,
    smsNewNumbersPerHour: numberOf(f.smsNewNumbersPerHour!),
    smsNewNumbersPerDay: numberOf(f.smsNewNumbersPerDay!),
  };
};

/**
 * @summary The clinic's settings for staff: the booking module on or off, booking settings,
 * treatment types (with their calendar colour), practitioners and their treatment types,
 * locations, and staff with their tokens.
 *
 * Needs a staff connection from `<tidbok-provider>` or `<tidbok-admin>`. A practitioner's token
 * may read but not change: the server answers 403 and the screen says so in place.
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
  };

  connection: TidbokConnection | undefined;
  // `@consume` as a controller (no decorator code): keeps `connection` set to the provider's value.
  readonly #connectionConsumer = new ContextConsumer(this, { context: tidbokContext, subscribe: true, callback: (value) => (this.connection = value) });

  locale: Locale = 'sv';
  /** The section shown. */
  section: SettingsSection = 'modules';

  private status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  private loadError = '';
  private settings: Settings | undefined;
  private treatmentTypes: TreatmentType[] = [];
  private practitioners: Practitioner[] = [];
  private locations: Location[] = [];
  private staff: Staff[] = [];
  /** The item being edited ('new' for a new one), or null for the list. */
  private editing: string | null = null;
  private form: Form = {};
  private errors: Record<string, string> = {};
  private formError = '';
  private message = '';
  private busy = false;
  private confirmingDelete = false;
  private newToken: { name: string; token: string } | null = null;
  private smsBudget: SmsBudget | null = null;
  /** Who is signed in; null when the server could not say (then every section shows). */
  private me: MeResponse | null = null;

  private readonly loader = new AdminLoad(this, {
    load: (admin, signal) => this.loadAll(admin, signal),
    fail: (error) => {
      this.loadError = describeError(error, this.locale).message;
      this.status = 'error';
      reportError(this, 'settings', error);
    },
  });

  private t(key: AdminMessageKey, values?: Record<string, string | number>) {
    return translate(adminMessages, this.locale, key, values);
  }

  override willUpdate() {
    // The booking form starts from the stored settings once they are in.
    if (this.section === 'booking' && this.settings && Object.keys(this.form).length === 0) this.form = this.bookingForm();
  }

  /** Loads everything again (AdminLoad also does on a new connection); never rejects. */
  private load() {
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

  private go(section: SettingsSection) {
    this.section = section;
    this.closeEditor();
    this.message = '';
    this.newToken = null;
  }

  private closeEditor() {
    this.editing = null;
    this.form = {};
    this.errors = {};
    this.formError = '';
    this.confirmingDelete = false;
  }

  private fail(error: unknown) {
    this.formError = isTidbokError(error) && error.code === 'forbidden' ? this.t('adminsOnly') : describeError(error, this.locale).message;
    reportError(this, `settings-${this.section}`, error);
  }

  /** Runs a save: busy while it runs, the error in place, "Saved" and a reload after. */
  private async save(call: () => Promise<unknown>, done = this.t('saved')) {
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

  private setValue(name: string, value: FormValue) {
    this.form = { ...this.form, [name]: value };
    if (this.errors[name]) this.errors = { ...this.errors, [name]: '' };
  }

  private renderField(field: Field): TemplateResult {
    const id = `f-${field.name}`;
    const value = this.form[field.name];
    const error = this.errors[field.name];
    const described = [field.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
    const hint = field.hint ? html`<p class="hint" id="${id}-hint">${field.hint}</p>` : nothing;
    const errorText = error ? html`<span class="field-error" id="${id}-error">${error}</span>` : nothing;
    switch (field.kind) {
      case 'checkbox':
        return html`<div class="field">
          <label class="check">
            <input
              id=${id}
              type="checkbox"
              .checked=${value === true}
              aria-describedby=${described}
              @change=${(e: Event) => this.setValue(field.name, (e.target as HTMLInputElement).checked)}
            />
            ${field.label}
          </label>
          ${hint}
        </div>`;
      case 'checkboxes': {
        const chosen = Array.isArray(value) ? value : [];
        return html`<fieldset>
          <legend>${field.label}</legend>
          ${hint}
          <div class="checks">
            ${(field.options ?? []).map(
              (option) =>
                html`<label class="check">
                  <input
                    type="checkbox"
                    .checked=${chosen.includes(option.value)}
                    @change=${(e: Event) =>
                      this.setValue(field.name, (e.target as HTMLInputElement).checked ? [...chosen, option.value] : chosen.filter((v) => v !== option.value))}
                  />
                  ${option.color ? html`<span class="swatch" style="background:${option.color}" aria-hidden="true"></span>` : nothing}${option.label}
                </label>`,
            )}
          </div>
        </fieldset>`;
      }
      case 'select':
        return html`<div class="field">
          <label for=${id}>${field.label}</label>
          <select id=${id} aria-describedby=${described} @change=${(e: Event) => this.setValue(field.name, (e.target as HTMLSelectElement).value)}>
            ${(field.options ?? []).map((option) => html`<option value=${option.value} ?selected=${option.value === value}>${option.label}</option>`)}
          </select>
          ${hint}
        </div>`;
      case 'textarea':
        return html`<div class="field">
          <label for=${id}>${field.label}</label>
          <textarea
            id=${id}
            rows="3"
            aria-describedby=${described}
            .value=${text(value)}
            @input=${(e: Event) => this.setValue(field.name, (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          ${hint}${errorText}
        </div>`;
      case 'color':
        return html`<div class="field">
          <label for=${id}>${field.label}</label>
          <div class="color-field">
            <input
              id=${id}
              type="color"
              .value=${text(value) || '#2e86ab'}
              @input=${(e: Event) => this.setValue(field.name, (e.target as HTMLInputElement).value)}
            />
            <span class="swatch" style="background:${text(value)}" aria-hidden="true"></span><code>${text(value)}</code>
          </div>
        </div>`;
      default:
        return html`<div class="field">
          <label for=${id}>${field.label}</label>
          <input
            id=${id}
            type=${field.kind === 'number' ? 'text' : field.kind}
            inputmode=${field.kind === 'number' ? 'decimal' : nothing}
            ?required=${field.required}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${described}
            .value=${text(value)}
            @input=${(e: Event) => this.setValue(field.name, (e.target as HTMLInputElement).value)}
          />
          ${hint}${errorText}
        </div>`;
    }
  }

  /** Marks empty required fields and non-numbers; true when the form may be sent. */
  private check(fields: Field[]): boolean {
    const errors: Record<string, string> = {};
    for (const field of fields) {
      const value = this.form[field.name];
      if (field.required && !text(value).trim()) errors[field.name] = this.t('needName');
      else if (field.kind === 'number' && text(value).trim() && Number.isNaN(numberOf(value!))) errors[field.name] = this.t('badNumber');
    }
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return false;
    }
    return true;
  }

  private renderEditor(title: string, fields: Field[], onSave: () => void, onDelete?: () => void, deleteName = '') {
    return html`
      <form
        class="card"
        novalidate
        aria-labelledby="editor-title"
        @submit=${(e: Event) => {
          e.preventDefault();
          if (this.check(fields)) onSave();
        }}
      >
        <h3 id="editor-title">${title}</h3>
        ${fields.map((field) => this.renderField(field))} ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
        ${
          this.confirmingDelete && onDelete
            ? html`<div class="buttons" role="group" aria-labelledby="confirm-delete">
                <strong id="confirm-delete">${this.t('confirmDelete', { name: deleteName })}</strong>
                <button class="btn danger" type="button" data-action="confirm-delete" @click=${onDelete}>${this.t('delete')}</button>
                <button class="btn" type="button" @click=${() => (this.confirmingDelete = false)}>${this.t('cancel')}</button>
              </div>`
            : html`<div class="buttons">
                <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.busy ? this.t('saving') : this.t('save')}</button>
                <button class="btn" type="button" @click=${this.closeEditor}>${this.t('cancel')}</button>
                <span class="spacer"></span>
                ${
                  onDelete && this.editing !== 'new'
                    ? html`<button class="btn danger" type="button" @click=${() => (this.confirmingDelete = true)}>${this.t('delete')}</button>`
                    : nothing
                }
              </div>`
        }
      </form>
    `;
  }

  private edit(id: string, form: Form) {
    this.message = '';
    this.newToken = null;
    this.errors = {};
    this.formError = '';
    this.confirmingDelete = false;
    this.editing = id;
    this.form = form;
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('form input, form select')?.focus());
  }

  private renderList<T extends { id: string; name: string }>(
    items: T[],
    headers: string[],
    cells: (item: T) => (TemplateResult | string)[],
    onEdit: (item: T) => void,
    addLabel: string,
    onAdd: () => void,
  ) {
    return html`
      <div class="card">
        ${
          items.length === 0
            ? html`<p>${this.t('none')}</p>`
            : html`<table>
                <thead>
                  <tr>
                    ${headers.map((h) => html`<th scope="col">${h}</th>`)}
                    <th scope="col"><span class="sr">${this.t('edit')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${items.map(
                    (item) =>
                      html`<tr>
                        ${cells(item).map((cell) => html`<td>${cell}</td>`)}
                        <td class="actions">
                          <button class="btn" type="button" aria-label=${this.t('editItem', { name: item.name })} @click=${() => onEdit(item)}>
                            ${this.t('edit')}
                          </button>
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
        <div class="buttons">
          <button class="btn" type="button" data-action="add" @click=${onAdd}>+ ${addLabel}</button>
          ${this.message ? html`<span class="ok" role="status">${this.message}</span>` : nothing}
        </div>
      </div>
    `;
  }

  // ---- Sections ------------------------------------------------------------------------------

  private renderModules() {
    const on = this.settings?.modules.booking ?? false;
    return html`
      <div class="card">
        <label class="check">
          <input
            id="module-booking"
            type="checkbox"
            .checked=${on}
            ?disabled=${this.busy}
            aria-describedby="module-hint"
            @change=${(e: Event) => {
              const booking = (e.target as HTMLInputElement).checked;
              void this.save(() => this.connection!.admin!.settings.update({ modules: { booking } }));
            }}
          />
          ${this.t('bookingModule')}
        </label>
        <p class="hint" id="module-hint">${this.t('bookingModuleHint')}</p>
        ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
        ${this.message ? html`<p class="ok" role="status">${this.message}</p>` : nothing}
      </div>
    `;
  }

  private bookingForm(): Form {
    const s = this.settings;
    if (!s) return {};
    const b = s.booking;
    return {
      name: s.name,
      timeZone: s.timeZone,
      locale: s.locale,
      slotIntervalMinutes: String(b.slotIntervalMinutes),
      minNoticeHours: String(b.minNoticeHours),
      horizonDays: String(b.horizonDays),
      holdMinutes: String(b.holdMinutes),
      cancellationWindowHours: String(b.cancellationWindowHours),
      publicBooking: b.publicBooking,
      personalNumber: b.personalNumber,
      staffConfirmationDefault: b.staffConfirmationDefault,
      bookingInfoText: b.bookingInfoText,
      allowedOrigins: b.allowedOrigins.join('\n'),
      smsCountries: (b.smsCountries ?? []).join(' '),
      smsNewNumbersPerHour: String(b.smsNewNumbersPerHour),
      smsNewNumbersPerDay: String(b.smsNewNumbersPerDay),
      calendarFeedClientNames: b.calendarFeedClientNames,
    };
  }

  private renderBooking() {
    const fields: Field[] = [
      { name: 'name', label: this.t('clinicName'), kind: 'text', required: true },
      { name: 'timeZone', label: this.t('timeZone'), kind: 'text', required: true },
      {
        name: 'locale',
        label: this.t('language'),
        kind: 'select',
        options: [
          { value: 'sv', label: this.t('swedish') },
          { value: 'en', label: this.t('english') },
        ],
      },
      { name: 'slotIntervalMinutes', label: this.t('slotInterval'), kind: 'number' },
      { name: 'minNoticeHours', label: this.t('minNotice'), kind: 'number' },
      { name: 'horizonDays', label: this.t('horizon'), kind: 'number' },
      { name: 'holdMinutes', label: this.t('holdMinutes'), kind: 'number' },
      { name: 'cancellationWindowHours', label: this.t('cancellationWindow'), kind: 'number' },
      {
        name: 'publicBooking',
        label: this.t('publicBooking'),
        kind: 'select',
        options: [
          { value: 'open', label: this.t('publicOpen') },
          { value: 'clients-only', label: this.t('publicClientsOnly') },
        ],
      },
      {
        name: 'personalNumber',
        label: this.t('personalNumberField'),
        kind: 'select',
        options: (['hidden', 'optional', 'required'] as const).map((value) => ({ value, label: this.t(value) })),
      },
      {
        name: 'staffConfirmationDefault',
        label: this.t('staffConfirmation'),
        kind: 'select',
        options: [
          { value: 'email', label: this.t('byEmail') },
          { value: 'sms', label: this.t('bySms') },
          { value: 'none', label: this.t('noConfirmation') },
        ],
      },
      { name: 'bookingInfoText', label: this.t('bookingInfoText'), kind: 'textarea' },
      { name: 'allowedOrigins', label: this.t('allowedOrigins'), kind: 'textarea', hint: this.t('allowedOriginsHint') },
      { name: 'smsCountries', label: this.t('smsCountries'), kind: 'text', hint: this.t('smsCountriesHint') },
      { name: 'smsNewNumbersPerHour', label: this.t('smsPerHour'), kind: 'number', hint: this.t('smsBudgetHint') },
      { name: 'smsNewNumbersPerDay', label: this.t('smsPerDay'), kind: 'number' },
      { name: 'calendarFeedClientNames', label: this.t('calendarFeedClientNames'), kind: 'checkbox', hint: this.t('calendarFeedClientNamesHint') },
    ];
    return html`
      <form
        class="card"
        novalidate
        aria-label=${this.t('bookingSettings')}
        @submit=${(e: Event) => {
          e.preventDefault();
          if (!this.check(fields)) return;
          // Read at submit time: a change typed just before may not have re-rendered yet.
          const f = this.form;
          void this.save(() =>
            this.connection!.admin!.settings.update({
              name: text(f.name).trim(),
              timeZone: text(f.timeZone).trim(),
              locale: f.locale === 'en' ? 'en' : 'sv',
              booking: {
                slotIntervalMinutes: numberOf(f.slotIntervalMinutes!),
                minNoticeHours: numberOf(f.minNoticeHours!),
                horizonDays: numberOf(f.horizonDays!),
                holdMinutes: numberOf(f.holdMinutes!),
                cancellationWindowHours: numberOf(f.cancellationWindowHours!),
                publicBooking: f.publicBooking === 'clients-only' ? 'clients-only' : 'open',
                personalNumber: f.personalNumber as 'hidden' | 'optional' | 'required',
                staffConfirmationDefault: f.staffConfirmationDefault as 'email' | 'sms' | 'none',
                bookingInfoText: text(f.bookingInfoText),
                allowedOrigins: text(f.allowedOrigins)
                  .split(/\s+/)
                  .map((o) => o.trim().replace(/\/+$/, ''))
                  .filter(Boolean),
                ...smsLimits(f),
                calendarFeedClientNames: f.calendarFeedClientNames === true,
              },
            }),
          );
        }}
      >
        <div class="row">${fields.slice(0, 3).map((field) => this.renderField(field))}</div>
        ${fields.slice(3).map((field) => this.renderField(field))} ${this.renderSmsBudget()}
        ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
        <div class="buttons">
          <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.busy ? this.t('saving') : this.t('save')}</button>
          ${this.message ? html`<span class="ok" role="status">${this.message}</span>` : nothing}
        </div>
      </form>
    `;
  }

  /** How much of the SMS budget is used, and a warning while it holds SMS back. */
  private renderSmsBudget() {
    const b = this.smsBudget;
    if (!b) return nothing;
    return html`<p class=${b.exhausted ? 'error' : 'hint'} part="sms-budget" role=${b.exhausted ? 'alert' : nothing}>
      ${this.t('smsBudgetUsed', { hour: b.hour.used, hourLimit: b.hour.limit, day: b.day.used, dayLimit: b.day.limit, codes: b.callingCodes.join(' ') })}
      ${b.exhausted ? html`<br />${this.t('smsBudgetExhausted')}` : nothing}
      ${b.refusedLastDay > 0 ? html`<br />${this.t('smsBudgetRefused', { count: b.refusedLastDay })}` : nothing}
    </p>`;
  }

  private renderTreatmentTypes() {
    const currency = this.treatmentTypes[0]?.currency ?? 'SEK';
    const fields: Field[] = [
      { name: 'name', label: this.t('name'), kind: 'text', required: true },
      { name: 'description', label: this.t('description'), kind: 'textarea' },
      { name: 'durationMinutes', label: this.t('duration'), kind: 'number', required: true },
      { name: 'clientMinutes', label: this.t('clientMinutes'), kind: 'number', hint: this.t('clientMinutesHint') },
      { name: 'color', label: this.t('color'), kind: 'color' },
      { name: 'price', label: this.t('price', { currency }), kind: 'number' },
      { name: 'vatPercent', label: this.t('vat'), kind: 'number' },
      { name: 'onlineBookable', label: this.t('onlineBookable'), kind: 'checkbox' },
      { name: 'confirmationText', label: this.t('confirmationText'), kind: 'textarea' },
      { name: 'smsText', label: this.t('smsText'), kind: 'textarea' },
    ];
    if (this.editing) {
      const existing = this.treatmentTypes.find((tt) => tt.id === this.editing);
      const body = () => {
        const f = this.form;
        const duration = numberOf(f.durationMinutes!);
        const client = text(f.clientMinutes).trim() ? numberOf(f.clientMinutes!) : duration;
        return {
          name: text(f.name).trim(),
          description: text(f.description),
          durationMinutes: duration,
          clientMinutes: client,
          color: text(f.color),
          priceCents: text(f.price).trim() ? cents(f.price!) : 0,
          vatPercent: text(f.vatPercent).trim() ? numberOf(f.vatPercent!) : 0,
          onlineBookable: f.onlineBookable === true,
          confirmationText: text(f.confirmationText),
          smsText: text(f.smsText),
        };
      };
      return this.renderEditor(
        existing ? existing.name : this.t('newTreatmentType'),
        fields,
        () => {
          const b = body();
          if (b.clientMinutes > b.durationMinutes) {
            this.errors = { clientMinutes: this.t('clientLongerThanDuration') };
            return;
          }
          const admin = this.connection!.admin!;
          void this.save(() => (existing ? admin.treatmentTypes.update(existing.id, b) : admin.treatmentTypes.create(b)));
        },
        existing ? () => void this.save(() => this.connection!.admin!.treatmentTypes.remove(existing.id), this.t('deleted')) : undefined,
        existing?.name,
      );
    }
    return this.renderList(
      this.treatmentTypes,
      [this.t('name'), this.t('duration'), this.t('price', { currency }), this.t('onlineBookable')],
      (tt) => [
        html`<span class="swatch" style="background:${tt.color}" aria-hidden="true"></span>${tt.name}`,
        this.t('minutesShort', { minutes: tt.durationMinutes }),
        money(tt.priceCents),
        tt.onlineBookable ? this.t('onlineYes') : this.t('onlineNo'),
      ],
      (tt) =>
        this.edit(tt.id, {
          name: tt.name,
          description: tt.description,
          durationMinutes: String(tt.durationMinutes),
          clientMinutes: String(tt.clientMinutes),
          color: tt.color,
          price: money(tt.priceCents),
          vatPercent: String(tt.vatPercent),
          onlineBookable: tt.onlineBookable,
          confirmationText: tt.confirmationText,
          smsText: tt.smsText,
        }),
      this.t('newTreatmentType'),
      () => this.edit('new', { name: '', durationMinutes: '60', clientMinutes: '', color: '#2e86ab', price: '', vatPercent: '0', onlineBookable: true }),
    );
  }

  private renderPractitioners() {
    const fields: Field[] = [
      { name: 'name', label: this.t('name'), kind: 'text', required: true },
      { name: 'title', label: this.t('titleField'), kind: 'text' },
      { name: 'email', label: this.t('email'), kind: 'email' },
      { name: 'cancellationWindowHours', label: this.t('ownCancellationWindow'), kind: 'number', hint: this.t('ownCancellationWindowHint') },
      {
        name: 'treatmentTypeIds',
        label: this.t('practitionerTreatmentTypes'),
        kind: 'checkboxes',
        options: this.treatmentTypes.map((tt) => ({ value: tt.id, label: tt.name, color: tt.color })),
      },
    ];
    if (this.editing) {
      const existing = this.practitioners.find((p) => p.id === this.editing);
      const editor = this.renderEditor(
        existing ? existing.name : this.t('newPractitioner'),
        fields,
        () => {
          const f = this.form;
          const body = {
            name: text(f.name).trim(),
            title: text(f.title).trim() || null,
            email: text(f.email).trim() || null,
            cancellationWindowHours: text(f.cancellationWindowHours).trim() ? numberOf(f.cancellationWindowHours!) : null,
            treatmentTypeIds: Array.isArray(f.treatmentTypeIds) ? f.treatmentTypeIds : [],
          };
          const admin = this.connection!.admin!;
          void this.save(() => (existing ? admin.practitioners.update(existing.id, body) : admin.practitioners.create(body)));
        },
        existing ? () => void this.save(() => this.connection!.admin!.practitioners.remove(existing.id), this.t('deleted')) : undefined,
        existing?.name,
      );
      // Their own elements (calendar-subscription.ts, busy-calendar.ts), registered with the admin elements.
      return existing
        ? html`${editor}<tidbok-calendar-subscription
              locale=${this.locale}
              practitioner-id=${existing.id}
              practitioner-name=${existing.name}
            ></tidbok-calendar-subscription
            ><tidbok-busy-calendar locale=${this.locale} practitioner-id=${existing.id} practitioner-name=${existing.name}></tidbok-busy-calendar>`
        : editor;
    }
    const names = new Map(this.treatmentTypes.map((tt) => [tt.id, tt.name]));
    return this.renderList(
      this.practitioners,
      [this.t('name'), this.t('titleField'), this.t('practitionerTreatmentTypes')],
      (p) => [
        p.name,
        p.title ?? '',
        p.treatmentTypeIds
          .map((id) => names.get(id) ?? '')
          .filter(Boolean)
          .join(', '),
      ],
      (p) =>
        this.edit(p.id, {
          name: p.name,
          title: p.title ?? '',
          email: p.email ?? '',
          cancellationWindowHours: p.cancellationWindowHours === null ? '' : String(p.cancellationWindowHours),
          treatmentTypeIds: [...p.treatmentTypeIds],
        }),
      this.t('newPractitioner'),
      () => this.edit('new', { name: '', title: '', email: '', cancellationWindowHours: '', treatmentTypeIds: [] }),
    );
  }

  private renderLocations() {
    const fields: Field[] = [
      { name: 'name', label: this.t('name'), kind: 'text', required: true },
      { name: 'address', label: this.t('address'), kind: 'textarea' },
    ];
    if (this.editing) {
      const existing = this.locations.find((l) => l.id === this.editing);
      return this.renderEditor(
        existing ? existing.name : this.t('newLocation'),
        fields,
        () => {
          const body = { name: text(this.form.name).trim(), address: text(this.form.address).trim() || null };
          const admin = this.connection!.admin!;
          void this.save(() => (existing ? admin.locations.update(existing.id, body) : admin.locations.create(body)));
        },
        existing ? () => void this.save(() => this.connection!.admin!.locations.remove(existing.id), this.t('deleted')) : undefined,
        existing?.name,
      );
    }
    return this.renderList(
      this.locations,
      [this.t('name'), this.t('address')],
      (l) => [l.name, l.address ?? ''],
      (l) => this.edit(l.id, { name: l.name, address: l.address ?? '' }),
      this.t('newLocation'),
      () => this.edit('new', { name: '', address: '' }),
    );
  }

  private renderStaff() {
    const practitionerOptions = [{ value: '', label: this.t('noPractitioner') }, ...this.practitioners.map((p) => ({ value: p.id, label: p.name }))];
    const fields: Field[] = [
      { name: 'name', label: this.t('name'), kind: 'text', required: true },
      { name: 'email', label: this.t('email'), kind: 'email' },
      {
        name: 'role',
        label: this.t('role'),
        kind: 'select',
        options: [
          { value: 'practitioner', label: this.t('rolePractitioner') },
          { value: 'reception', label: this.t('roleReception') },
          { value: 'admin', label: this.t('roleAdmin') },
        ],
      },
      { name: 'practitionerId', label: this.t('linkedPractitioner'), kind: 'select', options: practitionerOptions },
    ];
    const token = this.newToken;
    const tokenBox = token
      ? html`<div class="card token" role="status">
          <p>${this.t('tokenOnce', { name: token.name })}</p>
          <code>${token.token}</code>
          <div class="buttons">
            <button class="btn" type="button" @click=${() => void navigator.clipboard?.writeText(token.token).then(() => (this.message = this.t('copied')))}>
              ${this.t('copy')}
            </button>
            <button class="btn primary" type="button" @click=${() => (this.newToken = null)}>${this.t('done')}</button>
          </div>
        </div>`
      : nothing;
    const existing = this.editing && this.editing !== 'new' ? this.staff.find((s) => s.id === this.editing) : undefined;
    if (existing) {
      return this.renderEditor(
        existing.name,
        fields,
        () => {
          const f = this.form;
          void this.save(() =>
            this.connection!.admin!.staff.update(existing.id, {
              name: text(f.name).trim(),
              email: text(f.email).trim() || null,
              role: f.role === 'admin' || f.role === 'reception' ? f.role : 'practitioner',
              practitionerId: text(f.practitionerId) || null,
            }),
          );
        },
        () => void this.save(() => this.connection!.admin!.staff.remove(existing.id), this.t('staffRemoved', { name: existing.name })),
        existing.name,
      );
    }
    if (this.editing === 'new') {
      return this.renderEditor(this.t('newStaff'), fields, () => {
        const f = this.form;
        void (async () => {
          if (this.busy) return;
          this.busy = true;
          this.formError = '';
          try {
            const created = await this.connection!.admin!.staff.create({
              name: text(f.name).trim(),
              email: text(f.email).trim() || null,
              role: f.role === 'admin' || f.role === 'reception' ? f.role : 'practitioner',
              practitionerId: text(f.practitionerId) || null,
            });
            this.closeEditor();
            await this.load();
            // Shown with the list that already has the new person in it.
            this.newToken = { name: created.staff.name, token: created.token };
          } catch (error) {
            this.fail(error);
          } finally {
            this.busy = false;
          }
        })();
      });
    }
    return html`
      <p class="hint">${this.t('staffHint')}</p>
      ${tokenBox} ${this.renderStaffTable()}
      <!-- Their own elements (staff-access/), registered with the admin elements. -->
      <tidbok-integration-keys locale=${this.locale}></tidbok-integration-keys>
      <tidbok-staff-access locale=${this.locale}></tidbok-staff-access>
    `;
  }

  /** Sends a person their one-time sign-in link and says where it went, or why it could not. */
  private async invite(person: Staff) {
    if (!person.email) {
      this.message = this.t('inviteNeedsEmail', { name: person.name });
      return;
    }
    this.message = '';
    try {
      const sent = await this.connection!.admin!.staff.invite(person.id);
      const until = formatStamp(sent.expiresAt, this.locale, 'long');
      this.message = this.t('invited', { email: sent.email, until });
    } catch (error) {
      this.message = describeError(error, this.locale).message;
      reportError(this, 'settings-staff-invite', error);
    }
  }

  /** Each person with Edit (role, practitioner link, removal) and Invite (a sign-in link by e-mail). */
  private renderStaffTable() {
    const names = new Map(this.practitioners.map((p) => [p.id, p.name]));
    return html`
      <div class="card">
        ${
          this.staff.length === 0
            ? html`<p>${this.t('none')}</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th scope="col">${this.t('name')}</th>
                    <th scope="col">${this.t('email')}</th>
                    <th scope="col">${this.t('role')}</th>
                    <th scope="col">${this.t('linkedPractitioner')}</th>
                    <th scope="col"><span class="sr">${this.t('edit')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${this.staff.map(
                    (s) =>
                      html`<tr>
                        <td>${s.name}</td>
                        <td>${s.email ?? ''}</td>
                        <td>${this.t(s.role === 'admin' ? 'roleAdmin' : s.role === 'reception' ? 'roleReception' : 'rolePractitioner')}</td>
                        <td>${s.practitionerId ? (names.get(s.practitionerId) ?? '') : ''}</td>
                        <td class="actions">
                          <button
                            class="btn"
                            type="button"
                            aria-label=${this.t('editItem', { name: s.name })}
                            @click=${() => this.edit(s.id, { name: s.name, email: s.email ?? '', role: s.role, practitionerId: s.practitionerId ?? '' })}
                          >
                            ${this.t('edit')}
                          </button>
                          <button class="btn" type="button" aria-label=${this.t('inviteItem', { name: s.name })} @click=${() => void this.invite(s)}>
                            ${this.t('invite')}
                          </button>
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
        <div class="buttons">
          <button
            class="btn"
            type="button"
            data-action="add"
            @click=${() => this.edit('new', { name: '', email: '', role: 'practitioner', practitionerId: '' })}
          >
            + ${this.t('newStaff')}
          </button>
          ${this.message ? html`<span class="ok" role="status">${this.message}</span>` : nothing}
        </div>
      </div>
    `;
  }

  private sections(): readonly SettingsSection[] {
    return managesClinic(this.me) ? SECTIONS : SECTIONS.filter((section) => !ADMIN_SECTIONS.has(section));
  }

  private sectionTitle(section: SettingsSection): string {
    // The same word in Swedish and English.
    if (section === 'webhooks') return 'Webhooks';
    return this.t(section === 'booking' ? 'bookingSettings' : section);
  }

  override render() {
    if (!this.connection?.admin) return nothing;
    if (this.status === 'error') {
      return html`<div class="card" role="alert">
        <p>${this.t('loadFailed')} ${this.loadError}</p>
        <button class="btn" type="button" @click=${() => this.load()}>${this.t('retry')}</button>
      </div>`;
    }
    if (this.status !== 'ready') return html`<p role="status">${this.t('loading')}</p>`;
    const sections = this.sections();
    // A section the role cannot use (set as an attribute, say) opens as the first one it can.
    const section = sections.includes(this.section) ? this.section : sections[0]!;
    const body =
      section === 'modules'
        ? this.renderModules()
        : section === 'booking'
          ? this.renderBooking()
          : section === 'treatmentTypes'
            ? this.renderTreatmentTypes()
            : section === 'practitioners'
              ? this.renderPractitioners()
              : section === 'locations'
                ? this.renderLocations()
                : section === 'webhooks'
                  ? // Its own element (webhooks-settings/), registered with the admin elements.
                    html`<tidbok-webhooks-settings locale=${this.locale}></tidbok-webhooks-settings>`
                  : section === 'auditLog'
                    ? // Its own element (audit-log/), registered with the admin elements.
                      html`<tidbok-audit-log locale=${this.locale}></tidbok-audit-log>`
                    : this.renderStaff();
    return html`
      <div class="layout">
        <nav aria-label=${this.t('settingsSections')}>
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
          ${body}
        </section>
      </div>
    `;
  }
}
