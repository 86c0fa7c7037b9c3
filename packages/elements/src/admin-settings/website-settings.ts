import { BookingSettingsSchema, type BookingSettings, OriginSchema, type RejectedOrigin } from '@tidbok/core';
import type { Settings, TidbokAdmin } from '@tidbok/sdk';
import { html, nothing, type PropertyDeclarations } from 'lit';
import { formatStamp } from '../shared/dates.js';
import { passes } from '../shared/validate.js';
import { type Form, text } from './form.js';
import { SettingsScreen } from './settings-screen.js';

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-website-settings': TidbokWebsiteSettings;
  }
}

const MAX_ORIGINS = 50;

/** The origin typed, as a browser sends it (`https://www.clinic.example`), or null when it is not just a site. */
export function originOf(input: string): string | null {
  const typed = input.trim();
  if (!/^https?:\/\//i.test(typed)) return null;
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return null;
  }
  // A page's address is not a site: the list holds origins, so a path here is a mistake to point out.
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password) return null;
  return passes(OriginSchema, url.origin) ? url.origin : null;
}

const origins = (value: Form[string] | undefined): string[] => (Array.isArray(value) ? value : []);

/**
 * @summary The websites the booking may be shown on (the allowed origins, a list edited one site
 * at a time), with a hint when the widget was lately loaded on a site not in the list, the booking
 * page's address and the clinic's colour on the client pages.
 *
 * @event tidbok-settings-change - Saved: `{ section: 'websites' }`.
 * @event tidbok-error - Loading or saving failed (also shown in place).
 */
export class TidbokWebsiteSettings extends SettingsScreen {
  static override properties: PropertyDeclarations = {
    rejected: { state: true },
  };

  protected readonly area = 'settings-websites';
  protected readonly section = 'websites';
  /** Sites refused lately (GET …/settings/rejected-origins); a hint only, empty when it could not be read. */
  private rejected: RejectedOrigin[] = [];

  protected override async loadSettings(admin: TidbokAdmin, signal: AbortSignal) {
    const [, rejected] = await Promise.all([super.loadSettings(admin, signal), admin.settings.rejectedOrigins({ signal }).catch(() => ({ origins: [] }))]);
    this.rejected = rejected.origins;
  }

  protected formOf(settings: Settings): Form {
    const b = settings.booking;
    return {
      origins: [...b.allowedOrigins],
      newOrigin: '',
      bookingPageUrl: b.bookingPageUrl ?? '',
      brandOn: b.brandColor !== null,
      brandColor: b.brandColor ?? '#1d6b57',
    };
  }

  protected patchOf(f: Form): Partial<BookingSettings> {
    return {
      allowedOrigins: origins(f.origins),
      bookingPageUrl: text(f.bookingPageUrl).trim() || null,
      brandColor: f.brandOn === true ? text(f.brandColor) : null,
    };
  }

  protected check(f: Form): Record<string, string> {
    const errors: Record<string, string> = {};
    // A site typed but not added yet is added on save, when it is one.
    if (text(f.newOrigin).trim()) {
      const problem = this.addProblem(text(f.newOrigin));
      if (problem) errors.newOrigin = problem;
      else this.form = f = { ...f, origins: [...origins(f.origins), originOf(text(f.newOrigin))!], newOrigin: '' };
    }
    const page = text(f.bookingPageUrl).trim();
    if (page && !passes(BookingSettingsSchema.shape.bookingPageUrl, page)) errors.bookingPageUrl = this.texts.t('badUrl');
    return errors;
  }

  /** Why `input` cannot be added to the list, or '' when it can. */
  private addProblem(input: string): string {
    const origin = originOf(input);
    if (!origin) return this.texts.t('badOrigin');
    if (origins(this.form.origins).includes(origin)) return this.texts.t('duplicateOrigin', { origin });
    if (origins(this.form.origins).length >= MAX_ORIGINS) return this.texts.t('tooManyOrigins');
    return '';
  }

  private add(input: string) {
    const problem = this.addProblem(input);
    if (problem) {
      this.errors = { ...this.errors, newOrigin: problem };
      this.renderRoot.querySelector<HTMLElement>('#f-newOrigin')?.focus();
      return;
    }
    this.setValue('origins', [...origins(this.form.origins), originOf(input)!]);
    this.setValue('newOrigin', '');
  }

  private removeOrigin(origin: string) {
    this.setValue(
      'origins',
      origins(this.form.origins).filter((o) => o !== origin),
    );
  }

  private renderHints() {
    const listed = origins(this.form.origins);
    const shown = this.rejected.filter((r) => !listed.includes(r.origin));
    if (shown.length === 0) return nothing;
    return html`<div class="hints" part="rejected-origins">
      ${shown.map(
        (r) =>
          html`<p class="notice">
            ${this.texts.t('rejectedHint', { origin: r.origin, when: formatStamp(r.lastSeenAt, this.language, 'long') })}
            <button class="btn" type="button" data-origin=${r.origin} @click=${() => this.add(r.origin)}>
              ${this.texts.t('addOrigin', { origin: r.origin })}
            </button>
          </p>`,
      )}
      <p class="hint">${this.texts.t('rejectedCaution')}</p>
    </div>`;
  }

  protected renderForm() {
    const list = origins(this.form.origins);
    return html`
      <p class="hint">${this.texts.t('websitesIntro')}</p>
      ${this.renderHints()}
      <h3 id="origins-title">${this.texts.t('allowedOrigins')}</h3>
      ${
        list.length === 0
          ? html`<p>${this.texts.t('noOrigins')}</p>`
          : html`<ul class="origins" aria-labelledby="origins-title">
              ${list.map(
                (origin) =>
                  html`<li>
                    <code>${origin}</code>
                    <button class="btn" type="button" aria-label=${this.texts.t('removeItem', { name: origin })} @click=${() => this.removeOrigin(origin)}>
                      ${this.texts.t('remove')}
                    </button>
                  </li>`,
              )}
            </ul>`
      }
      <div class="add-row">
        ${this.field({ name: 'newOrigin', label: this.texts.t('newOrigin'), kind: 'text', hint: this.texts.t('newOriginHint') })}
        <button class="btn" type="button" data-action="add-origin" @click=${() => this.add(text(this.form.newOrigin))}>${this.texts.t('add')}</button>
      </div>
      ${this.field({ name: 'bookingPageUrl', label: this.texts.t('bookingPageUrl'), kind: 'text', hint: this.texts.t('bookingPageUrlHint') })}
      ${this.field({ name: 'brandOn', label: this.texts.t('useBrandColor'), kind: 'checkbox' })}
      ${this.form.brandOn === true ? this.field({ name: 'brandColor', label: this.texts.t('brandColor'), kind: 'color' }) : nothing}
    `;
  }
}
