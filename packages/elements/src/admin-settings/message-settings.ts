import { BookingSettingsSchema, type BookingSettings, EmailSchema } from '@tidbok/core';
import type { Settings } from '@tidbok/sdk';
import { html } from 'lit';
import { passes } from '../shared/validate.js';
import { type Form, numberOf, text } from './form.js';
import { SettingsScreen } from './settings-screen.js';

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-message-settings': TidbokMessageSettings;
  }
}

/**
 * @summary The clinic's message settings: reminders (whether, how long before, by SMS or e-mail),
 * the SMS sender name and who gets copies of confirmations.
 *
 * @event tidbok-settings-change - Saved: `{ section: 'messages' }`.
 * @event tidbok-error - Loading or saving failed (also shown in place).
 */
export class TidbokMessageSettings extends SettingsScreen {
  protected readonly area = 'settings-messages';
  protected readonly section = 'messages';

  protected formOf(settings: Settings): Form {
    const b = settings.booking;
    return {
      remindersOn: b.reminderHoursBefore !== null,
      reminderHours: String(b.reminderHoursBefore ?? 24),
      reminderChannel: b.reminderChannel,
      smsSender: b.smsSender,
      confirmationCopyTo: b.confirmationCopyTo ?? '',
      confirmationCopyToPractitioner: b.confirmationCopyToPractitioner,
    };
  }

  protected patchOf(f: Form): Partial<BookingSettings> {
    return {
      reminderHoursBefore: f.remindersOn === true ? numberOf(f.reminderHours!) : null,
      reminderChannel: f.reminderChannel === 'email' ? 'email' : 'sms',
      smsSender: text(f.smsSender).trim(),
      confirmationCopyTo: text(f.confirmationCopyTo).trim() || null,
      confirmationCopyToPractitioner: f.confirmationCopyToPractitioner === true,
    };
  }

  protected check(f: Form): Record<string, string> {
    const errors: Record<string, string> = {};
    const hours = numberOf(f.reminderHours ?? '');
    if (f.remindersOn === true && !(text(f.reminderHours).trim() && hours >= 1 && hours <= 14 * 24)) errors.reminderHours = this.texts.t('reminderHoursHint');
    if (!passes(BookingSettingsSchema.shape.smsSender, text(f.smsSender).trim())) errors.smsSender = this.texts.t('badSmsSender');
    const copy = text(f.confirmationCopyTo).trim();
    if (copy && !passes(EmailSchema, copy)) errors.confirmationCopyTo = this.texts.t('badEmail');
    return errors;
  }

  protected renderForm() {
    const on = this.form.remindersOn === true;
    return html`
      <p class="hint">${this.texts.t('messagesIntro')}</p>
      ${this.field({ name: 'remindersOn', label: this.texts.t('remindersOn'), kind: 'checkbox' })}
      ${
        on
          ? html`<div class="row">
              ${this.field({ name: 'reminderHours', label: this.texts.t('reminderHours'), kind: 'number', hint: this.texts.t('reminderHoursHint') })}
              ${this.field({
                name: 'reminderChannel',
                label: this.texts.t('reminderChannel'),
                kind: 'select',
                options: [
                  { value: 'sms', label: this.texts.t('sms') },
                  { value: 'email', label: this.texts.t('email') },
                ],
              })}
            </div>`
          : ''
      }
      ${this.field({ name: 'smsSender', label: this.texts.t('smsSender'), kind: 'text', hint: this.texts.t('smsSenderHint') })}
      ${this.field({ name: 'confirmationCopyTo', label: this.texts.t('copyTo'), kind: 'email', hint: this.texts.t('copyToHint') })}
      ${this.field({ name: 'confirmationCopyToPractitioner', label: this.texts.t('copyToPractitioner'), kind: 'checkbox' })}
    `;
  }
}
