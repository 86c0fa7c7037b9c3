import { html, nothing, type TemplateResult } from 'lit';

/*
 * The form pieces every settings section shares: the field description, how a field is drawn
 * (label, hint, error tied to it with aria-describedby) and the number conversions.
 */

export type FormValue = string | boolean | string[];
export type Form = Record<string, FormValue>;

export interface Field {
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

/** What a field needs from the element that shows it. */
export interface FieldHost {
  form: Form;
  errors: Record<string, string>;
  setValue(name: string, value: FormValue): void;
}

export const money = (cents: number) => String(cents / 100);
export const cents = (value: FormValue) => Math.round(Number(String(value).replace(',', '.')) * 100);
export const numberOf = (value: FormValue) => Number(String(value).replace(',', '.'));
export const text = (value: FormValue | undefined) => (typeof value === 'string' ? value : '');

/** Empty required fields and non-numbers, as field name → sentence (`needName`, `badNumber`). */
export function fieldErrors(fields: Field[], form: Form, sentences: { needName: string; badNumber: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = form[field.name];
    if (field.required && !text(value).trim()) errors[field.name] = sentences.needName;
    else if (field.kind === 'number' && text(value).trim() && Number.isNaN(numberOf(value!))) errors[field.name] = sentences.badNumber;
  }
  return errors;
}

export function renderField(h: FieldHost, field: Field): TemplateResult {
  const id = `f-${field.name}`;
  const value = h.form[field.name];
  const error = h.errors[field.name];
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
            @change=${(e: Event) => h.setValue(field.name, (e.target as HTMLInputElement).checked)}
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
                    h.setValue(field.name, (e.target as HTMLInputElement).checked ? [...chosen, option.value] : chosen.filter((v) => v !== option.value))}
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
        <select id=${id} aria-describedby=${described} @change=${(e: Event) => h.setValue(field.name, (e.target as HTMLSelectElement).value)}>
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
          @input=${(e: Event) => h.setValue(field.name, (e.target as HTMLTextAreaElement).value)}
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
            @input=${(e: Event) => h.setValue(field.name, (e.target as HTMLInputElement).value)}
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
          @input=${(e: Event) => h.setValue(field.name, (e.target as HTMLInputElement).value)}
        />
        ${hint}${errorText}
      </div>`;
  }
}
