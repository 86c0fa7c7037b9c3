import type { CreateClientBody } from '@tidbok/core';
import type { Client, TreatmentType } from '@tidbok/sdk';
import { html, nothing, type TemplateResult } from 'lit';
// live(): what staff typed (`1430`) is read back as `14:30`, so the field must be compared with the DOM, not the last value set.
import { live } from 'lit/directives/live.js';
import type { ClinicData } from '../calendar/clinic-data.js';
import type { Locale } from '../i18n.js';
import type { ActivityForm, BookingForm, EntryForm, FieldErrors, FieldName, WorkingTimeForm } from './form.js';
import type { TextsController } from '../shared/texts.js';
import type { PopupMessageKey } from './messages.js';

/** What the field templates need from the popup (entry-popup.ts implements it). */
export interface FieldsHost {
  readonly uid: string;
  readonly locale: Locale;
  readonly data: ClinicData | undefined;
  readonly errors: FieldErrors;
  /** A new entry (a draft) rather than an existing one. */
  readonly isNew: boolean;
  readonly suggestedClient: Client | null;
  readonly texts: Pick<TextsController<PopupMessageKey>, 't'>;
  edit(changes: Partial<BookingForm> | Partial<WorkingTimeForm> | Partial<ActivityForm>, clear?: FieldName): void;
  onTimeChange(field: 'date' | 'startTime' | 'endTime', value: string): void;
  onPractitioner(id: string): void;
  onTreatmentType(id: string): void;
  renderDuplicate(): TemplateResult | typeof nothing;
}

const errorText = (h: FieldsHost, field: FieldName) => {
  const message = h.errors[field];
  return message ? html`<span class="field-error" id="${h.uid}-${field}-error">${message}</span>` : nothing;
};
const invalid = (h: FieldsHost, field: FieldName) => (h.errors[field] ? 'true' : 'false');
const describedBy = (h: FieldsHost, field: FieldName) => (h.errors[field] ? `${h.uid}-${field}-error` : nothing);
const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;

/**
 * Date, from and to as text in the clinic's format (ISO date, 24-hour time) whatever the
 * browser's language: `<input type=time>` would show a 12-hour clock in an English browser.
 * What is typed is read by `normaliseTime`/`normaliseDate` (form.ts) when the field is left.
 */
function renderTime(h: FieldsHost, form: EntryForm) {
  const id = h.uid;
  const field = (name: 'date' | 'start' | 'end', key: 'date' | 'startTime' | 'endTime', label: PopupMessageKey) => html`
    <div class="field">
      <label for="${id}-${name}">${h.texts.t(label)}</label>
      <input
        id="${id}-${name}"
        name=${name}
        type="text"
        inputmode="numeric"
        autocomplete="off"
        spellcheck="false"
        size=${name === 'date' ? 10 : 5}
        maxlength=${name === 'date' ? 10 : 5}
        pattern=${name === 'date' ? '\\d{4}-\\d{2}-\\d{2}' : '([01]\\d|2[0-3]):[0-5]\\d'}
        placeholder=${h.texts.t(name === 'date' ? 'datePlaceholder' : 'timePlaceholder')}
        required
        .value=${live(form[key])}
        aria-invalid=${invalid(h, 'time')}
        aria-describedby=${describedBy(h, 'time')}
        @change=${(e: Event) => h.onTimeChange(key, value(e))}
      />
    </div>
  `;
  return html`
    <div class="time" role="group" aria-label=${h.texts.t('date')}>
      ${field('date', 'date', 'date')} ${field('start', 'startTime', 'from')} ${field('end', 'endTime', 'to')}
    </div>
    ${errorText(h, 'time')}
  `;
}

function renderPractitioner(h: FieldsHost, form: EntryForm) {
  const id = `${h.uid}-practitioner`;
  return html`
    <div class="field">
      <label for=${id}>${h.texts.t('practitioner')}</label>
      <select
        id=${id}
        name="practitioner"
        aria-invalid=${invalid(h, 'practitioner')}
        aria-describedby=${describedBy(h, 'practitioner')}
        @change=${(e: Event) => h.onPractitioner(value(e))}
      >
        ${form.practitionerId ? nothing : html`<option value="" selected>—</option>`}
        ${(h.data?.practitioners ?? []).map((p) => html`<option value=${p.id} ?selected=${p.id === form.practitionerId}>${p.name}</option>`)}
      </select>
      ${errorText(h, 'practitioner')}
    </div>
  `;
}

function renderLocation(h: FieldsHost, form: BookingForm | WorkingTimeForm) {
  const id = `${h.uid}-location`;
  return html`
    <div class="field">
      <label for=${id}>${h.texts.t('location')}</label>
      <select id=${id} name="location" @change=${(e: Event) => h.edit({ locationId: value(e) })}>
        <option value="" ?selected=${!form.locationId}>${h.texts.t('noLocation')}</option>
        ${(h.data?.locations ?? []).map((l) => html`<option value=${l.id} ?selected=${l.id === form.locationId}>${l.name}</option>`)}
      </select>
    </div>
  `;
}

function renderNote(h: FieldsHost, form: BookingForm | ActivityForm) {
  const id = `${h.uid}-note`;
  return html`
    <div class="field">
      <label for=${id}>${h.texts.t('note')}</label>
      <textarea id=${id} name="note" rows="2" .value=${form.note} @input=${(e: Event) => h.edit({ note: value(e) })}></textarea>
    </div>
  `;
}

/**
 * The treatment types offered for a booking: those the chosen practitioner offers (all, with a
 * hint, when none are chosen for them), the booking's own kept even if no longer offered.
 * Types not bookable online are marked "staff only".
 */
export function offeredTypes(data: ClinicData | undefined, practitionerId: string, current: string): { types: TreatmentType[]; all: boolean } {
  const everything = data?.treatmentTypes ?? [];
  const practitioner = data?.practitioners.find((p) => p.id === practitionerId);
  if (!practitioner || practitioner.treatmentTypeIds.length === 0) return { types: everything, all: Boolean(practitioner) };
  return { types: everything.filter((tt) => practitioner.treatmentTypeIds.includes(tt.id) || tt.id === current), all: false };
}

function renderBookingFields(h: FieldsHost, form: BookingForm) {
  const { types, all } = offeredTypes(h.data, form.practitionerId, form.treatmentTypeId);
  const offered = h.data?.practitioners.find((p) => p.id === form.practitionerId)?.treatmentTypeIds ?? [];
  const option = (tt: TreatmentType) => {
    const marks = [
      ...(tt.onlineBookable ? [] : [h.texts.t('staffOnly')]),
      ...(offered.length > 0 && !offered.includes(tt.id) ? [h.texts.t('notOffered')] : []),
    ];
    return html`<option value=${tt.id} ?selected=${tt.id === form.treatmentTypeId}>
      ${tt.name} (${tt.durationMinutes} min)${marks.length > 0 ? ` – ${marks.join(', ')}` : ''}
    </option>`;
  };
  const ttId = `${h.uid}-treatment`;
  const hintId = `${h.uid}-types-hint`;
  return html`
    <div class="field">
      <tidbok-client-picker
        .locale=${h.locale}
        .label=${h.texts.t('client')}
        .client=${form.client}
        .newClient=${form.newClient}
        .suggested=${h.suggestedClient}
        allow-new
        ?invalid=${Boolean(h.errors.client)}
        @tidbok-client-change=${(e: CustomEvent<{ client: Client | null; newClient: CreateClientBody | null }>) => {
          e.stopPropagation();
          h.edit({ client: e.detail.client, newClient: e.detail.newClient }, 'client');
        }}
      ></tidbok-client-picker>
      ${errorText(h, 'client')} ${h.renderDuplicate()}
    </div>
    ${renderPractitioner(h, form)}
    <div class="field">
      <label for=${ttId}>${h.texts.t('treatmentType')}</label>
      <select
        id=${ttId}
        name="treatmentType"
        aria-invalid=${invalid(h, 'treatmentType')}
        aria-describedby=${h.errors.treatmentType ? `${h.uid}-treatmentType-error` : all ? hintId : nothing}
        @change=${(e: Event) => h.onTreatmentType(value(e))}
      >
        <option value="" ?selected=${!form.treatmentTypeId}>${h.texts.t('chooseTreatmentType')}</option>
        ${types.map(option)}
      </select>
      ${all ? html`<span class="hint" id=${hintId}>${h.texts.t('noTypesOffered')}</span>` : nothing} ${errorText(h, 'treatmentType')}
    </div>
    ${renderLocation(h, form)}
    ${
      h.isNew
        ? html`
            <fieldset>
              <legend>${h.texts.t('confirmation')}</legend>
              <div class="radios">
                ${(['email', 'sms', 'none'] as const).map(
                  (channel) => html`
                    <label class="check">
                      <input
                        type="radio"
                        name="${h.uid}-confirmation"
                        value=${channel}
                        .checked=${form.confirmation === channel}
                        @change=${() => h.edit({ confirmation: channel })}
                      />
                      ${h.texts.t(channel === 'email' ? 'byEmail' : channel === 'sms' ? 'bySms' : 'noConfirmation')}
                    </label>
                  `,
                )}
              </div>
            </fieldset>
          `
        : nothing
    }
    ${renderNote(h, form)}
  `;
}

function renderWorkingTimeFields(h: FieldsHost, form: WorkingTimeForm) {
  const practitioner = h.data?.practitioners.find((p) => p.id === form.practitionerId);
  const types = (practitioner?.treatmentTypeIds ?? [])
    .map((id) => h.data?.treatmentTypes.find((tt) => tt.id === id))
    .filter((tt): tt is TreatmentType => Boolean(tt));
  return html`
    ${renderPractitioner(h, form)} ${renderLocation(h, form)}
    <fieldset>
      <legend>${h.texts.t('practitionerTreatmentTypes')}</legend>
      <p class="hint" id="${h.uid}-narrow">${h.texts.t('narrowHint')}</p>
      <div class="types" role="group" aria-describedby="${h.uid}-narrow">
        ${types.map(
          (tt) => html`
            <label class="check">
              <input
                type="checkbox"
                value=${tt.id}
                .checked=${form.typeIds.includes(tt.id)}
                @change=${(e: Event) => {
                  const on = (e.target as HTMLInputElement).checked;
                  h.edit({ typeIds: on ? [...form.typeIds, tt.id] : form.typeIds.filter((id) => id !== tt.id) });
                }}
              />
              <span class="swatch" style="background:${tt.color}" aria-hidden="true"></span>
              ${tt.name}
            </label>
          `,
        )}
      </div>
    </fieldset>
  `;
}

function renderActivityFields(h: FieldsHost, form: ActivityForm) {
  const id = `${h.uid}-title`;
  return html`
    ${renderPractitioner(h, form)}
    <div class="field">
      <label for=${id}>${h.texts.t('title')}</label>
      <input
        id=${id}
        name="title"
        type="text"
        .value=${form.title}
        aria-invalid=${invalid(h, 'title')}
        aria-describedby=${describedBy(h, 'title')}
        @input=${(e: Event) => h.edit({ title: value(e) }, 'title')}
      />
      ${errorText(h, 'title')}
    </div>
    ${renderNote(h, form)}
    <p class="hint">${h.texts.t('activityHint')}</p>
  `;
}

/** The form of any kind: the time fields, then the kind's own. */
export function renderFields(h: FieldsHost, form: EntryForm) {
  return html`
    ${renderTime(h, form)}
    ${form.kind === 'booking' ? renderBookingFields(h, form) : form.kind === 'workingTime' ? renderWorkingTimeFields(h, form) : renderActivityFields(h, form)}
  `;
}
