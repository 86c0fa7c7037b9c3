import { html, nothing } from 'lit';
import type { TidbokAdminSettings } from './admin-settings.js';
import { type Field, type Form, numberOf, text } from './form.js';

/* The Modules and Booking sections: the booking module on or off, and the booking rules. */

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

export function renderModules(h: TidbokAdminSettings) {
  const on = h.settings?.modules.booking ?? false;
  return html`
    <div class="card">
      <label class="check">
        <input
          id="module-booking"
          type="checkbox"
          .checked=${on}
          ?disabled=${h.busy}
          aria-describedby="module-hint"
          @change=${(e: Event) => {
            const booking = (e.target as HTMLInputElement).checked;
            void h.save(() => h.connection!.admin!.settings.update({ modules: { booking } }));
          }}
        />
        ${h.texts.t('bookingModule')}
      </label>
      <p class="hint" id="module-hint">${h.texts.t('bookingModuleHint')}</p>
      ${h.formError ? html`<p class="error" role="alert">${h.formError}</p>` : nothing}
      ${h.message ? html`<p class="ok" role="status">${h.message}</p>` : nothing}
    </div>
  `;
}

export function bookingForm(h: TidbokAdminSettings): Form {
  const s = h.settings;
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
    anonymousHoldsPerPractitionerDay: String(b.anonymousHoldsPerPractitionerDay),
    holdsPerNetworkPerHour: String(b.holdsPerNetworkPerHour),
    confirmAnonymousBookingsByEmail: b.confirmAnonymousBookingsByEmail,
    smsCountries: (b.smsCountries ?? []).join(' '),
    smsNewNumbersPerHour: String(b.smsNewNumbersPerHour),
    smsNewNumbersPerDay: String(b.smsNewNumbersPerDay),
    calendarFeedClientNames: b.calendarFeedClientNames,
  };
}

export function renderBooking(h: TidbokAdminSettings) {
  const fields: Field[] = [
    { name: 'name', label: h.texts.t('clinicName'), kind: 'text', required: true },
    { name: 'timeZone', label: h.texts.t('timeZone'), kind: 'text', required: true },
    {
      name: 'locale',
      label: h.texts.t('language'),
      kind: 'select',
      options: [
        { value: 'sv', label: h.texts.t('swedish') },
        { value: 'en', label: h.texts.t('english') },
      ],
    },
    { name: 'slotIntervalMinutes', label: h.texts.t('slotInterval'), kind: 'number' },
    { name: 'minNoticeHours', label: h.texts.t('minNotice'), kind: 'number' },
    { name: 'horizonDays', label: h.texts.t('horizon'), kind: 'number' },
    { name: 'holdMinutes', label: h.texts.t('holdMinutes'), kind: 'number' },
    { name: 'cancellationWindowHours', label: h.texts.t('cancellationWindow'), kind: 'number' },
    {
      name: 'publicBooking',
      label: h.texts.t('publicBooking'),
      kind: 'select',
      options: [
        { value: 'open', label: h.texts.t('publicOpen') },
        { value: 'clients-only', label: h.texts.t('publicClientsOnly') },
      ],
    },
    {
      name: 'personalNumber',
      label: h.texts.t('personalNumberField'),
      kind: 'select',
      options: (['hidden', 'optional', 'required'] as const).map((value) => ({ value, label: h.texts.t(value) })),
    },
    {
      name: 'staffConfirmationDefault',
      label: h.texts.t('staffConfirmation'),
      kind: 'select',
      options: [
        { value: 'email', label: h.texts.t('byEmail') },
        { value: 'sms', label: h.texts.t('bySms') },
        { value: 'none', label: h.texts.t('noConfirmation') },
      ],
    },
    { name: 'bookingInfoText', label: h.texts.t('bookingInfoText'), kind: 'textarea' },
    // The allowed websites have their own screen (website-settings.ts).
    { name: 'smsCountries', label: h.texts.t('smsCountries'), kind: 'text', hint: h.texts.t('smsCountriesHint') },
    { name: 'smsNewNumbersPerHour', label: h.texts.t('smsPerHour'), kind: 'number', hint: h.texts.t('smsBudgetHint') },
    { name: 'smsNewNumbersPerDay', label: h.texts.t('smsPerDay'), kind: 'number' },
    { name: 'calendarFeedClientNames', label: h.texts.t('calendarFeedClientNames'), kind: 'checkbox', hint: h.texts.t('calendarFeedClientNamesHint') },
    { name: 'confirmAnonymousBookingsByEmail', label: h.settingsTexts.t('confirmByEmail'), kind: 'checkbox', hint: h.settingsTexts.t('confirmByEmailHint') },
    { name: 'anonymousHoldsPerPractitionerDay', label: h.settingsTexts.t('holdsPerDay'), kind: 'number', hint: h.settingsTexts.t('holdsPerDayHint') },
    { name: 'holdsPerNetworkPerHour', label: h.settingsTexts.t('holdsPerNetwork'), kind: 'number', hint: h.settingsTexts.t('holdsPerNetworkHint') },
  ];
  return html`
    <form
      class="card"
      novalidate
      aria-label=${h.texts.t('bookingSettings')}
      @submit=${(e: Event) => {
        e.preventDefault();
        if (!h.check(fields)) return;
        // Read at submit time: a change typed just before may not have re-rendered yet.
        const f = h.form;
        void h.save(() =>
          h.connection!.admin!.settings.update({
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
              anonymousHoldsPerPractitionerDay: numberOf(f.anonymousHoldsPerPractitionerDay!),
              holdsPerNetworkPerHour: numberOf(f.holdsPerNetworkPerHour!),
              confirmAnonymousBookingsByEmail: f.confirmAnonymousBookingsByEmail === true,
              ...smsLimits(f),
              calendarFeedClientNames: f.calendarFeedClientNames === true,
            },
          }),
        );
      }}
    >
      <div class="row">${fields.slice(0, 3).map((field) => h.renderField(field))}</div>
      ${fields.slice(3).map((field) => h.renderField(field))} ${renderSmsBudget(h)}
      ${h.formError ? html`<p class="error" role="alert">${h.formError}</p>` : nothing}
      <div class="buttons">
        <button class="btn primary" type="submit" ?disabled=${h.busy}>${h.busy ? h.texts.t('saving') : h.texts.t('save')}</button>
        ${h.message ? html`<span class="ok" role="status">${h.message}</span>` : nothing}
      </div>
    </form>
  `;
}

/** How much of the SMS budget is used, and a warning while it holds SMS back. */
export function renderSmsBudget(h: TidbokAdminSettings) {
  const b = h.smsBudget;
  if (!b) return nothing;
  return html`<p class=${b.exhausted ? 'error' : 'hint'} part="sms-budget" role=${b.exhausted ? 'alert' : nothing}>
    ${h.texts.t('smsBudgetUsed', { hour: b.hour.used, hourLimit: b.hour.limit, day: b.day.used, dayLimit: b.day.limit, codes: b.callingCodes.join(' ') })}
    ${b.exhausted ? html`<br />${h.texts.t('smsBudgetExhausted')}` : nothing}
    ${b.refusedLastDay > 0 ? html`<br />${h.texts.t('smsBudgetRefused', { count: b.refusedLastDay })}` : nothing}
  </p>`;
}
