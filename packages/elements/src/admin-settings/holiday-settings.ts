import { type BookingSettings, type ClosedDay, ClosedDaySchema, swedishHolidays } from '@tidbok/core';
import type { Settings } from '@tidbok/sdk';
import { html, nothing, type PropertyDeclarations } from 'lit';
import { formatLocalDay } from '../shared/dates.js';
import { passes } from '../shared/validate.js';
import { type Form, text } from './form.js';
import { SettingsScreen } from './settings-screen.js';

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-holiday-settings': TidbokHolidaySettings;
  }
}

const MAX_OWN_DAYS = 200;

/**
 * @summary The clinic's closed days: Sweden's red days on or off (midsommarafton on its own), the
 * year's red days listed with their names, and the clinic's own closed days (date and name).
 * Clients get no times on a closed day; staff still book in the calendar.
 *
 * @event tidbok-settings-change - Saved: `{ section: 'holidays' }`.
 * @event tidbok-error - Loading or saving failed (also shown in place).
 */
export class TidbokHolidaySettings extends SettingsScreen {
  static override properties: PropertyDeclarations = {
    year: { type: Number },
    days: { state: true },
  };

  protected readonly area = 'settings-holidays';
  protected readonly section = 'holidays';
  /** The year whose red days are listed; this year unless set. */
  year = new Date().getFullYear();
  /** The own closed days being edited (in date order). */
  private days: ClosedDay[] = [];

  override get dirty(): boolean {
    return super.dirty || JSON.stringify(this.days) !== JSON.stringify(this.settings?.booking.closedDays ?? []);
  }

  protected override reset() {
    super.reset();
    this.days = [...(this.settings?.booking.closedDays ?? [])].sort((a, b) => (a.date < b.date ? -1 : 1));
  }

  protected formOf(settings: Settings): Form {
    const b = settings.booking;
    return { publicHolidays: b.publicHolidays, midsummerEveClosed: b.midsummerEveClosed, newDate: '', newName: '' };
  }

  protected patchOf(f: Form): Partial<BookingSettings> {
    return { publicHolidays: f.publicHolidays === true, midsummerEveClosed: f.midsummerEveClosed === true, closedDays: this.days };
  }

  protected check(f: Form): Record<string, string> {
    // A day typed but not added yet is added on save, when it is complete.
    if (!text(f.newDate) && !text(f.newName).trim()) return {};
    const errors = this.dayProblems(f);
    if (Object.keys(errors).length === 0) this.addDay();
    return errors;
  }

  private dayProblems(f: Form): Record<string, string> {
    const errors: Record<string, string> = {};
    const date = text(f.newDate);
    const name = text(f.newName).trim();
    if (!passes(ClosedDaySchema.shape.date, date)) errors.newDate = this.texts.t('badDate');
    else if (this.days.some((d) => d.date === date)) errors.newDate = this.texts.t('duplicateDay', { date: formatLocalDay(date, this.language, true) });
    else if (this.days.length >= MAX_OWN_DAYS) errors.newDate = this.texts.t('tooLong', { max: MAX_OWN_DAYS });
    if (!name) errors.newName = this.texts.t('needName');
    else if (!passes(ClosedDaySchema.shape.name, name)) errors.newName = this.texts.t('tooLong', { max: 200 });
    return errors;
  }

  private addDay() {
    const day = { date: text(this.form.newDate), name: text(this.form.newName).trim() };
    this.days = [...this.days, day].sort((a, b) => (a.date < b.date ? -1 : 1));
    this.form = { ...this.form, newDate: '', newName: '' };
    this.message = '';
  }

  private tryAdd() {
    this.errors = this.dayProblems(this.form);
    if (Object.keys(this.errors).length > 0) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    this.addDay();
  }

  private removeDay(date: string) {
    this.days = this.days.filter((d) => d.date !== date);
    this.message = '';
  }

  private renderRedDays() {
    const on = this.form.publicHolidays === true;
    const eve = this.form.midsummerEveClosed === true;
    const days = swedishHolidays(this.year);
    return html`<div class="year-nav">
        <button class="btn" type="button" aria-label=${this.texts.t('previousYear')} @click=${() => this.year--}>‹</button>
        <h3 id="red-days-title">${this.texts.t('redDaysOf', { year: this.year })}</h3>
        <button class="btn" type="button" aria-label=${this.texts.t('nextYear')} @click=${() => this.year++}>›</button>
      </div>
      <table aria-labelledby="red-days-title" part="red-days">
        <thead>
          <tr>
            <th scope="col">${this.texts.t('date')}</th>
            <th scope="col">${this.texts.t('name')}</th>
            <th scope="col">${this.texts.t('status')}</th>
          </tr>
        </thead>
        <tbody>
          ${days.map((d) => {
            const closed = on && (d.key !== 'midsummerEve' || eve);
            return html`<tr data-date=${d.date}>
              <td>${formatLocalDay(d.date, this.language, true)}</td>
              <td>${d.name[this.language]}</td>
              <td>${closed ? this.texts.t('closed') : this.texts.t('open')}</td>
            </tr>`;
          })}
        </tbody>
      </table>`;
  }

  private renderOwnDays() {
    return html`<h3 id="own-days-title">${this.texts.t('ownDays')}</h3>
      ${
        this.days.length === 0
          ? html`<p>${this.texts.t('noOwnDays')}</p>`
          : html`<table aria-labelledby="own-days-title" part="own-days">
              <thead>
                <tr>
                  <th scope="col">${this.texts.t('date')}</th>
                  <th scope="col">${this.texts.t('name')}</th>
                  <th scope="col"><span class="sr">${this.texts.t('remove')}</span></th>
                </tr>
              </thead>
              <tbody>
                ${this.days.map(
                  (d) =>
                    html`<tr data-date=${d.date}>
                      <td>${formatLocalDay(d.date, this.language, true)}</td>
                      <td>${d.name}</td>
                      <td class="actions">
                        <button
                          class="btn"
                          type="button"
                          aria-label=${this.texts.t('removeItem', { name: `${d.name} ${formatLocalDay(d.date, this.language, true)}` })}
                          @click=${() => this.removeDay(d.date)}
                        >
                          ${this.texts.t('remove')}
                        </button>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <div class="row">
        <div class="field">
          <label for="f-newDate">${this.texts.t('date')}</label>
          <input
            id="f-newDate"
            type="date"
            aria-invalid=${this.errors.newDate ? 'true' : 'false'}
            aria-describedby=${this.errors.newDate ? 'f-newDate-error' : nothing}
            .value=${text(this.form.newDate)}
            @input=${(e: Event) => this.setValue('newDate', (e.target as HTMLInputElement).value)}
          />
          ${this.errors.newDate ? html`<span class="field-error" id="f-newDate-error">${this.errors.newDate}</span>` : nothing}
        </div>
        ${this.field({ name: 'newName', label: this.texts.t('ownDayName'), kind: 'text', hint: this.texts.t('ownDayNameHint') })}
      </div>
      <div class="buttons">
        <button class="btn" type="button" data-action="add-day" @click=${() => this.tryAdd()}>+ ${this.texts.t('addDay')}</button>
      </div>`;
  }

  protected renderForm() {
    return html`
      <p class="hint">${this.texts.t('holidaysIntro')}</p>
      ${this.field({ name: 'publicHolidays', label: this.texts.t('publicHolidays'), kind: 'checkbox' })}
      ${this.form.publicHolidays === true ? this.field({ name: 'midsummerEveClosed', label: this.texts.t('midsummerEve'), kind: 'checkbox' }) : nothing}
      ${this.renderRedDays()} ${this.renderOwnDays()}
    `;
  }
}
