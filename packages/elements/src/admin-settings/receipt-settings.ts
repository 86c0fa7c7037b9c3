import { BookingSettingsSchema, type BookingSettings } from '@tidbok/core';
import type { Settings } from '@tidbok/sdk';
import { html } from 'lit';
import { passes } from '../shared/validate.js';
import { type Form, text } from './form.js';
import { SettingsScreen } from './settings-screen.js';

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-receipt-settings': TidbokReceiptSettings;
  }
}

// The server's limits (core: BookingSettingsSchema): title 200, organisation number 40, address and VAT text 500.
const MAX = { receiptTitle: 200, organisationNumber: 40, address: 500, vatText: 500 } as const;

/**
 * @summary What the clinic's receipts say about it: the heading, organisation number, address
 * and VAT text.
 *
 * @event tidbok-settings-change - Saved: `{ section: 'receipts' }`.
 * @event tidbok-error - Loading or saving failed (also shown in place).
 */
export class TidbokReceiptSettings extends SettingsScreen {
  protected readonly area = 'settings-receipts';
  protected readonly section = 'receipts';

  protected formOf(settings: Settings): Form {
    const b = settings.booking;
    return { receiptTitle: b.receiptTitle, organisationNumber: b.organisationNumber, address: b.address, vatText: b.vatText };
  }

  protected patchOf(f: Form): Partial<BookingSettings> {
    return {
      receiptTitle: text(f.receiptTitle).trim(),
      organisationNumber: text(f.organisationNumber).trim(),
      address: text(f.address).trim(),
      vatText: text(f.vatText).trim(),
    };
  }

  protected check(f: Form): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const [name, max] of Object.entries(MAX)) if (text(f[name]).trim().length > max) errors[name] = this.texts.t('tooLong', { max });
    const number = text(f.organisationNumber).trim();
    if (!errors.organisationNumber && number && !/^[0-9A-Za-z][0-9A-Za-z -]*$/.test(number)) errors.organisationNumber = this.texts.t('badOrganisationNumber');
    // Anything else the server would refuse (line breaks in a one-line field, control characters).
    for (const name of Object.keys(MAX) as (keyof typeof MAX)[]) {
      if (!errors[name] && !passes(BookingSettingsSchema.shape[name], text(f[name]).trim()))
        errors[name] = this.texts.t(name === 'organisationNumber' ? 'badOrganisationNumber' : 'tooLong', { max: MAX[name] });
    }
    return errors;
  }

  protected renderForm() {
    return html`
      <p class="hint">${this.texts.t('receiptsIntro')}</p>
      ${this.field({ name: 'receiptTitle', label: this.texts.t('receiptTitle'), kind: 'text', hint: this.texts.t('receiptTitleHint') })}
      ${this.field({ name: 'organisationNumber', label: this.texts.t('organisationNumber'), kind: 'text', hint: this.texts.t('organisationNumberHint') })}
      ${this.field({ name: 'address', label: this.texts.t('address'), kind: 'textarea' })}
      ${this.field({ name: 'vatText', label: this.texts.t('vatText'), kind: 'textarea', hint: this.texts.t('vatTextHint') })}
    `;
  }
}
