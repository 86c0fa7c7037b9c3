import { html, LitElement, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { theme } from '../styles.js';
import { styles } from './text-field.styles.js';

/**
 * @summary A labelled text input that takes part in forms (form-associated: its value is in the
 * form's `FormData`, its validity stops submission) and shows its own inline error.
 *
 * The message appears once the visitor has left the field or tried to submit, never while they
 * are still typing a first value; `:state(invalid)` and `:state(touched)` style it.
 *
 * @csspart label - The label.
 * @csspart hint - The hint under the input.
 * @csspart input - The `<input>` or `<textarea>`.
 * @csspart error - The error message.
 */
export class TidbokTextField extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [theme, styles];

  // Reactive properties here rather than as `@property`/`@state` decorators, which would put
  // Lit's decorator helpers into the embed bundle (rollup.config.mjs).
  static override properties = {
    label: {},
    name: { reflect: true },
    value: {},
    type: {},
    autocomplete: {},
    inputmode: {},
    hint: {},
    required: { type: Boolean, reflect: true },
    maxlength: { type: Number },
    missing: {},
    check: { attribute: false },
    touched: { state: true },
    custom: { state: true },
  };

  /** The visible label; also the input's accessible name. */
  label = '';
  name = '';
  value = '';
  /** `text`, `email`, `tel` or `textarea`. */
  type: 'text' | 'email' | 'tel' | 'textarea' = 'text';
  autocomplete: string | undefined;
  inputmode: string | undefined;
  /** Extra words under the label ("optional", a format), read as the input's description. */
  hint = '';
  required = false;
  maxlength: number | undefined;
  /** The message for an empty required field. */
  missing = '';
  /** Checks a non-empty value: returns the message to show, or `''` when it is fine. */
  check: ((value: string) => string) | undefined;
  /** Whether the visitor has been told about errors (left the field or submitted). */
  touched = false;
  /** A message set from outside (the server's verdict); cleared when the value changes. */
  private custom = '';

  readonly #internals = this.attachInternals();
  #initial = '';

  constructor() {
    super();
    // A failed form submission fires `invalid` at each invalid control: show the message inline
    // instead of the browser's bubble.
    this.addEventListener('invalid', (event) => {
      event.preventDefault();
      this.touched = true;
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#initial = this.value;
  }

  /** The message currently in force, `''` when valid. */
  get validationMessage(): string {
    const value = this.value.trim();
    if (this.custom) return this.custom;
    if (!value) return this.required ? this.missing || 'Required' : '';
    return this.check?.(value) ?? '';
  }

  get #input(): HTMLInputElement | HTMLTextAreaElement {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea')!;
  }

  get form(): HTMLFormElement | null {
    return this.#internals.form;
  }

  checkValidity(): boolean {
    return this.#internals.checkValidity();
  }

  /** Shows the field's message at once (the server rejected the value). */
  setCustomError(message: string): void {
    this.custom = message;
    this.touched = true;
  }

  formResetCallback(): void {
    this.value = this.#initial;
    this.custom = '';
    this.touched = false;
  }

  override updated(): void {
    // What `live(this.value)` in the template would do, without the directive in the bundle: the
    // input shows `value` even where the visitor's typing left it different from the last render
    // (a form reset, a value set back to what it was).
    if (this.#input.value !== this.value) this.#input.value = this.value;
    this.#sync();
  }

  /** Value and validity to the form at once, so a submit right after typing sees them. */
  #sync(): void {
    const message = this.validationMessage;
    this.#internals.setFormValue(this.value);
    this.#internals.setValidity(message ? { customError: true } : {}, message, this.#input);
    const states = this.#internals.states;
    states[message ? 'add' : 'delete']('invalid');
    states[this.touched ? 'add' : 'delete']('touched');
  }

  override render() {
    const message = this.touched ? this.validationMessage : '';
    const described = [this.hint ? 'hint' : '', 'error'].filter(Boolean).join(' ');
    const invalid = message ? 'true' : 'false';
    return html`
      <label part="label" for="input">${this.label}</label>
      ${
        this.type === 'textarea'
          ? html`<textarea
              part="input"
              id="input"
              ?required=${this.required}
              maxlength=${ifDefined(this.maxlength)}
              aria-invalid=${invalid}
              aria-describedby=${described}
              @input=${this.#onInput}
              @blur=${this.#onBlur}
            ></textarea>`
          : html`<input
              part="input"
              id="input"
              type=${this.type}
              ?required=${this.required}
              maxlength=${ifDefined(this.maxlength)}
              autocomplete=${ifDefined(this.autocomplete)}
              inputmode=${ifDefined(this.inputmode)}
              aria-invalid=${invalid}
              aria-describedby=${described}
              @input=${this.#onInput}
              @blur=${this.#onBlur}
            />`
      }
      ${this.hint ? html`<span class="hint" part="hint" id="hint">${this.hint}</span>` : nothing}
      <p class="error" part="error" id="error">${message}</p>
    `;
  }

  #onInput(event: Event): void {
    // The native event is composed and reaches the page as it is.
    this.value = (event.target as HTMLInputElement).value;
    this.custom = '';
    this.#sync();
  }

  #onBlur(): void {
    if (this.value.trim() || this.custom) this.touched = true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-text-field': TidbokTextField;
  }
}
