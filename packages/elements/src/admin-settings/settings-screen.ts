import type { BookingSettings } from '@tidbok/core';
import type { Settings, TidbokAdmin } from '@tidbok/sdk';
import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { AdminBox } from '../shared/admin-box.js';
import { controlStyles } from '../shared/controls.styles.js';
import { theme } from '../shared/styles.js';
import { adminSettingsStyles } from './admin-settings.styles.js';
import { settingsScreenStyles } from './settings-screen.styles.js';
import { AdminLoad } from '../shared/admin-load.js';
import { describeError } from '../shared/describe-error.js';
import { reportError } from '../shared/errors.js';
import { TextsController } from '../shared/texts.js';
import { TidbokSettingsChangeEvent, type SettingsSection } from './admin-settings.js';
import { type Field, type Form, type FormValue, renderField } from './form.js';
import { settingsMessages } from './messages.js';

/**
 * Why: the settings screens that each edit a part of the clinic's booking settings (messages,
 * receipts, websites, closed days) load the settings, keep a form, know whether it changed, check
 * it before sending, PATCH only their fields and say "Saved" or why not, in the same way. Each
 * screen says which fields it has, how they read from and go into the settings, and what is wrong
 * with a value; this does the rest. `dirty` is read by `<tidbok-admin-settings>` before it leaves
 * the screen.
 */
export abstract class SettingsScreen extends AdminBox {
  static override styles = [theme, controlStyles, adminSettingsStyles, settingsScreenStyles];

  static override properties: PropertyDeclarations = {
    settings: { state: true },
    form: { state: true },
    errors: { state: true },
    loadError: { state: true },
  };

  protected settings: Settings | undefined;
  /** @internal The values being edited (read by the shared field renderer, form.ts). */
  form: Form = {};
  /** @internal Field name → what is wrong with it. */
  errors: Record<string, string> = {};
  protected loadError = '';
  /** The form as loaded or last saved, to tell whether it changed. */
  #saved = '';

  /** The section of `<tidbok-admin-settings>` this screen is, for `tidbok-settings-change`. */
  protected abstract readonly section: SettingsSection;
  /** The form's values from the stored settings. */
  protected abstract formOf(settings: Settings): Form;
  /** The settings to send from the form (only this screen's fields). */
  protected abstract patchOf(form: Form): Partial<BookingSettings>;
  /** What is wrong, field name → sentence; empty when the form may be sent. */
  protected abstract check(form: Form): Record<string, string>;

  protected readonly loader = new AdminLoad(this, {
    load: (admin, signal) => this.loadSettings(admin, signal),
    fail: (error) => {
      this.loadError = describeError(error, this.language, 'load').message;
      reportError(this, `${this.area}-load`, error);
    },
  });

  protected async loadSettings(admin: TidbokAdmin, signal: AbortSignal) {
    this.loadError = '';
    this.settings = await admin.settings.get({ signal });
    this.reset();
  }

  protected reset() {
    this.form = this.settings ? this.formOf(this.settings) : {};
    this.#saved = JSON.stringify(this.form);
    this.errors = {};
  }

  /** Whether the form has changes that are not saved. */
  get dirty(): boolean {
    return this.settings !== undefined && JSON.stringify(this.form) !== this.#saved;
  }

  protected readonly texts = new TextsController(this, () => this.language, settingsMessages);

  protected override forbiddenText() {
    return this.texts.t('adminsOnly');
  }

  /** @internal */
  setValue(name: string, value: FormValue) {
    this.form = { ...this.form, [name]: value };
    this.message = '';
    if (this.errors[name]) this.errors = { ...this.errors, [name]: '' };
  }

  protected field(field: Field): TemplateResult {
    return renderField(this, field);
  }

  /** Checks the form, then sends it; the outcome is said in place and `tidbok-settings-change` fired. */
  protected async save() {
    const errors = this.check(this.form);
    this.errors = errors;
    if (Object.values(errors).some(Boolean)) {
      this.error = this.texts.t('fixFields');
      this.message = '';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const admin = this.connection?.admin;
    if (!admin) return;
    let saved = false;
    await this.run(async () => {
      this.settings = await admin.settings.update({ booking: this.patchOf(this.form) });
      this.reset();
      this.message = this.texts.t('saved');
      saved = true;
    });
    if (!saved) {
      // AdminBox put the reason in `error`; say that nothing was saved.
      if (this.error && !this.isForbiddenText()) this.error = this.texts.t('notSaved', { reason: this.error });
      return;
    }
    this.dispatchEvent(new TidbokSettingsChangeEvent({ section: this.section }));
  }

  private isForbiddenText() {
    return this.error === this.texts.t('adminsOnly');
  }

  /** The screen's content inside its form. */
  protected abstract renderForm(): TemplateResult;

  override render() {
    if (!this.connection?.admin) return nothing;
    if (this.loadError) {
      return html`<div class="card" role="alert">
        <p>${this.loadError}</p>
        <button class="btn" type="button" @click=${() => void this.loader.run()}>${this.texts.t('retry')}</button>
      </div>`;
    }
    if (!this.settings) return html`<p role="status">${this.texts.t('loading')}</p>`;
    return html`<form
      class="card"
      novalidate
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.save();
      }}
    >
      ${this.renderForm()}
      <div class="buttons">
        <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.busy ? this.texts.t('saving') : this.texts.t('save')}</button>
        <span class="ok" role="status">${this.message}</span>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    </form>`;
  }
}
