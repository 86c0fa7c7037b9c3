import { html, LitElement } from 'lit';
import { theme } from '../styles.js';
import { styles } from './radio-group.styles.js';

export interface RadioOption {
  value: string;
  label: string;
}

/**
 * @summary A small set of choices as native radio buttons in a fieldset, taking part in forms
 * (form-associated). Arrow keys move between the choices, as with any radio group.
 *
 * @event change - The visitor picked another choice; read `value`.
 * @csspart legend - The group's label.
 * @csspart option - The label around each radio button.
 */
export class TidbokRadioGroup extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [theme, styles];

  // Reactive properties here rather than as `@property`/`@state` decorators, which would put
  // Lit's decorator helpers into the embed bundle (rollup.config.mjs).
  static override properties = {
    label: {},
    name: { reflect: true },
    value: {},
    options: { attribute: false },
  };

  /** The group's visible label (its legend). */
  label = '';
  name = '';
  value = '';
  options: RadioOption[] = [];

  private readonly internals = this.attachInternals();

  override updated(): void {
    this.internals.setFormValue(this.value);
  }

  override render() {
    return html`
      <fieldset>
        <legend part="legend">${this.label}</legend>
        <div class="options">
          ${this.options.map(
            (option) => html`
              <label part="option">
                <input type="radio" name="choice" .value=${option.value} .checked=${option.value === this.value} @change=${this.onChange} />
                ${option.label}
              </label>
            `,
          )}
        </div>
      </fieldset>
    `;
  }

  private onChange(event: Event): void {
    this.value = (event.target as HTMLInputElement).value;
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tidbok-radio-group': TidbokRadioGroup;
  }
}
